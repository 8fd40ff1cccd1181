// The ideas screen: a field that adds on Enter, then dot-voting one attendee at a time.
#include "app/screens/meeting_ideas_screen.hpp"

#include <imgui.h>

#include <cfloat>
#include <map>

#include "app/meeting/meeting.hpp"
#include "app/screens/meeting_nav.hpp"
#include "app/screens/page.hpp"
#include "app/ui/ui.hpp"

namespace fv::screens {

void MeetingIdeasScreen::on_enter(Flow& flow) {
    problem_.clear();
    focus_ = true;
    // Voting carries on with the next number after those who voted before (a reopened
    // session); another session starts its own count.
    if (flow.meeting().is_open() && session_ != flow.meeting().session_id()) {
        session_ = flow.meeting().session_id();
        const auto record = flow.store().session_record(session_);
        voter_ = record ? record->dot_voters : 0;
        voting_ = false;
    }
}

void MeetingIdeasScreen::draw(Flow& flow) {
    if (!begin_meeting_page(flow, ScreenId::MeetingIdeas, "meeting_ideas", 0)) {
        end_body();
        flow.go(ScreenId::MeetingStart);
        return;
    }
    if (voting_) {
        draw_voting(flow);
    } else {
        draw_gather(flow);
    }
    if (!problem_.empty()) ui::error_text(problem_);
    end_body();
}

void MeetingIdeasScreen::draw_gather(Flow& flow) {
    const ui::Strings& s = flow.strings();
    const std::string& id = flow.meeting().session_id();
    bool add = meeting_field(s("meeting.ideas.new"), "##idea", idea_.data(), idea_.size(), -FLT_MIN,
                             focus_);
    focus_ = false;
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float half = (column_width() - spacing) * 0.5f;
    add |= ui::primary_button(s("meeting.ideas.add"), ImVec2(half, 0), idea_[0] != '\0');
    if (add && idea_[0] != '\0') {
        try {
            flow.store().add_idea(id, idea_.data());
            idea_.fill('\0');
            problem_.clear();
        } catch (const std::exception& e) {
            problem_ = e.what();
        }
        focus_ = true;
    }
    const auto ideas = ranked(flow.store().ideas(id));
    ImGui::SameLine();
    if (ui::button(s("meeting.ideas.start_voting"), ImVec2(half, 0), ideas.size() > 1)) {
        voting_ = true;
        ++voter_;
    }
    gap(8);
    ui::heading(s.format("meeting.ideas.count", std::to_string(ideas.size())));
    if (ideas.empty()) ui::muted(s("meeting.ideas.none"));
    for (std::size_t i = 0; i < ideas.size(); ++i) {
        ui::text(s.format("meeting.ideas.ranked", std::to_string(i + 1), ideas[i].text) + "  (" +
                 s.plural("meeting.ideas.dots", ideas[i].dots) + ")");
    }
}

void MeetingIdeasScreen::draw_voting(Flow& flow) {
    const ui::Strings& s = flow.strings();
    const std::string& id = flow.meeting().session_id();
    const int placed = flow.store().dots_of(id, voter_);
    const int left = Meeting::kDotsEach - placed;
    ui::heading(s.format("meeting.ideas.voter", std::to_string(voter_)));
    ui::text(s.format("meeting.ideas.dots_left", std::to_string(left)));
    ui::muted(s("meeting.ideas.voting_explain"));
    // In the order gathered, so a dot placed does not move the list under the finger. Each
    // idea this person has put dots on shows them as selected, with how many: the room's
    // totals stay hidden until the ranking.
    const std::map<std::string, int> mine = flow.store().dots_by_idea(id, voter_);
    for (const Idea& idea : flow.store().ideas(id)) {
        const auto it = mine.find(idea.id);
        const int own = it == mine.end() ? 0 : it->second;
        const std::string label =
            own > 0 ? idea.text + "  " + s.format("meeting.ideas.yours", std::to_string(own))
                    : idea.text;
        // "#": the id stays the idea's while the label changes (the focus stays on it).
        const std::string id_suffix = "#" + idea.id;
        // With no dots left the ideas cannot be tapped, but this person's own stay full
        // strength: faded, white on blue would not be readable.
        const bool keep_strong = left == 0 && own > 0;
        if (keep_strong) ImGui::PushStyleVar(ImGuiStyleVar_DisabledAlpha, 1.0f);
        const bool tapped =
            ui::button(label, ImVec2(column_width(), 0), left > 0, own > 0, id_suffix.c_str());
        if (keep_strong) ImGui::PopStyleVar();
        if (tapped) {
            try {
                flow.store().add_dot(id, idea.id, voter_);
            } catch (const std::exception& e) {
                problem_ = e.what();
            }
        }
    }
    gap(8);
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float third = (column_width() - spacing * 2) / 3.0f;
    if (ui::button(s("meeting.ideas.undo"), ImVec2(third, 0), placed > 0)) {
        flow.store().remove_last_dot(id, voter_);  // this person's last dot, wherever it went
    }
    ImGui::SameLine();
    if (ui::primary_button(s("meeting.ideas.next_voter"), ImVec2(third, 0), placed > 0)) {
        ++voter_;
    }
    ImGui::SameLine();
    if (ui::button(s("meeting.ideas.stop_voting"), ImVec2(third, 0))) {
        voting_ = false;
        if (placed == 0) --voter_;  // this number placed nothing: the next voter reuses it
    }
}

}  // namespace fv::screens
