// Results of a consultation for the console: per question, how many answered and how many chose
// each option, over the responses a filter selects, and the SVG bar chart drawn from them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/model/consultation.hpp"
#include "sync/central/console_db.hpp"

namespace fv::central {

struct OptionCount {
    std::string key;    // the value as the CSV holds it: option id, smiley or scale number, ...
    std::string label;  // what a person reads
    std::int64_t count = 0;
};

struct QuestionResult {
    std::string id, prompt, type;
    std::int64_t answered = 0;
    bool counted = false;  // false for free text, numbers and postcodes: answered only
    std::vector<OptionCount> options;
};

struct Results {
    std::int64_t responses = 0;
    std::vector<QuestionResult> questions;
};

// Counts the responses `filter` selects over every version (the newest wording of each question).
Results compute_results(ConsoleDb& db, const std::string& consultation_id,
                        const std::vector<Consultation>& versions, const ResponseFilter& filter);

// A horizontal bar chart of one question's counts, each bar labelled with its option and count
// (never colour alone). `title_id` names the element that titles it for assistive technology.
std::string bar_chart_svg(const QuestionResult& question, const std::string& title_id);

}  // namespace fv::central
