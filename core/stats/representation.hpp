// Representation against a reference population: the council's CSV of category shares (census
// or similar, county-wide or per division), checked line by line against a consultation's
// equalities questions, and the shares heard compared with it, marking the groups heard least.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/consultation.hpp"

namespace fv {

struct ReferenceShare {
    std::string question_id, option_key;
    std::string division;  // "" for county-wide
    double share = 0.0;    // 0..1
    std::size_t line = 0;  // in the uploaded file, 1 = the header
};

struct ReferenceProblem {
    std::size_t line = 0;  // 0: the file as a whole
    std::string message;   // a sentence naming what is wrong and what was expected
};

struct ReferenceParse {
    std::vector<ReferenceShare> shares;      // empty when there is any problem
    std::vector<ReferenceProblem> problems;  // every one found, in line order
};

// The header is `question_id,option_key,share` or `question_id,option_key,share,division`.
// A share is a decimal from 0 to 1 (0.125) or a percentage (12.5%). Each question must be an
// equalities question of `consultation`, each option one of its options, each (question, option,
// division) given once, and each question's shares in a division must add up to 1 (within 0.01).
ReferenceParse parse_reference_csv(std::string_view text, const Consultation& consultation);

// Heard from least: a group whose heard share is below this fraction of its reference share.
inline constexpr double kUnderRepresentedRatio = 0.8;

struct RepresentationRow {
    std::string option_key;
    std::int64_t heard = 0;
    double heard_share = 0.0;  // of those who answered with one of the reference's groups
    double reference_share = 0.0;
    std::optional<double> ratio;     // heard_share / reference_share; none when the reference is 0
    bool under_represented = false;  // ratio below kUnderRepresentedRatio
    bool lowest = false;             // the lowest ratio of the question (ties all marked)
};

// One question in one area: `heard` holds each option's count (options the reference does not
// name, such as "prefer not to say", are left out of the shares); `reference` its shares.
std::vector<RepresentationRow> compare_representation(
    const std::vector<std::pair<std::string, std::int64_t>>& heard,
    const std::vector<ReferenceShare>& reference, double threshold = kUnderRepresentedRatio);

}  // namespace fv
