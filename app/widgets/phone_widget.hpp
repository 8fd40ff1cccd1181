// A phone number typed on a keypad (digits, a leading +, spaces), with a light check that it
// has as many digits as a real number.
#pragma once

#include "app/widgets/keyboard_entry_widget.hpp"

namespace fv::widgets {

class PhoneWidget : public KeyboardEntryWidget {
  public:
    explicit PhoneWidget(const Question& question)
        : KeyboardEntryWidget(question, KeyboardLayout::Phone, 20) {}
    std::string problem(const WidgetContext& ctx, const nlohmann::json& value) const override;
};

// 7 to 15 digits (E.164 allows 15), with only spaces, ( ) - between them and an optional
// leading +.
bool looks_like_phone(std::string_view text);

}  // namespace fv::widgets
