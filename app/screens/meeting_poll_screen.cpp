// The poll screen: choose a question and a way, then count hands or pass the laptop round.
#include "app/screens/meeting_poll_screen.hpp"

#include <imgui.h>

#include <cfloat>

#include "app/meeting/meeting.hpp"
#include "app/screens/meeting_nav.hpp"
#include "app/screens/page.hpp"
#include "app/ui/probe.hpp"
#include "app/ui/theme.hpp"
#include "app/ui/ui.hpp"
#include "core/util/ids.hpp"

namespace fv::screens {
namespace {

// The tally's minus: U+2212 MINUS SIGN, the width of its plus (the font atlas holds it).
constexpr const char* kMinusSign = "\u2212";

}  // namespace

void MeetingPollScreen::on_enter(Flow& flow) {
    problem_.clear();
    choosing_ = flow.meeting().poll() == nullptr;
    just_answered_ = false;
}

void MeetingPollScreen::draw(Flow& flow) {
    if (!begin_meeting_page(flow, ScreenId::MeetingPoll, "meeting_poll", 0)) {
        end_body();
        flow.go(ScreenId::MeetingStart);
        return;
    }
    draw_choice(flow);
    const Question* q = flow.meeting().poll();
    if (q != nullptr && !choosing_) {
        gap(8);
        if (flow.meeting().poll_mode == PollMode::Hands) {
            draw_hands(flow);
        } else {
            draw_pass_round(flow);
        }
        if (!just_answered_) draw_totals(flow);
    }
    if (!problem_.empty()) ui::error_text(problem_);
    end_body();
}

void MeetingPollScreen::draw_choice(Flow& flow) {
    const ui::Strings& s = flow.strings();
    Meeting& meeting = flow.meeting();
    const Consultation* c = meeting.consultation();
    if (c == nullptr) return;
    const std::string& lang = c->default_language();
    // Once a question is chosen the list folds away, so the counts fit on a laptop screen.
    if (meeting.poll() != nullptr && !choosing_) {
        ui::heading(local(*c, meeting.poll()->prompt, lang));
    } else {
        ui::muted(s("meeting.poll.choose"));
        for (const Question* q : meeting.pollable()) {
            const bool on = meeting.poll_question == q->id;
            if (ui::button(local(*c, q->prompt, lang), ImVec2(column_width(), 0), true, on,
                           q->id.c_str())) {
                if (!on) {
                    meeting.poll_question = q->id;
                    answered_ = 0;
                    just_answered_ = false;
                }
                choosing_ = false;
            }
        }
        if (meeting.pollable().empty()) ui::muted(s("meeting.poll.none"));
    }
    if (meeting.poll() == nullptr || choosing_) return;
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float third = (column_width() - spacing * 2) / 3.0f;
    const bool hands = meeting.poll_mode == PollMode::Hands;
    if (ui::button(s("meeting.poll.hands"), ImVec2(third, 0), true, hands) && !hands) {
        meeting.poll_mode = PollMode::Hands;
    }
    ImGui::SameLine();
    if (ui::button(s("meeting.poll.pass"), ImVec2(third, 0), true, !hands) && hands) {
        meeting.poll_mode = PollMode::PassRound;
        answered_ = 0;
        just_answered_ = false;
    }
    ImGui::SameLine();
    if (ui::button(s("meeting.poll.other_question"), ImVec2(third, 0))) choosing_ = true;
}

void MeetingPollScreen::draw_hands(Flow& flow) {
    const ui::Strings& s = flow.strings();
    Meeting& meeting = flow.meeting();
    const Question& q = *meeting.poll();
    const auto options = poll_options(q, meeting.consultation()->default_language(), s);
    std::map<std::string, int> counts;
    for (const auto& t : flow.store().tallies(meeting.session_id())) {
        if (t.question_id == q.id) counts[t.option] = t.count;
    }
    ui::muted(s("meeting.poll.hands_explain"));
    const ui::Theme& theme = ui::theme();
    const float big = theme.min_target;
    const float number = big * 1.4f;
    const ImGuiStyle& style = ImGui::GetStyle();
    for (const PollOption& o : options) {
        const int count = counts[o.key];
        ImGui::PushID(o.key.c_str());
        // One row `big` high: the buttons, the count and the label each centred on its middle
        // (drawn where they belong, not by ImGui's text baseline, which sits lower beside a
        // framed button).
        const ImVec2 row = ImGui::GetCursorScreenPos();
        const float middle = row.y + big * 0.5f;
        // Small side padding: each sign is one glyph of the heading font, and must not wrap.
        ImGui::PushFont(theme.heading);
        ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(4.0f, style.FramePadding.y));
        const bool minus =
            ui::button(kMinusSign, ImVec2(big, big), count > 0, false, ("minus_" + o.key).c_str());
        ImGui::PopStyleVar();
        ImGui::PopFont();
        if (minus) {
            try {
                flow.store().change_tally(meeting.session_id(), q.id, o.key, -1);
            } catch (const std::exception& e) {
                problem_ = e.what();
            }
        }
        ui::report_last_item(std::string(kMinusSign) + " " + o.label, count > 0);
        const std::string shown = std::to_string(count);
        const float number_x = row.x + big + style.ItemSpacing.x;
        ImFont* huge = theme.huge;
        const ImVec2 number_size = huge->CalcTextSizeA(huge->FontSize, FLT_MAX, 0, shown.c_str());
        ImGui::GetWindowDrawList()->AddText(
            huge, huge->FontSize,
            ImVec2(number_x + (number - number_size.x) * 0.5f, middle - number_size.y * 0.5f),
            ImGui::GetColorU32(theme.text), shown.c_str());
        ui::Probe::current().text(o.label + ": " + shown);
        ImGui::SetCursorScreenPos(ImVec2(number_x + number + style.ItemSpacing.x, row.y));
        ImGui::PushFont(theme.heading);
        ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(4.0f, style.FramePadding.y));
        const bool plus = ui::button("+", ImVec2(big, big), true, false, ("plus_" + o.key).c_str());
        ImGui::PopStyleVar();
        ImGui::PopFont();
        if (plus) {
            try {
                flow.store().change_tally(meeting.session_id(), q.id, o.key, +1);
            } catch (const std::exception& e) {
                problem_ = e.what();
            }
        }
        ui::report_last_item("+ " + o.label);
        const float label_x = ImGui::GetItemRectMax().x + style.ItemSpacing.x;
        ImFont* body = theme.body;
        const ImVec2 label_size = body->CalcTextSizeA(body->FontSize, FLT_MAX, 0, o.label.c_str());
        ImGui::GetWindowDrawList()->AddText(body, body->FontSize,
                                            ImVec2(label_x, middle - label_size.y * 0.5f),
                                            ImGui::GetColorU32(theme.text), o.label.c_str());
        ui::Probe::current().text(o.label);
        ImGui::SetCursorScreenPos(ImVec2(row.x, row.y + big + style.ItemSpacing.y));
        ImGui::Dummy(ImVec2(0, 0));
        ImGui::PopID();
    }
}

void MeetingPollScreen::draw_totals(Flow& flow) {
    const ui::Strings& s = flow.strings();
    Meeting& meeting = flow.meeting();
    const Question& q = *meeting.poll();
    const auto options = poll_options(q, meeting.consultation()->default_language(), s);
    std::map<std::string, int> hands, passed;
    for (const auto& t : flow.store().tallies(meeting.session_id())) {
        if (t.question_id == q.id) hands[t.option] = t.count;
    }
    count_poll_answers(flow.store().session_responses(meeting.session_id()), q.id, options, passed);
    gap(8);
    ui::muted(s("meeting.poll.totals"));
    for (const PollOption& o : options) {
        const int h = hands[o.key], p = passed[o.key];
        ui::text(o.label + ": " +
                 s.format("meeting.poll.parts", std::to_string(h), std::to_string(p)) + " = " +
                 std::to_string(h + p));
    }
}

void MeetingPollScreen::record_answer(Flow& flow, const nlohmann::json& value) {
    Meeting& meeting = flow.meeting();
    const Consultation& c = *meeting.consultation();
    Response r;
    r.id = new_uuid();
    r.consultation_id = c.id;
    r.consultation_version = c.version;
    r.mode = CaptureMode::Meeting;
    r.language = c.default_language();
    r.started_at = format_rfc3339(flow.clock().wall_now());
    r.submitted_at = r.started_at;
    r.answers = {{meeting.poll_question, value}};
    r.session_id = meeting.session_id();
    r.participant = {{"kind", "resident"}, {"organisation", nullptr}};
    r.consent.privacy_notice = true;  // the meeting's facilitator read the notice to the room
    try {
        flow.store().submit(r);  // durable on return
        ++answered_;
        just_answered_ = true;
        problem_.clear();
    } catch (const std::exception& e) {
        problem_ = e.what();
    }
}

void MeetingPollScreen::draw_pass_round(Flow& flow) {
    const ui::Strings& s = flow.strings();
    Meeting& meeting = flow.meeting();
    const Question& q = *meeting.poll();
    const Consultation& c = *meeting.consultation();
    if (just_answered_) {
        // Between two people: nothing of the last answer is shown.
        ui::heading(s("meeting.poll.thanks"));
        ui::text(s.format("meeting.poll.answered", std::to_string(answered_)));
        if (ui::primary_button(s("meeting.poll.next_person"), ImVec2(column_width(), 0))) {
            just_answered_ = false;
        }
        return;
    }
    ui::muted(s("meeting.poll.pass_explain"));
    for (const PollOption& o : poll_options(q, c.default_language(), s)) {
        if (ui::button(o.label, ImVec2(column_width(), 0), true, false,
                       ("answer_" + o.key).c_str())) {
            record_answer(flow, o.value);
        }
    }
    ui::muted(s.format("meeting.poll.answered", std::to_string(answered_)));
}

}  // namespace fv::screens
