// The officer's visit band.
#include "app/screens/visit_band.hpp"

#include <imgui.h>

#include "app/screens/page.hpp"
#include "app/ui/probe.hpp"
#include "app/ui/theme.hpp"
#include "app/ui/ui.hpp"

namespace fv::screens {

void visit_band(Flow& flow) {
    const Visit& visit = flow.visits().visit();
    const ui::Strings& s = flow.strings();
    std::string label;
    if (visit.mode == CaptureMode::Partner) {
        label = s.format("band.partner", visit.participant.is_object()
                                             ? visit.participant.value("organisation", "")
                                             : std::string());
    } else if (visit.mode == CaptureMode::Assisted) {
        label = s("band.assisted");
    } else {
        return;
    }
    const ui::Theme& t = ui::theme();
    const ImGuiStyle& style = ImGui::GetStyle();
    const float width = column_width();
    const float pad = style.FramePadding.y;
    ImGui::PushFont(t.body);
    const float wrap = width - 2 * style.FramePadding.x;
    const float height = ImGui::CalcTextSize(label.c_str(), nullptr, false, wrap).y + 2 * pad;
    const ImVec2 a = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddRectFilled(a, ImVec2(a.x + width, a.y + height),
                                              ImGui::GetColorU32(t.selected), 6.0f);
    ImGui::SetCursorScreenPos(ImVec2(a.x + style.FramePadding.x, a.y + pad));
    ImGui::PushStyleColor(ImGuiCol_Text, t.selected_text);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap);
    ImGui::TextUnformatted(label.c_str(), label.c_str() + label.size());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ui::Probe::current().text(label);
    ImGui::SetCursorScreenPos(ImVec2(a.x, a.y + height + style.ItemSpacing.y));
    ImGui::Dummy(ImVec2(width, 0));
}

}  // namespace fv::screens
