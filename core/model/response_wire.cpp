// Reading a response from its split text (only answers and participant are parsed as JSON), and
// writing its canonical text in the key order nlohmann's std::map gives to_json().
#include "core/model/response_wire.hpp"

#include <array>
#include <cstdint>
#include <limits>
#include <vector>

#include "core/util/ids.hpp"
#include "core/util/json_scan.hpp"

namespace fv {
namespace {

using nlohmann::json;

enum Field : unsigned {
    kId,
    kConsultationId,
    kConsultationVersion,
    kMode,
    kLanguage,
    kStartedAt,
    kSubmittedAt,
    kAnswers,
    kSessionId,
    kParticipant,
    kConsent,
    kFlags,
    kSealed,
    kReference,  // the two optional additions (docs/receipt.md) come last
    kContinues,
    kFieldCount
};
constexpr unsigned kRequiredFields = kReference;

constexpr std::array<std::string_view, kFieldCount> kFieldNames{
    "id",           "consultation_id", "consultation_version",
    "mode",         "language",        "started_at",
    "submitted_at", "answers",         "session_id",
    "participant",  "consent",         "flags",
    "sealed",       "reference",       "continues"};

// A JSON string's value when it is plain (printable ASCII, no escapes), as ids, times, modes
// and base64 are: then its text between the quotes is its value. nullopt otherwise.
std::optional<std::string_view> plain_string(std::string_view text) {
    if (text.size() < 2 || text.front() != '"' || text.back() != '"') return std::nullopt;
    const auto inner = text.substr(1, text.size() - 2);
    for (const char c : inner) {
        if (c < 0x20 || c > 0x7E || c == '\\' || c == '"') return std::nullopt;
    }
    return inner;
}

std::optional<std::string> plain_or_null(std::string_view text, bool& ok) {
    if (text == "null") return std::nullopt;
    const auto value = plain_string(text);
    if (!value) ok = false;
    return value ? std::optional<std::string>(std::string(*value)) : std::nullopt;
}

// An integer in JSON's own syntax (-?(0|[1-9][0-9]*)) that fits an int.
std::optional<int> plain_int(std::string_view text) {
    std::size_t i = text.size() > 0 && text[0] == '-' ? 1 : 0;
    const std::size_t digits = text.size() - i;
    if (digits == 0 || digits > 10 || (text[i] == '0' && digits > 1)) return std::nullopt;
    std::int64_t value = 0;
    for (; i < text.size(); ++i) {
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
        value = value * 10 + (text[i] - '0');
    }
    if (text[0] == '-') value = -value;
    if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max()) {
        return std::nullopt;
    }
    return static_cast<int>(value);
}

std::optional<json> parse_object(std::string_view text) {
    if (text.empty() || text.front() != '{') return std::nullopt;
    try {
        return json::parse(text);
    } catch (const json::parse_error&) {
        return std::nullopt;
    }
}

bool read_consent(std::string_view text, Consent& consent) {
    const auto members = split_plain_object(text);
    if (!members || members->size() != 3) return false;
    unsigned seen = 0;
    for (const auto& [key, value] : *members) {
        if (value != "true" && value != "false") return false;
        const unsigned bit = key == "contact_me"       ? 1
                             : key == "privacy_notice" ? 2
                             : key == "quote_publicly" ? 4
                                                       : 0;
        if (bit == 0 || (seen & bit)) return false;
        seen |= bit;
        (bit == 1   ? consent.contact_me
         : bit == 2 ? consent.privacy_notice
                    : consent.quote_publicly) = value == "true";
    }
    return true;
}

bool read_field(Field field, std::string_view text, Response& r) {
    auto set = [&](std::string& out) {
        const auto value = plain_string(text);
        if (value) out = std::string(*value);
        return value.has_value();
    };
    bool ok = true;
    auto set_optional = [&](std::optional<std::string>& out) {
        out = plain_or_null(text, ok);
        return ok;
    };
    switch (field) {
        case kId:
            return set(r.id);
        case kConsultationId:
            return set(r.consultation_id);
        case kLanguage:
            return set(r.language);
        case kStartedAt:
            return set(r.started_at);
        case kSubmittedAt:
            return set(r.submitted_at);
        case kMode: {
            const auto name = plain_string(text);
            const auto mode = name ? capture_mode_from_string(*name) : std::nullopt;
            if (mode) r.mode = *mode;
            return mode.has_value();
        }
        case kConsultationVersion: {
            const auto version = plain_int(text);
            if (version) r.consultation_version = *version;
            return version.has_value();
        }
        case kAnswers: {
            auto answers = parse_object(text);
            if (answers) r.answers = std::move(*answers);
            return answers.has_value();
        }
        case kParticipant: {
            if (text == "null") return true;
            auto participant = parse_object(text);
            if (!participant) return false;
            const auto kind = participant->find("kind");
            if (kind == participant->end() || !kind->is_string() ||
                (*kind != "resident" && *kind != "partner")) {
                return false;
            }
            r.participant = std::move(*participant);
            return true;
        }
        case kSessionId:
            return set_optional(r.session_id);
        case kSealed:
            return set_optional(r.sealed);
        case kReference:
            return set_optional(r.reference);
        case kContinues:
            return set_optional(r.continues);
        case kConsent:
            return read_consent(text, r.consent);
        case kFlags: {
            const auto items = split_array(text);
            if (!items) return false;
            for (const auto item : *items) {
                const auto flag = plain_string(item);
                if (!flag) return false;
                r.flags.emplace_back(*flag);
            }
            return true;
        }
        case kFieldCount:
            break;
    }
    return false;
}

// A string as nlohmann's dump writes it: printable ASCII is written as it is, anything else
// (escapes, control characters, UTF-8) by nlohmann itself.
void append_string(std::string& out, const std::string& text) {
    for (const char c : text) {
        if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
            out += json(text).dump();
            return;
        }
    }
    out += '"';
    out += text;
    out += '"';
}

void append_optional(std::string& out, const std::optional<std::string>& text) {
    if (text) {
        append_string(out, *text);
    } else {
        out += "null";
    }
}

}  // namespace

std::optional<Response> read_plain_wire_response(std::string_view text) {
    // Only the answers and the participant go through the JSON parser; the fixed fields are read
    // from the split text when they are plain, and anything else is left to the general way.
    const auto members = split_plain_object(text);
    if (!members || members->size() < kRequiredFields || members->size() > kFieldCount) {
        return std::nullopt;
    }
    Response r;
    unsigned seen = 0;
    for (const auto& [key, value] : *members) {
        unsigned f = 0;
        while (f < kFieldCount && kFieldNames[f] != key) ++f;
        if (f == kFieldCount || (seen & (1u << f))) return std::nullopt;
        seen |= 1u << f;
        if (!read_field(static_cast<Field>(f), value, r)) return std::nullopt;
    }
    if ((seen & ((1u << kRequiredFields) - 1)) != (1u << kRequiredFields) - 1) return std::nullopt;
    std::chrono::system_clock::time_point at;
    if (!is_uuid(r.id) || !parse_rfc3339(r.started_at, at) || !parse_rfc3339(r.submitted_at, at)) {
        return std::nullopt;
    }
    return r;
}

std::string canonical_text(const Response& r) {
    // Keys in std::map order, as to_json().dump() writes them.
    std::string out;
    out.reserve(512);
    out += "{\"answers\":";
    out += r.answers.dump();
    out += ",\"consent\":{\"contact_me\":";
    out += r.consent.contact_me ? "true" : "false";
    out += ",\"privacy_notice\":";
    out += r.consent.privacy_notice ? "true" : "false";
    out += ",\"quote_publicly\":";
    out += r.consent.quote_publicly ? "true" : "false";
    out += "},\"consultation_id\":";
    append_string(out, r.consultation_id);
    out += ",\"consultation_version\":";
    out += std::to_string(r.consultation_version);
    if (r.continues) {
        out += ",\"continues\":";
        append_string(out, *r.continues);
    }
    out += ",\"flags\":[";
    for (std::size_t i = 0; i < r.flags.size(); ++i) {
        if (i) out += ',';
        append_string(out, r.flags[i]);
    }
    out += "],\"id\":";
    append_string(out, r.id);
    out += ",\"language\":";
    append_string(out, r.language);
    out += ",\"mode\":";
    append_string(out, std::string(to_string(r.mode)));
    out += ",\"participant\":";
    out += r.participant.is_null() ? std::string("null") : r.participant.dump();
    if (r.reference) {
        out += ",\"reference\":";
        append_string(out, *r.reference);
    }
    out += ",\"sealed\":";
    append_optional(out, r.sealed);
    out += ",\"session_id\":";
    append_optional(out, r.session_id);
    out += ",\"started_at\":";
    append_string(out, r.started_at);
    out += ",\"submitted_at\":";
    append_string(out, r.submitted_at);
    out += '}';
    return out;
}

}  // namespace fv
