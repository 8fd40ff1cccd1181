// Export of meeting sessions for officers (fieldvoice export --sessions): what each meeting
// recorded and its results, as CSV for a spreadsheet or JSON for tools.
#pragma once

#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "core/model/consultation.hpp"
#include "core/store/store.hpp"

namespace fv {

struct SessionExport {
    SessionRecord record;
    std::vector<StoredResponse> responses;  // the pass-round answers that name the session
    // The definition the session ran on, when this device holds it: it says which options a
    // poll offered, so that an option nobody voted for is still exported (with 0).
    std::optional<Consultation> consultation;
};

// Pass-round answers counted per question and answer value (a list answer counts each item).
std::map<std::string, std::map<std::string, int>> pass_round_counts(
    const std::vector<StoredResponse>& responses);

// The answer values a question offers a poll, as tallies and pass-round counts name them: the
// option ids of a choice question, "1".."5" for a smiley, each number of a scale; none for a
// question that cannot be polled.
std::vector<std::string> poll_option_keys(const Question& q);

// One count of a poll: how many chose `option` of `question_id` by one mode.
struct PollCount {
    std::string question_id;
    std::string mode;  // "hands" | "pass_round"
    std::string option;
    int count = 0;
};

// The polls of a session: each question with a show-of-hands count or a pass-round answer,
// in the definition's order (questions it does not have after, by id). Each is given in both
// modes, hands first, with every option the definition offers in its order (0 where nobody
// voted), then any other value counted, by value (so nothing counted is ever left out).
std::vector<PollCount> poll_counts(const SessionExport& session);
// Notes tagged with each theme.
std::map<std::string, int> theme_counts(const SessionRecord& record);

// CSV, UTF-8 with a byte-order mark, CRLF rows. One row an item, with the session's columns
// repeated (session_id, title, place, division, facilitator, consultation_id,
// consultation_version, started_at, ended_at, state), then `section` and its cells (the
// columns section, key, count, mode, text, themes, said_by, organisation, created_at,
// edited_at; a cell an item does not have is empty):
//   counts  key = notes | pass_round_answers | ideas | dot_voters, count
//   theme   key = theme id, count = notes tagged
//   poll    key = question_id:answer, count, mode = "hands" or "pass_round" (the rows of
//           poll_counts: every option of a poll in both modes, 0 where nobody voted)
//   idea    key = rank (1 = most dots), count = dots, text, created_at
//   note    key = note id, text, themes (";"-separated), said_by, organisation, created_at
//           (when it was first written), edited_at (when it was last changed; empty if never)
void write_sessions_csv(std::ostream& out, const std::vector<SessionExport>& sessions);

// JSON: one session a line, its upload form (PROTOCOL.md: notes carry created_at and
// edited_at) with "state" and a "results" object: {"responses", "themes", "hands",
// "pass_round", "ranking": [{"id","text","dots"}]}; "hands" and "pass_round" hold
// {question: {answer: count}} for every poll_counts row, so 0 where nobody voted.
void write_sessions_json(std::ostream& out, const std::vector<SessionExport>& sessions);

}  // namespace fv
