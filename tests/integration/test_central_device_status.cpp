// What a device still holds, reported at the end of each sync pass (docs/device-status.md), and
// the console's devices page built from it: against the real fieldvoice-central on loopback,
// with the real sync engine on a real device database.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <regex>

#include "core/util/seal.hpp"
#include "fault/support/sync_rig.hpp"
#include "integration/support/central_fixtures.hpp"
#include "integration/support/console_browser.hpp"
#include "sync/client/sync_engine.hpp"

namespace fv::test {
namespace {

using nlohmann::json;

void exec(const std::filesystem::path& db, const std::string& sql) {
    sqlite3* handle = nullptr;
    ASSERT_EQ(sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
    sqlite3_busy_timeout(handle, 10000);
    char* error = nullptr;
    const int rc = sqlite3_exec(handle, sql.c_str(), nullptr, nullptr, &error);
    EXPECT_EQ(rc, SQLITE_OK) << (error ? error : "") << "\n" << sql;
    sqlite3_free(error);
    sqlite3_close(handle);
}

std::string one(const std::filesystem::path& db, const std::string& sql) {
    sqlite3* handle = nullptr;
    EXPECT_EQ(sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_busy_timeout(handle, 10000);
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(handle, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK);
    std::string out;
    if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0)) {
        out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
    sqlite3_close(handle);
    return out;
}

// The devices page's row for one device, as the text a person reads.
std::string device_row(const std::string& html, const std::string& device_id) {
    const auto start = html.find("id=\"device-" + device_id + "\"");
    if (start == std::string::npos) return "";
    const auto end = html.find("</tr>", start);
    return visible_text(html.substr(start, end - start));
}

class CentralDeviceStatus : public ::testing::Test {
  protected:
    void SetUp() override {
        no_proxy_for_loopback();
        central_.publish(sample_consultation_path());
        central_.start();
        auto parsed = load_consultation_file(sample_consultation_path());
        ASSERT_TRUE(parsed.ok());
        consultation_ = *parsed.consultation;
        const std::string email = "admin@example.org";
        auto made = central_.run({"add-user", "--email", email, "--name", "Admin", "--role", "admin"});
        ASSERT_EQ(made.exit_code, 0) << made.err;
        admin_.first_sign_in(email, made.last_line(), "correct horse battery staple");
    }

    // A device database enrolled through the engine, as a kiosk's officer screen does.
    std::filesystem::path enrolled_device(const std::string& name) {
        const auto db = folder_.path() / (name + ".db");
        SyncEngine engine(db);
        const auto result = engine.enrol(central_.base_url(), central_.enrol_code(name), name);
        EXPECT_TRUE(result.ok) << result.message;
        return db;
    }

    std::string devices_page() {
        auto page = admin_.get("/devices");
        EXPECT_TRUE(page);
        EXPECT_EQ(page->status, 200);
        return page->body;
    }

    CentralProcess central_;
    TempFolder folder_;
    Consultation consultation_;
    ConsoleBrowser admin_{central_};
};

TEST_F(CentralDeviceStatus, AFullPassReportsWhatTheDeviceStillHoldsAndTheDevicesPageShowsIt) {
    const auto db = enrolled_device("Witney kiosk");
    const std::string device_id = Store::open(db)->setting(kSettingDeviceId).value_or("");
    {
        auto store = Store::open(db);
        fill_queue(*store, consultation_, 30, 3);
        // Three answers to a version the store never published: refused, kept in quarantine.
        Consultation unpublished = consultation_;
        unpublished.version = 9;
        store->save_consultation(unpublished);
        fill_queue(*store, unpublished, 3, 4);
    }
    // Before any pass the device has reported nothing.
    EXPECT_NE(device_row(devices_page(), device_id).find("not reported"), std::string::npos);

    SyncOptions options;
    options.wait = [](std::chrono::milliseconds) {};
    SyncEngine engine(db, options);
    const auto report = engine.run_once();
    ASSERT_EQ(report.outcome, SyncOutcome::Done) << report.message;
    EXPECT_EQ(report.stored, 30);
    EXPECT_EQ(report.rejected, 3);

    EXPECT_EQ(one(central_.db_path(), "SELECT queued || '/' || quarantined || '/' || "
                                      "sessions_queued || '/' || app_version FROM device_reports "
                                      "WHERE device_id = '" + device_id + "'"),
              "0/3/0/" FIELDVOICE_TEST_APP_VERSION);
    const std::string row = device_row(devices_page(), device_id);
    EXPECT_NE(row.find("3 responses quarantined"), std::string::npos) << row;
    EXPECT_NE(row.find("version " FIELDVOICE_TEST_APP_VERSION), std::string::npos) << row;
    EXPECT_EQ(row.find("not reported"), std::string::npos) << row;
    EXPECT_EQ(row.find("Silent"), std::string::npos) << row;

    // The next report replaces the last: two more queued while the store refuses nothing new.
    {
        auto store = Store::open(db);
        fill_queue(*store, consultation_, 2, 5);
        EXPECT_EQ(store->counts().queued, 2);
    }
    ASSERT_EQ(engine.run_once().outcome, SyncOutcome::Done);
    EXPECT_EQ(one(central_.db_path(), "SELECT count(*) || ':' || max(queued) || ':' || "
                                      "max(quarantined) FROM device_reports"),
              "1:0:3");
}

TEST_F(CentralDeviceStatus, AStatusOfTheWrongFormIsRefusedWithWhatWasWrongAndNothingIsKept) {
    const Device device = enrol_device(central_, "Banbury laptop");
    const json good = {{"app_version", "0.1.0"}, {"queued", 1}, {"quarantined", 0},
                       {"sessions_queued", 0}, {"reported_at", "2026-12-03T10:00:00.000Z"}};
    struct Case {
        json body;
        std::string says;
    };
    json negative = good;
    negative["queued"] = -1;
    json text_count = good;
    text_count["quarantined"] = "2";
    json no_version = good;
    no_version.erase("app_version");
    for (const auto& [body, says] : {Case{negative, "queued"}, Case{text_count, "quarantined"},
                                     Case{no_version, "app_version"}, Case{json::array(), "object"}}) {
        auto res = post_json(central_, "/devices/status", device.token, body.dump());
        ASSERT_TRUE(res);
        EXPECT_EQ(res->status, 400) << body.dump();
        EXPECT_NE(res->body.find(says), std::string::npos) << res->body;
    }
    auto not_json = post_json(central_, "/devices/status", device.token, "{\"queued\": 1,");
    ASSERT_TRUE(not_json);
    EXPECT_EQ(not_json->status, 400);
    EXPECT_EQ(error_code(not_json->body), "malformed_json");
    auto no_token = post_json(central_, "/devices/status", "", good.dump());
    ASSERT_TRUE(no_token);
    EXPECT_EQ(no_token->status, 401);
    EXPECT_EQ(one(central_.db_path(), "SELECT count(*) FROM device_reports"), "0");

    // A later field a newer device adds is ignored, not refused.
    json newer = good;
    newer["battery"] = 80;
    auto ok = post_json(central_, "/devices/status", device.token, newer.dump());
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->status, 204) << ok->body;
    EXPECT_EQ(one(central_.db_path(), "SELECT queued FROM device_reports"), "1");
    EXPECT_NE(device_row(devices_page(), device.device_id).find("1 response queued"),
              std::string::npos);
}

TEST_F(CentralDeviceStatus, ADeviceThatNeverReportsStillSyncsAndIsFlaggedAfterAWeekOfSilence) {
    // An older device: uploads, never a status.
    const Device old_one = enrol_device(central_, "Old kiosk");
    const Device quiet = enrol_device(central_, "Quiet kiosk");
    publish_test_definition(central_, 1, generate_keypair().public_key_b64);
    auto res = post_json(central_, "/responses", old_one.token,
                         batch(old_one, json::array({make_response(1, {{"rating", 4}})})).dump());
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    std::string row = device_row(devices_page(), old_one.device_id);
    EXPECT_NE(row.find("not reported"), std::string::npos) << row;
    EXPECT_EQ(row.find("Silent"), std::string::npos) << row;

    // Eight days on: its last upload, and the other device's enrolment, are 8 days old.
    exec(central_.db_path(),
         "UPDATE responses SET stored_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-8 days');"
         "UPDATE devices SET enrolled_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-8 days');");
    const std::string page = devices_page();
    EXPECT_NE(device_row(page, old_one.device_id).find("Silent for 8 days"), std::string::npos)
        << device_row(page, old_one.device_id);
    EXPECT_NE(device_row(page, quiet.device_id).find("Silent for 8 days"), std::string::npos)
        << device_row(page, quiet.device_id);
    // A revoked device is not flagged: nobody is waiting for it.
    ASSERT_EQ(central_.run({"revoke-device", quiet.device_id}).exit_code, 0);
    EXPECT_EQ(device_row(devices_page(), quiet.device_id).find("Silent"), std::string::npos);
}

}  // namespace
}  // namespace fv::test
