// The meeting start screen: a short form, then the session is stored and its notes open.
#include "app/screens/meeting_start_screen.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <cfloat>
#include <cstring>

#include "app/meeting/meeting.hpp"
#include "app/screens/meeting_nav.hpp"
#include "app/screens/page.hpp"
#include "app/ui/focus.hpp"
#include "app/ui/probe.hpp"
#include "app/ui/ui.hpp"

namespace fv::screens {
namespace {

template <std::size_t N>
std::string text_of(const std::array<char, N>& field) {
    return std::string(field.data(), strnlen(field.data(), N));
}

template <std::size_t N>
void set_text(std::array<char, N>& field, const std::string& text) {
    const std::size_t n = std::min(text.size(), N - 1);
    std::memcpy(field.data(), text.data(), n);
    field[n] = '\0';
}

}  // namespace

void MeetingStartScreen::on_enter(Flow& flow) {
    problem_.clear();
    Meeting& meeting = flow.meeting();
    changing_.clear();
    if (meeting.change_details && meeting.is_open()) {
        if (const auto m = flow.store().session(meeting.session_id()); m && !m->ended()) {
            changing_ = m->id;
            set_text(title_, m->title);
            set_text(place_, m->place);
            set_text(division_, m->division);
            set_text(facilitator_, m->facilitator);
        }
    } else {
        // A new session starts empty: the last one's facilitator and division, left in the
        // form, went unnoticed into the next. "Same details as last time" brings them back.
        title_.fill('\0');
        place_.fill('\0');
        division_.fill('\0');
        facilitator_.fill('\0');
    }
    meeting.change_details = false;
    if (consultation_id_.empty() && flow.consultation() != nullptr) {
        consultation_id_ = flow.consultation()->id;
    }
}

void MeetingStartScreen::draw(Flow& flow) {
    if (!changing_.empty()) {
        draw_change(flow);
        return;
    }
    const ui::Strings& s = flow.strings();
    begin_body("meeting_start", footer_height());
    ui::heading(s("meeting.start.title"));
    ui::muted(s("meeting.start.explain"));
    // The place, division and facilitator of the newest session, on request (not the title:
    // each meeting has its own).
    const auto sessions = flow.store().sessions();
    if (!sessions.empty()) {
        const MeetingSession& last = sessions.front();
        if (ui::button(s("meeting.start.same_details"), ImVec2(0, 0), true, false,
                       "same_details")) {
            set_text(place_, last.place);
            set_text(division_, last.division);
            set_text(facilitator_, last.facilitator);
        }
    }
    draw_form(flow, true);
    gap(16);
    draw_sessions(flow);
    end_body();

    // Start stays in sight at the bottom, whatever the list of earlier sessions.
    begin_footer("meeting_start_footer");
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float half = (column_width() - spacing) * 0.5f;
    const bool ready = title_[0] != '\0' && !consultation_id_.empty();
    if (ui::primary_button(ready ? s("meeting.start.go") : s("meeting.start.needs"),
                           ImVec2(half, 0), ready, "start")) {
        start(flow);
    }
    ImGui::SameLine();
    if (ui::button(s("meeting.back_to_officer"), ImVec2(half, 0))) flow.go(ScreenId::Officer);
    end_footer();
}

void MeetingStartScreen::draw_change(Flow& flow) {
    const ui::Strings& s = flow.strings();
    begin_body("meeting_details", footer_height());
    ui::heading(s("meeting.details.title"));
    ui::muted(s("meeting.details.explain"));
    draw_form(flow, false);
    end_body();
    begin_footer("meeting_details_footer");
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float half = (column_width() - spacing) * 0.5f;
    if (ui::primary_button(s("meeting.details.save"), ImVec2(half, 0), title_[0] != '\0')) {
        save_changes(flow);
    }
    ImGui::SameLine();
    if (ui::button(s("meeting.details.cancel"), ImVec2(half, 0)) ||
        ui::Focus::current().take_cancel()) {
        flow.go(ScreenId::MeetingSummary);
    }
    end_footer();
}

void MeetingStartScreen::save_changes(Flow& flow) {
    try {
        flow.store().change_session_details(changing_, {text_of(title_), text_of(place_),
                                                        text_of(division_), text_of(facilitator_),
                                                        {}, 0});
        flow.store().audit("meeting_details_changed", changing_);
        flow.go(ScreenId::MeetingSummary);
    } catch (const std::exception& e) {
        problem_ = e.what();
    }
}

void MeetingStartScreen::draw_form(Flow& flow, bool with_consultation) {
    const ui::Strings& s = flow.strings();
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float half = (column_width() - spacing) * 0.5f;
    ImGui::BeginGroup();
    meeting_field(s("meeting.start.name"), "##title", title_.data(), title_.size(), half);
    ImGui::EndGroup();
    ImGui::SameLine();
    // SameLine keeps the baseline of the field just drawn; the label starts at the top.
    ImGui::GetCurrentWindow()->DC.CurrLineTextBaseOffset = 0.0f;
    ImGui::BeginGroup();
    meeting_field(s("meeting.start.place"), "##place", place_.data(), place_.size(), half);
    ImGui::EndGroup();
    ImGui::BeginGroup();
    meeting_field(s("meeting.start.facilitator"), "##facilitator", facilitator_.data(),
                  facilitator_.size(), half);
    ImGui::EndGroup();
    ImGui::SameLine();
    // SameLine keeps the baseline of the field just drawn; the label starts at the top.
    ImGui::GetCurrentWindow()->DC.CurrLineTextBaseOffset = 0.0f;
    ImGui::BeginGroup();
    meeting_field(s("meeting.start.division"), "##division", division_.data(), division_.size(),
                  half);
    // The council's divisions as a list under the field; typing another is allowed.
    const auto& divisions = flow.meeting().divisions;
    if (!divisions.empty()) {
        const std::string current = text_of(division_);
        const std::string pick = s("meeting.start.division_pick");
        const ImVec2 at = ImGui::GetCursorScreenPos();
        ImGui::SetNextItemWidth(half);
        ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(12.0f, 14.0f));
        const float height = ImGui::GetFrameHeight();
        // The whole list at once where it fits: a laptop has a mouse, not a finger.
        const bool open =
            ImGui::BeginCombo("##division_list", pick.c_str(), ImGuiComboFlags_HeightLargest);
        ImGui::PopStyleVar();
        // Reported by hand: once open, ImGui's last item is inside the list's popup.
        ui::Probe::current().item({pick, at.x, at.y, at.x + half, at.y + height});
        if (open) {
            for (const std::string& d : divisions) {
                // The chosen one ticked, not shown by its colour alone.
                const std::string row = (d == current ? "\u2713 " : "") + d + "##" + d;
                if (ImGui::Selectable(row.c_str(), d == current)) {
                    set_text(division_, d);
                }
                ui::report_last_item(d, true, d == current);
            }
            ImGui::EndCombo();
        }
    }
    ImGui::EndGroup();

    if (!with_consultation) {
        if (!problem_.empty()) ui::error_text(problem_);
        return;
    }
    gap(8);
    ui::text(s("meeting.start.consultation"));
    const auto stored = flow.store().consultations();
    if (stored.empty()) ui::error_text(s("meeting.start.no_consultation"));
    for (std::size_t i = 0; i < stored.size(); ++i) {
        const ConsultationRef& ref = stored[i];
        if (i + 1 < stored.size() && stored[i + 1].id == ref.id) continue;  // newest only
        const bool chosen = ref.id == consultation_id_;
        if (ui::button(ref.title.empty() ? ref.id : ref.title, ImVec2(column_width(), 0), true,
                       chosen, ref.id.c_str())) {
            consultation_id_ = ref.id;
        }
    }
    if (!problem_.empty()) ui::error_text(problem_);
}

void MeetingStartScreen::draw_sessions(Flow& flow) {
    const ui::Strings& s = flow.strings();
    const auto sessions = flow.store().sessions();
    if (sessions.empty()) return;
    ui::heading(s("meeting.start.earlier"));
    constexpr std::size_t kShown = 8;
    for (std::size_t i = 0; i < sessions.size() && i < kShown; ++i) {
        const MeetingSession& m = sessions[i];
        const std::string when = m.started_at.substr(0, 10) + " " + clock_time(m.started_at);
        ui::text(m.title + " - " + (m.place.empty() ? "" : m.place + ", ") + when);
        if (m.ended()) {
            if (ui::button(s("meeting.start.review"), ImVec2(0, 0), true, false, m.id.c_str())) {
                open(flow, m.id, ScreenId::MeetingSummary);
            }
        } else if (ui::button(s("meeting.start.reopen"), ImVec2(0, 0), true, false, m.id.c_str())) {
            open(flow, m.id, ScreenId::MeetingNotes);
        }
    }
}

void MeetingStartScreen::start(Flow& flow) {
    const auto c = flow.store().latest_consultation(consultation_id_);
    if (!c) {
        problem_ = flow.strings()("meeting.start.no_consultation");
        return;
    }
    try {
        const std::string id =
            flow.store().start_session({text_of(title_), text_of(place_), text_of(division_),
                                        text_of(facilitator_), c->id, c->version});
        flow.store().audit("meeting_started", id);
        title_.fill('\0');
        place_.fill('\0');
        open(flow, id, ScreenId::MeetingNotes);
    } catch (const std::exception& e) {
        problem_ = e.what();
    }
}

void MeetingStartScreen::open(Flow& flow, const std::string& id, ScreenId where) {
    std::string problem;
    if (!flow.meeting().open(flow.store(), id, &problem)) {
        problem_ = problem;
        return;
    }
    flow.go(where);
}

}  // namespace fv::screens
