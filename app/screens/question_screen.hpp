// One question a screen: the prompt, the question's widget, progress, Back and Next. Next stays
// disabled while a required question is unanswered or the widget reports a problem; on the
// last question it sends the answers.
#pragma once

#include "app/screens/screen.hpp"

namespace fv::screens {

class QuestionScreen final : public Screen {
  public:
    void draw(Flow& flow) override;
};

}  // namespace fv::screens
