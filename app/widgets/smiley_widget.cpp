// Smiley faces (see smiley_widget.hpp), drawn with ImDrawList rather than images so they stay
// sharp at every text scale and follow the high-contrast theme.
#include "app/widgets/smiley_widget.hpp"

#include <algorithm>

#include "app/widgets/widget_kit.hpp"

namespace fv::widgets {
namespace {

constexpr int kFaces = 5;

void draw_face(ImDrawList* dl, ImVec2 c, float r, int level, ImU32 fill, ImU32 ink) {
    dl->AddCircleFilled(c, r, fill, 64);
    dl->AddCircle(c, r, ink, 64, std::max(2.0f, r * 0.05f));
    const float eye_r = r * 0.09f;
    dl->AddCircleFilled(ImVec2(c.x - r * 0.33f, c.y - r * 0.22f), eye_r, ink, 24);
    dl->AddCircleFilled(ImVec2(c.x + r * 0.33f, c.y - r * 0.22f), eye_r, ink, 24);
    // Mouth: -1 (a deep frown) .. +1 (a broad smile); the corners rise as the middle drops.
    const float k = static_cast<float>(level - 3) / 2.0f;
    const float y = c.y + r * 0.38f;
    const ImVec2 left(c.x - r * 0.45f, y - k * r * 0.12f);
    const ImVec2 right(c.x + r * 0.45f, y - k * r * 0.12f);
    const ImVec2 ctrl1(c.x - r * 0.2f, y + k * r * 0.28f);
    const ImVec2 ctrl2(c.x + r * 0.2f, y + k * r * 0.28f);
    dl->AddBezierCubic(left, ctrl1, ctrl2, right, ink, std::max(3.0f, r * 0.08f), 24);
    if (level == 1) {
        // Sloping brows make "very unhappy" distinct from "unhappy" at a glance.
        dl->AddLine(ImVec2(c.x - r * 0.5f, c.y - r * 0.48f),
                    ImVec2(c.x - r * 0.2f, c.y - r * 0.38f), ink, std::max(2.0f, r * 0.06f));
        dl->AddLine(ImVec2(c.x + r * 0.5f, c.y - r * 0.48f),
                    ImVec2(c.x + r * 0.2f, c.y - r * 0.38f), ink, std::max(2.0f, r * 0.06f));
    }
}

}  // namespace

bool SmileyWidget::draw(const WidgetContext& ctx, nlohmann::json& value) {
    ImGui::PushID(question_.id.c_str());
    const ui::Theme& theme = ctx.theme;
    const float scale = theme.text_scale > 0 ? theme.text_scale : 1.0f;
    const float width = available_width(ctx);
    const float gap = target_gap(theme);
    const float size =
        std::max(target_height(theme), std::min(max_face_ * scale, (width - 4 * gap) / kFaces));
    // Each face in a cell of a fifth of the width (at least the face and a gap), its name
    // under it as wide as the cell: smaller faces keep names of a line or two.
    const float cell = std::max(size + gap, (width + gap) / kFaces);
    const float row = kFaces * cell - gap;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float left = origin.x + std::max(0.0f, (width - row) / 2);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    bool changed = false;
    float label_height = 0;
    for (int i = 0; i < kFaces; ++i) {
        const int level = i + 1;
        const bool selected = value.is_number_integer() && value.get<int>() == level;
        const std::string label = ctx.strings("widget.smiley." + std::to_string(level));
        // The whole cell's width takes the tap, not only the face.
        const float cell_x = left + i * cell;
        const ImVec2 p(cell_x + (cell - gap - size) / 2, origin.y);
        ImGui::SetCursorScreenPos(ImVec2(cell_x, origin.y));
        ImGui::PushID(level);
        if (ImGui::InvisibleButton("face", ImVec2(cell - gap, size)) && !selected) {
            value = level;
            changed = true;
        }
        ImGui::PopID();
        const bool now = value.is_number_integer() && value.get<int>() == level;
        ui::report_last_item(label, true, now);
        const ImVec2 c(p.x + size / 2, p.y + size / 2);
        const float r = size * 0.42f;
        draw_face(dl, c, r, level, colour(now ? theme.selected : theme.button),
                  colour(now ? theme.selected_text : theme.button_text));
        if (now) dl->AddCircle(c, size * 0.49f, colour(theme.focus), 64, 5.0f);
        label_height = std::max(
            label_height, centred_text(label, ImVec2(cell_x - gap / 2 + 2, p.y + size + gap * 0.5f),
                                       cell - 4, colour(now ? theme.accent : theme.text)));
    }
    ImGui::SetCursorScreenPos(origin);
    ImGui::Dummy(ImVec2(width, size + gap * 0.5f + label_height));
    ImGui::PopID();
    return changed;
}

}  // namespace fv::widgets
