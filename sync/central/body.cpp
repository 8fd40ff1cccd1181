// zlib's inflate in fixed-size steps, checking the output size after each one.
#include "sync/central/body.hpp"

#include <zlib.h>

namespace fv::central {

InflateResult inflate_capped(std::string_view data, std::size_t max_size, std::string& out) {
    out.clear();
    z_stream zs{};
    // 15 + 32: accept both the gzip and the zlib wrapper, detected from the header.
    if (inflateInit2(&zs, 15 + 32) != Z_OK) return InflateResult::Damaged;
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    char chunk[64 * 1024];
    InflateResult result = InflateResult::Damaged;
    for (;;) {
        zs.next_out = reinterpret_cast<Bytef*>(chunk);
        zs.avail_out = sizeof chunk;
        const int rc = inflate(&zs, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) break;  // damaged, or truncated (Z_BUF_ERROR)
        const std::size_t produced = sizeof chunk - zs.avail_out;
        if (out.size() + produced > max_size) {
            result = InflateResult::TooLarge;
            break;
        }
        out.append(chunk, produced);
        if (rc == Z_STREAM_END) {
            // Trailing bytes after the gzip member are not a body we understand.
            result = zs.avail_in == 0 ? InflateResult::Ok : InflateResult::Damaged;
            break;
        }
        if (produced == 0 && zs.avail_in == 0) break;  // input ended before the stream did
    }
    inflateEnd(&zs);
    if (result != InflateResult::Ok) out.clear();
    return result;
}

}  // namespace fv::central
