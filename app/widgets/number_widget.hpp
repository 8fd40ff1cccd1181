// A number typed on a keypad, checked against the question's optional `min` and `max`.
#pragma once

#include "app/widgets/keyboard_entry_widget.hpp"

namespace fv::widgets {

class NumberWidget : public KeyboardEntryWidget {
  public:
    explicit NumberWidget(const Question& question);
    std::string problem(const WidgetContext& ctx, const nlohmann::json& value) const override;

  protected:
    nlohmann::json value_from_text(const std::string& text) const override;
    void draw_between(const WidgetContext& ctx, const nlohmann::json& value) override;
};

}  // namespace fv::widgets
