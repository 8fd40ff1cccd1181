// POST /api/v1/responses and /sessions on the real fieldvoice-central: per-item results, the
// rest of a batch stored whatever one item holds, idempotent resends, conflicts, size limits
// before and after gzip, and the whole-request errors of PROTOCOL.md.
#include <gtest/gtest.h>

#include <map>
#include <thread>

#include "core/util/ids.hpp"
#include "core/util/seal.hpp"
#include "integration/support/central_fixtures.hpp"
#include "sync/client/gzip.hpp"
#include "sync/protocol/protocol.hpp"

namespace fv::test {
namespace {

using nlohmann::json;

class CentralResponses : public ::testing::Test {
  protected:
    void SetUp() override {
        keys_ = generate_keypair();
        publish_test_definition(central_, 1, keys_.public_key_b64);
        central_.start();
        device_ = enrol_device(central_, "kiosk 1");
        officer_ = central_.officer_token("Ann Officer");
    }

    // Posts a batch and returns its parsed results; fails the test on a non-200.
    std::vector<ItemResult> upload(const json& responses) {
        auto res =
            post_json(central_, "/responses", device_.token, batch(device_, responses).dump());
        EXPECT_TRUE(res);
        if (!res) return {};
        EXPECT_EQ(res->status, 200) << res->body;
        std::string problem;
        auto reply = protocol::parse_batch_reply(res->body, &problem);
        EXPECT_TRUE(reply) << problem << ": " << res->body;
        return reply ? reply->results : std::vector<ItemResult>{};
    }

    // Every response the store holds for the test consultation, through the officer pages.
    std::vector<json> stored() {
        std::vector<json> out;
        auto client = client_for(central_);
        std::string cursor;
        for (int page = 0; page < 100; ++page) {
            std::string path = api_path(central_, "/consultations/central-test/responses?limit=50");
            if (!cursor.empty()) path += "&after=" + cursor;
            auto res = client.Get(path.c_str(), bearer(officer_));
            EXPECT_TRUE(res);
            if (!res || res->status != 200) return out;
            json body = json::parse(res->body);
            for (auto& r : body["responses"]) out.push_back(r);
            if (body["next_cursor"].is_null()) return out;
            cursor = body["next_cursor"].get<std::string>();
        }
        ADD_FAILURE() << "the pages never ended";
        return out;
    }

    CentralProcess central_;
    KeyPair keys_;
    Device device_;
    std::string officer_;
};

json good_answers() {
    return json{{"rating", 4}, {"used", json::array({"books", "wifi"})}};
}

TEST_F(CentralResponses, EachBadItemIsRejectedByNameAndTheRestOfTheBatchIsStored) {
    json good1 = make_response(1, good_answers());
    json missing = make_response(1, good_answers());
    missing.erase("submitted_at");
    json wrong_type = make_response(1, good_answers());
    wrong_type["consultation_version"] = "1";
    json unknown_version = make_response(9, good_answers());
    json breaks_rules = make_response(1, json{{"rating", 7}});
    json no_required = make_response(1, json{{"used", json::array({"books"})}});
    json personal_in_clear = make_response(1, json{{"rating", 3}, {"email", "a@example.org"}});
    json bad_id = make_response(1, good_answers());
    bad_id["id"] = "not-a-uuid";
    json bad_mode = make_response(1, good_answers());
    bad_mode["mode"] = "telepathy";
    json good2 = make_response(1, json{{"rating", 1}});

    auto results =
        upload(json::array({good1, missing, wrong_type, unknown_version, breaks_rules, no_required,
                            personal_in_clear, bad_id, bad_mode, 42, good2}));
    ASSERT_EQ(results.size(), 11u);
    struct Expect {
        ItemStatus status;
        std::string code, mentions;
    };
    const std::vector<Expect> expected = {
        {ItemStatus::Stored, "", ""},
        {ItemStatus::Rejected, "invalid_response", "submitted_at"},
        {ItemStatus::Rejected, "invalid_response", "consultation_version"},
        {ItemStatus::Rejected, "unknown_consultation_version", "version 9"},
        {ItemStatus::Rejected, "invalid_response", "rating"},
        {ItemStatus::Rejected, "invalid_response", "rating"},
        {ItemStatus::Rejected, "invalid_response", "email"},
        {ItemStatus::Rejected, "invalid_response", "id"},
        {ItemStatus::Rejected, "invalid_response", "mode"},
        {ItemStatus::Rejected, "invalid_response", "responses[9]"},
        {ItemStatus::Stored, "", ""},
    };
    for (std::size_t i = 0; i < expected.size(); ++i) {
        SCOPED_TRACE("item " + std::to_string(i));
        EXPECT_EQ(results[i].status, expected[i].status) << results[i].error_message;
        EXPECT_EQ(results[i].error_code, expected[i].code);
        EXPECT_NE(results[i].error_message.find(expected[i].mentions), std::string::npos)
            << results[i].error_message;
    }
    EXPECT_EQ(results[0].id, good1["id"]);
    EXPECT_EQ(results[2].id, wrong_type["id"]);  // the id is echoed whenever it can be read

    auto rows = stored();
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0]["id"], good1["id"]);
    EXPECT_EQ(rows[0]["answers"], good1["answers"]);
    EXPECT_EQ(rows[0]["device_id"], device_.device_id);
    EXPECT_EQ(rows[1]["id"], good2["id"]);
}

TEST_F(CentralResponses, ResendIsDuplicateAndSameIdWithOtherContentIsConflict) {
    json original = make_response(1, good_answers());
    auto first = upload(json::array({original}));
    ASSERT_EQ(first.size(), 1u);
    EXPECT_EQ(first[0].status, ItemStatus::Stored);

    auto again = upload(json::array({original, original}));
    ASSERT_EQ(again.size(), 2u);
    EXPECT_EQ(again[0].status, ItemStatus::Duplicate);
    EXPECT_EQ(again[1].status, ItemStatus::Duplicate);

    json changed = original;
    changed["answers"]["rating"] = 5;
    json fresh = make_response(1, good_answers());
    auto third = upload(json::array({changed, fresh, fresh}));
    ASSERT_EQ(third.size(), 3u);
    EXPECT_EQ(third[0].status, ItemStatus::Rejected);
    EXPECT_EQ(third[0].error_code, "conflict");
    EXPECT_EQ(third[1].status, ItemStatus::Stored);
    EXPECT_EQ(third[2].status, ItemStatus::Duplicate) << "the same id twice in one batch";

    auto rows = stored();
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0]["answers"]["rating"], 4) << "the first content stays";
}

TEST_F(CentralResponses, ConcurrentResendsStoreEachResponseExactlyOnce) {
    // The same batch from 8 connections at once (a device retrying after timeouts that actually
    // succeeded): batches written together in one commit must still store each id once.
    json responses = json::array();
    for (int i = 0; i < 100; ++i) responses.push_back(make_response(1, json{{"rating", 2}}));
    const std::string body = batch(device_, responses).dump();
    std::vector<std::vector<ItemResult>> replies(8);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < replies.size(); ++t) {
        threads.emplace_back([&, t] {
            auto res = post_json(central_, "/responses", device_.token, body);
            if (!res || res->status != 200) return;
            if (auto reply = protocol::parse_batch_reply(res->body)) replies[t] = reply->results;
        });
    }
    for (auto& t : threads) t.join();
    std::map<std::string, int> stored_count, duplicate_count;
    for (const auto& results : replies) {
        ASSERT_EQ(results.size(), 100u);
        for (const auto& r : results) {
            ASSERT_NE(r.status, ItemStatus::Rejected) << r.error_message;
            (r.status == ItemStatus::Stored ? stored_count : duplicate_count)[r.id]++;
        }
    }
    ASSERT_EQ(stored_count.size(), 100u);
    for (const auto& [id, n] : stored_count) {
        EXPECT_EQ(n, 1) << id;
        EXPECT_EQ(duplicate_count[id], 7) << id;
    }
    EXPECT_EQ(stored().size(), 100u);
}

TEST_F(CentralResponses, SealedPersonalAnswersAreStoredAsTheyCame) {
    json sealed = make_response(1, good_answers());
    auto box = seal_to(R"({"email":"resident@example.org"})", keys_.public_key_b64);
    ASSERT_TRUE(box);
    sealed["sealed"] = *box;
    json not_a_box = make_response(1, good_answers());
    not_a_box["sealed"] = "!!! not base64 !!!";
    auto results = upload(json::array({sealed, not_a_box}));
    ASSERT_EQ(results.size(), 2u);
    EXPECT_EQ(results[0].status, ItemStatus::Stored) << results[0].error_message;
    EXPECT_EQ(results[1].status, ItemStatus::Rejected);
    EXPECT_EQ(results[1].error_code, "invalid_response");
    EXPECT_NE(results[1].error_message.find("sealed"), std::string::npos);
    auto rows = stored();
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0]["sealed"], *box);
    EXPECT_EQ(central_.server_log().find("resident@example.org"), std::string::npos);
}

TEST_F(CentralResponses, WholeRequestErrorsGetTheirStatusAndCode) {
    struct Case {
        std::string name, body;
        int status;
        std::string code;
    };
    const std::vector<Case> cases = {
        {"malformed JSON", R"({"device_id": "x", "responses": [)", 400, "malformed_json"},
        {"not an object", "[1, 2, 3]", 400, "invalid_request"},
        {"responses missing", json{{"device_id", device_.device_id}}.dump(), 400,
         "invalid_request"},
        {"responses not an array",
         json{{"device_id", device_.device_id}, {"responses", "many"}}.dump(), 400,
         "invalid_request"},
        {"device_id wrong type", json{{"device_id", 7}, {"responses", json::array()}}.dump(), 400,
         "invalid_request"},
        {"another device's id",
         json{{"device_id", new_uuid()}, {"responses", json::array()}}.dump(), 400,
         "invalid_request"},
        // The store splits a body and parses its items apart: an item that is not JSON still
        // makes the whole body malformed, and that is said before anything else is wrong.
        {"an item that is not JSON",
         R"({"device_id": ")" + device_.device_id + R"(", "responses": [{"id": tru}]})", 400,
         "malformed_json"},
        {"another device's id and an item that is not JSON",
         R"({"device_id": ")" + new_uuid() + R"(", "responses": [{"a": [1}]]})", 400,
         "malformed_json"},
        {"a broken item among 300 good ones",
         [&] {
             json many = json::array();
             for (int i = 0; i < 300; ++i) many.push_back(make_response(1, good_answers()));
             std::string text = batch(device_, many).dump();
             text.insert(text.rfind(']'), R"(,{"id": "x",})");
             return text;
         }(),
         400, "malformed_json"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        auto res = post_json(central_, "/responses", device_.token, c.body);
        ASSERT_TRUE(res);
        EXPECT_EQ(res->status, c.status) << res->body;
        EXPECT_EQ(error_code(res->body), c.code) << res->body;
    }
    EXPECT_TRUE(stored().empty()) << "nothing of a refused request is stored";
    auto no_token = post_json(central_, "/responses", "", batch(device_, json::array()).dump());
    ASSERT_TRUE(no_token);
    EXPECT_EQ(no_token->status, 401);
    EXPECT_EQ(error_code(no_token->body), "missing_token");
}

TEST_F(CentralResponses, MoreThan500IsRefusedWholeWith413) {
    json many = json::array();
    for (int i = 0; i < 501; ++i) many.push_back(make_response(1, good_answers()));
    auto res = post_json(central_, "/responses", device_.token, batch(device_, many).dump());
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 413);
    EXPECT_EQ(error_code(res->body), "batch_too_large");
    EXPECT_TRUE(stored().empty()) << "nothing of a refused batch is stored";

    many.erase(many.size() - 1);  // exactly 500 is fine
    auto results = upload(many);
    ASSERT_EQ(results.size(), 500u);
    for (const auto& r : results) EXPECT_EQ(r.status, ItemStatus::Stored) << r.error_message;
    EXPECT_EQ(stored().size(), 500u);
}

TEST_F(CentralResponses, ABodyOver8MiBIsRefusedWith413) {
    json big = batch(device_, json::array({make_response(1, good_answers())}));
    big["padding"] = std::string(8 * 1024 * 1024, 'x');
    auto res = post_json(central_, "/responses", device_.token, big.dump());
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 413);
    EXPECT_EQ(error_code(res->body), "body_too_large");
    EXPECT_TRUE(stored().empty());
    EXPECT_EQ(http_get_status(central_.host(), central_.port(), "/api/v1/health"), 200);
}

TEST_F(CentralResponses, GzipBodiesAreAccepted) {
    json responses = json::array();
    for (int i = 0; i < 50; ++i) responses.push_back(make_response(1, good_answers()));
    const std::string packed = gzip_compress(batch(device_, responses).dump());
    auto res =
        post_json(central_, "/responses", device_.token, packed, {{"Content-Encoding", "gzip"}});
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    auto reply = protocol::parse_batch_reply(res->body);
    ASSERT_TRUE(reply);
    ASSERT_EQ(reply->results.size(), 50u);
    for (const auto& r : reply->results) EXPECT_EQ(r.status, ItemStatus::Stored);
    EXPECT_EQ(stored().size(), 50u);
}

TEST_F(CentralResponses, AGzipBombIsRefusedWith413) {
    // 64 MiB of spaces inside valid JSON: about 64 KiB once compressed, far past the cap inflated.
    std::string inflated = batch(device_, json::array({make_response(1, good_answers())})).dump();
    inflated.insert(1, std::string(64u * 1024 * 1024, ' '));
    const std::string bomb = gzip_compress(inflated, 9);
    inflated.clear();
    inflated.shrink_to_fit();
    ASSERT_LT(bomb.size(), 1024u * 1024);
    auto res =
        post_json(central_, "/responses", device_.token, bomb, {{"Content-Encoding", "gzip"}});
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 413);
    EXPECT_EQ(error_code(res->body), "body_too_large");
    // The store's own capped inflation refused it (not a raw-size check after inflating).
    EXPECT_NE(res->body.find("inflates past 8 MiB"), std::string::npos) << res->body;
    EXPECT_TRUE(stored().empty());

    auto damaged = post_json(central_, "/responses", device_.token, bomb.substr(0, 100),
                             {{"Content-Encoding", "gzip"}});
    ASSERT_TRUE(damaged);
    EXPECT_EQ(damaged->status, 400);
    EXPECT_EQ(error_code(damaged->body), "bad_content_encoding");

    auto brotli =
        post_json(central_, "/responses", device_.token, "{}", {{"Content-Encoding", "br"}});
    ASSERT_TRUE(brotli);
    EXPECT_EQ(brotli->status, 415);
    EXPECT_EQ(error_code(brotli->body), "bad_content_encoding");
}

TEST_F(CentralResponses, SessionsAreStoredIdempotentlyPerItem) {
    json session{{"id", new_uuid()},
                 {"title", "Witney community meeting"},
                 {"place", "Corn Exchange"},
                 {"division", "Witney North"},
                 {"facilitator", "Cllr Jones"},
                 {"started_at", now_rfc3339()},
                 {"ended_at", nullptr},
                 {"consultation_id", "central-test"},
                 {"notes", json::array({"more evening hours"})}};
    json bad = session;
    bad["id"] = new_uuid();
    bad["started_at"] = "yesterday";
    json body{{"device_id", device_.device_id}, {"sessions", json::array({session, bad})}};
    auto res = post_json(central_, "/sessions", device_.token, body.dump());
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    auto reply = protocol::parse_batch_reply(res->body);
    ASSERT_TRUE(reply);
    ASSERT_EQ(reply->results.size(), 2u);
    EXPECT_EQ(reply->results[0].status, ItemStatus::Stored);
    EXPECT_EQ(reply->results[1].status, ItemStatus::Rejected);
    EXPECT_EQ(reply->results[1].error_code, "invalid_session");
    EXPECT_NE(reply->results[1].error_message.find("started_at"), std::string::npos);

    json changed = session;
    changed["title"] = "Another title";
    body["sessions"] = json::array({session, changed});
    res = post_json(central_, "/sessions", device_.token, body.dump());
    ASSERT_TRUE(res);
    reply = protocol::parse_batch_reply(res->body);
    ASSERT_TRUE(reply);
    ASSERT_EQ(reply->results.size(), 2u);
    EXPECT_EQ(reply->results[0].status, ItemStatus::Duplicate);
    EXPECT_EQ(reply->results[1].status, ItemStatus::Rejected);
    EXPECT_EQ(reply->results[1].error_code, "conflict");

    // What a meeting recorded must come as lists, and an end time as a time.
    json not_list = session;
    not_list["id"] = new_uuid();
    not_list["tallies"] = "lots of hands";
    json bad_end = session;
    bad_end["id"] = new_uuid();
    bad_end["ended_at"] = "after tea";
    body["sessions"] = json::array({not_list, bad_end});
    res = post_json(central_, "/sessions", device_.token, body.dump());
    ASSERT_TRUE(res);
    reply = protocol::parse_batch_reply(res->body);
    ASSERT_TRUE(reply);
    ASSERT_EQ(reply->results.size(), 2u);
    EXPECT_EQ(reply->results[0].status, ItemStatus::Rejected);
    EXPECT_NE(reply->results[0].error_message.find("sessions[0].tallies: must be a list"),
              std::string::npos)
        << reply->results[0].error_message;
    EXPECT_EQ(reply->results[1].status, ItemStatus::Rejected);
    EXPECT_NE(reply->results[1].error_message.find("sessions[1].ended_at"), std::string::npos);

    auto malformed = post_json(central_, "/sessions", device_.token, "{nope");
    ASSERT_TRUE(malformed);
    EXPECT_EQ(malformed->status, 400);
    EXPECT_EQ(error_code(malformed->body), "malformed_json");
}

}  // namespace
}  // namespace fv::test
