// A response in PROTOCOL.md's wire form (POST /api/v1/responses), and back again.
#include "core/model/response.hpp"

#include <array>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <utility>

namespace fv {

using nlohmann::json;

namespace {

constexpr std::array<std::pair<CaptureMode, std::string_view>, 5> kModeNames{{
    {CaptureMode::Kiosk, "kiosk"},
    {CaptureMode::Assisted, "assisted"},
    {CaptureMode::Meeting, "meeting"},
    {CaptureMode::Partner, "partner"},
    {CaptureMode::Pulse, "pulse"},
}};

// A mistyped value must surface as nlohmann::json::exception, as response.hpp promises, so that
// callers have one exception type to catch for any malformed response.
[[noreturn]] void bad_value(const std::string& message) {
    throw json::other_error::create(501, message, static_cast<const json*>(nullptr));
}

}  // namespace

std::string_view to_string(CaptureMode mode) {
    for (const auto& [m, name] : kModeNames) {
        if (m == mode) return name;
    }
    return "kiosk";
}

std::optional<CaptureMode> capture_mode_from_string(std::string_view name) {
    for (const auto& [m, mode_name] : kModeNames) {
        if (mode_name == name) return m;
    }
    return std::nullopt;
}

json Response::to_json() const {
    json flag_list = json::array();
    for (const auto& flag : flags) flag_list.push_back(flag);
    json out{
        {"id", id},
        {"consultation_id", consultation_id},
        {"consultation_version", consultation_version},
        {"mode", std::string(to_string(mode))},
        {"language", language},
        {"started_at", started_at},
        {"submitted_at", submitted_at},
        {"answers", answers},
        {"session_id", session_id ? json(*session_id) : json(nullptr)},
        {"participant", participant.is_null() ? json(nullptr) : participant},
        {"consent",
         {{"privacy_notice", consent.privacy_notice},
          {"quote_publicly", consent.quote_publicly},
          {"contact_me", consent.contact_me}}},
        {"flags", std::move(flag_list)},
        {"sealed", sealed ? json(*sealed) : json(nullptr)},
    };
    if (reference) out["reference"] = *reference;
    if (continues) out["continues"] = *continues;
    return out;
}

namespace {

// The field `name` of `j`, as an rvalue when `j` may be taken from.
template <typename Json>
decltype(auto) field(Json& j, const char* name) {
    if constexpr (std::is_const_v<Json>) {
        return j.at(name);
    } else {
        return std::move(j.at(name));
    }
}

template <typename Json>
Response read_response(Json& j) {
    Response r;
    r.id = j.at("id").template get<std::string>();
    r.consultation_id = j.at("consultation_id").template get<std::string>();
    const json& version = j.at("consultation_version");
    if (!version.is_number_integer()) bad_value("consultation_version must be a whole number");
    // Read wide first: a version past an int would otherwise wrap round to another version.
    const auto wide = version.template get<std::int64_t>();
    if (wide < std::numeric_limits<int>::min() || wide > std::numeric_limits<int>::max()) {
        bad_value("consultation_version is out of range");
    }
    r.consultation_version = static_cast<int>(wide);
    auto mode = capture_mode_from_string(j.at("mode").template get<std::string>());
    if (!mode) bad_value("mode must be kiosk, assisted, meeting, partner or pulse");
    r.mode = *mode;
    r.language = j.at("language").template get<std::string>();
    r.started_at = j.at("started_at").template get<std::string>();
    r.submitted_at = j.at("submitted_at").template get<std::string>();
    r.answers = field(j, "answers");
    if (!r.answers.is_object()) bad_value("answers must be an object");
    const json& session = j.at("session_id");
    if (!session.is_null()) r.session_id = session.template get<std::string>();
    r.participant = field(j, "participant");
    if (!r.participant.is_null()) {
        if (!r.participant.is_object()) bad_value("participant must be null or an object");
        const auto kind = r.participant.at("kind").template get<std::string>();
        if (kind != "resident" && kind != "partner") {
            bad_value("participant.kind must be resident or partner");
        }
    }
    const json& consent = j.at("consent");
    r.consent.privacy_notice = consent.at("privacy_notice").template get<bool>();
    r.consent.quote_publicly = consent.at("quote_publicly").template get<bool>();
    r.consent.contact_me = consent.at("contact_me").template get<bool>();
    r.flags = j.at("flags").template get<std::vector<std::string>>();
    const json& sealed = j.at("sealed");
    if (!sealed.is_null()) r.sealed = sealed.template get<std::string>();
    if (const auto at = j.find("reference"); at != j.end() && !at->is_null()) {
        r.reference = at->template get<std::string>();
    }
    if (const auto at = j.find("continues"); at != j.end() && !at->is_null()) {
        r.continues = at->template get<std::string>();
    }
    return r;
}

}  // namespace

Response Response::from_json(const json& j) {
    return read_response(j);
}

Response Response::from_json(json&& j) {
    return read_response(j);
}

std::string_view audience_of(CaptureMode mode) {
    return mode == CaptureMode::Partner ? "partner" : "resident";
}

std::string_view Response::audience() const {
    if (participant.is_object()) {
        const auto kind = participant.find("kind");
        if (kind != participant.end() && kind->is_string()) {
            const std::string& k = kind->get_ref<const std::string&>();
            if (k == "partner") return "partner";
            if (k == "resident") return "resident";
        }
    }
    return audience_of(mode);
}

}  // namespace fv
