// The device's local store on SQLite: opening safely, consultations, the response queue,
// settings and the audit log. Schema changes live in migrations.cpp.
#include "core/store/store.hpp"

#include <cstdlib>
#include <system_error>

#include "core/store/migrations.hpp"
#include "core/store/sqlite.hpp"
#include "core/util/ids.hpp"

namespace fv {

using Lock = std::lock_guard<std::recursive_mutex>;

std::string_view to_string(SyncState state) {
    switch (state) {
        case SyncState::Queued:
            return "queued";
        case SyncState::Synced:
            return "synced";
        case SyncState::Quarantined:
            return "quarantined";
    }
    return "unknown";
}

namespace {

constexpr int kBusyTimeoutMs = 10'000;

// Paths appear bare in messages, as a person would type them, not in std::quoted form.
std::string shown(const std::filesystem::path& p) {
    return p.string();
}

// Refuses a folder or device where the database file should be, before SQLite opens it.
void check_is_regular_file(const std::filesystem::path& db_path) {
    std::error_code ec;
    const auto status = std::filesystem::status(db_path, ec);
    if (ec || !std::filesystem::exists(status)) return;  // a new database
    const std::string where = "cannot open the response database at " + shown(db_path);
    if (!std::filesystem::is_regular_file(status)) {
        throw StoreError(where + ": it is not a regular file; choose another data folder");
    }
    // The header itself is checked through SQLite in Store::open: opening and closing a second
    // descriptor on the file here would drop every POSIX lock this process holds on it, and
    // with them the safety of any connection already open (the sync engine opens its own).
}

struct DbCloser {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using DbHandle = std::unique_ptr<sqlite3, DbCloser>;

int read_user_version(sqlite3* db, const std::string& what) {
    sql::Statement st(db, "PRAGMA user_version", what);
    st.step();
    return static_cast<int>(st.int64(0));
}

StoredResponse read_stored(sql::Statement& st) {
    // Columns: seq, wire, state, quarantine_code, quarantine_message
    StoredResponse out;
    out.seq = st.int64(0);
    const std::string wire = st.text(1);
    try {
        out.response = Response::from_json(nlohmann::json::parse(wire));
    } catch (const nlohmann::json::exception& e) {
        throw StoreError("cannot read stored response number " + std::to_string(out.seq) +
                         ": its saved form is damaged (" + e.what() + ")");
    }
    const auto state = st.int64(2);
    out.state = state == 1   ? SyncState::Synced
                : state == 2 ? SyncState::Quarantined
                             : SyncState::Queued;
    out.quarantine_code = st.text(3);
    out.quarantine_message = st.text(4);
    return out;
}

constexpr const char* kStoredColumns =
    "SELECT seq, wire, state, quarantine_code, quarantine_message FROM responses ";

// A response whose session is stored here and still waits to be sent is held back with it.
constexpr const char* kNotWaitingForSession =
    " AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.id = responses.session_id AND s.state = 0) ";

std::vector<StoredResponse> read_all(sql::Statement& st) {
    std::vector<StoredResponse> out;
    while (st.step()) out.push_back(read_stored(st));
    return out;
}

std::string default_title(const nlohmann::json& def) {
    try {
        const std::string lang = def.at("languages").at(0).get<std::string>();
        return def.at("title").at(lang).get<std::string>();
    } catch (const nlohmann::json::exception&) {
        return {};
    }
}

}  // namespace

// -- opening -------------------------------------------------------------------------------

std::unique_ptr<Store> Store::open(const std::filesystem::path& db_path) {
    const std::string where = shown(db_path);
    const std::string what = "open the response database at " + where;
    if (db_path.has_parent_path()) {
        std::error_code ec;
        std::filesystem::create_directories(db_path.parent_path(), ec);
        if (ec) {
            throw StoreError("cannot create the folder " + shown(db_path.parent_path()) +
                             " for the response database: " + ec.message());
        }
    }
    check_is_regular_file(db_path);

    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(
        db_path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
        nullptr);
    DbHandle db(raw);
    if (rc != SQLITE_OK) sql::fail(db.get(), rc, what);
    sqlite3_extended_result_codes(db.get(), 1);
    sqlite3_busy_timeout(db.get(), kBusyTimeoutMs);

    // SQLite reads page 1 here and writes nothing: a file that is not SQLite stays as it was.
    if ((sqlite3_exec(db.get(), "PRAGMA schema_version", nullptr, nullptr, nullptr) & 0xFF) ==
        SQLITE_NOTADB) {
        throw StoreError("cannot open the response database at " + where +
                         ": the file is not an SQLite database. It was left untouched; move it "
                         "aside or choose another data folder");
    }
    // Read before any write, so a newer or foreign database is refused untouched.
    const int version = read_user_version(db.get(), what);
    if (version > latest_schema_version()) {
        throw StoreError("cannot " + what + ": it was written by a newer version of Fieldvoice " +
                         "(schema version " + std::to_string(version) +
                         ", this program knows up "
                         "to " +
                         std::to_string(latest_schema_version()) +
                         "). It was left untouched; install the newer Fieldvoice to use it");
    }
    if (version == 0) {
        sql::Statement st(
            db.get(), "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'", what);
        st.step();
        if (st.int64(0) > 0) {
            throw StoreError("cannot " + what +
                             ": it is an SQLite database of another program. It was left "
                             "untouched; choose another data folder");
        }
    }

    {
        sql::Statement st(db.get(), "PRAGMA journal_mode = WAL", what);
        st.step();
        if (st.text(0) != "wal") {
            throw StoreError("cannot " + what +
                             ": the file system does not allow the safe "
                             "write-ahead journal (got '" +
                             st.text(0) + "')");
        }
    }
    sql::exec(db.get(), "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;", what);
    migrate(db.get(), where);
    return std::unique_ptr<Store>(new Store(db_path, db.release()));
}

Store::Store(std::filesystem::path path, sqlite3* db) : path_(std::move(path)), db_(db) {}

Store::~Store() {
    sqlite3_close_v2(db_);
}

int Store::schema_version() {
    Lock lock(mutex_);
    return read_user_version(db_, "read the schema version of " + shown(path_));
}

// -- consultations -------------------------------------------------------------------------

void Store::save_consultation(const Consultation& consultation) {
    Lock lock(mutex_);
    const std::string what =
        "save consultation " + consultation.id + " version " + std::to_string(consultation.version);
    if (!consultation.source.is_object()) {
        throw StoreError("cannot " + what + ": it carries no definition text to keep");
    }
    sql::Statement st(db_,
                      "INSERT OR IGNORE INTO consultations "
                      "(id, version, definition, retention_days, received_at) "
                      "VALUES (?, ?, ?, ?, ?)",
                      what);
    st.bind(1, consultation.id)
        .bind(2, consultation.version)
        .bind(3, consultation.source.dump())
        .bind(4, consultation.retention_days)
        .bind(5, now_rfc3339())
        .run();
}

std::optional<Consultation> Store::consultation(const std::string& id, int version) {
    Lock lock(mutex_);
    const std::string what = "read consultation " + id + " version " + std::to_string(version);
    sql::Statement st(db_, "SELECT definition FROM consultations WHERE id = ? AND version = ?",
                      what);
    st.bind(1, id).bind(2, version);
    if (!st.step()) return std::nullopt;
    ParseResult parsed = parse_consultation(std::string_view(st.text(0)));
    if (!parsed.ok()) {
        throw StoreError("cannot " + what + ": the stored definition is no longer valid (" +
                         parsed.problems.front().to_line() + ")");
    }
    return std::move(parsed.consultation);
}

std::optional<Consultation> Store::latest_consultation(const std::string& id) {
    Lock lock(mutex_);
    sql::Statement st(db_, "SELECT max(version) FROM consultations WHERE id = ?",
                      "find the latest version of consultation " + id);
    st.bind(1, id);
    if (!st.step() || st.is_null(0)) return std::nullopt;
    return consultation(id, static_cast<int>(st.int64(0)));
}

std::vector<ConsultationRef> Store::consultations() {
    Lock lock(mutex_);
    sql::Statement st(db_, "SELECT id, version, definition FROM consultations ORDER BY id, version",
                      "list the stored consultations");
    std::vector<ConsultationRef> out;
    while (st.step()) {
        ConsultationRef ref{st.text(0), static_cast<int>(st.int64(1)), {}};
        ref.title = default_title(nlohmann::json::parse(st.text(2), nullptr, false));
        out.push_back(std::move(ref));
    }
    return out;
}

// -- responses -----------------------------------------------------------------------------

void Store::submit(const Response& response) {
    Lock lock(mutex_);
    const std::string what = "save response " + response.id;
    if (response.id.empty()) throw StoreError("cannot save a response without an id");
    if (response.session_id) {
        if (auto s = session(*response.session_id); s && s->ended()) {
            throw StoreError("cannot save response " + response.id + ": its meeting session '" +
                             s->title + "' ended at " + *s->ended_at +
                             ", and an ended session cannot gain answers");
        }
    }
    const std::string wire = response.to_json().dump();
    // One statement is its own transaction; with synchronous=FULL it is on disk on return.
    sql::Statement st(db_,
                      "INSERT INTO responses (id, consultation_id, consultation_version, wire, "
                      "state, submitted_at, session_id) VALUES (?, ?, ?, ?, 0, ?, ?)",
                      what);
    st.bind(1, response.id)
        .bind(2, response.consultation_id)
        .bind(3, response.consultation_version)
        .bind(4, wire)
        .bind(5, response.submitted_at)
        .bind_optional(6, response.session_id);
    try {
        st.run();
    } catch (const StoreError&) {
        if ((st.last_rc() & 0xFF) == SQLITE_CONSTRAINT) {
            throw StoreError("cannot save response " + response.id +
                             ": a response with this id is already stored, and responses cannot "
                             "be changed once submitted");
        }
        throw;
    }
}

QueueCounts Store::counts() {
    Lock lock(mutex_);
    sql::Statement st(db_, "SELECT state, count(*) FROM responses GROUP BY state",
                      "count the stored responses");
    QueueCounts c;
    while (st.step()) {
        switch (st.int64(0)) {
            case 0:
                c.queued = st.int64(1);
                break;
            case 1:
                c.synced = st.int64(1);
                break;
            case 2:
                c.quarantined = st.int64(1);
                break;
            default:
                break;
        }
    }
    return c;
}

std::vector<StoredResponse> Store::queued(int limit) {
    Lock lock(mutex_);
    sql::Statement st(db_,
                      std::string(kStoredColumns) + "WHERE state = 0" + kNotWaitingForSession +
                          "ORDER BY seq LIMIT ?",
                      "read the queue of responses to send");
    st.bind(1, limit);
    return read_all(st);
}

std::vector<QueuedWire> Store::queued_wire(std::int64_t after_seq, int limit) {
    Lock lock(mutex_);
    sql::Statement st(db_,
                      std::string("SELECT seq, id, wire, json_valid(wire) FROM responses "
                                  "WHERE state = 0 AND seq > ?") +
                          kNotWaitingForSession + "ORDER BY seq LIMIT ?",
                      "read the queue of responses to send");
    st.bind(1, after_seq);
    st.bind(2, limit);
    std::vector<QueuedWire> out;
    while (st.step()) {
        // SQLite's own JSON check, in C, costs a tenth of parsing the text again here.
        QueuedWire row{st.int64(0), st.text(1), st.text(2)};
        if (st.int64(3) != 1) {
            throw StoreError("cannot read stored response number " + std::to_string(row.seq) +
                             ": its saved form is damaged (not JSON)");
        }
        out.push_back(std::move(row));
    }
    return out;
}

std::vector<StoredResponse> Store::quarantined() {
    Lock lock(mutex_);
    sql::Statement st(db_, std::string(kStoredColumns) + "WHERE state = 2 ORDER BY seq",
                      "read the quarantined responses");
    return read_all(st);
}

std::vector<StoredResponse> Store::responses(const std::optional<std::string>& consultation_id) {
    Lock lock(mutex_);
    if (consultation_id) {
        sql::Statement st(db_,
                          std::string(kStoredColumns) + "WHERE consultation_id = ? ORDER BY seq",
                          "read the responses to " + *consultation_id);
        st.bind(1, *consultation_id);
        return read_all(st);
    }
    sql::Statement st(db_, std::string(kStoredColumns) + "ORDER BY seq", "read the responses");
    return read_all(st);
}

std::vector<StoredResponse> Store::session_responses(const std::string& session_id) {
    Lock lock(mutex_);
    sql::Statement st(db_, std::string(kStoredColumns) + "WHERE session_id = ? ORDER BY seq",
                      "read the responses of meeting session " + session_id);
    st.bind(1, session_id);
    return read_all(st);
}

std::optional<StoredResponse> Store::response(const std::string& id) {
    Lock lock(mutex_);
    sql::Statement st(db_, std::string(kStoredColumns) + "WHERE id = ?", "read response " + id);
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return read_stored(st);
}

int Store::apply_results(const std::vector<ItemResult>& results) {
    Lock lock(mutex_);
    const std::string what = "record the results of a sync";
    sql::Transaction tx(db_, what);
    const std::string now = now_rfc3339();
    sql::Statement synced(db_,
                          "UPDATE responses SET state = 1, synced_at = ?, quarantine_code = NULL, "
                          "quarantine_message = NULL WHERE id = ?",
                          what);
    // A response already synced stays synced: the store has it, whatever a later reply says.
    sql::Statement rejected(db_,
                            "UPDATE responses SET state = 2, quarantine_code = ?, "
                            "quarantine_message = ? WHERE id = ? AND state <> 1",
                            what);
    // Erased on the store at the request of the person who gave it: nothing to keep it for.
    sql::Statement erased(db_, "DELETE FROM responses WHERE id = ?", what);
    int deleted = 0;
    for (const ItemResult& r : results) {
        if (r.status == ItemStatus::Rejected && r.error_code == "erased") {
            const int n = erased.bind(1, r.id).run();
            erased.reset();
            if (n > 0) {
                ++deleted;
                audit("response erased",
                      r.id + ": the store refused it as erased by an officer; deleted here");
            }
        } else if (r.status == ItemStatus::Rejected) {
            rejected.bind(1, r.error_code).bind(2, r.error_message).bind(3, r.id).run();
            rejected.reset();
        } else {
            synced.bind(1, now).bind(2, r.id).run();
            synced.reset();
        }
    }
    tx.commit();
    return deleted;
}

int Store::erase_responses(const std::vector<std::string>& ids) {
    Lock lock(mutex_);
    const std::string what = "delete the responses erased on the store";
    sql::Transaction tx(db_, what);
    sql::Statement remove(db_, "DELETE FROM responses WHERE id = ?", what);
    std::string named;
    int deleted = 0;
    for (const auto& id : ids) {
        const int n = remove.bind(1, id).run();
        remove.reset();
        if (n == 0) continue;
        ++deleted;
        named += (named.empty() ? "" : ", ") + id;
    }
    if (deleted > 0) {
        audit("responses erased", std::to_string(deleted) +
                                      (deleted == 1 ? " response" : " responses") +
                                      " erased on the store by an officer deleted here: " + named);
    }
    tx.commit();
    return deleted;
}

int Store::purge_expired(std::chrono::system_clock::time_point now) {
    Lock lock(mutex_);
    // A response whose consultation is missing keeps the default of 730 days; one whose time
    // cannot be read is kept (julianday gives NULL and the comparison fails).
    sql::Statement st(db_,
                      "DELETE FROM responses WHERE state = 1 AND julianday(submitted_at) < "
                      "julianday(?) - coalesce((SELECT c.retention_days FROM consultations c "
                      "WHERE c.id = responses.consultation_id "
                      "AND c.version = responses.consultation_version), 730)",
                      "delete synced responses past their retention period");
    st.bind(1, format_rfc3339(now));
    return st.run();
}

// -- settings and audit log ----------------------------------------------------------------

std::optional<std::string> Store::setting(const std::string& key) {
    Lock lock(mutex_);
    sql::Statement st(db_, "SELECT value FROM settings WHERE key = ?", "read setting " + key);
    st.bind(1, key);
    if (!st.step()) return std::nullopt;
    return st.text(0);
}

void Store::set_setting(const std::string& key, const std::string& value) {
    Lock lock(mutex_);
    sql::Statement st(db_,
                      "INSERT INTO settings (key, value) VALUES (?, ?) "
                      "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                      "save setting " + key);
    st.bind(1, key).bind(2, value).run();
}

void Store::replace_outcomes(const std::vector<Outcome>& outcomes) {
    Lock lock(mutex_);
    sql::Transaction tx(db_, "keep the store's you-said-we-did entries");
    sql::exec(db_, "DELETE FROM outcomes", "forget the entries kept before");
    sql::Statement put(db_,
                       "INSERT OR REPLACE INTO outcomes (id, consultation_id, position, body) "
                       "VALUES (?, ?, ?, ?)",
                       "keep a you-said-we-did entry");
    int position = 0;
    for (const auto& o : outcomes) {
        put.reset();
        put.bind(1, o.id)
            .bind(2, o.consultation_id)
            .bind(3, position++)
            .bind(4, o.to_json().dump());
        put.run();
    }
    tx.commit();
}

std::vector<Outcome> Store::outcomes(const std::optional<std::string>& consultation_id) {
    Lock lock(mutex_);
    sql::Statement q(db_,
                     "SELECT body FROM outcomes WHERE (?1 IS NULL OR consultation_id = ?1) "
                     "ORDER BY position",
                     "read the you-said-we-did entries");
    q.bind_optional(1, consultation_id);
    std::vector<Outcome> out;
    while (q.step()) {
        const auto j = nlohmann::json::parse(q.text(0), nullptr, false);
        if (auto o = Outcome::from_json(j, nullptr)) out.push_back(std::move(*o));
    }
    return out;
}

void Store::erase_setting(const std::string& key) {
    Lock lock(mutex_);
    sql::Statement st(db_, "DELETE FROM settings WHERE key = ?", "erase setting " + key);
    st.bind(1, key).run();
}

void Store::audit(const std::string& event, const std::string& detail) {
    Lock lock(mutex_);
    sql::Statement st(db_, "INSERT INTO audit_log (at, event, detail) VALUES (?, ?, ?)",
                      "write to the audit log");
    st.bind(1, now_rfc3339()).bind(2, event).bind(3, detail).run();
}

std::vector<Store::AuditEntry> Store::audit_log(int limit, int offset) {
    Lock lock(mutex_);
    sql::Statement st(db_,
                      "SELECT at, event, detail FROM audit_log ORDER BY seq DESC LIMIT ? OFFSET ?",
                      "read the audit log");
    st.bind(1, limit).bind(2, offset);
    std::vector<AuditEntry> out;
    while (st.step()) out.push_back({st.text(0), st.text(1), st.text(2)});
    return out;
}

// -- where data lives ----------------------------------------------------------------------

std::filesystem::path database_path(const std::filesystem::path& data_dir) {
    return data_dir / "fieldvoice.db";
}

std::filesystem::path default_data_dir() {
    // XDG Base Directory: a relative XDG_DATA_HOME is invalid and must be ignored.
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && xdg[0] == '/') {
        return std::filesystem::path(xdg) / "fieldvoice";
    }
    if (const char* home = std::getenv("HOME"); home != nullptr && home[0] == '/') {
        return std::filesystem::path(home) / ".local" / "share" / "fieldvoice";
    }
    throw StoreError(
        "cannot find where to keep data: neither XDG_DATA_HOME nor HOME is set; "
        "pass --data-dir DIR");
}

}  // namespace fv
