// Export of meeting sessions for officers (fieldvoice export --sessions): what each meeting
// recorded and its results, as CSV for a spreadsheet or JSON for tools.
#pragma once

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "core/store/store.hpp"

namespace fv {

struct SessionExport {
    SessionRecord record;
    std::vector<StoredResponse> responses;  // the pass-round answers that name the session
};

// Pass-round answers counted per question and answer value (a list answer counts each item).
std::map<std::string, std::map<std::string, int>> pass_round_counts(
    const std::vector<StoredResponse>& responses);
// Notes tagged with each theme.
std::map<std::string, int> theme_counts(const SessionRecord& record);

// CSV, UTF-8 with a byte-order mark, CRLF rows. One row an item, with the session's columns
// repeated (session_id, title, place, division, facilitator, consultation_id,
// consultation_version, started_at, ended_at, state), then `section` and its cells:
//   counts  key = notes | pass_round_answers | ideas | dot_voters, count
//   theme   key = theme id, count = notes tagged
//   poll    key = question_id:answer, count, text = "hands" or "pass_round"
//   idea    key = rank (1 = most dots), count = dots, text
//   note    key = note id, text, themes (";"-separated), said_by, organisation, at
void write_sessions_csv(std::ostream& out, const std::vector<SessionExport>& sessions);

// JSON: one session a line, its upload form (PROTOCOL.md) with "state" and a "results"
// object: {"responses", "themes", "hands", "pass_round", "ranking": [{"id","text","dots"}]}.
void write_sessions_json(std::ostream& out, const std::vector<SessionExport>& sessions);

}  // namespace fv
