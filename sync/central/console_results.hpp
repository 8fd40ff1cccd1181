// Results of a consultation for the console: per question, how many answered and how many chose
// each option, over the responses a filter selects, and the SVG bar chart drawn from them.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "core/model/consultation.hpp"
#include "sync/central/console_db.hpp"

namespace fv::central {

class AnswerIndex;

// True for the types whose answers are counted by value (choices, smileys, scales, rankings,
// statements); a text, number or postcode is only counted as answered.
bool is_counted(QuestionType type);
// The values one answer adds to its question's table: the value as the CSV holds it, "other" for
// an other text, a ranking's first choice, each statement's "statement:verdict", each choice.
std::vector<std::string> answer_keys(QuestionType type, const nlohmann::json& value);

struct OptionCount {
    std::string key;    // the value as the CSV holds it: option id, smiley or scale number, ...
    std::string label;  // what a person reads
    std::int64_t count = 0;
    std::int64_t flagged = 0;  // of `count`, from responses flagged rapid_repeat
};

struct QuestionResult {
    std::string id, prompt, type;
    QuestionType question_type = QuestionType::Info;
    std::int64_t answered = 0;
    std::int64_t answered_flagged = 0;  // of `answered`, responses flagged rapid_repeat
    bool counted = false;     // false for free text, numbers and postcodes: answered only
    bool equalities = false;  // an equalities question (who answered, for the impact assessment)
    bool single = false;      // each answer has one value (not multiple choice or statements)
    std::vector<OptionCount> options;
};

// One question's answers broken down by another's (an equalities question): a row for each
// answer to `question`, a column for each answer to `by` and a last "No answer" column for those
// who answered `question` but not `by`. A person who chose several answers of a multiple choice
// question is counted once in each of their answers' rows (or columns).
struct CrossTab {
    std::string question, by;  // question ids
    std::vector<OptionCount> rows, columns;
    std::vector<std::vector<std::int64_t>> counts;  // rows x columns
};

// How many of the responses counted came by one way of answering (PROTOCOL.md's `mode`).
struct ModeCount {
    std::string mode;
    std::int64_t responses = 0;  // stored by this mode that the filter selects
    std::int64_t counted = 0;    // of them, counted: all but pulses continued by a counted one
    std::int64_t flagged = 0;    // of the counted, flagged rapid_repeat by their device
    std::int64_t told_more = 0;  // pulses only: of them, continued by a full response at all
};

// The label of a mode on the console ("One-tap pulse" for "pulse").
std::string mode_label(const std::string& mode);

// Each person is counted once (docs/pulse.md): a pulse response continued by a full response
// ("Tell us more?") that the filter also selects is left out of every count, the full response
// carrying its answer. Flagged responses (rapid_repeat) are counted like the rest, and also
// counted apart, so that an officer can see how many there are and weigh them.
struct Results {
    std::int64_t responses = 0;  // people counted: the responses selected less continued pulses
    std::int64_t flagged = 0;    // of `responses`, flagged rapid_repeat
    std::int64_t left_out = 0;   // pulse responses not counted again beside their continuation
    std::vector<ModeCount> modes;  // each mode with a response selected, in capture_modes order
    std::vector<QuestionResult> questions;
    std::vector<CrossTab> cross_tabs;  // in the order asked for
    const QuestionResult* find(const std::string& question_id) const;
};

struct CrossTabSpec {
    std::string question, by;
};

// The questions every version asks (newest wording, in order of first appearance), at 0.
Results results_shape(const std::vector<Consultation>& versions);

// Counts the responses `filter` selects over every version (the newest wording of each question),
// and each cross-tabulation asked for (both of its questions must be counted ones), in one pass:
// over the answers `answers` keeps (brought up to date first), or over the stored JSON when the
// index cannot say (answer_index.hpp) or `answers` is null.
Results compute_results(ConsoleDb& db, AnswerIndex* answers, const std::string& consultation_id,
                        const std::vector<Consultation>& versions, const ResponseFilter& filter,
                        const std::vector<CrossTabSpec>& cross_tabs = {});

// A horizontal bar chart of one question's counts, each bar labelled with its option and count
// (never colour alone). `title_id` names the element that titles it for assistive technology.
std::string bar_chart_svg(const QuestionResult& question, const std::string& title_id);

}  // namespace fv::central
