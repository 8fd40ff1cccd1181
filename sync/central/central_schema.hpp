// The store's schema and its numbered migrations (SQLite's user_version): version 1 the sync
// store, 2 the web console's users, sessions and audit, 3 the devices' status reports, 4 the
// reference populations, 5 the texts in people's own words, 6 the outcomes (you said, we did), 7
// the receipts' references and the erasures. Internal to sync/central.
#pragma once

#include <sqlite3.h>

#include <filesystem>

namespace fv::central {

// Brings the database to the newest schema in one transaction: every table made if
// missing, then each migration the file has not had. Throws StoreError naming `path` when the
// file was made by a newer program.
void migrate_central_schema(sqlite3* db, const std::filesystem::path& path);

}  // namespace fv::central
