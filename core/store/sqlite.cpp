// RAII statements and transactions over SQLite's C API, with failures in plain words.
#include "core/store/sqlite.hpp"

#include "core/store/store.hpp"

namespace fv::sql {

std::string plain_reason(int rc) {
    switch (rc & 0xFF) {  // primary code; extended codes keep it in the low byte
        case SQLITE_FULL:
            return "the disk is full";
        case SQLITE_READONLY:
            return "the database is read-only (check the file's permissions)";
        case SQLITE_PERM:
        case SQLITE_AUTH:
            return "permission denied";
        case SQLITE_NOTADB:
            return "the file is not an SQLite database";
        case SQLITE_CORRUPT:
            return "the database file is damaged";
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return "another program kept the database busy for too long";
        case SQLITE_IOERR:
            return "the disk could not be read or written";
        case SQLITE_CANTOPEN:
            return "the file cannot be opened (check that its folder exists and can be written)";
        case SQLITE_NOMEM:
            return "the device ran out of memory";
        case SQLITE_CONSTRAINT:
            return "it would break a rule of the database";
        default:
            return sqlite3_errstr(rc);
    }
}

void fail(sqlite3* db, int rc, std::string_view what) {
    std::string msg = "cannot ";
    msg += what;
    msg += ": ";
    msg += plain_reason(rc);
    if (db != nullptr) {
        const char* detail = sqlite3_errmsg(db);
        if (detail != nullptr && *detail != '\0' && plain_reason(rc) != detail) {
            msg += " (SQLite says: ";
            msg += detail;
            msg += ")";
        }
    }
    throw StoreError(msg);
}

void exec(sqlite3* db, const char* sql, std::string_view what) {
    char* err = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
    sqlite3_free(err);  // sqlite3_errmsg still holds the same text for fail()
    if (rc != SQLITE_OK) fail(db, rc, what);
}

Statement::Statement(sqlite3* db, std::string_view sql, std::string_view what)
    : db_(db), what_(what) {
    const int rc =
        sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt_);
        stmt_ = nullptr;
        fail(db, rc, what_);
    }
}

Statement::~Statement() {
    sqlite3_finalize(stmt_);
}

Statement& Statement::bind(int index, std::int64_t value) {
    const int rc = sqlite3_bind_int64(stmt_, index, value);
    if (rc != SQLITE_OK) fail(db_, rc, what_);
    return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
    const int rc =
        sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    if (rc != SQLITE_OK) fail(db_, rc, what_);
    return *this;
}

Statement& Statement::bind_optional(int index, const std::optional<std::string>& text) {
    return text ? bind(index, std::string_view(*text)) : bind_null(index);
}

Statement& Statement::bind_null(int index) {
    const int rc = sqlite3_bind_null(stmt_, index);
    if (rc != SQLITE_OK) fail(db_, rc, what_);
    return *this;
}

bool Statement::step() {
    last_rc_ = sqlite3_step(stmt_);
    if (last_rc_ == SQLITE_ROW) return true;
    if (last_rc_ == SQLITE_DONE) return false;
    const int rc = last_rc_;
    sqlite3_reset(stmt_);  // leaves the statement reusable and the error message in place
    fail(db_, rc, what_);
}

int Statement::run() {
    while (step()) {
    }
    return sqlite3_changes(db_);
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

std::int64_t Statement::int64(int column) const {
    return sqlite3_column_int64(stmt_, column);
}

std::string Statement::text(int column) const {
    const auto* p = sqlite3_column_text(stmt_, column);
    if (p == nullptr) return {};
    return std::string(reinterpret_cast<const char*>(p),
                       static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

bool Statement::is_null(int column) const {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

Transaction::Transaction(sqlite3* db, std::string_view what) : db_(db), what_(what) {
    exec(db_, "BEGIN IMMEDIATE", what_);
}

Transaction::~Transaction() {
    if (!done_) {
        // Nothing useful can be done with a failed rollback here: SQLite rolls back by itself
        // when the connection closes, and a destructor must not throw.
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    }
}

void Transaction::commit() {
    exec(db_, "COMMIT", what_);
    done_ = true;
}

}  // namespace fv::sql
