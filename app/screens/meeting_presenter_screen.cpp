// Presenter view: the projector's controls on the laptop, or the charts full-window.
#include "app/screens/meeting_presenter_screen.hpp"

#include <imgui.h>

#include <algorithm>
#include <array>

#include "app/meeting/meeting.hpp"
#include "app/screens/meeting_nav.hpp"
#include "app/screens/page.hpp"
#include "app/screens/presenter_charts.hpp"
#include "app/ui/focus.hpp"
#include "app/ui/theme.hpp"
#include "app/ui/ui.hpp"

namespace fv::screens {
namespace {

constexpr std::array<std::pair<PresenterChart, const char*>, 3> kCharts{{
    {PresenterChart::Poll, "meeting.presenter.tab_poll"},
    {PresenterChart::Ideas, "meeting.presenter.tab_ideas"},
    {PresenterChart::Themes, "meeting.presenter.tab_themes"},
}};

// The meeting pages the presenter view can be opened from, and so go back to.
bool meeting_page(ScreenId screen) {
    return screen == ScreenId::MeetingNotes || screen == ScreenId::MeetingPoll ||
           screen == ScreenId::MeetingIdeas || screen == ScreenId::MeetingSummary;
}

}  // namespace

void MeetingPresenterScreen::on_enter(Flow& flow) {
    Meeting& meeting = flow.meeting();
    // Esc and "Close presenter view" go back where the presenter was opened from (the poll
    // being counted, the ideas); else the notes, or the summary of an ended session.
    if (meeting_page(flow.previous_screen())) {
        came_from_ = flow.previous_screen();
    } else {
        const auto session = flow.store().session(meeting.session_id());
        came_from_ =
            session && session->ended() ? ScreenId::MeetingSummary : ScreenId::MeetingNotes;
    }
    flow.clear_projector_notice();
    if (flow.projector_open()) return;  // it keeps the chart it shows
    // The poll in hand first; the ideas when no poll runs.
    meeting.presenter_chart = meeting.poll() != nullptr ? PresenterChart::Poll : PresenterChart::Ideas;
    if (meeting.is_open() && flow.second_display()) flow.open_projector();
}

void MeetingPresenterScreen::draw(Flow& flow) {
    if (!flow.meeting().is_open()) {
        flow.go(ScreenId::MeetingStart);
        return;
    }
    if (flow.projector_open()) {
        draw_control(flow);
    } else {
        draw_full(flow);
    }
}

void MeetingPresenterScreen::draw_chart_choice(Flow& flow, float width) {
    const ui::Strings& s = flow.strings();
    PresenterChart& shown = flow.meeting().presenter_chart;
    for (std::size_t i = 0; i < kCharts.size(); ++i) {
        if (i > 0) ImGui::SameLine();
        const auto& [chart, key] = kCharts[i];
        if (ui::button(s(key), ImVec2(width, 0), true, shown == chart)) shown = chart;
    }
}

void MeetingPresenterScreen::draw_control(Flow& flow) {
    const ui::Strings& s = flow.strings();
    if (!begin_meeting_page(flow, ScreenId::MeetingPresenter, "meeting_presenter", 0)) {
        end_body();
        flow.go(ScreenId::MeetingStart);
        return;
    }
    ui::heading(s("meeting.projector.title"));
    ui::muted(s("meeting.projector.explain"));
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    draw_chart_choice(flow, (column_width() - spacing * 2) / 3.0f);
    if (ui::button(s("meeting.projector.close"), ImVec2(0, 0))) flow.close_projector();
    gap(8);
    // What the projector shows, smaller: the same content, drawn the same way.
    const PresenterContent content = presenter_content(flow, flow.meeting().presenter_chart);
    // In the room left, where it fits; else scrolled to.
    const float text_rows = ImGui::GetTextLineHeightWithSpacing() * 2 +
                            ui::theme().heading->FontSize + ImGui::GetStyle().ItemSpacing.y * 3;
    const float room = ImGui::GetContentRegionAvail().y - text_rows;
    draw_presenter_content(content, s, std::max(room, 160.0f * ui::theme().text_scale));
    end_body();
    // Escape leaves this page as it leaves the full view; the projector stays.
    if (ui::Focus::current().take_cancel()) flow.go(way_back());
}

void MeetingPresenterScreen::draw_full(Flow& flow) {
    const ui::Strings& s = flow.strings();
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float margin = std::max(24.0f, display.x * 0.04f);
    ImGui::SetCursorScreenPos(ImVec2(margin, margin * 0.6f));
    ImGui::BeginChild("presenter", ImVec2(display.x - 2 * margin, display.y - margin * 0.6f - 8),
                      false, ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoScrollbar);
    const std::string notice = flow.projector_notice();
    const float footer = ui::theme().min_target + 24.0f;
    const float line = ImGui::GetTextLineHeightWithSpacing();
    const float notice_h = notice.empty() ? 0.0f : line * 2.5f;
    const float chart_h = ImGui::GetContentRegionAvail().y - footer - notice_h - 80.0f;
    draw_presenter_content(presenter_content(flow, flow.meeting().presenter_chart), s, chart_h);
    // The officer's controls, small and at the bottom, out of the audience's way.
    ImGui::SetCursorPosY(ImGui::GetWindowHeight() - footer - line * 1.25f);
    if (!notice.empty()) ui::muted(notice);
    ImGui::SetCursorPosY(ImGui::GetWindowHeight() - footer);
    draw_chart_choice(flow, 0);
    ImGui::SameLine();
    if (flow.second_display()) {
        if (ui::button(s("meeting.projector.open"), ImVec2(0, 0))) flow.open_projector();
        ImGui::SameLine();
    }
    if (ui::button(s("meeting.presenter.close"), ImVec2(0, 0)) ||
        ui::Focus::current().take_cancel()) {
        flow.go(way_back());
    }
    ImGui::EndChild();
}

}  // namespace fv::screens
