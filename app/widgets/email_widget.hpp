// An email address typed on a keyboard with @ and . keys, with a light check of its form
// (anything stricter refuses real addresses).
#pragma once

#include "app/widgets/keyboard_entry_widget.hpp"

namespace fv::widgets {

class EmailWidget : public KeyboardEntryWidget {
  public:
    explicit EmailWidget(const Question& question)
        : KeyboardEntryWidget(question, KeyboardLayout::Email, 254) {}
    std::string problem(const WidgetContext& ctx, const nlohmann::json& value) const override;
};

// One @, something before it, a dot inside the part after it, no spaces.
bool looks_like_email(std::string_view text);

}  // namespace fv::widgets
