// Counts of a consultation's answers, question by question: what the kiosk's officer sees of
// this device's own responses, with no network.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/model/consultation.hpp"
#include "core/model/response.hpp"

namespace fv {

struct TallyRow {
    std::string key;    // the answer's value as the CSV holds it: option id, smiley number, ...
    std::string label;  // what a person reads, in `lang`
    std::int64_t count = 0;
};

struct QuestionTally {
    const Question* question = nullptr;
    std::int64_t answered = 0;  // responses that answered it
    // One row per option (single and multi choice, and "Other" when it has one; ranking: how
    // often each was ranked), per face or point (smiley, scale), per statement and verdict.
    // Empty for text, numbers, postcodes: those are answered only.
    std::vector<TallyRow> rows;
};

// Leaves out each pulse response (mode `pulse`) that a full response in `responses` continues:
// the same person's tap, whose answer the full response carries, so that each person counts
// once (docs/format.md "pulse"). A pulse nobody continued stays.
void drop_continued_pulses(std::vector<Response>& responses);

// Every question that takes an answer, in the definition's order; personal questions are left
// out (their answers are sealed). Responses to other consultations are skipped.
std::vector<QuestionTally> tally(const Consultation& consultation,
                                 const std::vector<Response>& responses, const std::string& lang);

}  // namespace fv
