// Queries of the central store (its schema and migrations are in central_schema.cpp). Every
// method takes the connection's mutex; writes run in BEGIN IMMEDIATE transactions so that a batch
// is all committed or none of it.
#include "sync/central/central_db.hpp"

#include <openssl/sha.h>
#include <sodium.h>
#include <sqlite3.h>

#include "core/store/sqlite.hpp"
#include "core/util/ids.hpp"
#include "core/util/sodium_init.hpp"
#include "sync/central/central_schema.hpp"

namespace fv::central {

namespace {

std::int64_t unix_seconds(std::chrono::system_clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

}  // namespace

std::string sha256_hex(std::string_view data) {
    // OpenSSL's SHA-256 uses the processor's SHA instructions where there are some; libsodium's
    // is portable C, and this hash is taken of every stored response. The digest is the same.
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex(2 * sizeof digest, '0');
    for (std::size_t i = 0; i < sizeof digest; ++i) {
        hex[2 * i] = kHex[digest[i] >> 4];
        hex[2 * i + 1] = kHex[digest[i] & 0xF];
    }
    return hex;
}

std::string new_token() {
    ensure_sodium();
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    char hex[sizeof bytes * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
    sodium_memzero(bytes, sizeof bytes);
    return hex;
}

std::string new_enrol_code() {
    ensure_sodium();
    // 32 symbols with no 0/O or 1/I look-alikes: 40 bits over 8 symbols.
    static constexpr char kAlphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    std::string code;
    for (int i = 0; i < 8; ++i) {
        if (i == 4) code += '-';
        code += kAlphabet[randombytes_uniform(32)];
    }
    return code;
}

std::string normalise_code(std::string_view code) {
    std::string out;
    for (char c : code) {
        if (c == '-' || c == ' ') continue;
        out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    }
    return out;
}

std::unique_ptr<CentralDb> CentralDb::open(const std::filesystem::path& path) {
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(
        path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
        nullptr);
    if (rc != SQLITE_OK) {
        std::string why = sql::plain_reason(rc);
        sqlite3_close(db);
        throw StoreError("cannot open the store's database " + path.string() + ": " + why);
    }
    std::unique_ptr<CentralDb> store(new CentralDb(path, db));
    // Commands of the command line run as other processes on the same file while serving.
    sqlite3_busy_timeout(db, 10000);
    sql::exec(db, "PRAGMA journal_mode=WAL", "switch the database to WAL mode");
    sql::exec(db, "PRAGMA synchronous=FULL", "make commits durable");
    sql::exec(db, "PRAGMA foreign_keys=ON", "turn on foreign keys");
    migrate_central_schema(db, path);
    return store;
}

CentralDb::CentralDb(std::filesystem::path path, sqlite3* db) : path_(std::move(path)), db_(db) {}

CentralDb::~CentralDb() {
    sqlite3_close_v2(db_);
}

std::string CentralDb::make_enrol_code(const std::string& name,
                                       std::chrono::system_clock::time_point now,
                                       std::chrono::seconds valid_for,
                                       const std::string& division) {
    std::lock_guard lock(mutex_);
    const std::string code = new_enrol_code();
    sql::Statement insert(db_,
                          "INSERT INTO enrol_codes(hash, name, created_at, expires_at, division) "
                          "VALUES (?, ?, ?, ?, ?)",
                          "save the enrolment code");
    insert.bind(1, sha256_hex(normalise_code(code)))
        .bind(2, name)
        .bind(3, format_rfc3339(now))
        .bind(4, unix_seconds(now + valid_for))
        .bind(5, division);
    insert.run();
    return code;
}

std::optional<CentralDb::Enrolled> CentralDb::enrol(const std::string& code,
                                                    const std::string& device_name,
                                                    std::chrono::system_clock::time_point now) {
    std::lock_guard lock(mutex_);
    sql::Transaction tx(db_, "enrol a device");
    const std::string hash = sha256_hex(normalise_code(code));
    sql::Statement find(
        db_, "SELECT expires_at, division FROM enrol_codes WHERE hash = ? AND used_at IS NULL",
        "look up the enrolment code");
    find.bind(1, hash);
    if (!find.step() || find.int64(0) <= unix_seconds(now)) return std::nullopt;
    const std::string division = find.text(1);

    Enrolled enrolled{new_uuid(), new_token()};
    const std::string at = format_rfc3339(now);
    sql::Statement use(db_, "UPDATE enrol_codes SET used_at = ?, device_id = ? WHERE hash = ?",
                       "mark the enrolment code used");
    use.bind(1, at).bind(2, enrolled.device_id).bind(3, hash).run();
    sql::Statement device(
        db_, "INSERT INTO devices(id, name, enrolled_at, division) VALUES (?, ?, ?, ?)",
        "save the device");
    device.bind(1, enrolled.device_id).bind(2, device_name).bind(3, at).bind(4, division).run();
    sql::Statement token(db_,
                         "INSERT INTO tokens(hash, role, device_id, name, created_at) "
                         "VALUES (?, 'device', ?, ?, ?)",
                         "save the device's token");
    token.bind(1, sha256_hex(enrolled.token))
        .bind(2, enrolled.device_id)
        .bind(3, device_name)
        .bind(4, at)
        .run();
    tx.commit();
    return enrolled;
}

std::string CentralDb::make_officer_token(const std::string& name) {
    std::lock_guard lock(mutex_);
    const std::string token = new_token();
    sql::Statement insert(db_,
                          "INSERT INTO tokens(hash, role, name, created_at) "
                          "VALUES (?, 'officer', ?, ?)",
                          "save the officer token");
    insert.bind(1, sha256_hex(token)).bind(2, name).bind(3, now_rfc3339()).run();
    return token;
}

bool CentralDb::revoke_device(const std::string& device_id) {
    std::lock_guard lock(mutex_);
    sql::Transaction tx(db_, "revoke the device");
    const std::string at = now_rfc3339();
    sql::Statement device(db_,
                          "UPDATE devices SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?",
                          "revoke the device");
    if (device.bind(1, at).bind(2, device_id).run() == 0) return false;
    sql::Statement tokens(
        db_, "UPDATE tokens SET revoked_at = coalesce(revoked_at, ?) WHERE device_id = ?",
        "revoke the device's tokens");
    tokens.bind(1, at).bind(2, device_id).run();
    tx.commit();
    return true;
}

void CentralDb::record_device_status(const std::string& device_id,
                                     const protocol::DeviceStatus& status) {
    std::lock_guard lock(mutex_);
    sql::Statement upsert(
        db_,
        "INSERT INTO device_reports(device_id, app_version, queued, quarantined, "
        "sessions_queued, device_time, reported_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(device_id) DO UPDATE SET app_version = excluded.app_version, "
        "queued = excluded.queued, quarantined = excluded.quarantined, "
        "sessions_queued = excluded.sessions_queued, device_time = excluded.device_time, "
        "reported_at = excluded.reported_at",
        "record the device's status");
    upsert.bind(1, device_id)
        .bind(2, status.app_version)
        .bind(3, status.queued)
        .bind(4, status.quarantined)
        .bind(5, status.sessions_queued)
        .bind(6, status.reported_at)
        .bind(7, now_rfc3339())
        .run();
}

std::optional<Caller> CentralDb::authenticate(const std::string& token) {
    if (token.empty()) return std::nullopt;
    const std::string hash = sha256_hex(token);
    std::lock_guard lock(mutex_);
    sql::Statement find(db_,
                        "SELECT t.role, coalesce(t.device_id, ''), t.name FROM tokens t "
                        "LEFT JOIN devices d ON d.id = t.device_id "
                        "WHERE t.hash = ? AND t.revoked_at IS NULL AND d.revoked_at IS NULL",
                        "check the token");
    find.bind(1, hash);
    if (!find.step()) return std::nullopt;
    Caller caller;
    caller.role = find.text(0) == "officer" ? Role::Officer : Role::Device;
    caller.device_id = find.text(1);
    caller.name = find.text(2);
    return caller;
}

PublishOutcome CentralDb::publish(const Consultation& consultation) {
    const std::string definition = consultation.source.dump();
    std::lock_guard lock(mutex_);
    sql::Transaction tx(db_, "publish the consultation");
    sql::Statement find(db_, "SELECT definition FROM consultations WHERE id = ? AND version = ?",
                        "look up the consultation");
    find.bind(1, consultation.id).bind(2, consultation.version);
    if (find.step()) {
        return find.text(0) == definition ? PublishOutcome::AlreadyPublished
                                          : PublishOutcome::ConflictingVersion;
    }
    sql::Statement insert(db_,
                          "INSERT INTO consultations(id, version, definition, published_at) "
                          "VALUES (?, ?, ?, ?)",
                          "publish the consultation");
    insert.bind(1, consultation.id)
        .bind(2, consultation.version)
        .bind(3, definition)
        .bind(4, now_rfc3339())
        .run();
    tx.commit();
    return PublishOutcome::Stored;
}

std::vector<std::string> CentralDb::latest_definitions() {
    std::lock_guard lock(mutex_);
    sql::Statement query(db_,
                         "SELECT c.definition FROM consultations c WHERE c.version = "
                         "(SELECT max(version) FROM consultations WHERE id = c.id) ORDER BY c.id",
                         "list the consultations");
    std::vector<std::string> out;
    while (query.step()) out.push_back(query.text(0));
    return out;
}

std::shared_ptr<const Consultation> CentralDb::consultation(const std::string& id, int version) {
    const auto key = std::make_pair(id, version);
    {
        std::lock_guard lock(cache_mutex_);
        auto it = cache_.find(key);
        if (it != cache_.end()) return it->second;
    }
    std::string definition;
    {
        std::lock_guard lock(mutex_);
        sql::Statement find(db_,
                            "SELECT definition FROM consultations WHERE id = ? AND version = ?",
                            "look up the consultation");
        find.bind(1, id).bind(2, version);
        if (!find.step()) return nullptr;  // not cached: it may be published later
        definition = find.text(0);
    }
    auto parsed = parse_consultation(std::string_view(definition));
    if (!parsed.consultation) {
        throw StoreError("the stored definition of " + id + " version " + std::to_string(version) +
                         " no longer passes validation");
    }
    auto shared = std::make_shared<const Consultation>(std::move(*parsed.consultation));
    std::lock_guard lock(cache_mutex_);
    cache_.emplace(key, shared);
    return shared;
}

std::vector<Consultation> CentralDb::versions(const std::string& id) {
    std::vector<int> numbers;
    {
        std::lock_guard lock(mutex_);
        sql::Statement query(db_, "SELECT version FROM consultations WHERE id = ? ORDER BY version",
                             "list the consultation's versions");
        query.bind(1, id);
        while (query.step()) numbers.push_back(static_cast<int>(query.int64(0)));
    }
    std::vector<Consultation> out;
    for (int v : numbers) {
        if (auto c = consultation(id, v)) out.push_back(*c);
    }
    return out;
}

void CentralDb::store_items(bool sessions, const std::string& device_id,
                            const std::vector<PreparedItem>& items,
                            std::vector<ItemResult>& results) {
    CommitRequest request;
    request.sessions = sessions;
    request.device_id = &device_id;
    request.items = &items;
    request.results = &results;
    std::unique_lock lock(group_mutex_);
    group_queue_.push_back(&request);
    while (!request.done) {
        if (group_leader_) {
            group_done_.wait(lock);
            continue;
        }
        group_leader_ = true;
        std::vector<CommitRequest*> group;
        group.swap(group_queue_);
        lock.unlock();
        std::exception_ptr error;
        try {
            write_group(group);
        } catch (...) {
            error = std::current_exception();  // nothing of the group was committed
        }
        lock.lock();
        for (CommitRequest* r : group) {
            r->error = error;
            r->done = true;
        }
        group_leader_ = false;
        group_done_.notify_all();
    }
    if (request.error) std::rethrow_exception(request.error);
}

void CentralDb::write_group(const std::vector<CommitRequest*>& group) {
    std::lock_guard lock(mutex_);
    sql::Transaction tx(db_, "store the batch");
    sql::Statement find_response(db_, "SELECT content_hash FROM responses WHERE id = ?",
                                 "look up an uploaded response");
    sql::Statement find_session(db_, "SELECT content_hash FROM sessions WHERE id = ?",
                                "look up an uploaded session");
    // A response an officer erased is not stored again (docs/receipt.md): the tombstones are
    // looked up in the insert itself, one probe of an index that is nearly always tiny.
    sql::Statement insert_response(
        db_,
        "INSERT INTO responses(id, device_id, consultation_id, consultation_version, mode, "
        "submitted_at, content_hash, body, stored_at, reference, continues, flags) "
        "SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12 "
        "WHERE NOT EXISTS (SELECT 1 FROM erasures WHERE response_id = ?1) "
        "ON CONFLICT(id) DO NOTHING",
        "store a response");
    sql::Statement find_erasure(db_, "SELECT erased_at FROM erasures WHERE response_id = ?",
                                "look up an erased response");
    sql::Statement insert_session(db_,
                                  "INSERT INTO sessions(id, device_id, content_hash, body, "
                                  "stored_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING",
                                  "store a meeting session");
    const std::string at = now_rfc3339();
    for (CommitRequest* request : group) {
        const bool sessions = request->sessions;
        sql::Statement& find = sessions ? find_session : find_response;
        sql::Statement& insert = sessions ? insert_session : insert_response;
        const auto& items = *request->items;
        auto& results = *request->results;
        for (std::size_t i = 0; i < items.size(); ++i) {
            const PreparedItem& item = items[i];
            ItemResult& result = results[i];
            result.id = item.id;
            // Tried as a new item first, which most are; only one already there is looked up.
            insert.reset();
            if (sessions) {
                insert.bind(1, item.id)
                    .bind(2, *request->device_id)
                    .bind(3, item.content_hash)
                    .bind(4, item.body)
                    .bind(5, at);
            } else {
                insert.bind(1, item.id)
                    .bind(2, *request->device_id)
                    .bind(3, item.consultation_id)
                    .bind(4, item.consultation_version)
                    .bind(5, item.mode)
                    .bind(6, item.submitted_at)
                    .bind(7, item.content_hash)
                    .bind(8, item.body)
                    .bind(9, at)
                    .bind_optional(10, item.reference)
                    .bind_optional(11, item.continues)
                    .bind_optional(12, item.flags);
            }
            if (insert.run() == 1) {
                result.status = ItemStatus::Stored;
                continue;
            }
            find.reset();
            find.bind(1, item.id);
            if (!find.step()) {
                find_erasure.reset();
                find_erasure.bind(1, item.id);
                if (sessions || !find_erasure.step()) {
                    throw StoreError("an uploaded item was neither stored nor found");
                }
                result.status = ItemStatus::Rejected;
                result.error_code = std::string(protocol::code::kErased);
                result.error_message =
                    "An officer erased this response on the store on " +
                    find_erasure.text(0).substr(0, 10) +
                    ", at the request of the person who gave it; it is not stored again. Delete "
                    "it from the device.";
                continue;
            }
            if (find.text(0) == item.content_hash) {
                result.status = ItemStatus::Duplicate;
            } else {
                result.status = ItemStatus::Rejected;
                result.error_code = "conflict";
                result.error_message = std::string("another ") +
                                       (sessions ? "session" : "response") +
                                       " with this id and different content is already stored";
            }
        }
    }
    tx.commit();
}

void CentralDb::store_responses(const std::string& device_id,
                                const std::vector<PreparedItem>& items,
                                std::vector<ItemResult>& results) {
    store_items(false, device_id, items, results);
}

void CentralDb::store_sessions(const std::string& device_id, const std::vector<PreparedItem>& items,
                               std::vector<ItemResult>& results) {
    store_items(true, device_id, items, results);
}

std::vector<StoredRow> CentralDb::responses_page(const std::string& consultation_id,
                                                 std::int64_t after, int limit) {
    std::lock_guard lock(mutex_);
    sql::Statement query(db_,
                         "SELECT seq, device_id, stored_at, body FROM responses "
                         "WHERE consultation_id = ? AND seq > ? ORDER BY seq LIMIT ?",
                         "read a page of responses");
    query.bind(1, consultation_id).bind(2, after).bind(3, limit);
    std::vector<StoredRow> rows;
    while (query.step()) {
        rows.push_back({query.int64(0), query.text(1), query.text(2), query.text(3)});
    }
    return rows;
}

void CentralDb::for_each_response(const std::string& consultation_id,
                                  const std::function<void(const StoredRow&)>& fn) {
    // Pages, so that the lock is never held for a whole export.
    std::int64_t after = 0;
    for (;;) {
        auto rows = responses_page(consultation_id, after, 1000);
        if (rows.empty()) return;
        for (const auto& row : rows) fn(row);
        after = rows.back().seq;
    }
}

std::int64_t CentralDb::count_responses() {
    std::lock_guard lock(mutex_);
    sql::Statement query(db_, "SELECT count(*) FROM responses", "count the responses");
    query.step();
    return query.int64(0);
}

}  // namespace fv::central
