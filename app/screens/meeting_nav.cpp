// The tabs of a running meeting and its text field.
#include "app/screens/meeting_nav.hpp"

#include <imgui.h>

#include <algorithm>
#include <array>
#include <utility>

#include "app/meeting/meeting.hpp"
#include "app/screens/meeting_notes_screen.hpp"
#include "app/screens/page.hpp"
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

bool begin_meeting_page(Flow& flow, ScreenId current, const char* id, float footer) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const ui::Theme& theme = ui::theme();
    const float width = page_column_width();
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float x = (display.x - width) * 0.5f;
    const float inner = width - 16.0f;  // the body's window padding, both sides
    // The header's height: the title (as it wraps), the "ended" line, the row of tabs.
    float title_h = 0;
    bool ended = false;
    if (flow.meeting().is_open()) {
        if (const auto session = flow.store().session(flow.meeting().session_id())) {
            ImGui::PushFont(theme.heading);
            title_h = ImGui::CalcTextSize(session->title.c_str(), nullptr, false, inner).y;
            ImGui::PopFont();
            ended = session->ended();
        }
    }
    const float tabs_h =
        std::max(theme.min_target, ImGui::GetFontSize() + style.FramePadding.y * 2);
    const float header = 8.0f + title_h + style.ItemSpacing.y +
                         (ended ? ImGui::GetTextLineHeightWithSpacing() : 0.0f) + tabs_h +
                         style.ItemSpacing.y * 2 + 1.0f + 8.0f;
    // The title and tabs in a window of their own above the body: the body scrolls under
    // them, and they stay at the top of the page.
    ImGui::SetCursorScreenPos(ImVec2(x, 16.0f + top_band()));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8, 8));
    ImGui::BeginChild((std::string(id) + "_tabs").c_str(), ImVec2(width, header), false,
                      ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoScrollbar |
                          ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PopStyleVar();
    const bool open = meeting_nav(flow, current);
    ImGui::EndChild();
    const float band = top_band();
    set_top_band(band + header);
    begin_body(id, footer);
    set_top_band(band);
    return open;
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
    const ImVec2 padding(12.0f, 14.0f);
    constexpr float kBorder = 2.0f;
    ImGui::SetNextItemWidth(width);
    const float w = ImGui::CalcItemWidth();
    const ImVec2 a = ImGui::GetCursorScreenPos();
    const ImVec2 b(a.x + w, a.y + ImGui::GetFontSize() + padding.y * 2);
    // The box and its border are drawn here, and the text clipped inside the border's padding:
    // ImGui clips a scrolled text only at the frame's outer edge, over the border.
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(a, b, ImGui::GetColorU32(ImGuiCol_FrameBg),
                        ImGui::GetStyle().FrameRounding);
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 0.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, padding);
    ImGui::PushStyleColor(ImGuiCol_FrameBg, ImVec4(0, 0, 0, 0));
    ImGui::PushStyleColor(ImGuiCol_FrameBgHovered, ImVec4(0, 0, 0, 0));
    ImGui::PushStyleColor(ImGuiCol_FrameBgActive, ImVec4(0, 0, 0, 0));
    const float inset = kBorder + padding.x * 0.5f;
    ImGui::PushClipRect(ImVec2(a.x + inset, a.y + kBorder), ImVec2(b.x - inset, b.y - kBorder),
                        true);
    if (focus) ImGui::SetKeyboardFocusHere();
    ImGuiInputTextFlags flags = ImGuiInputTextFlags_EnterReturnsTrue;
    if (cursor_to_end != nullptr && *cursor_to_end) flags |= ImGuiInputTextFlags_CallbackAlways;
    const bool entered =
        ImGui::InputText(id, buffer, size, flags, move_cursor_to_end, cursor_to_end);
    ImGui::PopClipRect();
    ImGui::PopStyleColor(3);
    ImGui::PopStyleVar(2);
    draw->AddRect(a, b, ImGui::GetColorU32(ui::theme().muted_text), ImGui::GetStyle().FrameRounding,
                  0, kBorder);
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

float pair_height(const std::string& a, const std::string& b, float width) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float room = width - style.FramePadding.x * 2;
    float tallest = 0;
    for (const std::string* label : {&a, &b}) {
        tallest = std::max(tallest, ImGui::CalcTextSize(label->c_str(), nullptr, false, room).y);
    }
    return std::max(ui::theme().min_target, tallest + style.FramePadding.y * 2);
}

std::string note_heading(const SessionNote& n, const ui::Strings& s) {
    std::string line = clock_time(n.created_at) + "  " +
                       (n.speaker.kind == Speaker::Kind::Partner ? n.speaker.organisation
                                                                 : s("meeting.notes.resident"));
    if (!n.themes.empty()) {
        line += "  -";
        for (const auto& t : n.themes) line += " #" + theme_words(t);
    }
    if (n.edited_at) line += "  " + s.format("meeting.notes.changed_at", clock_time(*n.edited_at));
    return line;
}

std::string clock_time(const std::string& rfc3339) {
    if (rfc3339.size() < 16 || rfc3339[10] != 'T') return rfc3339;
    return rfc3339.substr(11, 5);
}

}  // namespace fv::screens
