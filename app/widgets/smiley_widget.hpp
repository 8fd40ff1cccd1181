// Five faces drawn large, from very unhappy (1) to very happy (5), each with its name under
// it, so the scale reads without words and with them.
#pragma once

#include "app/widgets/question_widget.hpp"

namespace fv::widgets {

class SmileyWidget : public QuestionWidget {
  public:
    explicit SmileyWidget(const Question& question) : question_(question) {}
    bool draw(const WidgetContext& ctx, nlohmann::json& value) override;

  private:
    Question question_;
};

}  // namespace fv::widgets
