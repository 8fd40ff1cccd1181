// libsodium must be initialised once before use; every unit that calls it goes through here.
#pragma once

namespace fv {

// Calls sodium_init() exactly once, from whichever thread gets here first; throws
// std::runtime_error if libsodium cannot start (no entropy source).
void ensure_sodium();

}  // namespace fv
