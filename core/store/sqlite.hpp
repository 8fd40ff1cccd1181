// Thin RAII over SQLite's C API for the local store: prepared statements, a transaction that
// rolls back unless committed, and errors turned into StoreError in plain words.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fv::sql {

// What an SQLite result code means for a person ("the disk is full", ...).
std::string plain_reason(int rc);

// Throws StoreError "cannot WHAT: REASON (sqlite's own message)".
[[noreturn]] void fail(sqlite3* db, int rc, std::string_view what);

// Runs one or more statements that return no rows; throws StoreError naming `what`.
void exec(sqlite3* db, const char* sql, std::string_view what);

class Statement {
  public:
    Statement(sqlite3* db, std::string_view sql, std::string_view what);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Parameters count from 1, as in SQLite.
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, const std::string& text) {
        return bind(index, std::string_view(text));
    }
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Statement& bind_optional(int index, const std::optional<std::string>& text);  // NULL if none
    Statement& bind_null(int index);

    // True while there is a row; false when done. Throws StoreError on failure.
    bool step();
    // Steps a statement that returns no rows; returns sqlite3_changes.
    int run();
    // Ready to bind and step again.
    void reset();

    std::int64_t int64(int column) const;
    std::string text(int column) const;  // "" for NULL
    bool is_null(int column) const;
    // The result code of the last step, for callers that tell a constraint from a disk fault.
    int last_rc() const { return last_rc_; }

  private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
    std::string what_;
    int last_rc_ = SQLITE_OK;
};

// BEGIN IMMEDIATE on construction, so a writer never meets SQLITE_BUSY half-way through.
// Rolls back in the destructor unless commit() was called; the destructor never throws.
class Transaction {
  public:
    Transaction(sqlite3* db, std::string_view what);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

  private:
    sqlite3* db_;
    std::string what_;
    bool done_ = false;
};

}  // namespace fv::sql
