// Export of stored responses for officers: CSV for a spreadsheet, JSON for tools.
#pragma once

#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "core/model/consultation.hpp"
#include "core/model/response.hpp"

namespace fv {

// CSV, UTF-8 with a byte-order mark so spreadsheets read it as UTF-8, CRLF rows (RFC 4180).
// Fixed columns (id, consultation_id, consultation_version, mode, language, started_at,
// submitted_at, session_id, participant_kind, participant_organisation, participant_name (the
// name a partner's submitter gave: part of the participant, not a sealed answer), consent...,
// flags, state), then one column per question across all given versions, in order of first
// appearance; a multi_choice question gets one column per option ("used:books", 1 or 0) plus
// "used:other" when it has `other`; ranking and statements one column per option/statement.
// `extra` names one more column per response (e.g. a state or the opened personal answers);
// extra columns follow the fixed ones, before the questions, in order of first appearance.
// Personal questions get no column (their answers are sealed, never in `answers`), nor do info
// pages. A question a response did not answer leaves its cells empty (never 0).
struct ExportRow {
    Response response;
    std::vector<std::pair<std::string, std::string>> extra;  // column -> value
};
void write_csv(std::ostream& out, const std::vector<Consultation>& versions,
               const std::vector<ExportRow>& rows);
// The same table, a row of cells at a time (the header first), for other formats (XLSX).
void export_table(const std::vector<Consultation>& versions, const std::vector<ExportRow>& rows,
                  const std::function<void(const std::vector<std::string>&)>& row_out);

// One cell of CSV, quoted when needed.
std::string csv_escape(const std::string& cell);

// JSON for tools: an array of the responses' wire form (PROTOCOL.md), one a line, each with
// its `extra` pairs added as string fields (e.g. "state": "queued"). An extra named like a wire
// field throws std::invalid_argument: the wire form is never altered. Personal answers stay
// in `sealed`.
void write_json(std::ostream& out, const std::vector<ExportRow>& rows);

}  // namespace fv
