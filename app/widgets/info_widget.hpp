// An information page: the screen shows the prompt; there is nothing to answer.
#pragma once

#include "app/widgets/question_widget.hpp"

namespace fv::widgets {

class InfoWidget : public QuestionWidget {
  public:
    bool draw(const WidgetContext& ctx, nlohmann::json& value) override {
        (void)ctx;
        (void)value;
        return false;
    }
};

}  // namespace fv::widgets
