// Numbered schema migrations: applied in order, each in one transaction, and a database of
// every earlier version opens and keeps its data. Also the RAII transaction under them.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "core/store/migrations.hpp"
#include "core/store/sqlite.hpp"
#include "core/store/store.hpp"
#include "test_store_support.hpp"

namespace fv {
namespace {

using testing::TempDir;

struct RawDb {
    explicit RawDb(const std::filesystem::path& p) {
        EXPECT_EQ(sqlite3_open(p.c_str(), &db), SQLITE_OK);
    }
    ~RawDb() { sqlite3_close(db); }
    sqlite3* db = nullptr;
};

std::int64_t scalar(sqlite3* db, const std::string& sql) {
    sql::Statement st(db, sql, "run a test query");
    EXPECT_TRUE(st.step());
    return st.int64(0);
}

bool has_table(sqlite3* db, const std::string& name) {
    return scalar(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '" +
                          name + "'") == 1;
}

TEST(Migrations, AreNumberedFromOneWithNoGaps) {
    const auto list = all_migrations();
    ASSERT_FALSE(list.empty());
    for (std::size_t i = 0; i < list.size(); ++i) {
        EXPECT_EQ(list[i].version, static_cast<int>(i) + 1);
        EXPECT_FALSE(list[i].summary.empty());
    }
    EXPECT_EQ(latest_schema_version(), list.back().version);
}

TEST(Migrations, FromAnEmptyDatabaseCreateEveryTable) {
    TempDir dir;
    RawDb raw(dir / "db");
    migrate(raw.db, "test");
    EXPECT_EQ(scalar(raw.db, "PRAGMA user_version"), latest_schema_version());
    for (const char* t : {"consultations", "responses", "settings", "audit_log", "sessions",
                          "session_notes", "session_tallies", "session_ideas", "session_dots"}) {
        EXPECT_TRUE(has_table(raw.db, t)) << t;
    }
    migrate(raw.db, "test");  // a second run is a no-op
    EXPECT_EQ(scalar(raw.db, "PRAGMA user_version"), latest_schema_version());
}

// Every older version: build a database at that version, put a response in it the way that
// version's schema allows, and open it with the store; the response must still be there.
TEST(Migrations, EveryEarlierVersionUpgradesAndKeepsItsResponses) {
    for (const Migration& m : all_migrations()) {
        TempDir dir;
        const auto path = dir / "fieldvoice.db";
        const Response r = testing::make_response();
        {
            RawDb raw(path);
            migrate(raw.db, "test", m.version);
            ASSERT_EQ(scalar(raw.db, "PRAGMA user_version"), m.version);
            sql::Statement st(raw.db,
                              "INSERT INTO responses (id, consultation_id, consultation_version, "
                              "wire, state, submitted_at) VALUES (?, ?, ?, ?, 0, ?)",
                              "insert an old response");
            st.bind(1, r.id)
                .bind(2, r.consultation_id)
                .bind(3, r.consultation_version)
                .bind(4, r.to_json().dump())
                .bind(5, r.submitted_at)
                .run();
        }
        auto store = Store::open(path);
        EXPECT_EQ(store->schema_version(), latest_schema_version()) << "from " << m.version;
        ASSERT_TRUE(store->response(r.id).has_value()) << "from " << m.version;
        EXPECT_EQ(store->response(r.id)->response.to_json(), r.to_json());
        EXPECT_EQ(store->counts().queued, 1);
    }
}

TEST(Migrations, AFailedMigrationLeavesTheDatabaseAtItsOldVersion) {
    TempDir dir;
    RawDb raw(dir / "db");
    // A table in the way makes migration 1 fail part-way through its script.
    char* err = nullptr;
    ASSERT_EQ(sqlite3_exec(raw.db, "CREATE TABLE settings (x)", nullptr, nullptr, &err), SQLITE_OK);
    try {
        migrate(raw.db, "/data/fieldvoice.db");
        FAIL() << "the migration must fail";
    } catch (const StoreError& e) {
        const std::string msg = e.what();
        EXPECT_NE(msg.find("upgrade the response database at /data/fieldvoice.db to schema "
                           "version 1"),
                  std::string::npos)
            << msg;
    }
    EXPECT_EQ(scalar(raw.db, "PRAGMA user_version"), 0);
    EXPECT_FALSE(has_table(raw.db, "consultations"));  // rolled back with the rest
    EXPECT_FALSE(has_table(raw.db, "responses"));
}

TEST(Transaction, RollsBackUnlessCommitted) {
    TempDir dir;
    RawDb raw(dir / "db");
    sql::exec(raw.db, "CREATE TABLE t (x INTEGER)", "create a test table");
    {
        sql::Transaction tx(raw.db, "test");
        sql::exec(raw.db, "INSERT INTO t VALUES (1)", "insert");
    }  // no commit
    EXPECT_EQ(scalar(raw.db, "SELECT count(*) FROM t"), 0);
    {
        sql::Transaction tx(raw.db, "test");
        sql::exec(raw.db, "INSERT INTO t VALUES (2)", "insert");
        tx.commit();
    }
    EXPECT_EQ(scalar(raw.db, "SELECT count(*) FROM t"), 1);
    try {
        sql::Transaction tx(raw.db, "test");
        sql::exec(raw.db, "INSERT INTO t VALUES (3)", "insert");
        throw std::runtime_error("something failed");
    } catch (const std::runtime_error&) {
    }
    EXPECT_EQ(scalar(raw.db, "SELECT count(*) FROM t"), 1);
}

TEST(SqliteErrors, ArePlainWords) {
    EXPECT_EQ(sql::plain_reason(SQLITE_FULL), "the disk is full");
    EXPECT_EQ(sql::plain_reason(SQLITE_IOERR_WRITE), "the disk could not be read or written");
    EXPECT_EQ(sql::plain_reason(SQLITE_NOTADB), "the file is not an SQLite database");
    TempDir dir;
    RawDb raw(dir / "db");
    try {
        sql::exec(raw.db, "SELECT * FROM missing", "read the missing table");
        FAIL();
    } catch (const StoreError& e) {
        EXPECT_NE(std::string(e.what()).find("cannot read the missing table"), std::string::npos)
            << e.what();
    }
}

}  // namespace
}  // namespace fv
