// gzip compression of request bodies, as PROTOCOL.md allows with Content-Encoding: gzip.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace fv {

// The gzip form (RFC 1952) of `data` at `level` (1 fastest .. 12 smallest). Throws
// std::runtime_error only when there is no memory for the compressor.
std::string gzip_compress(std::string_view data, int level = 6);

// Inflates a gzip body; nullopt when damaged or when it would grow past `max_size` bytes.
std::optional<std::string> gzip_decompress(std::string_view data, std::size_t max_size);

}  // namespace fv
