// Request bodies of the central store: gzip inflation with a hard cap, so that a small body that
// would inflate past PROTOCOL.md's 8 MiB (a "zip bomb") is refused without inflating it all.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace fv::central {

enum class InflateResult { Ok, TooLarge, Damaged };

// Inflates a gzip (or zlib) body into `out`, stopping as soon as it passes `max_size` bytes.
InflateResult inflate_capped(std::string_view data, std::size_t max_size, std::string& out);

}  // namespace fv::central
