// Which questions a visit shows, in order, given its answers so far (show_if), and the answers
// that count: those to shown questions only. An answer to a question that an earlier change
// has hidden is neither shown nor sent.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "core/model/consultation.hpp"

namespace fv {

// Indices of the shown questions: those asked of `audience` (a question's own audience, or the
// consultation's; docs/format.md) and shown by show_if. A question hidden by show_if also hides
// those that depend on its (stale) answer.
std::vector<std::size_t> shown_questions(const Consultation& c, const nlohmann::json& answers,
                                         std::string_view audience = "resident");

// The answers to shown questions, without nulls: what a response stores (before sealing).
nlohmann::json shown_answers(const Consultation& c, const nlohmann::json& answers,
                             std::string_view audience = "resident");

// Whether a value counts as an answer (not null, not an empty string, list or object).
bool is_answered(const nlohmann::json& value);

}  // namespace fv
