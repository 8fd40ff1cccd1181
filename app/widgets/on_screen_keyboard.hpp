// The on-screen keyboard for touch kiosks: a field showing what was typed and big keys under
// it. Taps on the keys and typing on a physical keyboard edit the same text, so a kiosk with
// a keyboard attached and one without behave alike.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "app/widgets/question_widget.hpp"

namespace fv::widgets {

enum class KeyboardLayout {
    Text,      // QWERTY with shift, digits and symbols page, Polish letters
    Email,     // lower-case QWERTY with @ . - _ keys, no space
    Postcode,  // digits and capital letters, space
    Number,    // keypad: digits, one decimal point, a leading minus
    Phone,     // keypad: digits, +, space
};

class OnScreenKeyboard {
  public:
    // `max_chars` limits the text in characters (not bytes); 0 means no limit.
    explicit OnScreenKeyboard(KeyboardLayout layout, std::size_t max_chars = 0)
        : layout_(layout), max_chars_(max_chars) {}

    // Draws the field and the keys, applies taps and physical typing to `text`. Returns true
    // when `text` changed.
    bool draw(const WidgetContext& ctx, std::string& text) {
        const bool typed = draw_field(ctx, text);
        return draw_keys(ctx, text) || typed;
    }
    // The two halves of draw(), for a widget that shows something between them (a counter).
    // draw_field also takes physical typing, so it must come first each frame.
    bool draw_field(const WidgetContext& ctx, std::string& text);
    bool draw_keys(const WidgetContext& ctx, std::string& text);

    // Whether `c` may be added to `text` under this layout's rules and the length limit.
    bool accepts(const std::string& text, char32_t c) const;
    // Adds `s` (UTF-8) character by character, skipping what accepts() refuses.
    bool insert(std::string& text, std::string_view s) const;

  private:
    bool physical_input(std::string& text);
    bool draw_qwerty(const WidgetContext& ctx, std::string& text, float width);
    bool draw_keypad(const WidgetContext& ctx, std::string& text, float width);

    KeyboardLayout layout_;
    std::size_t max_chars_;
    bool shift_ = false;    // one-shot: the next letter is a capital
    bool symbols_ = false;  // digits and symbols page instead of letters
    bool accents_ = false;  // the accented-letters row, shown by itself in a Polish visit
};

// Removes the last character (a whole UTF-8 sequence) of `text`; false when it was empty.
bool erase_last_char(std::string& text);
// UTF-8 of one code point.
std::string utf8_encode(char32_t c);

}  // namespace fv::widgets
