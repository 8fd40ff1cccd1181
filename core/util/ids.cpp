// Identifiers and times as PROTOCOL.md wants them: UUID v4 from libsodium's CSPRNG and
// RFC 3339 UTC times with milliseconds.
#include "core/util/ids.hpp"

#include <sodium.h>

#include <array>
#include <cstdint>
#include <cstdio>

#include "core/util/sodium_init.hpp"

namespace fv {

std::string new_uuid() {
    ensure_sodium();
    std::array<unsigned char, 16> b{};
    randombytes_buf(b.data(), b.size());
    b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x40);  // version 4
    b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);  // RFC 4122 variant
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(36);
    for (std::size_t i = 0; i < b.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
        out.push_back(kHex[b[i] >> 4]);
        out.push_back(kHex[b[i] & 0x0F]);
    }
    return out;
}

bool is_uuid(std::string_view text) {
    if (text.size() != 36) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-') return false;
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;  // lower case only, as PROTOCOL.md says
        }
    }
    return true;
}

std::string new_reference() {
    ensure_sodium();
    std::string out;
    out.reserve(kReferenceLength);
    for (std::size_t i = 0; i < kReferenceLength; ++i) {
        out.push_back(kReferenceAlphabet[randombytes_uniform(
            static_cast<std::uint32_t>(kReferenceAlphabet.size()))]);
    }
    return out;
}

bool is_reference(std::string_view text) {
    if (text.size() != kReferenceLength) return false;
    for (const char c : text) {
        if (kReferenceAlphabet.find(c) == std::string_view::npos) return false;
    }
    return true;
}

std::optional<std::string> normalise_reference(std::string_view typed) {
    std::string out;
    for (const char c : typed) {
        if (c == ' ' || c == '-' || c == '\t') continue;
        out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
    }
    if (!is_reference(out)) return std::nullopt;
    return out;
}

std::string format_rfc3339(std::chrono::system_clock::time_point t) {
    using namespace std::chrono;
    const auto ms_total = time_point_cast<milliseconds>(t);
    const auto day = floor<days>(ms_total);  // floor, so times before 1970 stay correct
    const auto ms_in_day = ms_total - day;
    const year_month_day ymd{day};
    const hh_mm_ss<milliseconds> tod{ms_in_day};
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ",
                  static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()), static_cast<int>(tod.hours().count()),
                  static_cast<int>(tod.minutes().count()), static_cast<int>(tod.seconds().count()),
                  static_cast<int>(tod.subseconds().count()));
    return buf;
}

std::string now_rfc3339() {
    return format_rfc3339(std::chrono::system_clock::now());
}

namespace {

// Reads exactly `n` digits at `pos`; false when any is not a digit.
bool read_digits(std::string_view text, std::size_t pos, std::size_t n, int& out) {
    if (pos + n > text.size()) return false;
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (text[i] < '0' || text[i] > '9') return false;
        v = v * 10 + (text[i] - '0');
    }
    out = v;
    return true;
}

}  // namespace

bool parse_rfc3339(std::string_view text, std::chrono::system_clock::time_point& out) {
    using namespace std::chrono;
    // YYYY-MM-DDTHH:MM:SS[.fraction]Z
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    if (text.size() < 20) return false;
    if (!read_digits(text, 0, 4, y) || text[4] != '-' || !read_digits(text, 5, 2, mo) ||
        text[7] != '-' || !read_digits(text, 8, 2, d) || (text[10] != 'T' && text[10] != 't') ||
        !read_digits(text, 11, 2, h) || text[13] != ':' || !read_digits(text, 14, 2, mi) ||
        text[16] != ':' || !read_digits(text, 17, 2, s)) {
        return false;
    }
    std::size_t pos = 19;
    long long nanos = 0;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        const std::size_t start = pos;
        long long scale = 100'000'000;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            nanos += (text[pos] - '0') * scale;  // digits past nanoseconds are dropped
            scale /= 10;
            ++pos;
        }
        if (pos == start) return false;
    }
    if (pos + 1 != text.size() || (text[pos] != 'Z' && text[pos] != 'z')) return false;
    if (h > 23 || mi > 59 || s > 60) return false;  // 60: a leap second, folded below
    const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)},
                             day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return false;
    const auto tp = sys_days{ymd} + hours{h} + minutes{mi} + seconds{s} + nanoseconds{nanos};
    out = time_point_cast<system_clock::duration>(tp);
    return true;
}

}  // namespace fv
