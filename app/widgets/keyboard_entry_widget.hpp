// The common part of the widgets answered by typing (text, number, postcode, email, phone):
// a text buffer edited by the on-screen keyboard, turned into the question's value on each
// edit, and re-read from the value when it changes from outside (Back, a wipe).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "app/widgets/on_screen_keyboard.hpp"
#include "app/widgets/question_widget.hpp"

namespace fv::widgets {

class KeyboardEntryWidget : public QuestionWidget {
  public:
    KeyboardEntryWidget(const Question& question, KeyboardLayout layout, std::size_t max_chars);
    bool draw(const WidgetContext& ctx, nlohmann::json& value) override;

  protected:
    // The value the typed text stands for; null when nothing is typed.
    virtual nlohmann::json value_from_text(const std::string& text) const;
    // The text to show for a value set from outside.
    virtual std::string text_from_value(const nlohmann::json& value) const;
    // Drawn between the field and the keys (a counter, the normalised postcode).
    virtual void draw_between(const WidgetContext& ctx, const nlohmann::json& value) {
        (void)ctx;
        (void)value;
    }

    Question question_;

  private:
    OnScreenKeyboard keyboard_;
    std::string text_;
    nlohmann::json last_value_;  // what this widget last wrote
};

}  // namespace fv::widgets
