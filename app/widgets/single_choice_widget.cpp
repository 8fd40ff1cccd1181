// Single choice (see single_choice_widget.hpp).
#include "app/widgets/single_choice_widget.hpp"

#include "app/widgets/widget_kit.hpp"

namespace fv::widgets {

// Long enough for a short answer; the store keeps the whole string.
constexpr std::size_t kOtherMaxChars = 200;

bool is_other_value(const nlohmann::json& v) {
    return v.is_string() && v.get<std::string>().rfind(kOtherPrefix, 0) == 0;
}

std::string other_text_of(const nlohmann::json& v) {
    return is_other_value(v) ? v.get<std::string>().substr(kOtherPrefix.size()) : std::string();
}

SingleChoiceWidget::SingleChoiceWidget(const Question& question)
    : question_(question), keyboard_(KeyboardLayout::Text, kOtherMaxChars) {}

bool SingleChoiceWidget::draw(const WidgetContext& ctx, nlohmann::json& value) {
    ImGui::PushID(question_.id.c_str());
    if (value != last_value_) {
        other_text_ = other_text_of(value);
        last_value_ = value;
    }
    const float width = available_width(ctx);
    const float height = target_height(ctx.theme);
    const RowSpacing spacing(target_gap(ctx.theme));
    bool changed = false;
    const OptionGrid grid(static_cast<int>(question_.options.size()) + (question_.other ? 1 : 0),
                          width, height, target_gap(ctx.theme));
    int placed = 0;
    for (const Option& option : question_.options) {
        const bool selected = value.is_string() && value.get<std::string>() == option.id;
        grid.place(placed++);
        if (option_button(ctx, question_, option, grid.size(), true, selected) && !selected) {
            value = option.id;
            changed = true;
        }
    }
    if (question_.other) {
        const bool selected = is_other_value(value);
        grid.place(placed++);
        if (ui::button(ctx.strings("widget.other"), grid.size(), true, selected,
                       "other") &&
            !selected) {
            value = std::string(kOtherPrefix) + other_text_;
            changed = true;
            reveal_keyboard_ = true;
        }
        if (is_other_value(value)) {
            ui::text(ctx.strings("widget.other.prompt"));
            if (keyboard_.draw(ctx, other_text_)) {
                value = std::string(kOtherPrefix) + other_text_;
                changed = true;
            }
            if (reveal_keyboard_) ImGui::SetScrollHereY(1.0f);
            reveal_keyboard_ = false;
        }
    }
    last_value_ = value;
    ImGui::PopID();
    return changed;
}

std::string SingleChoiceWidget::problem(const WidgetContext& ctx,
                                        const nlohmann::json& value) const {
    if (is_other_value(value) && other_text_of(value).find_first_not_of(' ') == std::string::npos)
        return ctx.strings("widget.other.empty");
    return {};
}

}  // namespace fv::widgets
