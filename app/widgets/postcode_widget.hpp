// A UK postcode typed on a keypad of digits and capitals, stored normalised ("OX1 1AA"), or
// only its outward code ("OX1") when the question asks for district precision.
#pragma once

#include "app/widgets/keyboard_entry_widget.hpp"

namespace fv::widgets {

class PostcodeWidget : public KeyboardEntryWidget {
  public:
    explicit PostcodeWidget(const Question& question);
    std::string problem(const WidgetContext& ctx, const nlohmann::json& value) const override;

  protected:
    nlohmann::json value_from_text(const std::string& text) const override;
    void draw_between(const WidgetContext& ctx, const nlohmann::json& value) override;

  private:
    // The value to store for `text`, or nullopt when it is no postcode this question takes.
    std::optional<std::string> normalised(const std::string& text) const;
};

// Whether `text` (any case and spacing) is a UK outward code alone ("OX1", "SW1A"); returns it
// upper-case without spaces.
std::optional<std::string> normalise_outward_code(std::string_view text);

}  // namespace fv::widgets
