// SQLite's own check of a database file: "ok", or what it found wrong ("; " between).
#pragma once

#include <sqlite3.h>

#include <filesystem>
#include <string>

namespace fv::test {

inline std::string integrity_check(sqlite3* db) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, nullptr) != SQLITE_OK) {
        sqlite3_finalize(st);
        return std::string("cannot check: ") + sqlite3_errmsg(db);
    }
    std::string result;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (!result.empty()) result += "; ";
        const unsigned char* text = sqlite3_column_text(st, 0);
        result += text ? reinterpret_cast<const char*>(text) : "";
    }
    sqlite3_finalize(st);
    return result;
}

inline std::string integrity_check(const std::filesystem::path& db) {
    sqlite3* handle = nullptr;
    if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(handle);
        return "cannot open " + db.string();
    }
    std::string result = integrity_check(handle);
    sqlite3_close(handle);
    return result;
}

}  // namespace fv::test
