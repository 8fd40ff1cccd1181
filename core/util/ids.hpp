// Identifiers and times as PROTOCOL.md wants them: UUID v4 from a CSPRNG, RFC 3339 UTC.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace fv {

std::string new_uuid();  // lower-case, 36 characters, version 4, from libsodium's CSPRNG
bool is_uuid(std::string_view text);

// "2026-11-23T14:05:09.120Z"
std::string format_rfc3339(std::chrono::system_clock::time_point t);
std::string now_rfc3339();
// Parses the form above (fraction optional); false when it is not one.
bool parse_rfc3339(std::string_view text, std::chrono::system_clock::time_point& out);

}  // namespace fv
