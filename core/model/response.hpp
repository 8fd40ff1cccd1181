// A finished response, as stored on the device and sent in PROTOCOL.md's POST /responses.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fv {

enum class CaptureMode { Kiosk, Assisted, Meeting, Partner, Pulse };
std::string_view to_string(CaptureMode mode);
std::optional<CaptureMode> capture_mode_from_string(std::string_view name);

// The audience (docs/format.md) whose questions a visit of `mode` is asked: "partner" for a
// partner's submission, "resident" for every other way of answering.
std::string_view audience_of(CaptureMode mode);

struct Consent {
    bool privacy_notice = false;
    bool quote_publicly = false;
    bool contact_me = false;
};

struct Response {
    std::string id;  // UUID v4
    std::string consultation_id;
    int consultation_version = 0;
    CaptureMode mode = CaptureMode::Kiosk;
    std::string language;
    std::string started_at;                             // RFC 3339 UTC, "...Z"
    std::string submitted_at;                           // RFC 3339 UTC, "...Z"
    nlohmann::json answers = nlohmann::json::object();  // never holds personal answers
    std::optional<std::string> session_id;
    nlohmann::json participant;  // null or {"kind": ..., "organisation": ...}
    Consent consent;
    std::vector<std::string> flags;     // e.g. "rapid_repeat"
    std::optional<std::string> sealed;  // base64 crypto_box_seal of the personal answers
    // Additions (docs/receipt.md), absent from the wire when unset so that older texts and their
    // content hashes stay as they were: the receipt's reference shown to the person
    // (is_reference), and the id of the pulse response this one continues ("Tell us more?").
    std::optional<std::string> reference;
    std::optional<std::string> continues;

    // The wire form of PROTOCOL.md, and back. from_json throws nlohmann::json::exception
    // on a missing or mistyped field.
    nlohmann::json to_json() const;
    static Response from_json(const nlohmann::json& j);
    // The same, moving the answers and participant out of `j` instead of copying them.
    static Response from_json(nlohmann::json&& j);
    // The audience it answered as: its participant's kind when that names one ("partner"),
    // else the audience of its mode.
    std::string_view audience() const;
};

}  // namespace fv
