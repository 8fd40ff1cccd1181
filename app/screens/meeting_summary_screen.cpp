// Summary screen: everything from the store's record of the session.
#include "app/screens/meeting_summary_screen.hpp"

#include <imgui.h>

#include <algorithm>
#include <map>

#include "app/meeting/meeting.hpp"
#include "app/screens/meeting_nav.hpp"
#include "app/screens/meeting_notes_screen.hpp"
#include "app/screens/page.hpp"
#include "app/ui/ui.hpp"

namespace fv::screens {

void MeetingSummaryScreen::on_enter(Flow& flow) {
    (void)flow;
    confirm_end_ = false;
    problem_.clear();
}

void MeetingSummaryScreen::draw_polls(Flow& flow, const SessionRecord& record) {
    const ui::Strings& s = flow.strings();
    const Consultation* c = flow.meeting().consultation();
    if (c == nullptr) return;
    const std::string& lang = c->default_language();
    // Pass-round answers counted per question and option, beside the show-of-hands counts.
    const auto answers = flow.store().session_responses(record.session.id);
    bool any = false;
    for (const Question* q : flow.meeting().pollable()) {
        std::map<std::string, int> hands, passed;
        for (const auto& t : record.tallies) {
            if (t.question_id == q->id) hands[t.option] = t.count;
        }
        const auto options = poll_options(*q, lang, s);
        count_poll_answers(answers, q->id, options, passed);
        if (hands.empty() && passed.empty()) continue;
        any = true;
        ui::text(q->prompt.in(lang, lang));
        for (const PollOption& o : options) {
            std::string line = "    " + o.label + ": ";
            if (!hands.empty()) line += s.plural("meeting.summary.hands", hands[o.key]);
            if (!hands.empty() && !passed.empty()) line += ", ";
            if (!passed.empty()) {
                line += s.plural("meeting.summary.passed", passed[o.key]);
            }
            ui::muted(line);
        }
    }
    if (!any) ui::muted(s("meeting.summary.no_polls"));
}

void MeetingSummaryScreen::draw(Flow& flow) {
    const ui::Strings& s = flow.strings();
    // The footer's pair of buttons, as tall as each other: a label that wraps ("Yes, end it:
    // nothing can be added after" at large text) makes both taller, and the footer with them.
    const auto session = flow.store().session(flow.meeting().session_id());
    const bool ended = session && session->ended();
    const std::string end_label = ended          ? s("meeting.summary.ended")
                                  : confirm_end_ ? s("meeting.summary.end_confirm")
                                                 : s("meeting.summary.end");
    const std::string leave_label = s("meeting.summary.leave");
    const ImGuiStyle& style = ImGui::GetStyle();
    const float pair_w =
        (page_column_width() - style.WindowPadding.x * 2 - style.ItemSpacing.x) * 0.5f;
    const float pair_h = pair_height(end_label, leave_label, pair_w);
    const float footer = footer_height(pair_h);
    if (!begin_meeting_page(flow, ScreenId::MeetingSummary, "meeting_summary", footer)) {
        end_body();
        flow.go(ScreenId::MeetingStart);
        return;
    }
    const auto record = flow.store().session_record(flow.meeting().session_id());
    if (!record) {
        end_body();
        return;
    }
    const MeetingSession& m = record->session;
    std::string where = m.place;
    if (!m.division.empty()) where += (where.empty() ? "" : ", ") + m.division;
    if (!where.empty()) ui::text(where);
    if (!m.facilitator.empty()) ui::text(s.format("meeting.summary.facilitator", m.facilitator));
    // Typed in a hurry at the start: the title, place, division and facilitator can be put
    // right until the session ends.
    if (!m.ended() && ui::button(s("meeting.summary.change"), ImVec2(0, 0))) {
        flow.meeting().change_details = true;
        flow.go(ScreenId::MeetingStart);
    }
    const std::string started = m.started_at.substr(0, 10) + " " + clock_time(m.started_at);
    ui::text(m.ended_at ? s.format("meeting.summary.times", started, clock_time(*m.ended_at))
                        : s.format("meeting.summary.started_open", started));
    ui::text(s.format("meeting.summary.counts", std::to_string(record->notes.size()),
                      std::to_string(record->responses)));
    ui::text(s.format("meeting.summary.idea_counts", std::to_string(record->ideas.size()),
                      std::to_string(record->dot_voters)));

    gap(8);
    ui::heading(s("meeting.summary.themes"));
    std::vector<std::pair<std::string, int>> themes;
    if (const Consultation* c = flow.meeting().consultation()) {
        for (const auto& t : c->themes) {
            int n = 0;
            for (const auto& note : record->notes) {
                n += static_cast<int>(std::count(note.themes.begin(), note.themes.end(), t));
            }
            if (n > 0) themes.push_back({t, n});
        }
    }
    std::stable_sort(themes.begin(), themes.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    if (themes.empty()) ui::muted(s("meeting.summary.no_themes"));
    for (const auto& [t, n] : themes) {
        ui::text(s.format("meeting.summary.theme", theme_words(t), std::to_string(n)));
    }

    gap(8);
    ui::heading(s("meeting.summary.polls"));
    draw_polls(flow, *record);

    gap(8);
    ui::heading(s("meeting.summary.ranking"));
    const auto ideas = ranked(record->ideas);
    if (ideas.empty()) ui::muted(s("meeting.ideas.none"));
    for (std::size_t i = 0; i < ideas.size(); ++i) {
        ui::text(s.format("meeting.ideas.ranked", std::to_string(i + 1), ideas[i].text) + "  (" +
                 s.plural("meeting.ideas.dots", ideas[i].dots) + ")");
    }

    gap(8);
    ui::heading(s.format("meeting.notes.count", std::to_string(record->notes.size())));
    for (const SessionNote& n : record->notes) {
        ui::muted(note_heading(n, s));
        ui::text(n.text);
    }
    if (!problem_.empty()) ui::error_text(problem_);
    end_body();

    begin_footer("meeting_summary_footer", footer);
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float half = (column_width() - spacing) * 0.5f;
    if (!m.ended()) {
        if (!confirm_end_) {
            if (ui::primary_button(end_label, ImVec2(half, pair_h))) confirm_end_ = true;
        } else if (ui::primary_button(end_label, ImVec2(half, pair_h))) {
            try {
                flow.store().end_session(m.id);
                flow.store().audit("meeting_ended", m.id);
                confirm_end_ = false;
            } catch (const std::exception& e) {
                problem_ = e.what();
            }
        }
    } else {
        ui::primary_button(end_label, ImVec2(half, pair_h), false);
    }
    ImGui::SameLine();
    if (ui::button(leave_label, ImVec2(half, pair_h))) {
        flow.meeting().close();
        flow.go(ScreenId::MeetingStart);
    }
    end_footer();
}

}  // namespace fv::screens
