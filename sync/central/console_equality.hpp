// The equality page's tables (who answered each equalities question, the breakdowns, the
// representation table), suppressed for publishing, and the page, its reference upload and its
// CSV download. Internal to sync/central.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/stats/representation.hpp"
#include "core/stats/suppression.hpp"
#include "sync/central/console_results.hpp"
#include "sync/central/console_web.hpp"

namespace fv::central {

// One equalities question's answers over all responses, "No answer" last, with its suppression.
struct WhoAnswered {
    const QuestionResult* question = nullptr;
    std::vector<OptionCount> rows;
    std::vector<CellDisplay> display;  // of rows
    std::int64_t total = 0;            // the responses
};
std::vector<WhoAnswered> who_answered(const Results& results);

// Every counted question by every equalities question (for the downloads).
std::vector<CrossTabSpec> every_cross_tab(const Results& results);

struct RepresentationTable {
    const QuestionResult* question = nullptr;
    std::vector<RepresentationRow> rows;
    std::vector<CellDisplay> display;  // of rows' heard counts
};
struct Representation {
    std::string area;           // "" county-wide, else the division compared
    bool area_missing = false;  // the reference has no county-wide shares and none of this area
    std::vector<std::string> problems;  // the stored reference no longer fits the newest version
    std::vector<RepresentationTable> tables;
};
// `results` against the stored reference, in `division` when the reference has its shares and
// county-wide otherwise.
Representation representation(const Results& results, const ReferenceFile& file,
                              const Consultation& newest, const std::string& division);

// The rows of the equality CSV and of the XLSX's equality sheets, the header first.
void equality_rows(const Results& results, const std::optional<Representation>& reference,
                   const std::function<void(const std::vector<std::string>&)>& row);

// A sheet for each of those tables in `book`: who answered each equalities question, each
// breakdown as a grid, and the representation table when there is a reference.
class XlsxBook;
void equality_sheets(XlsxBook& book, const Results& results,
                     const std::optional<Representation>& reference);

// What an upload of a reference population gave, for the page shown after it.
struct EqualityUpload {
    std::string file;
    std::vector<std::string> problems;
    std::string done;
};

}  // namespace fv::central
