// Officer PIN hashing and the rules a new PIN must meet.
#include "core/util/pin.hpp"

#include <sodium.h>

#include <stdexcept>

#include "core/util/sodium_init.hpp"

namespace fv {

std::string hash_pin(std::string_view pin) {
    ensure_sodium();
    // A PIN has at most 10^8 values, so no memory cost makes an offline search of a stolen
    // hash slow; the lockout after wrong tries is what protects kiosk mode. 8 MiB (not the
    // 64 MiB of "interactive") keeps the kiosk's peak memory small on a cheap device.
    constexpr std::size_t kPinMemLimit = 8u << 20;
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          kPinMemLimit) != 0) {
        throw std::runtime_error("cannot hash the PIN: not enough memory on this device");
    }
    return out;
}

bool verify_pin(std::string_view stored_hash, std::string_view pin) {
    ensure_sodium();
    // crypto_pwhash_str_verify wants a NUL-terminated string of at most STRBYTES.
    if (stored_hash.empty() || stored_hash.size() >= crypto_pwhash_STRBYTES) return false;
    const std::string hash(stored_hash);
    return crypto_pwhash_str_verify(hash.c_str(), pin.data(), pin.size()) == 0;
}

bool is_acceptable_pin(std::string_view pin) {
    if (pin.size() < 4 || pin.size() > 8) return false;
    for (char c : pin) {
        if (c < '0' || c > '9') return false;
    }
    bool all_same = true, run_up = true, run_down = true;
    for (std::size_t i = 1; i < pin.size(); ++i) {
        const int prev = pin[i - 1] - '0', cur = pin[i] - '0';
        all_same = all_same && cur == prev;
        run_up = run_up && cur == (prev + 1) % 10;  // 7890 counts as a run
        run_down = run_down && cur == (prev + 9) % 10;
    }
    return !all_same && !run_up && !run_down;
}

}  // namespace fv
