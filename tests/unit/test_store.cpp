// The local store on real SQLite files: round trips, immutability, sync states, retention,
// consultation versions, settings, the audit log, and refusing files it must not touch.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <thread>

#include "core/store/migrations.hpp"
#include "core/store/store.hpp"
#include "test_store_support.hpp"

namespace fv {
namespace {

using testing::TempDir;

std::string pragma(Store& store, const std::string& name) {
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(store.handle(), ("PRAGMA " + name).c_str(), -1, &st, nullptr),
              SQLITE_OK);
    std::string out;
    if (sqlite3_step(st) == SQLITE_ROW) {
        out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    return out;
}

void exec(sqlite3* db, const std::string& sql) {
    char* err = nullptr;
    ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << err;
}

std::string days_ago(int days) {
    return format_rfc3339(std::chrono::system_clock::now() - std::chrono::hours(24 * days));
}

TEST(Store, NewDatabaseIsWalFullSyncAtTheLatestSchema) {
    TempDir dir;
    auto store = Store::open(dir / "nested/folder/fieldvoice.db");
    EXPECT_TRUE(std::filesystem::exists(dir / "nested/folder/fieldvoice.db"));
    EXPECT_EQ(pragma(*store, "journal_mode"), "wal");
    EXPECT_EQ(pragma(*store, "synchronous"), "2");  // FULL
    EXPECT_EQ(pragma(*store, "foreign_keys"), "1");
    EXPECT_EQ(store->schema_version(), latest_schema_version());
    EXPECT_EQ(store->counts().queued, 0);
}

TEST(Store, SubmittedResponseRoundTripsInItsWireForm) {
    TempDir dir;
    auto store = Store::open(dir / "fieldvoice.db");
    Response r = testing::make_response();
    r.sealed = "c2VhbGVk";
    r.flags = {"rapid_repeat"};
    r.participant = {{"kind", "partner"}, {"organisation", "Age UK Oxfordshire"}};
    store->submit(r);

    const auto back = store->response(r.id);
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(back->response.to_json(), r.to_json());
    EXPECT_EQ(back->state, SyncState::Queued);
    EXPECT_GT(back->seq, 0);
    EXPECT_FALSE(store->response(new_uuid()).has_value());
}

TEST(Store, DataSurvivesClosingAndReopening) {
    TempDir dir;
    const Response r = testing::make_response();
    {
        auto store = Store::open(dir / "fieldvoice.db");
        store->save_consultation(testing::parse_or_fail(testing::library_definition()));
        store->submit(r);
        store->set_setting("active_consultation", "libraries-2027");
    }
    auto store = Store::open(dir / "fieldvoice.db");
    ASSERT_TRUE(store->response(r.id).has_value());
    EXPECT_EQ(store->response(r.id)->response.answers, r.answers);
    EXPECT_TRUE(store->consultation("libraries-2027", 1).has_value());
    EXPECT_EQ(store->setting("active_consultation"), "libraries-2027");
}

TEST(Store, ResponsesAreImmutableOnceSubmitted) {
    TempDir dir;
    auto store = Store::open(dir / "fieldvoice.db");
    Response r = testing::make_response();
    store->submit(r);
    Response changed = r;
    changed.answers["rating"] = 1;
    try {
        store->submit(changed);
        FAIL() << "a second submit of the same id must throw";
    } catch (const StoreError& e) {
        EXPECT_NE(std::string(e.what()).find("already stored"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find(r.id), std::string::npos) << e.what();
    }
    EXPECT_EQ(store->response(r.id)->response.answers["rating"], 4);
    EXPECT_EQ(store->counts().queued, 1);
}

TEST(Store, SyncStatesMoveFromQueuedToSyncedOrQuarantined) {
    TempDir dir;
    auto store = Store::open(dir / "fieldvoice.db");
    std::vector<Response> rs;
    for (int i = 0; i < 5; ++i) {
        rs.push_back(testing::make_response());
        store->submit(rs.back());
    }
    // The queue is in capture order.
    const auto q = store->queued(3);
    ASSERT_EQ(q.size(), 3u);
    for (int i = 0; i < 3; ++i) EXPECT_EQ(q[i].response.id, rs[i].id);

    store->apply_results(
        {{rs[0].id, ItemStatus::Stored, "", ""},
         {rs[1].id, ItemStatus::Duplicate, "", ""},
         {rs[2].id, ItemStatus::Rejected, "invalid_response", "rating: out of range"},
         {new_uuid(), ItemStatus::Stored, "", ""}});  // unknown: ignored
    const QueueCounts c = store->counts();
    EXPECT_EQ(c.queued, 2);
    EXPECT_EQ(c.synced, 2);
    EXPECT_EQ(c.quarantined, 1);
    EXPECT_EQ(store->response(rs[0].id)->state, SyncState::Synced);
    EXPECT_EQ(store->response(rs[1].id)->state, SyncState::Synced);

    const auto quarantined = store->quarantined();
    ASSERT_EQ(quarantined.size(), 1u);
    EXPECT_EQ(quarantined[0].response.id, rs[2].id);
    EXPECT_EQ(quarantined[0].quarantine_code, "invalid_response");
    EXPECT_EQ(quarantined[0].quarantine_message, "rating: out of range");

    // A synced response is never demoted by a later rejection.
    store->apply_results({{rs[0].id, ItemStatus::Rejected, "conflict", "x"}});
    EXPECT_EQ(store->response(rs[0].id)->state, SyncState::Synced);

    const auto rest = store->queued(100);
    ASSERT_EQ(rest.size(), 2u);
    EXPECT_EQ(rest[0].response.id, rs[3].id);
    EXPECT_EQ(to_string(SyncState::Quarantined), "quarantined");
}

TEST(Store, ADamagedQueuedRowStopsTheSendWithItsNumberAndIsNeverSent) {
    TempDir dir;
    auto store = Store::open(dir / "fieldvoice.db");
    for (int i = 0; i < 3; ++i) store->submit(testing::make_response());
    ASSERT_EQ(store->queued_wire(0, 10).size(), 3u);
    // A disk fault that cut the second row's saved form short.
    exec(store->handle(), "UPDATE responses SET wire = substr(wire, 1, 40) WHERE seq = 2");
    try {
        store->queued_wire(0, 10);
        FAIL() << "a damaged row must not be handed out to be sent";
    } catch (const StoreError& e) {
        EXPECT_NE(std::string(e.what()).find("number 2"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("damaged"), std::string::npos) << e.what();
    }
    // The rows before it are still read, and nothing was changed.
    EXPECT_EQ(store->queued_wire(0, 1).size(), 1u);
    EXPECT_EQ(store->counts().queued, 3);
}

TEST(Store, ApplyResultsIsAllOrNothing) {
    TempDir dir;
    auto store = Store::open(dir / "fieldvoice.db");
    const Response a = testing::make_response(), b = testing::make_response();
    store->submit(a);
    store->submit(b);
    // Make the second update fail half-way through the batch.
    exec(store->handle(), "CREATE TRIGGER refuse_b BEFORE UPDATE ON responses WHEN old.id = '" +
                              b.id + "' BEGIN SELECT RAISE(ABORT, 'refused by test'); END");
    EXPECT_THROW(store->apply_results(
                     {{a.id, ItemStatus::Stored, "", ""}, {b.id, ItemStatus::Stored, "", ""}}),
                 StoreError);
    EXPECT_EQ(store->response(a.id)->state, SyncState::Queued);
    EXPECT_EQ(store->counts().queued, 2);
    // And the store still works afterwards: no transaction left open.
    exec(store->handle(), "DROP TRIGGER refuse_b");
    store->apply_results({{a.id, ItemStatus::Stored, "", ""}});
    EXPECT_EQ(store->response(a.id)->state, SyncState::Synced);
}

TEST(Store, PurgeDeletesOnlySyncedResponsesPastRetention) {
    TempDir dir;
    auto store = Store::open(dir / "fieldvoice.db");
    store->save_consultation(testing::parse_or_fail(testing::library_definition(1, 30)));
    auto old_response = [&](SyncState state) {
        Response r = testing::make_response();
        r.submitted_at = days_ago(40);
        store->submit(r);
        if (state == SyncState::Synced) store->apply_results({{r.id, ItemStatus::Stored, "", ""}});
        if (state == SyncState::Quarantined) {
            store->apply_results({{r.id, ItemStatus::Rejected, "conflict", "different content"}});
        }
        return r.id;
    };
    const std::string old_queued = old_response(SyncState::Queued);
    const std::string old_synced = old_response(SyncState::Synced);
    const std::string old_quarantined = old_response(SyncState::Quarantined);
    Response recent = testing::make_response();
    recent.submitted_at = days_ago(10);
    store->submit(recent);
    store->apply_results({{recent.id, ItemStatus::Stored, "", ""}});
    // A response to a consultation the device does not have keeps the 730-day default.
    Response orphan = testing::make_response("unknown-consultation", 3);
    orphan.submitted_at = days_ago(400);
    store->submit(orphan);
    store->apply_results({{orphan.id, ItemStatus::Stored, "", ""}});

    EXPECT_EQ(store->purge_expired(std::chrono::system_clock::now()), 1);
    EXPECT_FALSE(store->response(old_synced).has_value());
    EXPECT_TRUE(store->response(old_queued).has_value());
    EXPECT_TRUE(store->response(old_quarantined).has_value());
    EXPECT_TRUE(store->response(recent.id).has_value());
    EXPECT_TRUE(store->response(orphan.id).has_value());

    // Far in the future every synced one goes, and still nothing unsynced.
    EXPECT_EQ(store->purge_expired(std::chrono::system_clock::now() + std::chrono::hours(24 * 800)),
              2);
    EXPECT_EQ(store->counts().queued, 1);
    EXPECT_EQ(store->counts().quarantined, 1);
}

TEST(Store, KeepsEveryConsultationVersion) {
    TempDir dir;
    auto store = Store::open(dir / "fieldvoice.db");
    store->save_consultation(testing::parse_or_fail(testing::library_definition(1)));
    store->save_consultation(testing::parse_or_fail(testing::library_definition(2, 365)));
    store->save_consultation(testing::parse_or_fail(testing::library_definition(1)));  // no-op

    const auto refs = store->consultations();
    ASSERT_EQ(refs.size(), 2u);
    EXPECT_EQ(refs[0].id, "libraries-2027");
    EXPECT_EQ(refs[0].version, 1);
    EXPECT_EQ(refs[1].version, 2);
    EXPECT_EQ(refs[0].title, "Your library, your say");

    EXPECT_EQ(store->latest_consultation("libraries-2027")->version, 2);
    EXPECT_EQ(store->latest_consultation("libraries-2027")->retention_days, 365);
    EXPECT_EQ(store->consultation("libraries-2027", 1)->version, 1);
    EXPECT_EQ(store->consultation("libraries-2027", 1)->questions.size(), 5u);
    EXPECT_FALSE(store->consultation("libraries-2027", 3).has_value());
    EXPECT_FALSE(store->latest_consultation("nothing-here").has_value());
}

TEST(Store, SettingsAreSetReplacedAndErased) {
    TempDir dir;
    auto store = Store::open(dir / "fieldvoice.db");
    EXPECT_FALSE(store->setting(kSettingLastSyncAt).has_value());
    store->set_setting(kSettingLastSyncAt, "2026-11-23T14:05:09.120Z");
    store->set_setting(kSettingLastSyncAt, "2026-11-24T09:00:00.000Z");
    EXPECT_EQ(store->setting(kSettingLastSyncAt), "2026-11-24T09:00:00.000Z");
    store->set_setting("empty", "");
    EXPECT_EQ(store->setting("empty"), "");
    store->erase_setting(kSettingLastSyncAt);
    EXPECT_FALSE(store->setting(kSettingLastSyncAt).has_value());
}

TEST(Store, AuditLogListsNewestFirst) {
    TempDir dir;
    auto store = Store::open(dir / "fieldvoice.db");
    store->audit("officer_login");
    store->audit("export", "csv, 12 responses");
    store->audit("sync_now");
    const auto log = store->audit_log(2);
    ASSERT_EQ(log.size(), 2u);
    EXPECT_EQ(log[0].event, "sync_now");
    EXPECT_EQ(log[1].event, "export");
    EXPECT_EQ(log[1].detail, "csv, 12 responses");
    std::chrono::system_clock::time_point t;
    EXPECT_TRUE(parse_rfc3339(log[0].at, t)) << log[0].at;
}

TEST(Store, TwoConnectionsWritingAtOnceLoseNothing) {
    TempDir dir;
    auto first = Store::open(dir / "fieldvoice.db");
    auto second = Store::open(dir / "fieldvoice.db");
    auto writer = [](Store& store) {
        for (int i = 0; i < 100; ++i) store.submit(testing::make_response());
    };
    std::thread a(writer, std::ref(*first)), b(writer, std::ref(*second));
    a.join();
    b.join();
    EXPECT_EQ(first->counts().queued, 200);
}

TEST(Store, AFullDiskIsReportedInPlainWordsAndLosesNothingEarlier) {
    TempDir dir;
    auto store = Store::open(dir / "fieldvoice.db");
    // A page limit stands in for a full disk: SQLite then fails with SQLITE_FULL.
    const std::string pages = pragma(*store, "page_count");
    exec(store->handle(), "PRAGMA max_page_count = " + std::to_string(std::stoi(pages) + 4));
    std::vector<std::string> saved;
    std::string message;
    for (int i = 0; i < 200 && message.empty(); ++i) {
        Response r = testing::make_response();
        r.answers["why"] = std::string(3000, 'a' + i % 26);
        try {
            store->submit(r);
            saved.push_back(r.id);
        } catch (const StoreError& e) {
            message = e.what();
        }
    }
    ASSERT_FALSE(message.empty()) << "the page limit was never reached";
    EXPECT_NE(message.find("cannot save response"), std::string::npos) << message;
    EXPECT_NE(message.find("the disk is full"), std::string::npos) << message;
    for (const auto& id : saved) EXPECT_TRUE(store->response(id).has_value()) << id;
    EXPECT_EQ(store->counts().queued, static_cast<std::int64_t>(saved.size()));
}

// -- files the store must refuse, and leave exactly as they were

TEST(StoreRefuses, AFileThatIsNotSqliteAndLeavesItUntouched) {
    TempDir dir;
    const auto path = dir / "fieldvoice.db";
    const std::string content = "name,answer\r\nAnna,yes\r\n";
    testing::write_file(path, content);
    try {
        Store::open(path);
        FAIL() << "a CSV file must not open as a store";
    } catch (const StoreError& e) {
        const std::string msg = e.what();
        EXPECT_NE(msg.find("not an SQLite database"), std::string::npos) << msg;
        EXPECT_NE(msg.find(path.string()), std::string::npos) << msg;
        EXPECT_NE(msg.find("untouched"), std::string::npos) << msg;
    }
    EXPECT_EQ(testing::read_file(path), content);
    EXPECT_FALSE(std::filesystem::exists(dir / "fieldvoice.db-wal"));
}

TEST(StoreRefuses, ADatabaseFromANewerVersionAndLeavesItUntouched) {
    TempDir dir;
    const auto path = dir / "fieldvoice.db";
    {
        auto store = Store::open(path);
        store->submit(testing::make_response());
        exec(store->handle(),
             "PRAGMA user_version = " + std::to_string(latest_schema_version() + 7));
    }
    const std::string before = testing::read_file(path);
    try {
        Store::open(path);
        FAIL() << "a newer schema must be refused";
    } catch (const StoreError& e) {
        const std::string msg = e.what();
        EXPECT_NE(msg.find("newer version of Fieldvoice"), std::string::npos) << msg;
        EXPECT_NE(msg.find(std::to_string(latest_schema_version() + 7)), std::string::npos) << msg;
    }
    EXPECT_EQ(testing::read_file(path), before);
}

TEST(StoreRefuses, AnotherProgramsSqliteDatabase) {
    TempDir dir;
    const auto path = dir / "other.db";
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    exec(db, "CREATE TABLE photos (name TEXT)");
    sqlite3_close(db);
    const std::string before = testing::read_file(path);
    try {
        Store::open(path);
        FAIL() << "a foreign database must be refused";
    } catch (const StoreError& e) {
        EXPECT_NE(std::string(e.what()).find("another program"), std::string::npos) << e.what();
    }
    EXPECT_EQ(testing::read_file(path), before);
}

TEST(StoreRefuses, AFolderItCannotCreateWithTheReason) {
    TempDir dir;
    testing::write_file(dir / "blocker", "a file where a folder should be");
    try {
        Store::open(dir / "blocker" / "fieldvoice.db");
        FAIL() << "must not open under a regular file";
    } catch (const StoreError& e) {
        const std::string msg = e.what();
        EXPECT_NE(msg.find("cannot create the folder"), std::string::npos) << msg;
        EXPECT_NE(msg.find("blocker"), std::string::npos) << msg;
    }
}

TEST(StoreRefuses, AFolderWhereTheDatabaseFileShouldBe) {
    TempDir dir;
    std::filesystem::create_directory(dir / "fieldvoice.db");
    try {
        Store::open(dir / "fieldvoice.db");
        FAIL() << "a folder must not open as a store";
    } catch (const StoreError& e) {
        EXPECT_NE(std::string(e.what()).find("not a regular file"), std::string::npos) << e.what();
    }
}

TEST(DataDir, FollowsXdgThenHome) {
    const char* old_xdg = std::getenv("XDG_DATA_HOME");
    const char* old_home = std::getenv("HOME");
    const std::string saved_xdg = old_xdg ? old_xdg : "", saved_home = old_home ? old_home : "";

    setenv("XDG_DATA_HOME", "/srv/xdg", 1);
    setenv("HOME", "/home/kiosk", 1);
    EXPECT_EQ(default_data_dir(), std::filesystem::path("/srv/xdg/fieldvoice"));
    setenv("XDG_DATA_HOME", "relative/ignored", 1);
    EXPECT_EQ(default_data_dir(), std::filesystem::path("/home/kiosk/.local/share/fieldvoice"));
    unsetenv("XDG_DATA_HOME");
    EXPECT_EQ(default_data_dir(), std::filesystem::path("/home/kiosk/.local/share/fieldvoice"));
    unsetenv("HOME");
    EXPECT_THROW(default_data_dir(), StoreError);
    EXPECT_EQ(database_path("/data"), std::filesystem::path("/data/fieldvoice.db"));

    if (old_xdg) setenv("XDG_DATA_HOME", saved_xdg.c_str(), 1);
    if (old_home) setenv("HOME", saved_home.c_str(), 1);
}

}  // namespace
}  // namespace fv
