// Shared pieces of the sync tests and benchmarks: a temp folder, filling a device queue fast,
// reading the central store back through the officer endpoints, and integrity checks.
#pragma once

#include <sqlite3.h>
#include <stdlib.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/store/store.hpp"
#include "fault/support/sample_responses.hpp"
#include "support/sqlite_check.hpp"
#include "support/temp_dir.hpp"
#include "sync/client/http_client.hpp"
#include "sync/protocol/protocol.hpp"

namespace fv::test {

// The sync tests' folders (fv-sync-XXXXXX).
struct TempFolder : TempDir {
    TempFolder() : TempDir("fv-sync") {}
};

// Loopback never goes through a proxy a developer's shell may have set.
inline void no_proxy_for_loopback() {
    setenv("no_proxy", "127.0.0.1,localhost", 1);
}

// Submits `n` sample responses through Store::submit inside one transaction (a test shortcut:
// the kiosk commits each on its own) and returns them in capture order.
inline std::vector<Response> fill_queue(Store& store, const Consultation& c, int n,
                                        std::uint64_t seed, std::size_t extra_text = 0) {
    std::vector<Response> out;
    out.reserve(static_cast<std::size_t>(n));
    sqlite3_exec(store.handle(), "BEGIN", nullptr, nullptr, nullptr);
    for (int i = 0; i < n; ++i) {
        out.push_back(sample_response(c, seed, i, extra_text));
        store.submit(out.back());
    }
    if (sqlite3_exec(store.handle(), "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
        throw std::runtime_error("could not commit the sample responses");
    }
    return out;
}

// Every response the central store holds for a consultation, through the officer endpoint's
// pages (each with "device_id" and "stored_at" added by the store).
inline std::vector<nlohmann::json> central_responses(const std::string& base_url,
                                                     const std::string& officer_token,
                                                     const std::string& consultation_id) {
    HttpClient http;
    std::vector<nlohmann::json> all;
    std::string cursor;
    for (int guard = 0; guard < 100000; ++guard) {
        std::string url = join_url(base_url, protocol::officer_path(consultation_id, "responses")) +
                          "?limit=1000";
        if (!cursor.empty()) url += "&after=" + cursor;
        const auto reply = http.get(url, {{"Authorization", "Bearer " + officer_token}});
        if (!reply.ok() || reply.status != 200) {
            throw std::runtime_error("officer page failed: " + reply.error_message + " HTTP " +
                                     std::to_string(reply.status) + " " + reply.body);
        }
        const auto page = nlohmann::json::parse(reply.body);
        for (const auto& r : page.at("responses")) all.push_back(r);
        if (page.at("next_cursor").is_null()) break;
        cursor = page.at("next_cursor").get<std::string>();
    }
    return all;
}

// Differences between what the device sent and what the store holds, one line each; empty
// when every device response is there exactly once, field for field, and nothing else is.
inline std::vector<std::string> compare_with_central(const std::vector<Response>& device,
                                                     const std::vector<nlohmann::json>& central) {
    std::vector<std::string> problems;
    std::map<std::string, nlohmann::json> by_id;
    for (auto r : central) {
        const std::string id = r.value("id", "");
        r.erase("device_id");
        r.erase("stored_at");
        if (!by_id.emplace(id, std::move(r)).second) problems.push_back(id + ": stored twice");
    }
    for (const auto& d : device) {
        const auto it = by_id.find(d.id);
        if (it == by_id.end()) {
            problems.push_back(d.id + ": missing from the store");
            continue;
        }
        const auto expected = d.to_json();
        if (it->second != expected) {
            problems.push_back(d.id + ": differs: device " + expected.dump() + " store " +
                               it->second.dump());
        }
        by_id.erase(it);
    }
    for (const auto& [id, r] : by_id) problems.push_back(id + ": in the store, not on the device");
    return problems;
}

}  // namespace fv::test
