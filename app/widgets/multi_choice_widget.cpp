// Multiple choice (see multi_choice_widget.hpp).
#include "app/widgets/multi_choice_widget.hpp"

#include <algorithm>

#include "app/widgets/single_choice_widget.hpp"
#include "app/widgets/widget_kit.hpp"

namespace fv::widgets {

MultiChoiceWidget::MultiChoiceWidget(const Question& question)
    : question_(question), keyboard_(KeyboardLayout::Text, 200) {}

nlohmann::json MultiChoiceWidget::value_of(const std::vector<std::string>& chosen,
                                           bool other) const {
    nlohmann::json out = nlohmann::json::array();
    for (const Option& option : question_.options) {
        if (std::find(chosen.begin(), chosen.end(), option.id) != chosen.end())
            out.push_back(option.id);
    }
    if (other) out.push_back(std::string(kOtherPrefix) + other_text_);
    if (out.empty()) return nullptr;
    return out;
}

bool MultiChoiceWidget::draw(const WidgetContext& ctx, nlohmann::json& value) {
    ImGui::PushID(question_.id.c_str());
    std::vector<std::string> chosen;
    bool other = false;
    std::string other_in_value;
    if (value.is_array()) {
        for (const auto& v : value) {
            if (is_other_value(v)) {
                other = true;
                other_in_value = other_text_of(v);
            } else if (v.is_string()) {
                chosen.push_back(v.get<std::string>());
            }
        }
    }
    if (value != last_value_) {
        other_text_ = other_in_value;
        last_value_ = value;
    }

    const float width = available_width(ctx);
    const float height = target_height(ctx.theme);
    const RowSpacing spacing(target_gap(ctx.theme));
    const auto count = chosen.size() + (other ? 1 : 0);
    const bool full =
        question_.max_choices && count >= static_cast<std::size_t>(*question_.max_choices);
    if (question_.max_choices) {
        ui::muted(ctx.strings.format("widget.multi.choose_up_to",
                                     std::to_string(*question_.max_choices)));
    }
    bool changed = false;
    const OptionGrid grid(static_cast<int>(question_.options.size()) + (question_.other ? 1 : 0),
                          width, height, target_gap(ctx.theme));
    int placed = 0;
    for (const Option& option : question_.options) {
        const auto it = std::find(chosen.begin(), chosen.end(), option.id);
        const bool selected = it != chosen.end();
        grid.place(placed++);
        if (option_button(ctx, question_, option, grid.size(), selected || !full, selected)) {
            if (selected) {
                chosen.erase(it);
            } else {
                chosen.push_back(option.id);
            }
            changed = true;
        }
    }
    if (question_.other) {
        grid.place(placed++);
        if (ui::button(ctx.strings("widget.other"), grid.size(), other || !full, other,
                       "other")) {
            other = !other;
            changed = true;
            reveal_keyboard_ = other;
        }
        if (other) {
            ui::text(ctx.strings("widget.other.prompt"));
            changed |= keyboard_.draw(ctx, other_text_);
            if (reveal_keyboard_) ImGui::SetScrollHereY(1.0f);
            reveal_keyboard_ = false;
        }
    }
    if (changed) value = value_of(chosen, other);
    last_value_ = value;
    ImGui::PopID();
    return changed;
}

std::string MultiChoiceWidget::problem(const WidgetContext& ctx,
                                       const nlohmann::json& value) const {
    if (!value.is_array()) return {};
    for (const auto& v : value) {
        if (is_other_value(v) && other_text_of(v).find_first_not_of(' ') == std::string::npos)
            return ctx.strings("widget.other.empty");
    }
    if (question_.max_choices && value.size() > static_cast<std::size_t>(*question_.max_choices))
        return ctx.strings.format("widget.multi.choose_up_to",
                                  std::to_string(*question_.max_choices));
    return {};
}

}  // namespace fv::widgets
