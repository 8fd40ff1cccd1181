// The list of schema migrations of the local store, and the loop that applies them.
#include "core/store/migrations.hpp"

#include <array>
#include <string>

#include "core/store/sqlite.hpp"
#include "core/store/store.hpp"

namespace fv {

namespace {

// Responses carry no foreign key to consultations on purpose: a response must never be
// refused or cascaded away because its definition is missing (nothing unsynced is lost).
constexpr std::string_view kVersion1 = R"sql(
CREATE TABLE consultations (
    id             TEXT    NOT NULL,
    version        INTEGER NOT NULL,
    definition     TEXT    NOT NULL,
    retention_days INTEGER NOT NULL DEFAULT 730,
    received_at    TEXT    NOT NULL,
    PRIMARY KEY (id, version)
);
CREATE TABLE responses (
    seq                  INTEGER PRIMARY KEY AUTOINCREMENT,
    id                   TEXT    NOT NULL UNIQUE,
    consultation_id      TEXT    NOT NULL,
    consultation_version INTEGER NOT NULL,
    wire                 TEXT    NOT NULL,
    state                INTEGER NOT NULL DEFAULT 0 CHECK (state IN (0, 1, 2)),
    quarantine_code      TEXT,
    quarantine_message   TEXT,
    submitted_at         TEXT    NOT NULL,
    synced_at            TEXT
);
CREATE INDEX responses_by_state ON responses (state, seq);
CREATE INDEX responses_by_consultation ON responses (consultation_id, seq);
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE audit_log (
    seq    INTEGER PRIMARY KEY AUTOINCREMENT,
    at     TEXT NOT NULL,
    event  TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);
)sql";

// Append new migrations here, numbered on from the last.
constexpr std::array<Migration, 1> kMigrations{{
    {1, "consultations, responses with their sync state, settings and the audit log", kVersion1},
}};

int user_version(sqlite3* db, std::string_view where) {
    sql::Statement st(db, "PRAGMA user_version",
                      "read the schema version of the response database at " + std::string(where));
    st.step();
    return static_cast<int>(st.int64(0));
}

}  // namespace

std::span<const Migration> all_migrations() {
    return kMigrations;
}

int latest_schema_version() {
    return kMigrations.back().version;
}

void migrate(sqlite3* db, std::string_view where, int target) {
    if (target <= 0) target = latest_schema_version();
    for (const Migration& m : kMigrations) {
        if (m.version > target) break;
        const std::string what = "upgrade the response database at " + std::string(where) +
                                 " to schema version " + std::to_string(m.version);
        sql::Transaction tx(db, what);
        // Read inside the transaction: another process may have migrated meanwhile.
        if (user_version(db, where) >= m.version) continue;
        sql::exec(db, std::string(m.sql).c_str(), what);
        sql::exec(db, ("PRAGMA user_version = " + std::to_string(m.version)).c_str(), what);
        tx.commit();
    }
}

}  // namespace fv
