// The sync engine's parts that need no store: backoff bounds, URL joining, gzip, and how a
// pass ends when the device is not enrolled or the store cannot be reached.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>

#include "core/store/store.hpp"
#include "fault/support/sample_responses.hpp"
#include "support/temp_dir.hpp"
#include "sync/client/backoff.hpp"
#include "sync/client/gzip.hpp"
#include "sync/client/http_client.hpp"
#include "sync/client/sync_engine.hpp"
#include "sync/protocol/protocol.hpp"

namespace fv {
namespace {

using std::chrono::milliseconds;

// Loopback never goes through a proxy a developer's shell may have set.
const int no_proxy_for_loopback = setenv("no_proxy", "127.0.0.1,localhost", 1);

// The engine tests' folders (fv-sync-XXXXXX).
struct TempDir : test::TempDir {
    TempDir() : test::TempDir("fv-sync") {}
};

// A loopback port with nothing listening: bound, then closed.
int closed_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

TEST(SyncBackoff, FirstWaitIsTheBaseAndLaterOnesStayUnderADoublingCeilingUpToTheCap) {
    double r = 0.0;
    Backoff backoff(milliseconds(2000), milliseconds(600000), [&] { return r; });
    EXPECT_EQ(backoff.next(), milliseconds(2000));  // r = 0: the floor
    r = 0.999999;
    EXPECT_NEAR(backoff.next().count(), 4000, 1);
    EXPECT_NEAR(backoff.next().count(), 8000, 1);
    for (int i = 0; i < 40; ++i) backoff.next();
    EXPECT_NEAR(backoff.next().count(), 600000, 1);  // never past 10 minutes
    r = 0.5;
    const auto mid = backoff.next();
    EXPECT_GT(mid, milliseconds(2000));
    EXPECT_LT(mid, milliseconds(600000));
    backoff.reset();
    EXPECT_EQ(backoff.ceiling(), milliseconds(2000));
}

TEST(SyncBackoff, DefaultRandomSourceStaysWithinBounds) {
    Backoff backoff(milliseconds(10), milliseconds(80));
    for (int i = 0; i < 100; ++i) {
        const auto d = backoff.next();
        EXPECT_GE(d, milliseconds(10));
        EXPECT_LE(d, milliseconds(80));
    }
}

TEST(SyncUrl, JoinsBaseWithOrWithoutPrefixAndSlashes) {
    EXPECT_EQ(join_url("https://h.example/", "api/v1/health"), "https://h.example/api/v1/health");
    EXPECT_EQ(join_url("https://h.example", "api/v1/health"), "https://h.example/api/v1/health");
    EXPECT_EQ(join_url("https://h.example/fieldvoice/", "api/v1/responses"),
              "https://h.example/fieldvoice/api/v1/responses");
    EXPECT_EQ(join_url("https://h.example/fieldvoice", "/api/v1/responses"),
              "https://h.example/fieldvoice/api/v1/responses");
    EXPECT_FALSE(check_store_url("https://engage.example.gov.uk/fieldvoice/"));
    EXPECT_FALSE(check_store_url("http://127.0.0.1:8080"));
    ASSERT_TRUE(check_store_url("engage.example.gov.uk"));
    EXPECT_NE(check_store_url("engage.example.gov.uk")->find("https://"), std::string::npos);
    EXPECT_TRUE(check_store_url("https:///path"));
    EXPECT_TRUE(check_store_url("https://h.example/a b"));
}

TEST(SyncGzip, RoundTripsAndRefusesToInflatePastTheLimit) {
    const std::string text(100000, 'a');
    const auto packed = gzip_compress(text);
    EXPECT_LT(packed.size(), text.size() / 50);
    EXPECT_EQ(packed.substr(0, 2), std::string("\x1f\x8b"));
    EXPECT_EQ(gzip_decompress(packed, 200000).value_or(""), text);
    EXPECT_FALSE(gzip_decompress(packed, 1000));                  // a bomb, for this limit
    EXPECT_FALSE(gzip_decompress(packed.substr(0, 10), 200000));  // truncated
}

// The engine sends queued responses spliced from their stored wire text, unparsed: the body
// must be the very bytes PROTOCOL.md's batch would dump to, names and quoting included.
TEST(SyncBatchBody, SplicedFromStoredWireEqualsTheBatchDumpedAsJson) {
    const auto parsed = load_consultation_file(test::sample_consultation_path());
    ASSERT_TRUE(parsed.ok());
    protocol::ResponsesBatch batch{"dev-\"quoted\"-\u00f3", "2026-11-23T10:00:00Z", {}};
    std::vector<std::string> wires;
    for (int i = 0; i < 25; ++i) {
        batch.responses.push_back(test::sample_response(*parsed.consultation, 7, i, i * 40));
        wires.push_back(batch.responses.back().to_json().dump());
    }
    const std::vector<std::string_view> views(wires.begin(), wires.end());
    EXPECT_EQ(protocol::responses_batch_text(batch.device_id, batch.sent_at, views),
              protocol::to_json(batch).dump());
    EXPECT_EQ(protocol::responses_batch_text("d", "t", {}),
              protocol::to_json(protocol::ResponsesBatch{"d", "t", {}}).dump());
}

// The cursor read: only queued rows past the cursor, in capture order; a damaged row is
// refused with its number rather than sent for the store to choke on.
TEST(SyncBatchBody, QueuedWireReadsPastTheCursorAndRefusesADamagedRow) {
    TempDir dir;
    const auto parsed = load_consultation_file(test::sample_consultation_path());
    ASSERT_TRUE(parsed.ok());
    auto store = Store::open(dir.path() / "device.db");
    std::vector<std::string> ids;
    for (int i = 0; i < 6; ++i) {
        const auto r = test::sample_response(*parsed.consultation, 3, i);
        store->submit(r);
        ids.push_back(r.id);
    }
    store->apply_results({{ids[1], ItemStatus::Stored, "", ""}});
    const auto first = store->queued_wire(0, 3);
    ASSERT_EQ(first.size(), 3u);
    EXPECT_EQ(first[0].id, ids[0]);
    EXPECT_EQ(first[1].id, ids[2]);  // ids[1] is synced
    EXPECT_EQ(first[2].id, ids[3]);
    EXPECT_EQ(nlohmann::json::parse(first[0].wire)["id"], ids[0]);
    const auto rest = store->queued_wire(first.back().seq, 500);
    ASSERT_EQ(rest.size(), 2u);
    EXPECT_EQ(rest[0].id, ids[4]);
    EXPECT_EQ(rest[1].id, ids[5]);
    EXPECT_TRUE(store->queued_wire(rest.back().seq, 500).empty());
    store.reset();
    {
        sqlite3* raw = nullptr;
        ASSERT_EQ(sqlite3_open((dir.path() / "device.db").c_str(), &raw), SQLITE_OK);
        const std::string sql =
            "UPDATE responses SET wire = '{\"id\": broken' WHERE id = '" + ids[4] + "'";
        ASSERT_EQ(sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
        sqlite3_close(raw);
    }
    store = Store::open(dir.path() / "device.db");
    try {
        store->queued_wire(first.back().seq, 500);
        FAIL() << "a damaged row was read as if whole";
    } catch (const StoreError& e) {
        EXPECT_NE(std::string(e.what()).find("damaged"), std::string::npos) << e.what();
    }
}

TEST(SyncEngineOffline, NotEnrolledPassSaysSoAndTouchesNothing) {
    TempDir dir;
    const auto db = dir.path() / "fieldvoice.db";
    const auto parsed = load_consultation_file(test::sample_consultation_path());
    ASSERT_TRUE(parsed.ok());
    {
        auto store = Store::open(db);
        store->save_consultation(*parsed.consultation);
        store->submit(test::sample_response(*parsed.consultation, 1, 0));
    }
    SyncEngine engine(db);
    const auto report = engine.run_once();
    EXPECT_EQ(report.outcome, SyncOutcome::NotEnrolled);
    EXPECT_NE(report.message.find("not enrolled"), std::string::npos) << report.message;
    EXPECT_EQ(Store::open(db)->counts().queued, 1);
    EXPECT_EQ(engine.status().last_outcome, SyncOutcome::NotEnrolled);
}

// The kiosk learns of a pass that began or ended (a background one, with nobody pressing
// anything) from on_status; each call sees the status already changed.
TEST(SyncEngineOffline, EveryChangeOfStatusIsAnnouncedWithTheNewStatusReadable) {
    TempDir dir;
    const auto db = dir.path() / "fieldvoice.db";
    Store::open(db);
    std::vector<SyncStatus::Activity> seen;
    std::vector<std::optional<SyncOutcome>> outcomes;
    SyncOptions options;
    SyncEngine* self = nullptr;
    options.on_status = [&] {
        const auto status = self->status();
        seen.push_back(status.activity);
        outcomes.push_back(status.last_outcome);
    };
    SyncEngine engine(db, options);
    self = &engine;
    engine.run_once();
    ASSERT_EQ(seen.size(), 2u);
    EXPECT_EQ(seen[0], SyncStatus::Activity::Syncing);
    EXPECT_EQ(outcomes[0], std::nullopt);
    EXPECT_EQ(seen[1], SyncStatus::Activity::Idle);
    EXPECT_EQ(outcomes[1], SyncOutcome::NotEnrolled);  // the result is there when announced
}

TEST(SyncEngineOffline, UnreachableStoreBacksOffWithInjectedWaitsAndKeepsTheQueue) {
    TempDir dir;
    const auto db = dir.path() / "fieldvoice.db";
    const auto parsed = load_consultation_file(test::sample_consultation_path());
    ASSERT_TRUE(parsed.ok());
    {
        auto store = Store::open(db);
        store->save_consultation(*parsed.consultation);
        for (int i = 0; i < 3; ++i)
            store->submit(test::sample_response(*parsed.consultation, 1, i));
        store->set_setting(kSettingStoreUrl,
                           "http://127.0.0.1:" + std::to_string(closed_port()) + "/fieldvoice/");
        store->set_setting(kSettingDeviceId, new_uuid());
        store->set_setting(kSettingDeviceToken, "secret-token-never-logged");
    }
    std::vector<milliseconds> waits;
    std::vector<std::string> log;
    SyncOptions options;
    options.random01 = [] { return 0.999; };
    options.wait = [&](milliseconds d) { waits.push_back(d); };
    options.log = [&](const std::string& line) { log.push_back(line); };
    SyncEngine engine(db, options);
    const auto report = engine.run(4);
    EXPECT_EQ(report.outcome, SyncOutcome::Transient);
    EXPECT_EQ(report.attempts, 4);
    EXPECT_NE(report.message.find("Could not reach the store"), std::string::npos)
        << report.message;
    ASSERT_EQ(waits.size(), 3u);  // between the four attempts, growing
    EXPECT_EQ(waits[0], milliseconds(2000));
    EXPECT_GT(waits[1], milliseconds(3900));
    EXPECT_GT(waits[2], milliseconds(7900));
    auto store = Store::open(db);
    EXPECT_EQ(store->counts().queued, 3);
    EXPECT_EQ(store->setting(kSettingLastError).value_or(""), report.message);
    for (const auto& line : log) {
        EXPECT_EQ(line.find("secret-token"), std::string::npos) << "token in a log line: " << line;
    }
}

TEST(SyncEngineOffline, WorkerReportsTheFailureInItsStatusAndStopsCleanly) {
    TempDir dir;
    const auto db = dir.path() / "fieldvoice.db";
    {
        auto store = Store::open(db);
        store->set_setting(kSettingStoreUrl, "http://127.0.0.1:" + std::to_string(closed_port()));
        store->set_setting(kSettingDeviceId, new_uuid());
        store->set_setting(kSettingDeviceToken, "t");
    }
    SyncOptions options;
    options.backoff_base = milliseconds(50);
    options.backoff_cap = milliseconds(100);
    SyncEngine engine(db, options);
    engine.start();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!engine.status().last_outcome && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(milliseconds(10));
    }
    const auto status = engine.status();
    ASSERT_TRUE(status.last_outcome);
    EXPECT_EQ(*status.last_outcome, SyncOutcome::Transient);
    EXPECT_FALSE(status.last_error.empty());
    engine.stop();
}

}  // namespace
}  // namespace fv
