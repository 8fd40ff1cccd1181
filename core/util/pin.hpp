// The officer PIN that unlocks kiosk mode: only a slow salted hash is stored (Argon2id through
// libsodium's crypto_pwhash_str), and PINs a passer-by would guess first are refused.
#pragma once

#include <string>
#include <string_view>

namespace fv {

// The crypto_pwhash_str string (Argon2id, interactive limits) for `pin`, salted afresh each
// call. Throws std::runtime_error only when the machine cannot spare the memory.
std::string hash_pin(std::string_view pin);

// True when `pin` matches a hash made by hash_pin; false for a wrong PIN or a damaged hash.
bool verify_pin(std::string_view stored_hash, std::string_view pin);

// 4 to 8 digits, not all the same digit, and not a run up or down (1234, 9876, 7890, ...).
bool is_acceptable_pin(std::string_view pin);

}  // namespace fv
