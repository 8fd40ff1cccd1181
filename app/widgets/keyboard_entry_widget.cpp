// Typed answers (see keyboard_entry_widget.hpp).
#include "app/widgets/keyboard_entry_widget.hpp"

#include <imgui.h>

namespace fv::widgets {

KeyboardEntryWidget::KeyboardEntryWidget(const Question& question, KeyboardLayout layout,
                                         std::size_t max_chars)
    : question_(question), keyboard_(layout, max_chars) {}

nlohmann::json KeyboardEntryWidget::value_from_text(const std::string& text) const {
    if (text.empty()) return nullptr;
    return text;
}

std::string KeyboardEntryWidget::text_from_value(const nlohmann::json& value) const {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_number_integer()) return std::to_string(value.get<long long>());
    if (value.is_number()) return value.dump();
    return {};
}

bool KeyboardEntryWidget::draw(const WidgetContext& ctx, nlohmann::json& value) {
    ImGui::PushID(question_.id.c_str());
    if (value != last_value_) {
        text_ = text_from_value(value);
        last_value_ = value;
    }
    bool edited = keyboard_.draw_field(ctx, text_);
    draw_between(ctx, value);
    edited |= keyboard_.draw_keys(ctx, text_);
    bool changed = false;
    if (edited) {
        nlohmann::json next = value_from_text(text_);
        changed = next != value;
        value = std::move(next);
        last_value_ = value;
    }
    ImGui::PopID();
    return changed;
}

}  // namespace fv::widgets
