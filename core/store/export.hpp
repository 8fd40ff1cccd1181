// Export of stored responses for officers: CSV for a spreadsheet, JSON for tools.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "core/model/consultation.hpp"
#include "core/model/response.hpp"

namespace fv {

// CSV, UTF-8 with a byte-order mark so spreadsheets read it as UTF-8, CRLF rows (RFC 4180).
// Fixed columns (id, consultation_id, consultation_version, mode, language, started_at,
// submitted_at, session_id, participant_kind, participant_organisation, consent..., flags,
// state), then one column per question across all given versions, in order of first
// appearance; a multi_choice question gets one column per option ("used:books", 1 or 0) plus
// "used:other" when it has `other`; ranking and statements one column per option/statement.
// `extra` names one more column per response (e.g. a state or the opened personal answers).
struct ExportRow {
    Response response;
    std::vector<std::pair<std::string, std::string>> extra;  // column -> value
};
void write_csv(std::ostream& out, const std::vector<Consultation>& versions,
               const std::vector<ExportRow>& rows);

// One cell of CSV, quoted when needed.
std::string csv_escape(const std::string& cell);

}  // namespace fv
