// The wire format of PROTOCOL.md, shared by the device's sync engine and fieldvoice-central:
// limits, paths, error codes, and the JSON (de)serialisation of every request and reply.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/outcome.hpp"
#include "core/model/response.hpp"
#include "core/store/store.hpp"  // fv::ItemStatus, fv::ItemResult

namespace fv::protocol {

inline constexpr int kVersion = 1;
inline constexpr std::size_t kMaxBatch = 500;                  // responses or sessions a POST
inline constexpr std::size_t kMaxBodyBytes = 8 * 1024 * 1024;  // before and after gunzip

// Paths relative to the device's base URL (which may carry a prefix such as /fieldvoice/).
inline constexpr std::string_view kHealthPath = "api/v1/health";
inline constexpr std::string_view kEnrolPath = "api/v1/devices/enrol";
inline constexpr std::string_view kConsultationsPath = "api/v1/consultations";
inline constexpr std::string_view kOutcomesPath = "api/v1/outcomes";  // docs/outcomes.md
inline constexpr std::string_view kResponsesPath = "api/v1/responses";
inline constexpr std::string_view kSessionsPath = "api/v1/sessions";
inline constexpr std::string_view kDeviceStatusPath = "api/v1/devices/status";
inline constexpr std::string_view kErasuresPath = "api/v1/erasures";  // docs/receipt.md
// Officer endpoints: api/v1/consultations/{id}/responses | summary | export.csv
std::string officer_path(std::string_view consultation_id, std::string_view what);

// The `code` of the error body of every non-2xx reply, and of a rejected item.
namespace code {
// whole request
inline constexpr std::string_view kMalformedJson = "malformed_json";      // 400
inline constexpr std::string_view kInvalidRequest = "invalid_request";    // 400
inline constexpr std::string_view kBadEncoding = "bad_content_encoding";  // 400 / 415
inline constexpr std::string_view kMissingToken = "missing_token";        // 401
inline constexpr std::string_view kInvalidToken = "invalid_token";        // 401 unknown/revoked
inline constexpr std::string_view kForbidden = "forbidden";               // 403
inline constexpr std::string_view kInvalidEnrolmentCode = "invalid_enrolment_code";  // 403
inline constexpr std::string_view kNotFound = "not_found";                           // 404
inline constexpr std::string_view kUnknownConsultation = "unknown_consultation";     // 404
inline constexpr std::string_view kMethodNotAllowed = "method_not_allowed";          // 405
inline constexpr std::string_view kBodyTooLarge = "body_too_large";                  // 413
inline constexpr std::string_view kBatchTooLarge = "batch_too_large";                // 413
inline constexpr std::string_view kRateLimited = "rate_limited";                     // 429
inline constexpr std::string_view kInternal = "internal_error";                      // 500
inline constexpr std::string_view kShuttingDown = "shutting_down";                   // 503
// per item (status "rejected")
inline constexpr std::string_view kConflict = "conflict";
inline constexpr std::string_view kInvalidResponse = "invalid_response";
inline constexpr std::string_view kInvalidSession = "invalid_session";
inline constexpr std::string_view kUnknownConsultationVersion = "unknown_consultation_version";
// An officer erased the response on the store (docs/receipt.md): the device deletes it.
inline constexpr std::string_view kErased = "erased";
}  // namespace code

// {"error": {"code": ..., "message": ...}}
struct ErrorBody {
    std::string code;
    std::string message;
};
nlohmann::json to_json(const ErrorBody& error);
std::string error_body(std::string_view code, std::string_view message);  // serialised
// nullopt when `body` is not an error body of PROTOCOL.md's form.
std::optional<ErrorBody> parse_error_body(std::string_view body);

// GET health
struct Health {
    std::string status = "ok";
    int protocol = kVersion;
    std::string server_time;  // RFC 3339 UTC
};
nlohmann::json to_json(const Health& health);

// POST devices/enrol
struct EnrolRequest {
    std::string code;
    std::string device_name;
};
nlohmann::json to_json(const EnrolRequest& request);
struct EnrolReply {
    std::string device_id;
    std::string token;
    std::string store_name;
};
nlohmann::json to_json(const EnrolReply& reply);

// GET consultations: each definition exactly as published (parse with fv::parse_consultation).
struct ConsultationsReply {
    std::vector<nlohmann::json> consultations;
};
nlohmann::json to_json(const ConsultationsReply& reply);

// GET outcomes: "you said, we did", every entry not withdrawn, newest first (docs/outcomes.md).
struct OutcomesReply {
    std::vector<Outcome> outcomes;
};

// POST responses
struct ResponsesBatch {
    std::string device_id;
    std::string sent_at;
    std::vector<Response> responses;
};
nlohmann::json to_json(const ResponsesBatch& batch);
// The same body as to_json(batch).dump(), built from responses already in their wire form
// (each exactly Response::to_json().dump(), as the device stores them) without parsing them.
std::string responses_batch_text(const std::string& device_id, const std::string& sent_at,
                                 const std::vector<std::string_view>& wires);

// POST sessions: a meeting session is an object with at least "id" (UUID) and "started_at";
// the store keeps it as given.
struct SessionsBatch {
    std::string device_id;
    std::vector<nlohmann::json> sessions;
};
nlohmann::json to_json(const SessionsBatch& batch);

// The reply to both batch endpoints: one result per item, in the same order.
std::string_view item_status_name(ItemStatus status);  // "stored" | "duplicate" | "rejected"
std::optional<ItemStatus> item_status_from_name(std::string_view name);
nlohmann::json to_json(const ItemResult& result);
struct BatchReply {
    std::vector<ItemResult> results;
};
nlohmann::json to_json(const BatchReply& reply);

// POST devices/status (docs/device-status.md): what a device still holds, sent at the end of
// every sync pass that got its uploads through. An addition to version 1: a store without it
// answers 404 and the device syncs on; a device that never sends it still syncs.
struct DeviceStatus {
    std::string app_version;           // "0.1.0"
    std::int64_t queued = 0;           // responses not yet stored by the store
    std::int64_t quarantined = 0;      // responses the store refused, kept for an officer
    std::int64_t sessions_queued = 0;  // ended meeting sessions not yet sent
    std::string reported_at;           // the device's clock, RFC 3339 UTC
};
nlohmann::json to_json(const DeviceStatus& status);

// Parsers of replies and requests. None throws: on failure they return nullopt and, when
// `problem` is given, put there what was wrong and where ("results[2].status: ...").
std::optional<Health> parse_health(std::string_view body, std::string* problem = nullptr);
std::optional<EnrolRequest> parse_enrol_request(std::string_view body,
                                                std::string* problem = nullptr);
std::optional<EnrolReply> parse_enrol_reply(std::string_view body, std::string* problem = nullptr);
std::optional<ConsultationsReply> parse_consultations_reply(std::string_view body,
                                                            std::string* problem = nullptr);
// An entry that cannot be read fails the whole reply (the list kept on the device stays).
std::optional<OutcomesReply> parse_outcomes_reply(std::string_view body,
                                                  std::string* problem = nullptr);
std::optional<BatchReply> parse_batch_reply(std::string_view body, std::string* problem = nullptr);
// GET erasures (docs/receipt.md): the ids of this device's responses an officer erased. An item
// without a string id fails the whole reply; fields it does not know are ignored.
struct ErasuresReply {
    std::vector<std::string> ids;
};
std::optional<ErasuresReply> parse_erasures_reply(std::string_view body,
                                                  std::string* problem = nullptr);
// Counts must be whole numbers from 0; fields it does not know are ignored (later additions).
std::optional<DeviceStatus> parse_device_status(std::string_view body,
                                                std::string* problem = nullptr);

}  // namespace fv::protocol
