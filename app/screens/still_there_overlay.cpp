// Inactivity overlay.
#include "app/screens/still_there_overlay.hpp"

#include <imgui.h>

#include <algorithm>

#include "app/ui/focus.hpp"
#include "app/ui/theme.hpp"
#include "app/ui/ui.hpp"

namespace fv::screens {

StillThereOverlay::Choice StillThereOverlay::draw(Flow& flow, int seconds_left,
                                                  int countdown_seconds, bool offer_more_time) {
    const ui::Strings& s = flow.strings();
    const ui::Theme& t = ui::theme();
    const ImVec2 display = ImGui::GetIO().DisplaySize;

    // A full-window veil, so the visit behind it is neither readable nor tappable.
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(display);
    ImGui::PushStyleColor(ImGuiCol_WindowBg,
                          ImVec4(t.background.x, t.background.y, t.background.z, 0.97f));
    ImGui::Begin(
        "##still_there_veil", nullptr,
        ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    ImGui::PopStyleColor();

    const float width = std::min(ui::kMaxColumnWidth * 0.8f, display.x - 48.0f);
    // Lower on the screen at normal text; higher at large text, so both buttons stay in view.
    const float top = display.y * 0.2f / t.text_scale;
    ImGui::SetCursorScreenPos(ImVec2((display.x - width) * 0.5f, top));
    ImGui::BeginChild("still_there", ImVec2(width, display.y - top - 16.0f), false,
                      ImGuiWindowFlags_NoBackground);
    ui::heading(s("still_there.title"));
    if (flow.look().reduced_motion) {
        // No number counting down: one still sentence, drawn once.
        ui::text(s.format("still_there.countdown_still", std::to_string(countdown_seconds)));
    } else {
        ui::text(s.format("still_there.countdown", std::to_string(std::max(seconds_left, 0))));
    }
    ImGui::Dummy(ImVec2(1, 24 * t.text_scale));
    Choice choice = Choice::None;
    if (ui::primary_button(s("still_there.continue"), ImVec2(width - 16, 0)) ||
        ui::Focus::current().take_cancel()) {
        choice = Choice::Continue;
    }
    if (offer_more_time && ui::button(s("still_there.more_time"), ImVec2(width - 16, 0))) {
        choice = Choice::MoreTime;
    }
    if (ui::button(s("still_there.clear"), ImVec2(width - 16, 0))) choice = Choice::ClearNow;
    ImGui::EndChild();
    ImGui::End();
    return choice;
}

}  // namespace fv::screens
