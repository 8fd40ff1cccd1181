// Several options as toggle buttons, at most `max` of them ("Choose up to N" is shown and the
// rest are disabled once N are chosen); `other` as in single choice.
#pragma once

#include "app/widgets/on_screen_keyboard.hpp"
#include "app/widgets/question_widget.hpp"

namespace fv::widgets {

class MultiChoiceWidget : public QuestionWidget {
  public:
    explicit MultiChoiceWidget(const Question& question);
    bool draw(const WidgetContext& ctx, nlohmann::json& value) override;
    std::string problem(const WidgetContext& ctx, const nlohmann::json& value) const override;

  private:
    // The value for a set of chosen option ids: in the definition's order, "other:" last,
    // null when nothing is chosen.
    nlohmann::json value_of(const std::vector<std::string>& chosen, bool other) const;

    Question question_;
    OnScreenKeyboard keyboard_;
    std::string other_text_;
    bool reveal_keyboard_ = false;  // scroll the keyboard into view once Other opens it
    nlohmann::json last_value_;
};

}  // namespace fv::widgets
