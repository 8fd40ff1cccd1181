// Turns a finished visit into the Response that is stored: only answers to shown questions,
// personal answers sealed to the consultation's key, consent, the rapid_repeat flag, and a
// fresh receipt reference.
#pragma once

#include <chrono>

#include "app/visit.hpp"
#include "core/model/consultation.hpp"
#include "core/model/response.hpp"

namespace fv {

// Throws std::runtime_error when personal answers cannot be sealed (no usable key).
Response build_response(const Consultation& consultation, const Visit& visit,
                        std::chrono::system_clock::time_point submitted_at, bool rapid_repeat);

// The one-tap pulse's response (mode `pulse`): the pulse question's `face` alone, no consent,
// nothing personal, no receipt. `rapid_repeat` flags it like any other.
Response build_pulse_response(const Consultation& consultation, int face,
                              const std::string& language,
                              std::chrono::system_clock::time_point submitted_at,
                              bool rapid_repeat);

// A response within this long of the previous one on the same kiosk is flagged.
inline constexpr std::chrono::seconds kRapidRepeatWindow{10};

}  // namespace fv
