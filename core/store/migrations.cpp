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

// Meeting sessions (DESIGN.md, "Meetings"). A session is open until ended_at is set; from then
// on it and everything in it are frozen (the triggers below), and only its sync state moves.
// Responses gain a session_id column (copied from their wire form) so that the queue can hold
// back a meeting's responses until their session has gone up (PROTOCOL.md, POST /sessions).
constexpr std::string_view kVersion2 = R"sql(
CREATE TABLE sessions (
    id                   TEXT    PRIMARY KEY,
    title                TEXT    NOT NULL,
    place                TEXT    NOT NULL DEFAULT '',
    division             TEXT    NOT NULL DEFAULT '',
    facilitator          TEXT    NOT NULL DEFAULT '',
    consultation_id      TEXT    NOT NULL,
    consultation_version INTEGER NOT NULL,
    started_at           TEXT    NOT NULL,
    ended_at             TEXT,
    state                INTEGER NOT NULL DEFAULT 0 CHECK (state IN (0, 1, 2)),
    quarantine_code      TEXT,
    quarantine_message   TEXT,
    synced_at            TEXT
);
CREATE TABLE session_notes (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT    NOT NULL UNIQUE,
    session_id   TEXT    NOT NULL REFERENCES sessions (id),
    text         TEXT    NOT NULL,
    themes       TEXT    NOT NULL DEFAULT '[]',
    speaker_kind TEXT    NOT NULL CHECK (speaker_kind IN ('resident', 'partner')),
    organisation TEXT    NOT NULL DEFAULT '',
    created_at   TEXT    NOT NULL,
    edited_at    TEXT
);
CREATE INDEX session_notes_by_session ON session_notes (session_id, seq);
CREATE TABLE session_tallies (
    session_id  TEXT    NOT NULL REFERENCES sessions (id),
    question_id TEXT    NOT NULL,
    option      TEXT    NOT NULL,
    count       INTEGER NOT NULL DEFAULT 0 CHECK (count >= 0),
    PRIMARY KEY (session_id, question_id, option)
);
CREATE TABLE session_ideas (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    id         TEXT    NOT NULL UNIQUE,
    session_id TEXT    NOT NULL REFERENCES sessions (id),
    text       TEXT    NOT NULL,
    created_at TEXT    NOT NULL
);
CREATE INDEX session_ideas_by_session ON session_ideas (session_id, seq);
CREATE TABLE session_dots (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id TEXT    NOT NULL REFERENCES sessions (id),
    idea_id    TEXT    NOT NULL REFERENCES session_ideas (id),
    voter      INTEGER NOT NULL,
    placed_at  TEXT    NOT NULL
);
CREATE INDEX session_dots_by_session ON session_dots (session_id, idea_id);
CREATE TRIGGER sessions_frozen_update BEFORE UPDATE OF
    id, title, place, division, facilitator, consultation_id, consultation_version, started_at,
    ended_at ON sessions
WHEN OLD.ended_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the meeting session has ended and cannot be changed'); END;
CREATE TRIGGER sessions_kept_until_synced BEFORE DELETE ON sessions
WHEN OLD.state <> 1
BEGIN SELECT RAISE(ABORT, 'a meeting session is never deleted before it is synced'); END;
CREATE TRIGGER session_notes_frozen_insert BEFORE INSERT ON session_notes
WHEN (SELECT ended_at FROM sessions WHERE id = NEW.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the meeting session has ended and cannot be changed'); END;
CREATE TRIGGER session_notes_frozen_update BEFORE UPDATE ON session_notes
WHEN (SELECT ended_at FROM sessions WHERE id = OLD.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the meeting session has ended and cannot be changed'); END;
CREATE TRIGGER session_notes_frozen_delete BEFORE DELETE ON session_notes
WHEN (SELECT ended_at FROM sessions WHERE id = OLD.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the meeting session has ended and cannot be changed'); END;
CREATE TRIGGER session_tallies_frozen_insert BEFORE INSERT ON session_tallies
WHEN (SELECT ended_at FROM sessions WHERE id = NEW.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the meeting session has ended and cannot be changed'); END;
CREATE TRIGGER session_tallies_frozen_update BEFORE UPDATE ON session_tallies
WHEN (SELECT ended_at FROM sessions WHERE id = OLD.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the meeting session has ended and cannot be changed'); END;
CREATE TRIGGER session_tallies_frozen_delete BEFORE DELETE ON session_tallies
WHEN (SELECT ended_at FROM sessions WHERE id = OLD.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the meeting session has ended and cannot be changed'); END;
CREATE TRIGGER session_ideas_frozen_insert BEFORE INSERT ON session_ideas
WHEN (SELECT ended_at FROM sessions WHERE id = NEW.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the meeting session has ended and cannot be changed'); END;
CREATE TRIGGER session_ideas_frozen_update BEFORE UPDATE ON session_ideas
WHEN (SELECT ended_at FROM sessions WHERE id = OLD.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the meeting session has ended and cannot be changed'); END;
CREATE TRIGGER session_ideas_frozen_delete BEFORE DELETE ON session_ideas
WHEN (SELECT ended_at FROM sessions WHERE id = OLD.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the meeting session has ended and cannot be changed'); END;
CREATE TRIGGER session_dots_frozen_insert BEFORE INSERT ON session_dots
WHEN (SELECT ended_at FROM sessions WHERE id = NEW.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the meeting session has ended and cannot be changed'); END;
CREATE TRIGGER session_dots_frozen_update BEFORE UPDATE ON session_dots
WHEN (SELECT ended_at FROM sessions WHERE id = OLD.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the meeting session has ended and cannot be changed'); END;
CREATE TRIGGER session_dots_frozen_delete BEFORE DELETE ON session_dots
WHEN (SELECT ended_at FROM sessions WHERE id = OLD.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the meeting session has ended and cannot be changed'); END;
ALTER TABLE responses ADD COLUMN session_id TEXT;
UPDATE responses SET session_id = json_extract(wire, '$.session_id');
CREATE INDEX responses_by_session ON responses (session_id);
)sql";

// Version 3: "you said, we did" entries the store publishes (docs/outcomes.md), as last fetched:
// each entry's JSON, in the store's order (newest first).
constexpr std::string_view kVersion3 = R"sql(
CREATE TABLE outcomes (
    id              TEXT PRIMARY KEY,
    consultation_id TEXT NOT NULL,
    position        INTEGER NOT NULL,
    body            TEXT NOT NULL
);
)sql";

// Append new migrations here, numbered on from the last.
constexpr std::array<Migration, 3> kMigrations{{
    {1, "consultations, responses with their sync state, settings and the audit log", kVersion1},
    {2, "meeting sessions with their notes, tallies, ideas and dots; responses name their session",
     kVersion2},
    {3, "the store's you-said-we-did entries", kVersion3},
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
