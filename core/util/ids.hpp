// Identifiers and times as PROTOCOL.md wants them: UUID v4 from a CSPRNG, RFC 3339 UTC.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace fv {

std::string new_uuid();  // lower-case, 36 characters, version 4, from libsodium's CSPRNG
bool is_uuid(std::string_view text);

// A receipt's reference (issue "Closing the loop at the kiosk"): 8 characters from an alphabet
// with no look-alikes (no 0/O, 1/I/L, U/V), from libsodium's CSPRNG. 29^8 is about 5.0e11.
inline constexpr std::string_view kReferenceAlphabet = "23456789ABCDEFGHJKMNPQRSTWXYZ";
inline constexpr std::size_t kReferenceLength = 8;
std::string new_reference();
bool is_reference(std::string_view text);
// What a person typed or read out ("k7qf 3xpm", "K7QF-3XPM") as a reference, upper-cased with
// spaces and hyphens dropped; nullopt when it cannot be one.
std::optional<std::string> normalise_reference(std::string_view typed);

// "2026-11-23T14:05:09.120Z"
std::string format_rfc3339(std::chrono::system_clock::time_point t);
std::string now_rfc3339();
// Parses the form above (fraction optional); false when it is not one.
bool parse_rfc3339(std::string_view text, std::chrono::system_clock::time_point& out);

}  // namespace fv
