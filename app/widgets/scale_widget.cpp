// Numbered scales (see scale_widget.hpp).
#include "app/widgets/scale_widget.hpp"

#include <algorithm>

#include "app/widgets/widget_kit.hpp"

namespace fv::widgets {

bool ScaleWidget::draw(const WidgetContext& ctx, nlohmann::json& value) {
    const int lo = question_.scale_min;
    const int hi = question_.scale_max;
    if (hi < lo) return false;
    ImGui::PushID(question_.id.c_str());
    const ui::Theme& theme = ctx.theme;
    const float scale = theme.text_scale > 0 ? theme.text_scale : 1.0f;
    const float width = available_width(ctx);
    const float gap = target_gap(theme);
    const float height = target_height(theme);
    const int count = hi - lo + 1;
    // As many in a row as keep each button a full touch target wide.
    int per_row = count;
    float button_w = (width - (per_row - 1) * gap) / per_row;
    if (button_w < height) {
        per_row = std::max(1, static_cast<int>((width + gap) / (height + gap)));
        button_w = (width - (per_row - 1) * gap) / per_row;
    }
    button_w = std::min(button_w, 160.0f * scale);
    const float row_w = per_row * button_w + (per_row - 1) * gap;
    const float left = std::max(0.0f, (width - row_w) / 2);
    const float x0 = ImGui::GetCursorPosX();

    bool changed = false;
    for (int n = lo; n <= hi; ++n) {
        const int col = (n - lo) % per_row;
        if (col == 0) {
            ImGui::SetCursorPosX(x0 + left);
        } else {
            ImGui::SameLine(0, gap);
        }
        const bool selected = value.is_number_integer() && value.get<int>() == n;
        if (ui::button(std::to_string(n), ImVec2(button_w, height), true, selected) && !selected) {
            value = n;
            changed = true;
        }
    }

    const std::string& min_label = local(ctx, question_.min_label);
    const std::string& max_label = local(ctx, question_.max_label);
    const float min_w = ImGui::CalcTextSize(min_label.c_str()).x;
    const float max_w = ImGui::CalcTextSize(max_label.c_str()).x;
    if (!min_label.empty()) {
        ImGui::SetCursorPosX(x0 + left);
        line_text(min_label, theme.muted_text);
    }
    if (!max_label.empty()) {
        // Same line as the min label when both fit, else under it; always ending at the right.
        if (!min_label.empty() && min_w + max_w + 2 * gap <= row_w) ImGui::SameLine();
        ImGui::SetCursorPosX(x0 + left + std::max(0.0f, row_w - max_w));
        line_text(max_label, theme.muted_text);
    }
    ImGui::PopID();
    return changed;
}

}  // namespace fv::widgets
