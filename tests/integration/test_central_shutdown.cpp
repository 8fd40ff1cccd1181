// SIGTERM on the real fieldvoice-central: it stops accepting, finishes the batches in hand, closes
// its database and exits 0; every response it answered "stored" is there after a restart.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <set>
#include <thread>

#include "core/util/seal.hpp"
#include "integration/support/central_fixtures.hpp"
#include "sync/protocol/protocol.hpp"

namespace fv::test {
namespace {

using nlohmann::json;

std::string integrity(const std::filesystem::path& db_path) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return "cannot open";
    }
    std::string result;
    sqlite3_exec(
        db, "PRAGMA integrity_check",
        [](void* out, int, char** values, char**) {
            *static_cast<std::string*>(out) += values[0] ? values[0] : "";
            return 0;
        },
        &result, nullptr);
    sqlite3_close(db);
    return result;
}

std::set<std::string> stored_ids(const std::filesystem::path& db_path) {
    sqlite3* db = nullptr;
    std::set<std::string> ids;
    sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_exec(
        db, "SELECT id FROM responses",
        [](void* out, int, char** values, char**) {
            static_cast<std::set<std::string>*>(out)->insert(values[0]);
            return 0;
        },
        &ids, nullptr);
    sqlite3_close(db);
    return ids;
}

TEST(CentralShutdown, SigtermWithAnIdleKeepAliveConnectionExitsZero) {
    CentralProcess central;
    publish_test_definition(central, 1, generate_keypair().public_key_b64);
    central.start();
    const Device device = enrol_device(central, "kiosk");
    auto client = client_for(central);
    client.set_keep_alive(true);
    auto res =
        client.Post(api_path(central, "/responses").c_str(), bearer(device.token),
                    batch(device, json::array({make_response(1, json{{"rating", 3}})})).dump(),
                    "application/json");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200);
    EXPECT_EQ(central.terminate(), 0) << central.server_log();
    EXPECT_NE(central.server_log().find("stopped cleanly"), std::string::npos);
    EXPECT_EQ(integrity(central.db_path()), "ok");
    EXPECT_EQ(stored_ids(central.db_path()).size(), 1u);

    central.start();  // same port, same database
    EXPECT_EQ(http_get_status(central.host(), central.port(), "/api/v1/health"), 200);
}

TEST(CentralShutdown, SigtermDuringUploadsKeepsEveryResponseItAnsweredStored) {
    CentralProcess central;
    publish_test_definition(central, 1, generate_keypair().public_key_b64);
    central.start();
    constexpr int kDevices = 4;
    std::vector<Device> devices;
    for (int i = 0; i < kDevices; ++i) devices.push_back(enrol_device(central, "kiosk"));

    std::mutex mutex;
    std::set<std::string> acknowledged;
    std::atomic<int> batches_done{0};
    std::atomic<bool> stop{false};
    std::vector<std::thread> uploaders;
    for (int d = 0; d < kDevices; ++d) {
        uploaders.emplace_back([&, d] {
            auto client = client_for(central);
            while (!stop) {
                json responses = json::array();
                for (int i = 0; i < 200; ++i) {
                    responses.push_back(make_response(1, json{{"rating", 1 + i % 5}}));
                }
                auto res =
                    client.Post(api_path(central, "/responses").c_str(), bearer(devices[d].token),
                                batch(devices[d], responses).dump(), "application/json");
                if (!res || res->status != 200) return;  // the store went away: stop this device
                auto reply = protocol::parse_batch_reply(res->body);
                if (!reply) return;
                std::lock_guard lock(mutex);
                for (const auto& r : reply->results) {
                    if (r.status == ItemStatus::Stored) acknowledged.insert(r.id);
                }
                ++batches_done;
            }
        });
    }
    // Let some batches through, then stop the store while uploads are still coming.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (batches_done < 8 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ASSERT_GE(batches_done.load(), 8) << central.server_log();
    const int status = central.terminate();
    stop = true;
    for (auto& t : uploaders) t.join();

    EXPECT_EQ(status, 0) << central.server_log();
    EXPECT_EQ(integrity(central.db_path()), "ok");
    const auto ids = stored_ids(central.db_path());
    std::size_t missing = 0;
    for (const auto& id : acknowledged) missing += ids.count(id) == 0;
    EXPECT_EQ(missing, 0u) << "every response answered \"stored\" is in the database";
    // Batches are all or nothing: what is stored is whole batches of 200.
    EXPECT_EQ(ids.size() % 200, 0u);
    EXPECT_GE(ids.size(), acknowledged.size());
}

}  // namespace
}  // namespace fv::test
