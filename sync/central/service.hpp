// What each endpoint of PROTOCOL.md does, apart from HTTP: request bodies in, status and body out.
// The HTTP layer (server.cpp) only authenticates, inflates and routes to these.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/store/export.hpp"
#include "sync/central/central_db.hpp"

namespace fv::central {

struct Reply {
    int status = 200;
    std::string body;
    std::string content_type = "application/json";
    std::vector<std::pair<std::string, std::string>> headers;
};

// A 200 reply of `body` with an ETag over it and Cache-Control: no-cache, or a 304 with no body
// when `if_none_match` (the request's If-None-Match) names that ETag.
Reply etagged(std::string body, const std::string& if_none_match);

// A reply carrying PROTOCOL.md's error body.
Reply error_reply(int status, std::string_view code, std::string_view message);

// POST /api/v1/responses and /api/v1/sessions for an authenticated device.
Reply handle_responses(CentralDb& db, const Caller& caller, std::string_view body);
Reply handle_sessions(CentralDb& db, const Caller& caller, std::string_view body);
// POST /api/v1/devices/status: what the device still holds (docs/device-status.md). 204.
Reply handle_device_status(CentralDb& db, const Caller& caller, std::string_view body);

// GET /api/v1/erasures: the caller's responses erased on the console (docs/receipt.md), ETag'd.
Reply handle_erasures(CentralDb& db, const Caller& caller, const std::string& if_none_match);

// GET /api/v1/consultations: the newest version of each, with an ETag; 304 on If-None-Match.
Reply handle_consultations(CentralDb& db, const std::string& if_none_match);

// Officer endpoints.
Reply handle_responses_page(CentralDb& db, const std::string& consultation_id,
                            const std::string& after, const std::string& limit);
Reply handle_summary(CentralDb& db, const std::string& consultation_id);
Reply handle_export_csv(CentralDb& db, const std::string& consultation_id);

// The CSV export of every version of a consultation. With `private_key_b64`, sealed personal
// answers are opened and added as "personal:<question id>" columns. Throws std::runtime_error
// naming the consultation when it is unknown.
std::string export_csv(CentralDb& db, const std::string& consultation_id,
                       const std::optional<std::string>& private_key_b64);
// The same CSV over the rows a source gives (the console's filtered downloads).
using RowVisitor = std::function<void(const StoredRow&)>;
using RowSource = std::function<void(const RowVisitor&)>;
std::string export_csv(const std::vector<Consultation>& versions, const RowSource& source,
                       const std::optional<std::string>& private_key_b64);
// The rows of that CSV (the store's columns added), for the other formats (XLSX).
std::vector<ExportRow> export_rows(const std::vector<Consultation>& versions,
                                   const RowSource& source,
                                   const std::optional<std::string>& private_key_b64);

// Repeated failed enrolments from one address are refused for a while (PROTOCOL.md, 429).
class EnrolLimiter {
  public:
    EnrolLimiter(int max_failures = 5, std::chrono::seconds window = std::chrono::minutes(10))
        : max_failures_(max_failures), window_(window) {}
    // Seconds to wait when `address` is limited now, else nullopt.
    std::optional<std::int64_t> retry_after(const std::string& address,
                                            std::chrono::steady_clock::time_point now);
    void failed(const std::string& address, std::chrono::steady_clock::time_point now);

  private:
    void prune(std::vector<std::chrono::steady_clock::time_point>& times,
               std::chrono::steady_clock::time_point now) const;
    int max_failures_;
    std::chrono::seconds window_;
    std::mutex mutex_;
    std::map<std::string, std::vector<std::chrono::steady_clock::time_point>> failures_;
};

// POST /api/v1/devices/enrol
Reply handle_enrol(CentralDb& db, EnrolLimiter& limiter, const std::string& address,
                   const std::string& store_name, std::string_view body);

}  // namespace fv::central
