// Free text typed on the on-screen keyboard, limited to `max_length` characters (characters,
// not bytes, so "żółć" is 4), with a counter while the limit is set.
#pragma once

#include "app/widgets/keyboard_entry_widget.hpp"

namespace fv::widgets {

class TextWidget : public KeyboardEntryWidget {
  public:
    explicit TextWidget(const Question& question);
    std::string problem(const WidgetContext& ctx, const nlohmann::json& value) const override;

  protected:
    nlohmann::json value_from_text(const std::string& text) const override;
    void draw_between(const WidgetContext& ctx, const nlohmann::json& value) override;
};

}  // namespace fv::widgets
