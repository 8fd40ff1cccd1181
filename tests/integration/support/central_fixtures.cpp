// Fixtures for the central store's tests (see central_fixtures.hpp).
#include "central_fixtures.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "core/util/ids.hpp"
#include "sync/protocol/protocol.hpp"

namespace fv::test {

using nlohmann::json;

json test_definition(int version, const std::string& public_key) {
    json questions = json::array({
        {{"id", "rating"},
         {"type", "smiley"},
         {"prompt", {{"en", "How was it?"}}},
         {"required", true}},
        {{"id", "used"},
         {"type", "multi_choice"},
         {"prompt", {{"en", "What did you use?"}}},
         {"options", json::array({{{"id", "books"}, {"label", {{"en", "Books"}}}},
                                  {{"id", "wifi"}, {"label", {{"en", "Wi-Fi"}}}},
                                  {{"id", "cafe"}, {"label", {{"en", "Cafe"}}}}})},
         {"max", 2}},
    });
    if (version >= 2) {
        questions.push_back(
            {{"id", "visits"},
             {"type", "single_choice"},
             {"prompt", {{"en", "How often do you come?"}}},
             {"options", json::array({{{"id", "weekly"}, {"label", {{"en", "Weekly"}}}},
                                      {{"id", "monthly"}, {"label", {{"en", "Monthly"}}}},
                                      {{"id", "rarely"}, {"label", {{"en", "Rarely"}}}}})}});
    }
    questions.push_back({{"id", "email"},
                         {"type", "email"},
                         {"personal", true},
                         {"prompt", {{"en", "Email, if you want a reply"}}}});
    return json{{"id", kTestConsultation},
                {"version", version},
                {"title", {{"en", "Central store test"}}},
                {"languages", json::array({"en"})},
                {"privacy_notice", {{"en", "We keep your answers for two years."}}},
                {"public_key", public_key},
                {"questions", questions}};
}

void publish_test_definition(const CentralProcess& central, int version,
                             const std::string& public_key) {
    const auto file = central.dir() / ("central-test-v" + std::to_string(version) + ".json");
    std::ofstream(file) << test_definition(version, public_key).dump(2);
    central.publish(file);
}

json make_response(int version, json answers, const std::string& consultation_id) {
    const std::string now = now_rfc3339();
    return json{
        {"id", new_uuid()},
        {"consultation_id", consultation_id},
        {"consultation_version", version},
        {"mode", "kiosk"},
        {"language", "en"},
        {"started_at", now},
        {"submitted_at", now},
        {"answers", std::move(answers)},
        {"session_id", nullptr},
        {"participant", nullptr},
        {"consent", {{"privacy_notice", true}, {"quote_publicly", false}, {"contact_me", false}}},
        {"flags", json::array()},
        {"sealed", nullptr}};
}

httplib::Client client_for(const CentralProcess& central) {
    httplib::Client client(central.host(), central.port());
    client.set_read_timeout(60);
    client.set_write_timeout(60);
    return client;
}

std::string api_path(const CentralProcess& central, const std::string& path) {
    const std::string url = central.url(path);
    // url() is "http://host:port" + prefix + "/api/v1" + path: keep from the first '/' after host.
    return url.substr(url.find('/', std::string("http://").size()));
}

httplib::Headers bearer(const std::string& token) {
    return {{"Authorization", "Bearer " + token}};
}

httplib::Result post_json(const CentralProcess& central, const std::string& path,
                          const std::string& token, const std::string& body,
                          httplib::Headers extra) {
    auto client = client_for(central);
    httplib::Headers headers = extra;
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    return client.Post(api_path(central, path).c_str(), headers, body, "application/json");
}

Device enrol_device(const CentralProcess& central, const std::string& name) {
    const std::string code = central.enrol_code(name);
    auto res = post_json(central, "/devices/enrol", "",
                         json{{"code", code}, {"device_name", name}}.dump());
    EXPECT_TRUE(res) << "no answer to enrol";
    if (!res) return {};
    EXPECT_EQ(res->status, 201) << res->body;
    auto reply = protocol::parse_enrol_reply(res->body);
    EXPECT_TRUE(reply) << res->body;
    if (!reply) return {};
    return {reply->device_id, reply->token};
}

json batch(const Device& device, const json& responses) {
    return json{
        {"device_id", device.device_id}, {"sent_at", now_rfc3339()}, {"responses", responses}};
}

std::string error_code(const std::string& body) {
    auto error = protocol::parse_error_body(body);
    return error ? error->code : std::string();
}

}  // namespace fv::test
