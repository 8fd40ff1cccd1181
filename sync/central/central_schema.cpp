// The store's schema and its migrations (central_schema.hpp).
#include "sync/central/central_schema.hpp"

#include <string>

#include "core/store/sqlite.hpp"
#include "sync/central/central_db.hpp"

namespace fv::central {

namespace {

constexpr int kSchemaVersion = 8;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS devices(
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  enrolled_at TEXT NOT NULL,
  revoked_at TEXT);
CREATE TABLE IF NOT EXISTS tokens(
  hash TEXT PRIMARY KEY,
  role TEXT NOT NULL CHECK (role IN ('device', 'officer')),
  device_id TEXT REFERENCES devices(id),
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT);
CREATE TABLE IF NOT EXISTS enrol_codes(
  hash TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at TEXT,
  device_id TEXT);
CREATE TABLE IF NOT EXISTS consultations(
  id TEXT NOT NULL,
  version INTEGER NOT NULL,
  definition TEXT NOT NULL,
  published_at TEXT NOT NULL,
  PRIMARY KEY (id, version));
CREATE TABLE IF NOT EXISTS responses(
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  device_id TEXT NOT NULL,
  consultation_id TEXT NOT NULL,
  consultation_version INTEGER NOT NULL,
  mode TEXT NOT NULL,
  submitted_at TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  body TEXT NOT NULL,
  stored_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS responses_by_consultation ON responses(consultation_id, seq);
CREATE TABLE IF NOT EXISTS sessions(
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  device_id TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  body TEXT NOT NULL,
  stored_at TEXT NOT NULL);
)sql";

// Version 2: the web console's users, sign-in sessions (hashes only), audit log and failed
// sign-ins (in the database, so that several store processes share them), and each device's
// division (given with its enrolment code).
constexpr const char* kSchemaV2 = R"sql(
ALTER TABLE devices ADD COLUMN division TEXT NOT NULL DEFAULT '';
ALTER TABLE enrol_codes ADD COLUMN division TEXT NOT NULL DEFAULT '';
CREATE TABLE users(
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('viewer', 'officer', 'admin')),
  password_hash TEXT NOT NULL,
  must_change INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  disabled_at TEXT);
CREATE TABLE web_sessions(
  hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  csrf TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  ended_at INTEGER);
CREATE TABLE audit_log(
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  who TEXT NOT NULL,
  action TEXT NOT NULL,
  detail TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '');
CREATE TABLE sign_in_failures(key TEXT NOT NULL, at INTEGER NOT NULL);
CREATE INDEX sign_in_failures_by_key ON sign_in_failures(key, at);
CREATE INDEX responses_by_device ON responses(device_id);
)sql";

// Version 3: what each device last reported holding (POST /api/v1/devices/status,
// docs/device-status.md), one row a device, replaced at each report.
constexpr const char* kSchemaV3 = R"sql(
CREATE TABLE device_reports(
  device_id TEXT PRIMARY KEY REFERENCES devices(id),
  app_version TEXT NOT NULL,
  queued INTEGER NOT NULL,
  quarantined INTEGER NOT NULL,
  sessions_queued INTEGER NOT NULL,
  device_time TEXT NOT NULL,
  reported_at TEXT NOT NULL);
)sql";

// Version 4: the reference population an officer uploads for a consultation's representation
// table (the equality page): the CSV as uploaded, checked when it was, read again at each use.
constexpr const char* kSchemaV4 = R"sql(
CREATE TABLE reference_populations(
  consultation_id TEXT PRIMARY KEY,
  csv TEXT NOT NULL,
  file_name TEXT NOT NULL,
  uploaded_by TEXT NOT NULL,
  uploaded_at TEXT NOT NULL);
)sql";

// Version 5: texts in people's own words (own_words.hpp), one row a text, with where it came
// from; an FTS5 index of them (external content); and officers' theme tags. Neither is written
// by the ingest transaction: the console finds the texts of what was stored since it last looked
// (catch_up_own_words; own_words_read holds the last response and session seq read) before it
// reads them, and whoever searches brings the index up to date (index_own_words; `upto` is the
// last own_words id indexed). Written at ingest, the rows cost about a fifth of batched ingest's
// throughput and the index about a third (bench_console_pages). Division and session title are read
// from devices and sessions when shown, so that a division changed on the devices page holds for
// the words as for the results.
constexpr const char* kSchemaV5 = R"sql(
CREATE TABLE own_words(
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('answer', 'other', 'note')),
  source_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  mode TEXT NOT NULL,
  consultation_id TEXT NOT NULL,
  consultation_version INTEGER NOT NULL,
  question_id TEXT NOT NULL,
  session_id TEXT NOT NULL,
  organisation TEXT NOT NULL,
  language TEXT NOT NULL,
  said_at TEXT NOT NULL,
  quotable INTEGER NOT NULL,
  text TEXT NOT NULL);
-- The words page lists a consultation's texts newest first: this order, without a sort.
CREATE INDEX own_words_by_consultation ON own_words(consultation_id, said_at, id);
CREATE VIRTUAL TABLE own_words_fts USING fts5(
  text, content='own_words', content_rowid='id', columnsize=0,
  tokenize='porter unicode61 remove_diacritics 2');
CREATE TABLE own_words_indexed(upto INTEGER NOT NULL);
INSERT INTO own_words_indexed(upto) VALUES (0);
CREATE TABLE own_words_read(responses_upto INTEGER NOT NULL, sessions_upto INTEGER NOT NULL);
INSERT INTO own_words_read(responses_upto, sessions_upto) VALUES (0, 0);
CREATE TABLE own_word_tags(
  word_id INTEGER NOT NULL REFERENCES own_words(id),
  theme TEXT NOT NULL,
  tagged_by TEXT NOT NULL,
  tagged_at TEXT NOT NULL,
  PRIMARY KEY (word_id, theme));
CREATE INDEX own_word_tags_by_theme ON own_word_tags(theme, word_id);
)sql";

// Version 6: "you said, we did": what the council did about what people said, written by officers
// per consultation (outcomes.hpp), sent to devices until withdrawn. Texts are JSON objects by
// language; the picture is the PNG in base64.
constexpr const char* kSchemaV6 = R"sql(
CREATE TABLE outcomes(
  id INTEGER PRIMARY KEY,
  consultation_id TEXT NOT NULL,
  texts TEXT NOT NULL,
  easy_read TEXT NOT NULL,
  picture TEXT NOT NULL,  -- standard base64 of the PNG, or ""
  theme TEXT NOT NULL,
  day TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  withdrawn_by TEXT,
  withdrawn_at TEXT);
CREATE INDEX outcomes_by_consultation ON outcomes(consultation_id, day);
)sql";

// Version 7: the receipt (docs/receipt.md). Each response's reference in a column of its own,
// filled at ingest (and here from the bodies of what is stored already). Its index is not on the
// responses table: references are random, so each batch's inserts would dirty a page of the index
// per response, and the index cost about two fifths of batched ingest's throughput
// (bench_central_ingest --reference). The console keeps response_references instead, like the
// own words: before it looks one up, and in the background, it adds the references stored since
// (references_read holds the last seq read), many to a transaction. Then the tombstones of
// responses an officer erased, which ingest reads to refuse a resend and devices read to delete
// their copy; and the texts by the response they came from, which an erasure deletes.
constexpr const char* kSchemaV7 = R"sql(
ALTER TABLE responses ADD COLUMN reference TEXT;
UPDATE responses SET reference = json_extract(body, '$.reference')
  WHERE instr(body, '"reference":') > 0;
CREATE TABLE response_references(
  reference TEXT NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (reference, seq)) WITHOUT ROWID;
CREATE TABLE references_read(upto INTEGER NOT NULL);
INSERT INTO references_read(upto) VALUES (0);
CREATE TABLE erasures(
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  response_id TEXT NOT NULL UNIQUE,
  response_seq INTEGER NOT NULL,  -- its seq in responses, for the console's answer index
  reference TEXT,
  consultation_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  erased_at TEXT NOT NULL,
  erased_by TEXT NOT NULL);
CREATE INDEX erasures_by_reference ON erasures(reference);
CREATE INDEX erasures_by_device ON erasures(device_id, seq);
CREATE INDEX own_words_by_source ON own_words(source_id);
)sql";

// Version 8: the one-tap pulse (docs/pulse.md). What a full response continues (the id of the
// pulse response it carries on from, "Tell us more?") and what its device flagged (the JSON array
// of its flags, e.g. ["rapid_repeat"]), each in a column of its own, NULL for the many that have
// none; both filled at ingest, and here from the bodies stored already. Their indexes are partial,
// so that a response continuing nothing and flagged with nothing costs no index entry at ingest.
constexpr const char* kSchemaV8 = R"sql(
ALTER TABLE responses ADD COLUMN continues TEXT;
ALTER TABLE responses ADD COLUMN flags TEXT;
UPDATE responses SET continues = json_extract(body, '$.continues')
  WHERE instr(body, '"continues":') > 0;
UPDATE responses SET flags = json_extract(body, '$.flags')
  WHERE instr(body, '"flags":["') > 0;
CREATE INDEX responses_continuing ON responses(consultation_id, continues)
  WHERE continues IS NOT NULL;
CREATE INDEX responses_flagged ON responses(consultation_id) WHERE flags IS NOT NULL;
)sql";

}  // namespace

void migrate_central_schema(sqlite3* db, const std::filesystem::path& path) {
    sql::Transaction tx(db, "create the store's tables");
    sql::Statement version(db, "PRAGMA user_version", "read the schema version");
    version.step();
    const auto current = version.int64(0);
    if (current > kSchemaVersion) {
        throw StoreError("the database " + path.string() +
                         " was made by a newer fieldvoice-central; upgrade this program");
    }
    sql::exec(db, kSchema, "create the store's tables");
    if (current < 2) sql::exec(db, kSchemaV2, "add the web console's tables");
    if (current < 3) sql::exec(db, kSchemaV3, "add the devices' status reports");
    if (current < 4) sql::exec(db, kSchemaV4, "add the reference populations");
    // The texts of what is stored already are found by the console's first look at them.
    if (current < 5) sql::exec(db, kSchemaV5, "add the texts in people's own words");
    if (current < 6) sql::exec(db, kSchemaV6, "add the outcomes (you said, we did)");
    if (current < 7) sql::exec(db, kSchemaV7, "add the references and the erasures");
    if (current < 8) sql::exec(db, kSchemaV8, "add what responses continue and their flags");
    sql::exec(db, ("PRAGMA user_version=" + std::to_string(kSchemaVersion)).c_str(),
              "set the schema version");
    tx.commit();
}

}  // namespace fv::central
