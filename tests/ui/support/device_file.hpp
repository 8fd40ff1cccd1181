// What a kiosk's SQLite file holds, read from the file itself (not through the Store), for tests
// that check what a person was told against what a pulled plug would leave.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <vector>

namespace fv::testing {

// The wire JSON of every response in the device's database, in the order they were stored.
inline std::vector<nlohmann::json> wires_in_file(const std::filesystem::path& db_path) {
    std::vector<nlohmann::json> out;
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        ADD_FAILURE() << "cannot open " << db_path << ": " << sqlite3_errmsg(db);
        sqlite3_close(db);
        return out;
    }
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, "SELECT wire FROM responses ORDER BY seq", -1, &st, nullptr),
              SQLITE_OK);
    while (st && sqlite3_step(st) == SQLITE_ROW) {
        out.push_back(
            nlohmann::json::parse(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))));
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
}

}  // namespace fv::testing
