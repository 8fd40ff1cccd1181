// The web console's queries (console_db.hpp): its database, the audit log, and what the pages
// read of consultations, responses and devices. The accounts are in console_accounts_db.cpp.
#include "sync/central/console_db.hpp"

#include <sqlite3.h>

#include "core/store/sqlite.hpp"
#include "core/util/ids.hpp"

namespace fv::central {

std::int64_t unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string_view to_string(UserRole role) {
    switch (role) {
        case UserRole::Viewer:
            return "viewer";
        case UserRole::Officer:
            return "officer";
        case UserRole::Admin:
            return "admin";
    }
    return "viewer";
}

std::optional<UserRole> user_role_from_string(std::string_view name) {
    if (name == "viewer") return UserRole::Viewer;
    if (name == "officer") return UserRole::Officer;
    if (name == "admin") return UserRole::Admin;
    return std::nullopt;
}

std::unique_ptr<ConsoleDb> ConsoleDb::open(const std::filesystem::path& path) {
    sqlite3* db = nullptr;
    const int rc =
        sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        std::string why = sql::plain_reason(rc);
        sqlite3_close(db);
        throw StoreError("cannot open the store's database " + path.string() + ": " + why);
    }
    std::unique_ptr<ConsoleDb> out(new ConsoleDb(db));
    sqlite3_busy_timeout(db, 10000);
    sql::exec(db, "PRAGMA synchronous=FULL", "make commits durable");
    sql::exec(db, "PRAGMA foreign_keys=ON", "turn on foreign keys");
    return out;
}

ConsoleDb::~ConsoleDb() {
    sqlite3_close_v2(db_);
}

void ConsoleDb::audit(const std::string& who, const std::string& action, const std::string& detail,
                      const std::string& address) {
    std::lock_guard lock(mutex_);
    sql::Statement insert(db_,
                          "INSERT INTO audit_log(at, who, action, detail, address) "
                          "VALUES (?, ?, ?, ?, ?)",
                          "write the audit log");
    insert.bind(1, now_rfc3339()).bind(2, who).bind(3, action).bind(4, detail).bind(5, address);
    insert.run();
}

std::vector<AuditRow> ConsoleDb::audit_log(int limit) {
    std::lock_guard lock(mutex_);
    sql::Statement query(db_,
                         "SELECT at, who, action, detail, address FROM audit_log "
                         "ORDER BY seq DESC LIMIT ?",
                         "read the audit log");
    query.bind(1, limit);
    std::vector<AuditRow> out;
    while (query.step()) {
        out.push_back({query.text(0), query.text(1), query.text(2), query.text(3), query.text(4)});
    }
    return out;
}

std::vector<ConsultationStats> ConsoleDb::consultation_stats(
    std::chrono::system_clock::time_point now) {
    const std::string week_ago = format_rfc3339(now - std::chrono::hours(24 * 7));
    std::lock_guard lock(mutex_);
    std::vector<ConsultationStats> out;
    sql::Statement versions(db_,
                            "SELECT c.id, c.version, c.published_at, "
                            "(SELECT count(*) FROM responses r WHERE r.consultation_id = c.id "
                            "AND r.consultation_version = c.version) "
                            "FROM consultations c ORDER BY c.id, c.version",
                            "list the consultations");
    while (versions.step()) {
        if (out.empty() || out.back().id != versions.text(0)) {
            out.push_back({});
            out.back().id = versions.text(0);
        }
        out.back().versions.push_back(
            {static_cast<int>(versions.int64(1)), versions.text(2), versions.int64(3)});
    }
    sql::Statement totals(db_,
                          "SELECT count(*), coalesce(sum(submitted_at >= ?), 0), "
                          "count(DISTINCT device_id) FROM responses WHERE consultation_id = ?",
                          "count the consultation's responses");
    for (auto& c : out) {
        totals.reset();
        totals.bind(1, week_ago).bind(2, c.id);
        totals.step();
        c.all = totals.int64(0);
        c.last_7_days = totals.int64(1);
        c.devices = totals.int64(2);
    }
    // Each person once (docs/pulse.md): less the pulse responses a stored response continues,
    // found through the partial index of the continuations.
    sql::Statement continued(db_,
                             "SELECT p.consultation_version, count(DISTINCT p.seq), "
                             "count(DISTINCT CASE WHEN p.submitted_at >= ?2 THEN p.seq END) "
                             "FROM responses c JOIN responses p ON p.id = c.continues "
                             "WHERE c.consultation_id = ?1 AND c.continues IS NOT NULL "
                             "AND p.consultation_id = ?1 AND p.mode = 'pulse' "
                             "GROUP BY p.consultation_version",
                             "count the continued pulse responses");
    for (auto& c : out) {
        continued.reset();
        continued.bind(1, c.id).bind(2, week_ago);
        while (continued.step()) {
            const auto version = static_cast<int>(continued.int64(0));
            c.all -= continued.int64(1);
            c.last_7_days -= continued.int64(2);
            for (auto& v : c.versions) {
                if (v.version == version) v.responses -= continued.int64(1);
            }
        }
    }
    return out;
}

std::optional<std::string> ConsoleDb::definition(const std::string& id, int version) {
    std::lock_guard lock(mutex_);
    sql::Statement find(db_, "SELECT definition FROM consultations WHERE id = ? AND version = ?",
                        "look up the consultation");
    find.bind(1, id).bind(2, version);
    if (!find.step()) return std::nullopt;
    return find.text(0);
}

void ConsoleDb::set_reference(const std::string& consultation_id, const ReferenceFile& file) {
    std::lock_guard lock(mutex_);
    sql::Statement put(db_,
                       "INSERT INTO reference_populations(consultation_id, csv, file_name, "
                       "uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?) "
                       "ON CONFLICT(consultation_id) DO UPDATE SET csv = excluded.csv, "
                       "file_name = excluded.file_name, uploaded_by = excluded.uploaded_by, "
                       "uploaded_at = excluded.uploaded_at",
                       "store the reference population");
    put.bind(1, consultation_id).bind(2, file.csv).bind(3, file.file_name);
    put.bind(4, file.uploaded_by)
        .bind(5, file.uploaded_at.empty() ? now_rfc3339() : file.uploaded_at);
    put.run();
}

std::optional<ReferenceFile> ConsoleDb::reference(const std::string& consultation_id) {
    std::lock_guard lock(mutex_);
    sql::Statement find(db_,
                        "SELECT csv, file_name, uploaded_by, uploaded_at FROM "
                        "reference_populations WHERE consultation_id = ?",
                        "read the reference population");
    find.bind(1, consultation_id);
    if (!find.step()) return std::nullopt;
    return ReferenceFile{find.text(0), find.text(1), find.text(2), find.text(3)};
}

namespace {

constexpr const char* kSessionRows =
    "SELECT s.id, s.device_id, coalesce(d.division, ''), s.stored_at, s.body, "
    "(SELECT count(*) FROM responses r WHERE r.mode = 'meeting' "
    " AND json_extract(r.body, '$.session_id') = s.id) "
    "FROM sessions s LEFT JOIN devices d ON d.id = s.device_id ";

ConsoleDb::SessionRow session_row(sql::Statement& q) {
    return {q.text(0), q.text(1), q.text(2), q.text(3), q.text(4), q.int64(5)};
}

}  // namespace

std::vector<ConsoleDb::SessionRow> ConsoleDb::sessions() {
    std::lock_guard lock(mutex_);
    sql::Statement query(db_, std::string(kSessionRows) + "ORDER BY s.seq DESC",
                         "list the meeting sessions");
    std::vector<SessionRow> out;
    while (query.step()) out.push_back(session_row(query));
    return out;
}

std::optional<ConsoleDb::SessionRow> ConsoleDb::session_by_id(const std::string& id) {
    std::lock_guard lock(mutex_);
    sql::Statement query(db_, std::string(kSessionRows) + "WHERE s.id = ?",
                         "read a meeting session");
    query.bind(1, id);
    if (!query.step()) return std::nullopt;
    return session_row(query);
}

void ConsoleDb::for_each_partner_response(
    const std::function<void(const StoredRow&, const std::string& division)>& fn) {
    std::lock_guard lock(mutex_);
    sql::Statement query(db_,
                         "SELECT r.seq, r.device_id, r.stored_at, r.body, "
                         "coalesce(d.division, '') FROM responses r "
                         "LEFT JOIN devices d ON d.id = r.device_id "
                         "WHERE r.mode = 'partner' ORDER BY r.seq DESC",
                         "read the partner submissions");
    while (query.step()) {
        fn({query.int64(0), query.text(1), query.text(2), query.text(3)}, query.text(4));
    }
}

std::vector<std::string> ConsoleDb::divisions() {
    std::lock_guard lock(mutex_);
    sql::Statement query(db_,
                         "SELECT DISTINCT division FROM devices WHERE division <> '' "
                         "ORDER BY division",
                         "list the divisions");
    std::vector<std::string> out;
    while (query.step()) out.push_back(query.text(0));
    return out;
}

namespace {

// What a ResponseFilter selects of `r` (responses) and `d` (its device), bound by bind_filter.
constexpr const char* kFilterClause =
    "(?3 = 0 OR r.consultation_version = ?3) "
    "AND (?4 = '' OR coalesce(d.division, '') = ?4) "
    "AND (?5 = '' OR r.mode = ?5) "
    "AND (?6 = '' OR json_extract(r.body, '$.language') = ?6) "
    "AND (?7 = '' OR substr(r.submitted_at, 1, 10) >= ?7) "
    "AND (?8 = '' OR substr(r.submitted_at, 1, 10) <= ?8) ";

void bind_filter(sql::Statement& query, const ResponseFilter& filter) {
    query.bind(3, filter.version)
        .bind(4, filter.division)
        .bind(5, filter.mode)
        .bind(6, filter.language)
        .bind(7, filter.from)
        .bind(8, filter.to);
}

}  // namespace

std::map<std::string, bool> ConsoleDb::continued_pulses(const std::string& consultation_id,
                                                        const ResponseFilter& filter) {
    std::lock_guard lock(mutex_);
    // Through the partial index of the continuations (schema version 8): few rows.
    sql::Statement query(db_,
                         std::string("SELECT r.continues, max(") + kFilterClause +
                             ") FROM responses r LEFT JOIN devices d ON d.id = r.device_id "
                             "WHERE r.consultation_id = ?1 AND r.continues IS NOT NULL "
                             "GROUP BY r.continues",
                         "read the continued pulse responses");
    query.bind(1, consultation_id);  // ?2 (a page's start) is not used here
    bind_filter(query, filter);
    std::map<std::string, bool> out;
    while (query.step()) out[query.text(0)] = query.int64(1) != 0;
    return out;
}

void ConsoleDb::for_each_response(const std::string& consultation_id, const ResponseFilter& filter,
                                  const std::function<void(const StoredRow&)>& fn) {
    // Pages of 1000, so that the connection is never held for a whole results page.
    std::int64_t after = 0;
    for (;;) {
        std::vector<StoredRow> rows;
        {
            std::lock_guard lock(mutex_);
            sql::Statement query(db_,
                                 std::string("SELECT r.seq, r.device_id, r.stored_at, r.body "
                                             "FROM responses r "
                                             "LEFT JOIN devices d ON d.id = r.device_id "
                                             "WHERE r.consultation_id = ?1 AND r.seq > ?2 AND ") +
                                     kFilterClause + "ORDER BY r.seq LIMIT 1000",
                                 "read the responses");
            query.bind(1, consultation_id).bind(2, after);
            bind_filter(query, filter);
            while (query.step()) {
                rows.push_back({query.int64(0), query.text(1), query.text(2), query.text(3)});
            }
        }
        if (rows.empty()) return;
        for (const auto& row : rows) fn(row);
        after = rows.back().seq;
    }
}

std::vector<ConsoleDb::StoredSince> ConsoleDb::responses_since(std::int64_t after, int limit) {
    std::lock_guard lock(mutex_);
    // The pulse a response continues is looked up only for the few that continue one.
    sql::Statement query(
        db_,
        "SELECT r.seq, r.consultation_id, r.consultation_version, r.device_id, r.mode, "
        "substr(r.submitted_at, 1, 10), r.body, "
        "r.flags IS NOT NULL AND instr(r.flags, '\"rapid_repeat\"') > 0, "
        "CASE WHEN r.mode = 'pulse' THEN r.id ELSE '' END, coalesce(r.continues, ''), "
        "CASE WHEN r.continues IS NULL THEN 0 ELSE coalesce((SELECT p.seq FROM responses p "
        " WHERE p.id = r.continues AND p.consultation_id = r.consultation_id "
        " AND p.mode = 'pulse'), 0) END "
        "FROM responses r WHERE r.seq > ? ORDER BY r.seq LIMIT ?",
        "read the responses stored since");
    query.bind(1, after).bind(2, static_cast<std::int64_t>(limit));
    std::vector<StoredSince> rows;
    while (query.step()) {
        StoredSince row;
        row.seq = query.int64(0);
        row.consultation_id = query.text(1);
        row.version = static_cast<int>(query.int64(2));
        row.device_id = query.text(3);
        row.mode = query.text(4);
        row.day = query.text(5);
        row.body = query.text(6);
        row.flagged = query.int64(7) != 0;
        row.pulse_id = query.text(8);
        row.continues = query.text(9);
        row.continues_seq = query.int64(10);
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<ConsoleDb::Definition> ConsoleDb::definitions() {
    std::lock_guard lock(mutex_);
    sql::Statement query(db_, "SELECT id, version, definition FROM consultations",
                         "read the consultations");
    std::vector<Definition> out;
    while (query.step()) {
        out.push_back({query.text(0), static_cast<int>(query.int64(1)), query.text(2)});
    }
    return out;
}

std::map<std::string, std::string> ConsoleDb::device_divisions() {
    std::lock_guard lock(mutex_);
    sql::Statement query(db_, "SELECT id, division FROM devices", "read the devices' divisions");
    std::map<std::string, std::string> out;
    while (query.step()) out[query.text(0)] = query.text(1);
    return out;
}

std::vector<DeviceRow> ConsoleDb::devices() {
    std::lock_guard lock(mutex_);
    // Per device through the responses_by_device index, not one join over every response.
    sql::Statement query(
        db_,
        "SELECT d.id, d.name, d.division, d.enrolled_at, coalesce(d.revoked_at, ''), "
        "coalesce((SELECT max(r.stored_at) FROM responses r WHERE r.device_id = d.id), ''), "
        "(SELECT count(*) FROM responses r WHERE r.device_id = d.id), "
        "coalesce(s.app_version, ''), coalesce(s.reported_at, ''), coalesce(s.queued, 0), "
        "coalesce(s.quarantined, 0), coalesce(s.sessions_queued, 0) "
        "FROM devices d LEFT JOIN device_reports s ON s.device_id = d.id "
        "ORDER BY d.name, d.id",
        "list the devices");
    std::vector<DeviceRow> out;
    while (query.step()) {
        DeviceRow row;
        row.id = query.text(0);
        row.name = query.text(1);
        row.division = query.text(2);
        row.enrolled_at = query.text(3);
        row.revoked_at = query.text(4);
        row.last_upload = query.text(5);
        row.responses = query.int64(6);
        row.app_version = query.text(7);
        row.reported_at = query.text(8);
        row.queued = query.int64(9);
        row.quarantined = query.int64(10);
        row.sessions_queued = query.int64(11);
        out.push_back(std::move(row));
    }
    return out;
}

std::optional<DeviceRow> ConsoleDb::device(const std::string& id) {
    for (auto& d : devices()) {
        if (d.id == id) return d;
    }
    return std::nullopt;
}

bool ConsoleDb::set_division(const std::string& device_id, const std::string& division) {
    std::lock_guard lock(mutex_);
    sql::Statement update(db_, "UPDATE devices SET division = ? WHERE id = ?",
                          "set the device's division");
    return update.bind(1, division).bind(2, device_id).run() == 1;
}

}  // namespace fv::central
