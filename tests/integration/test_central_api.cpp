// fieldvoice-central as a real process on loopback: health, enrolment (single use, rate limit),
// consultations with ETag, the error body on every non-2xx, tokens, and the path prefix.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <thread>

#include "core/util/ids.hpp"
#include "core/util/seal.hpp"
#include "integration/support/central_fixtures.hpp"
#include "sync/protocol/protocol.hpp"

namespace fv::test {
namespace {

using nlohmann::json;

class CentralApi : public ::testing::Test {
  protected:
    void SetUp() override {
        keys_ = generate_keypair();
        publish_test_definition(central_, 1, keys_.public_key_b64);
        central_.start();
    }
    CentralProcess central_;
    KeyPair keys_;
};

TEST_F(CentralApi, HealthAnswersWithProtocolAndServerTime) {
    auto client = client_for(central_);
    auto res = client.Get(api_path(central_, "/health").c_str());
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    std::string problem;
    auto health = protocol::parse_health(res->body, &problem);
    ASSERT_TRUE(health) << problem;
    EXPECT_EQ(health->status, "ok");
    EXPECT_EQ(health->protocol, 1);
    std::chrono::system_clock::time_point t;
    EXPECT_TRUE(parse_rfc3339(health->server_time, t)) << health->server_time;
}

TEST_F(CentralApi, EnrolmentCodeWorksOnceAndTokenIsNeverStoredInClear) {
    const std::string code = central_.enrol_code("Witney Library kiosk 1");
    EXPECT_TRUE(std::regex_match(code, std::regex("[2-9A-Z]{4}-[2-9A-Z]{4}"))) << code;
    const std::string body = json{{"code", code}, {"device_name", "kiosk 1"}}.dump();
    auto first = post_json(central_, "/devices/enrol", "", body);
    ASSERT_TRUE(first);
    ASSERT_EQ(first->status, 201) << first->body;
    auto reply = protocol::parse_enrol_reply(first->body);
    ASSERT_TRUE(reply);
    EXPECT_TRUE(is_uuid(reply->device_id));
    EXPECT_EQ(reply->token.size(), 64u);

    auto again = post_json(central_, "/devices/enrol", "", body);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->status, 403);
    EXPECT_EQ(error_code(again->body), "invalid_enrolment_code");

    // A lower-case code without its dash is the same code (officers read them out).
    const std::string code2 = central_.enrol_code("kiosk 2");
    std::string typed;
    for (char c : code2) {
        if (c != '-') typed += static_cast<char>(std::tolower(c));
    }
    auto lower = post_json(central_, "/devices/enrol", "",
                           json{{"code", typed}, {"device_name", "kiosk 2"}}.dump());
    ASSERT_TRUE(lower);
    EXPECT_EQ(lower->status, 201) << lower->body;

    // Neither the token nor the code is in the database file or the log.
    std::ifstream db(central_.db_path(), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(db)), std::istreambuf_iterator<char>());
    std::ifstream wal(central_.db_path().string() + "-wal", std::ios::binary);
    bytes.append((std::istreambuf_iterator<char>(wal)), std::istreambuf_iterator<char>());
    EXPECT_EQ(bytes.find(reply->token), std::string::npos);
    EXPECT_EQ(bytes.find(code), std::string::npos);
    EXPECT_EQ(central_.server_log().find(reply->token), std::string::npos);
}

TEST_F(CentralApi, AnExpiredEnrolmentCodeIsRefused) {
    auto made = central_.run({"enrol-code", "--name", "kiosk", "--expires-in", "1"});
    ASSERT_EQ(made.exit_code, 0) << made.err;
    const auto made_at = std::chrono::system_clock::now();
    // Wait for the clock to pass the expiry (a known instant, not a guess), then try.
    while (std::chrono::system_clock::now() < made_at + std::chrono::milliseconds(2100)) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    auto res = post_json(central_, "/devices/enrol", "",
                         json{{"code", made.last_line()}, {"device_name", "kiosk"}}.dump());
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 403);
    EXPECT_EQ(error_code(res->body), "invalid_enrolment_code");
    EXPECT_EQ(central_.run({"enrol-code", "--name", "k", "--expires-in", "0"}).exit_code, 2);
    EXPECT_EQ(central_.run({"enrol-code", "--name", "k", "--expires-in", "90000"}).exit_code, 2);
}

TEST_F(CentralApi, EnrolmentBadInputs) {
    auto malformed = post_json(central_, "/devices/enrol", "", "{\"code\": ");
    ASSERT_TRUE(malformed);
    EXPECT_EQ(malformed->status, 400);
    EXPECT_EQ(error_code(malformed->body), "malformed_json");

    auto wrong_type = post_json(central_, "/devices/enrol", "",
                                json{{"code", 1234}, {"device_name", "k"}}.dump());
    ASSERT_TRUE(wrong_type);
    EXPECT_EQ(wrong_type->status, 400);
    EXPECT_EQ(error_code(wrong_type->body), "invalid_request");
    EXPECT_NE(wrong_type->body.find("code"), std::string::npos) << wrong_type->body;

    auto missing = post_json(central_, "/devices/enrol", "", json{{"code", "AAAA-BBBB"}}.dump());
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->status, 400);
    EXPECT_NE(missing->body.find("device_name"), std::string::npos) << missing->body;
}

TEST_F(CentralApi, RepeatedEnrolmentFailuresAreRateLimitedWithRetryAfter) {
    const std::string good = central_.enrol_code("kiosk");
    int limited_at = -1;
    for (int i = 0; i < 10 && limited_at < 0; ++i) {
        auto res = post_json(central_, "/devices/enrol", "",
                             json{{"code", "ZZZZ-ZZZZ"}, {"device_name", "guess"}}.dump());
        ASSERT_TRUE(res);
        if (res->status == 429) {
            limited_at = i;
            EXPECT_EQ(error_code(res->body), "rate_limited");
            ASSERT_TRUE(res->has_header("Retry-After"));
            EXPECT_GT(std::stoi(res->get_header_value("Retry-After")), 0);
        } else {
            EXPECT_EQ(res->status, 403);
        }
    }
    EXPECT_EQ(limited_at, 5) << "five failures are allowed, the sixth try is limited";
    // While limited, even a good code waits: guessing cannot go on in parallel with it.
    auto res = post_json(central_, "/devices/enrol", "",
                         json{{"code", good}, {"device_name", "kiosk"}}.dump());
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 429);
}

TEST_F(CentralApi, ConsultationsCarryAnETagAndAnswer304WhenUnchanged) {
    const Device device = enrol_device(central_, "kiosk");
    auto client = client_for(central_);
    auto res = client.Get(api_path(central_, "/consultations").c_str(), bearer(device.token));
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    auto list = protocol::parse_consultations_reply(res->body);
    ASSERT_TRUE(list);
    ASSERT_EQ(list->consultations.size(), 1u);
    EXPECT_EQ(list->consultations[0]["version"], 1);
    const std::string etag = res->get_header_value("ETag");
    ASSERT_FALSE(etag.empty());

    auto headers = bearer(device.token);
    headers.emplace("If-None-Match", etag);
    auto unchanged = client.Get(api_path(central_, "/consultations").c_str(), headers);
    ASSERT_TRUE(unchanged);
    EXPECT_EQ(unchanged->status, 304);
    EXPECT_TRUE(unchanged->body.empty());

    // A new version replaces the old one in the list, and the tag changes.
    publish_test_definition(central_, 2, keys_.public_key_b64);
    auto changed = client.Get(api_path(central_, "/consultations").c_str(), headers);
    ASSERT_TRUE(changed);
    ASSERT_EQ(changed->status, 200);
    EXPECT_NE(changed->get_header_value("ETag"), etag);
    auto list2 = protocol::parse_consultations_reply(changed->body);
    ASSERT_TRUE(list2);
    ASSERT_EQ(list2->consultations.size(), 1u);
    EXPECT_EQ(list2->consultations[0]["version"], 2);
}

TEST_F(CentralApi, ConsultationsAreGzippedWhenTheDeviceAsks) {
    const Device device = enrol_device(central_, "kiosk");
    auto client = client_for(central_);
    client.set_decompress(false);
    auto headers = bearer(device.token);
    headers.emplace("Accept-Encoding", "gzip");
    auto res = client.Get(api_path(central_, "/consultations").c_str(), headers);
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200);
    EXPECT_EQ(res->get_header_value("Content-Encoding"), "gzip");
}

TEST_F(CentralApi, TokensAreCheckedAndRolesKeptApart) {
    auto client = client_for(central_);
    const std::string path = api_path(central_, "/consultations");

    auto none = client.Get(path.c_str());
    ASSERT_TRUE(none);
    EXPECT_EQ(none->status, 401);
    EXPECT_EQ(error_code(none->body), "missing_token");

    auto unknown = client.Get(path.c_str(), bearer(std::string(64, 'a')));
    ASSERT_TRUE(unknown);
    EXPECT_EQ(unknown->status, 401);
    EXPECT_EQ(error_code(unknown->body), "invalid_token");

    const Device device = enrol_device(central_, "kiosk");
    auto officer_only = client.Get(
        api_path(central_, "/consultations/central-test/summary").c_str(), bearer(device.token));
    ASSERT_TRUE(officer_only);
    EXPECT_EQ(officer_only->status, 403);
    EXPECT_EQ(error_code(officer_only->body), "forbidden");

    central_.revoke_device(device.device_id);
    auto revoked = client.Get(path.c_str(), bearer(device.token));
    ASSERT_TRUE(revoked);
    EXPECT_EQ(revoked->status, 401);
    EXPECT_EQ(error_code(revoked->body), "invalid_token");
    auto revoked_upload =
        post_json(central_, "/responses", device.token, batch(device, json::array()).dump());
    ASSERT_TRUE(revoked_upload);
    EXPECT_EQ(revoked_upload->status, 401);

    // An officer may read consultations but is not a device: no uploads.
    const std::string officer = central_.officer_token("Ann Officer");
    auto read = client.Get(path.c_str(), bearer(officer));
    ASSERT_TRUE(read);
    EXPECT_EQ(read->status, 200);
    auto upload = post_json(central_, "/responses", officer,
                            json{{"device_id", ""}, {"responses", json::array()}}.dump());
    ASSERT_TRUE(upload);
    EXPECT_EQ(upload->status, 403);
}

TEST_F(CentralApi, EveryNon2xxCarriesTheErrorBody) {
    auto client = client_for(central_);
    auto unknown = client.Get(api_path(central_, "/no-such-thing").c_str());
    ASSERT_TRUE(unknown);
    EXPECT_EQ(unknown->status, 404);
    EXPECT_EQ(error_code(unknown->body), "not_found");
    auto outside = client.Get("/index.html");
    ASSERT_TRUE(outside);
    EXPECT_EQ(outside->status, 404);
    EXPECT_EQ(error_code(outside->body), "not_found");

    auto wrong_method = client.Delete(api_path(central_, "/health").c_str());
    ASSERT_TRUE(wrong_method);
    EXPECT_EQ(wrong_method->status, 405);
    EXPECT_EQ(error_code(wrong_method->body), "method_not_allowed");
    EXPECT_EQ(wrong_method->get_header_value("Allow"), "GET");

    auto get_on_post = client.Get(api_path(central_, "/responses").c_str());
    ASSERT_TRUE(get_on_post);
    EXPECT_EQ(get_on_post->status, 405);
    EXPECT_EQ(error_code(get_on_post->body), "method_not_allowed");

    const std::string officer = central_.officer_token("Ann");
    auto no_consultation = client.Get(
        api_path(central_, "/consultations/nothing-here/summary").c_str(), bearer(officer));
    ASSERT_TRUE(no_consultation);
    EXPECT_EQ(no_consultation->status, 404);
    EXPECT_EQ(error_code(no_consultation->body), "unknown_consultation");
}

TEST(CentralPrefix, AnswersUnderItsPrefixAndAtTheRoot) {
    CentralProcess::Options options;
    options.prefix = "/fieldvoice";
    options.store_name = "Oxfordshire engagement store";
    CentralProcess central(options);
    central.start();
    EXPECT_EQ(central.base_url(),
              "http://127.0.0.1:" + std::to_string(central.port()) + "/fieldvoice/");
    EXPECT_EQ(http_get_status("127.0.0.1", central.port(), "/fieldvoice/api/v1/health"), 200);
    EXPECT_EQ(http_get_status("127.0.0.1", central.port(), "/api/v1/health"), 200);
    EXPECT_EQ(http_get_status("127.0.0.1", central.port(), "/other/api/v1/health"), 404);
    const Device device = enrol_device(central, "kiosk");
    EXPECT_TRUE(is_uuid(device.device_id));
}

TEST(CentralProcessHelper, ReportsAServerThatCannotStart) {
    CentralProcess first;
    first.start();
    CentralProcess::Options options;
    CentralProcess second(options);
    // The same port twice: the second must fail with the reason, not hang.
    auto result = run_central({"--db", (second.dir() / "x.db").string(), "serve", "--listen",
                               "127.0.0.1:" + std::to_string(first.port())});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("cannot listen"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace fv::test
