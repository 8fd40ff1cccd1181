// The local store's schema as numbered migrations (PRAGMA user_version). A later change adds
// the next number to the list in migrations.cpp; a shipped migration is never edited.
#pragma once

#include <sqlite3.h>

#include <span>
#include <string_view>

namespace fv {

struct Migration {
    int version;               // user_version once applied: 1, 2, 3 ... with no gaps
    std::string_view summary;  // what it changes, for the audit log and for readers
    std::string_view sql;      // run inside the migration's own transaction
};

std::span<const Migration> all_migrations();
int latest_schema_version();

// Applies every migration above the database's user_version up to `target` (the latest when
// 0), each in one transaction together with the user_version it sets. Tests use `target` to
// make a database of an older version. Throws StoreError naming `where`.
void migrate(sqlite3* db, std::string_view where, int target = 0);

}  // namespace fv
