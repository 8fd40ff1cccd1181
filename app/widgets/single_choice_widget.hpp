// One option out of several, as full-width buttons; with `other`, an "Other" button that opens
// the on-screen keyboard and stores "other:<text>".
#pragma once

#include "app/widgets/on_screen_keyboard.hpp"
#include "app/widgets/question_widget.hpp"

namespace fv::widgets {

class SingleChoiceWidget : public QuestionWidget {
  public:
    explicit SingleChoiceWidget(const Question& question);
    bool draw(const WidgetContext& ctx, nlohmann::json& value) override;
    std::string problem(const WidgetContext& ctx, const nlohmann::json& value) const override;

  private:
    Question question_;
    OnScreenKeyboard keyboard_;
    std::string other_text_;
    bool reveal_keyboard_ = false;  // scroll the keyboard into view once Other opens it
    nlohmann::json last_value_;     // what this widget last wrote
};

// "other:<text>" helpers shared by the choice widgets.
constexpr std::string_view kOtherPrefix = "other:";
bool is_other_value(const nlohmann::json& v);
std::string other_text_of(const nlohmann::json& v);

}  // namespace fv::widgets
