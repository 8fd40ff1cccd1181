// The officer side of the real fieldvoice-central: pages with a cursor, summaries, the CSV export
// across versions, and the command line (publish, keygen, export with and without the key).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/util/ids.hpp"
#include "core/util/seal.hpp"
#include "integration/support/central_fixtures.hpp"
#include "sync/protocol/protocol.hpp"

namespace fv::test {
namespace {

using nlohmann::json;

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

class CentralOfficer : public ::testing::Test {
  protected:
    void SetUp() override {
        keys_ = generate_keypair();
        publish_test_definition(central_, 1, keys_.public_key_b64);
        central_.start();
        device_ = enrol_device(central_, "kiosk 1");
        officer_ = central_.officer_token("Ann Officer");
    }

    void upload(const Device& device, const json& responses) {
        auto res = post_json(central_, "/responses", device.token, batch(device, responses).dump());
        ASSERT_TRUE(res);
        ASSERT_EQ(res->status, 200) << res->body;
        auto reply = protocol::parse_batch_reply(res->body);
        ASSERT_TRUE(reply);
        for (const auto& r : reply->results) {
            ASSERT_EQ(r.status, ItemStatus::Stored) << r.error_code << ": " << r.error_message;
        }
    }

    httplib::Result officer_get(const std::string& path) {
        auto client = client_for(central_);
        return client.Get(api_path(central_, path).c_str(), bearer(officer_));
    }

    CentralProcess central_;
    KeyPair keys_;
    Device device_;
    std::string officer_;
};

TEST_F(CentralOfficer, PagesFollowTheCursorInTheOrderStored) {
    std::vector<std::string> ids;
    for (int b = 0; b < 2; ++b) {
        json responses = json::array();
        for (int i = 0; i < 12 + b; ++i) {
            responses.push_back(make_response(1, json{{"rating", 1 + i % 5}}));
            ids.push_back(responses.back()["id"]);
        }
        upload(device_, responses);
    }
    std::vector<std::string> seen;
    std::string cursor;
    int pages = 0;
    for (; pages < 10; ++pages) {
        std::string path = "/consultations/central-test/responses?limit=10";
        if (!cursor.empty()) path += "&after=" + cursor;
        auto res = officer_get(path);
        ASSERT_TRUE(res);
        ASSERT_EQ(res->status, 200) << res->body;
        json page = json::parse(res->body);
        EXPECT_LE(page["responses"].size(), 10u);
        for (const auto& r : page["responses"]) seen.push_back(r["id"]);
        if (page["next_cursor"].is_null()) break;
        cursor = page["next_cursor"];
    }
    EXPECT_EQ(pages, 2) << "25 responses in pages of 10: three pages";
    EXPECT_EQ(seen, ids);

    auto bad_cursor = officer_get("/consultations/central-test/responses?after=abc");
    ASSERT_TRUE(bad_cursor);
    EXPECT_EQ(bad_cursor->status, 400);
    EXPECT_EQ(error_code(bad_cursor->body), "invalid_request");
    auto bad_limit = officer_get("/consultations/central-test/responses?limit=0");
    ASSERT_TRUE(bad_limit);
    EXPECT_EQ(bad_limit->status, 400);
    auto unknown = officer_get("/consultations/no-such/responses");
    ASSERT_TRUE(unknown);
    EXPECT_EQ(unknown->status, 404);
    EXPECT_EQ(error_code(unknown->body), "unknown_consultation");
}

TEST_F(CentralOfficer, SummaryCountsPerOptionDayDeviceAndMode) {
    const Device second = enrol_device(central_, "laptop");
    upload(device_,
           json::array(
               {make_response(1, json{{"rating", 4}, {"used", json::array({"books", "wifi"})}}),
                make_response(1, json{{"rating", 4}, {"used", json::array({"books"})}})}));
    json assisted = make_response(1, json{{"rating", 1}});
    assisted["mode"] = "assisted";
    upload(second, json::array({assisted}));

    auto res = officer_get("/consultations/central-test/summary");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    json s = json::parse(res->body);
    EXPECT_EQ(s["total"], 3);
    EXPECT_EQ(s["by_option"]["rating"]["4"], 2);
    EXPECT_EQ(s["by_option"]["rating"]["1"], 1);
    EXPECT_EQ(s["by_option"]["used"]["books"], 2);
    EXPECT_EQ(s["by_option"]["used"]["wifi"], 1);
    EXPECT_EQ(s["by_mode"]["kiosk"], 2);
    EXPECT_EQ(s["by_mode"]["assisted"], 1);
    EXPECT_EQ(s["by_device"][device_.device_id], 2);
    EXPECT_EQ(s["by_device"][second.device_id], 1);
    EXPECT_EQ(s["by_day"][now_rfc3339().substr(0, 10)], 3);
}

TEST_F(CentralOfficer, CsvExportSpansEveryVersion) {
    json v1 = make_response(1, json{{"rating", 2}, {"used", json::array({"cafe"})}});
    upload(device_, json::array({v1}));
    publish_test_definition(central_, 2, keys_.public_key_b64);
    json v2 = make_response(2, json{{"rating", 5}, {"visits", "weekly"}});
    upload(device_, json::array({v2}));

    auto res = officer_get("/consultations/central-test/export.csv");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    EXPECT_NE(res->get_header_value("Content-Type").find("text/csv"), std::string::npos);
    const std::string& csv = res->body;
    const std::string header = csv.substr(0, csv.find("\r\n"));
    EXPECT_NE(header.find("rating"), std::string::npos) << header;
    EXPECT_NE(header.find("used:cafe"), std::string::npos) << header;
    EXPECT_NE(header.find("visits"), std::string::npos) << "a question only version 2 has";
    EXPECT_NE(header.find("device_id"), std::string::npos) << header;
    EXPECT_NE(csv.find(v1["id"].get<std::string>()), std::string::npos);
    EXPECT_NE(csv.find(v2["id"].get<std::string>()), std::string::npos);
    EXPECT_NE(csv.find("weekly"), std::string::npos);

    auto client = client_for(central_);
    auto as_device =
        client.Get(api_path(central_, "/consultations/central-test/export.csv").c_str(),
                   bearer(device_.token));
    ASSERT_TRUE(as_device);
    EXPECT_EQ(as_device->status, 403);
}

// The store's CSV is the kiosk's writer (fv::write_csv): a partner's submitter is named there
// as on the device.
TEST_F(CentralOfficer, CsvExportNamesThePartnerSubmitter) {
    json partner = make_response(1, json{{"rating", 4}});
    partner["mode"] = "partner";
    partner["participant"] = {
        {"kind", "partner"}, {"organisation", "Age UK Oxfordshire"}, {"name", "Ewa Kowalska"}};
    upload(device_, json::array({partner, make_response(1, json{{"rating", 2}})}));

    auto res = officer_get("/consultations/central-test/export.csv");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    const std::string& csv = res->body;
    const std::string header = csv.substr(0, csv.find("\r\n"));
    EXPECT_NE(header.find(",participant_kind,participant_organisation,participant_name,"),
              std::string::npos)
        << header;
    EXPECT_NE(csv.find(",partner,Age UK Oxfordshire,Ewa Kowalska,"), std::string::npos) << csv;
}

TEST_F(CentralOfficer, ExportOpensSealedAnswersOnlyWithThePrivateKey) {
    // A consultation keyed with keygen's pair; its private key never goes near the server.
    const auto key_file = central_.dir() / "officer.key";
    auto keygen = run_central({"keygen", "--out", key_file.string()});
    ASSERT_EQ(keygen.exit_code, 0) << keygen.err;
    const std::string public_key = keygen.last_line();
    ASSERT_EQ(base64_decode(public_key).value_or("").size(), 32u) << public_key;
    auto again = run_central({"keygen", "--out", key_file.string()});
    EXPECT_EQ(again.exit_code, 2) << "an existing private key is never overwritten";

    publish_test_definition(central_, 2, public_key);
    json sealed = make_response(2, json{{"rating", 3}});
    sealed["sealed"] = *seal_to(R"({"email":"resident@example.org"})", public_key);
    upload(device_, json::array({sealed}));

    const auto plain = central_.dir() / "plain.csv";
    auto without =
        central_.run({"export", "central-test", "--format", "csv", "--out", plain.string()});
    ASSERT_EQ(without.exit_code, 0) << without.err;
    EXPECT_NE(read_file(plain).find(sealed["id"].get<std::string>()), std::string::npos);
    EXPECT_EQ(read_file(plain).find("resident@example.org"), std::string::npos);

    const auto opened = central_.dir() / "opened.csv";
    auto with = central_.run({"export", "central-test", "--format", "csv", "--private-key",
                              key_file.string(), "--out", opened.string()});
    ASSERT_EQ(with.exit_code, 0) << with.err;
    const std::string csv = read_file(opened);
    EXPECT_NE(csv.find("personal:email"), std::string::npos);
    EXPECT_NE(csv.find("resident@example.org"), std::string::npos) << csv;

    // Another key opens nothing, and says so in the row.
    const auto other_key = central_.dir() / "other.key";
    ASSERT_EQ(run_central({"keygen", "--out", other_key.string()}).exit_code, 0);
    const auto wrong = central_.dir() / "wrong.csv";
    auto with_wrong = central_.run({"export", "central-test", "--format", "csv", "--private-key",
                                    other_key.string(), "--out", wrong.string()});
    ASSERT_EQ(with_wrong.exit_code, 0) << with_wrong.err;
    EXPECT_EQ(read_file(wrong).find("resident@example.org"), std::string::npos);
    EXPECT_NE(read_file(wrong).find("wrong_key"), std::string::npos);

    // The HTTP export never opens anything.
    auto res = officer_get("/consultations/central-test/export.csv");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->body.find("resident@example.org"), std::string::npos);
}

TEST_F(CentralOfficer, PublishValidatesWithTheCoreAndNeverChangesAVersion) {
    json broken = test_definition(3, keys_.public_key_b64);
    broken["id"] = "Not A Valid Id";
    broken["questions"][0]["type"] = "telepathy";
    const auto file = central_.dir() / "broken.json";
    std::ofstream(file) << broken.dump();
    auto bad = central_.run({"publish", file.string()});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.err.find("id"), std::string::npos) << bad.err;
    EXPECT_NE(bad.err.find("unknown_type"), std::string::npos)
        << "every problem is listed: " << bad.err;

    const auto not_json = central_.dir() / "not.json";
    std::ofstream(not_json) << "{ \"id\": ";
    EXPECT_EQ(central_.run({"publish", not_json.string()}).exit_code, 2);

    // Publishing version 1 again unchanged is fine; changed, it is refused.
    publish_test_definition(central_, 1, keys_.public_key_b64);
    json changed = test_definition(1, keys_.public_key_b64);
    changed["title"]["en"] = "A different title";
    const auto changed_file = central_.dir() / "changed.json";
    std::ofstream(changed_file) << changed.dump();
    auto refused = central_.run({"publish", changed_file.string()});
    EXPECT_EQ(refused.exit_code, 2);
    EXPECT_NE(refused.err.find("higher version"), std::string::npos) << refused.err;
}

TEST(CentralCommandLine, BadUsageExitsTwoWithTheReason) {
    CentralProcess central;
    auto unknown = central.run({"frobnicate"});
    EXPECT_EQ(unknown.exit_code, 2);
    EXPECT_NE(unknown.err.find("unknown command"), std::string::npos);

    auto postgres = run_central(
        {"--db", "postgresql://store@db/fieldvoice", "serve", "--listen", "127.0.0.1:0"});
    EXPECT_EQ(postgres.exit_code, 2);
    EXPECT_NE(postgres.err.find("PostgreSQL support is not built yet"), std::string::npos);

    auto no_db = run_central({"enrol-code", "--name", "x"});
    EXPECT_EQ(no_db.exit_code, 2);
    EXPECT_NE(no_db.err.find("--db"), std::string::npos);

    auto no_name = central.run({"enrol-code"});
    EXPECT_EQ(no_name.exit_code, 2);
    EXPECT_NE(no_name.err.find("--name"), std::string::npos);

    auto bad_listen = central.run({"serve", "--listen", "localhost"});
    EXPECT_EQ(bad_listen.exit_code, 2);
    EXPECT_NE(bad_listen.err.find("HOST:PORT"), std::string::npos);

    auto revoke = central.run({"revoke-device", new_uuid()});
    EXPECT_EQ(revoke.exit_code, 2);
    EXPECT_NE(revoke.err.find("no device"), std::string::npos);

    auto export_unknown = central.run(
        {"export", "nothing", "--format", "csv", "--out", (central.dir() / "x.csv").string()});
    EXPECT_EQ(export_unknown.exit_code, 2);

    auto bad_format = central.run({"export", "nothing", "--format", "xlsx", "--out", "x"});
    EXPECT_EQ(bad_format.exit_code, 2);

    auto unreadable_db =
        run_central({"--db", "/nonexistent-dir/x.db", "enrol-code", "--name", "x"});
    EXPECT_EQ(unreadable_db.exit_code, 1);
    EXPECT_NE(unreadable_db.err.find("cannot open"), std::string::npos) << unreadable_db.err;
}

}  // namespace
}  // namespace fv::test
