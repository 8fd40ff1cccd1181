// Answers to a consultation: visibility (show_if), per-question checks, and the split of
// personal answers that must be sealed before a response is stored (DESIGN.md).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/model/consultation.hpp"

namespace fv {

// Whether `question` is shown given the answers so far (a JSON object id -> value).
bool is_shown(const Question& question, const nlohmann::json& answers);

// Checks one value against its question's rules (type, options, ranges, length in
// characters, postcode form, ...). Returns nullopt when the value is acceptable.
std::optional<Problem> check_answer(const Question& question, const nlohmann::json& value);

// Checks a whole answers object against a consultation: unknown question ids, values of the
// wrong type, required questions that are shown but missing, answers to hidden questions.
// With `personal_sealed` true, answers to personal questions must be absent (they travel in
// `sealed`), as the store requires. Given an `audience` (Response::audience()), a required
// question counts only when it is asked of that audience; without one, every question counts.
// An answer to a question not asked of the audience is still accepted: a device from before
// audiences asks partners every question, and its responses must not be refused.
std::vector<Problem> check_answers(const Consultation& consultation, const nlohmann::json& answers,
                                   bool personal_sealed,
                                   std::optional<std::string_view> audience = std::nullopt);

// Checks the answers of a one-tap pulse response (mode `pulse`): the consultation has a pulse
// question, and the answers are that question's value alone. Required questions do not apply:
// the tap is the whole response.
std::vector<Problem> check_pulse_answers(const Consultation& consultation,
                                         const nlohmann::json& answers);

// Normalises a UK postcode ("ox11aa" -> "OX1 1AA"); with District, only the outward code
// ("OX1"), and then an outward code alone ("ox4") is accepted too. Spaces and case are free;
// "GIR 0AA" is valid. nullopt when it is not a valid UK postcode.
std::optional<std::string> normalise_postcode(
    std::string_view text, PostcodePrecision precision = PostcodePrecision::Full);

// Moves the answers to personal questions out of `answers` and seals their JSON object to the
// consultation's public_key (crypto_box_seal), returning the base64 box for Response::sealed;
// nullopt when no personal question was answered. Throws std::runtime_error, leaving `answers`
// untouched, when there are personal answers but no usable key.
std::optional<std::string> seal_personal_answers(const Consultation& consultation,
                                                 nlohmann::json& answers);

// An answer as a person reads it, in `language`: option labels for choices ("Other: TEXT" for an
// other text), "1. A, 2. B" for a ranking, "Statement: agree" lines joined by "; " for
// statements, the number or text itself otherwise. "" for null.
std::string answer_in_words(const Question& question, const nlohmann::json& value,
                            const std::string& language);

// Number of Unicode code points in a UTF-8 string (invalid bytes count one each).
std::size_t utf8_length(std::string_view text);

// Bytes of the well-formed UTF-8 character that starts at `at`, or 0 when none starts there.
std::size_t utf8_sequence(std::string_view text, std::size_t at);

}  // namespace fv
