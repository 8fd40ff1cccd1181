// The tabs of a running meeting and its text field.
#include "app/screens/meeting_nav.hpp"

#include <imgui.h>

#include <algorithm>
#include <array>
#include <utility>

#include "app/meeting/meeting.hpp"
#include "app/ui/theme.hpp"
#include "app/ui/ui.hpp"

namespace fv::screens {

bool meeting_nav(Flow& flow, ScreenId current) {
    Meeting& meeting = flow.meeting();
    if (!meeting.is_open()) return false;
    const ui::Strings& s = flow.strings();
    const auto session = flow.store().session(meeting.session_id());
    if (!session) return false;
    ui::heading(session->title);
    if (session->ended()) ui::muted(s("meeting.nav.ended"));
    const std::array<std::pair<ScreenId, const char*>, 5> tabs{{
        {ScreenId::MeetingNotes, "meeting.nav.notes"},
        {ScreenId::MeetingPoll, "meeting.nav.poll"},
        {ScreenId::MeetingIdeas, "meeting.nav.ideas"},
        {ScreenId::MeetingPresenter, "meeting.nav.presenter"},
        {ScreenId::MeetingSummary, "meeting.nav.summary"},
    }};
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float width = (ImGui::GetContentRegionAvail().x - spacing * (tabs.size() - 1)) /
                        static_cast<float>(tabs.size());
    for (std::size_t i = 0; i < tabs.size(); ++i) {
        if (i > 0) ImGui::SameLine();
        const bool here = tabs[i].first == current;
        // An ended session is only reviewed: its capture screens are closed.
        const bool enabled = !session->ended() || tabs[i].first == ScreenId::MeetingSummary ||
                             tabs[i].first == ScreenId::MeetingPresenter;
        if (ui::button(s(tabs[i].second), ImVec2(width, 0), enabled, here) && !here) {
            flow.go(tabs[i].first);
        }
    }
    ImGui::Separator();
    return true;
}

namespace {

int move_cursor_to_end(ImGuiInputTextCallbackData* data) {
    auto* pending = static_cast<bool*>(data->UserData);
    if (pending != nullptr && *pending) {
        data->CursorPos = data->SelectionStart = data->SelectionEnd = data->BufTextLen;
        *pending = false;
    }
    return 0;
}

}  // namespace

bool meeting_field(const std::string& label, const char* id, char* buffer, std::size_t size,
                   float width, bool focus, bool* cursor_to_end) {
    if (!label.empty()) ui::text(label);
    ImGui::SetNextItemWidth(width);
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 2.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(12.0f, 14.0f));
    ImGui::PushStyleColor(ImGuiCol_Border, ui::theme().muted_text);
    if (focus) ImGui::SetKeyboardFocusHere();
    ImGuiInputTextFlags flags = ImGuiInputTextFlags_EnterReturnsTrue;
    if (cursor_to_end != nullptr && *cursor_to_end) flags |= ImGuiInputTextFlags_CallbackAlways;
    const bool entered =
        ImGui::InputText(id, buffer, size, flags, move_cursor_to_end, cursor_to_end);
    ImGui::PopStyleColor();
    ImGui::PopStyleVar(2);
    ui::report_last_item(label.empty() ? std::string(id) : label);
    return entered;
}

void officer_meeting_links(Flow& flow) {
    const ui::Strings& s = flow.strings();
    const ImGuiStyle& style = ImGui::GetStyle();
    const float third = (ImGui::GetContentRegionAvail().x - style.ItemSpacing.x * 2) / 3.0f;
    const std::array<std::string, 3> labels{s("meeting.officer.sessions"),
                                            s("meeting.officer.partner"),
                                            s("meeting.officer.assisted")};
    // One height for the row: when one label wraps at large text, all three are as tall.
    float tallest = 0;
    for (const std::string& label : labels) {
        const float room = third - style.FramePadding.x * 2;
        tallest = std::max(tallest, ImGui::CalcTextSize(label.c_str(), nullptr, false, room).y);
    }
    const ImVec2 size(third, tallest + style.FramePadding.y * 2);
    if (ui::button(labels[0], size)) {
        flow.go(flow.meeting().is_open() ? ScreenId::MeetingNotes : ScreenId::MeetingStart);
    }
    ImGui::SameLine();
    const bool have = flow.consultation() != nullptr;
    // Partners are asked only where the consultation asks them (its audience), with a notice
    // of their own.
    const bool partners = have && flow.consultation()->asks("partner");
    if (ui::button(labels[1], size, partners)) flow.go(ScreenId::PartnerStart);
    ImGui::SameLine();
    // An officer helping a resident at this kiosk: the visit is stored as `assisted`.
    if (ui::button(labels[2], size, have)) {
        flow.store().audit("officer_assisted_visit");
        flow.start_visit();
        flow.visits().visit().mode = CaptureMode::Assisted;
    }
    if (have && !partners) ui::muted(s("meeting.officer.no_partners"));
}

std::string clock_time(const std::string& rfc3339) {
    if (rfc3339.size() < 16 || rfc3339[10] != 'T') return rfc3339;
    return rfc3339.substr(11, 5);
}

}  // namespace fv::screens
