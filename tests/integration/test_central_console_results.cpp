// The console's consultation pages against the real fieldvoice-central: publishing by upload
// (every problem shown as `fieldvoice validate` prints it), downloading a version, results whose
// numbers equal the CSV download's for the same filter, divisions, and bad filters. Saves a
// screenshot of each page (headless Chromium, when installed) under console-screens/.
#include <gtest/gtest.h>

#include <map>
#include <regex>

#include "core/model/consultation.hpp"
#include "core/util/seal.hpp"
#include "integration/support/central_fixtures.hpp"
#include "integration/support/console_browser.hpp"

namespace fv::test {
namespace {

using nlohmann::json;

constexpr const char* kPassword = "correct horse battery staple";

class CentralConsoleResults : public ::testing::Test {
  protected:
    void SetUp() override {
        public_key_ = generate_keypair().public_key_b64;
        publish_test_definition(central_, 1, public_key_);
        publish_test_definition(central_, 2, public_key_);
        central_.start();
        auto once = central_.run({"add-user", "--email", "ann@example.org", "--name",
                                  "Ann Officer", "--role", "officer"});
        ASSERT_EQ(once.exit_code, 0) << once.err;
        officer_.first_sign_in("ann@example.org", once.last_line(), kPassword);
    }

    Device enrol_in(const std::string& name, const std::string& division) {
        auto made = central_.run({"enrol-code", "--name", name, "--division", division});
        EXPECT_EQ(made.exit_code, 0) << made.err;
        auto res = post_json(central_, "/devices/enrol", "",
                             json{{"code", made.last_line()}, {"device_name", name}}.dump());
        EXPECT_TRUE(res && res->status == 201);
        json reply = json::parse(res->body);
        return {reply["device_id"], reply["token"]};
    }

    void upload(const Device& device, const json& responses) {
        auto res = post_json(central_, "/responses", device.token, batch(device, responses).dump());
        ASSERT_TRUE(res);
        ASSERT_EQ(res->status, 200) << res->body;
        const json reply = json::parse(res->body);
        for (const auto& r : reply["results"]) ASSERT_EQ(r["status"], "stored");
    }

    void look(const std::string& html, const std::string& name) {
        const auto file = officer_.save_page(html, "console-screens", name);
        const auto png = screenshot(file);
        if (!png.empty()) std::printf("screenshot: %s\n", std::filesystem::absolute(png).c_str());
    }

    CentralProcess central_;
    std::string public_key_;
    ConsoleBrowser officer_{central_};
};

// Counts per question:key from the CSV download, as an officer adding up columns would.
std::map<std::string, long> csv_counts(const std::string& csv) {
    auto rows = parse_csv(csv);
    std::map<std::string, long> counts;
    if (rows.empty()) return counts;
    const auto& header = rows[0];
    for (std::size_t r = 1; r < rows.size(); ++r) {
        ++counts["responses"];
        for (std::size_t c = 0; c < header.size() && c < rows[r].size(); ++c) {
            const std::string& h = header[c];
            const std::string& cell = rows[r][c];
            if (h == "rating" || h == "visits") {
                if (!cell.empty()) ++counts[h + ":" + cell];
            } else if (h.rfind("used:", 0) == 0) {
                if (cell == "1") ++counts[h];
            }
        }
    }
    return counts;
}

TEST_F(CentralConsoleResults, ResultsEqualTheCsvForTheSameFilter) {
    const Device witney = enrol_in("Witney kiosk", "Witney");
    const Device banbury = enrol_in("Banbury laptop", "Banbury");
    json w = json::array();
    for (int i = 0; i < 9; ++i) {
        json answers{{"rating", 1 + i % 5}};
        if (i % 2 == 0) answers["used"] = json::array({"books", i % 4 == 0 ? "wifi" : "cafe"});
        w.push_back(make_response(1 + i % 2, answers));
        if (i % 2 == 1) w.back()["answers"]["visits"] = i % 3 == 0 ? "weekly" : "rarely";
        if (i % 3 == 0) w.back()["mode"] = "assisted";
    }
    upload(witney, w);
    json b = json::array();
    for (int i = 0; i < 5; ++i) {
        b.push_back(make_response(2, json{{"rating", 5}, {"used", json::array({"cafe"})},
                                          {"visits", "monthly"}}));
        b.back()["mode"] = "meeting";
        b.back()["submitted_at"] = "2026-01-0" + std::to_string(i + 1) + "T10:00:00.000Z";
    }
    upload(banbury, b);

    const std::vector<std::string> keys = {
        "rating:1", "rating:2", "rating:3", "rating:4", "rating:5", "used:books", "used:wifi",
        "used:cafe", "visits:weekly", "visits:monthly", "visits:rarely"};
    for (const std::string filter :
         {"", "division=Witney", "division=Banbury", "mode=assisted", "version=2",
          "version=1&mode=kiosk", "from=2026-01-02&to=2026-01-04", "language=en"}) {
        const std::string query = filter.empty() ? "" : "?" + filter;
        auto page = officer_.get("/consultations/central-test" + query);
        ASSERT_TRUE(page);
        ASSERT_EQ(page->status, 200) << filter << "\n" << visible_text(page->body);
        auto csv = officer_.get("/consultations/central-test/results.csv" + query);
        ASSERT_TRUE(csv);
        ASSERT_EQ(csv->status, 200) << filter;
        auto counts = csv_counts(csv->body);
        const std::string text = visible_text(page->body);
        EXPECT_NE(text.find(std::to_string(counts["responses"]) + " responses"), std::string::npos)
            << filter << ": " << counts["responses"];
        for (const auto& key : keys) {
            auto shown = result_count(page->body, key);
            ASSERT_TRUE(shown) << filter << " " << key;
            EXPECT_EQ(*shown, counts[key]) << filter << " " << key;
        }
        // The CSV link on the page carries the same filter.
        if (!filter.empty()) {
            EXPECT_NE(page->body.find("results.csv?"), std::string::npos) << filter;
        }
        if (filter.empty()) look(page->body, "results");
    }
    // A spot check by hand: Banbury's 5 meeting responses all rated 5.
    auto banbury_page = officer_.get("/consultations/central-test?division=Banbury");
    ASSERT_TRUE(banbury_page);
    EXPECT_EQ(result_count(banbury_page->body, "rating:5"), 5);
    EXPECT_EQ(result_count(banbury_page->body, "rating:1"), 0);
    EXPECT_NE(visible_text(banbury_page->body).find("5 (very happy) 5 100.0%"), std::string::npos);
    // Every chart has its table, and an accessible title.
    EXPECT_NE(banbury_page->body.find("<svg class=\"fv-chart\""), std::string::npos);
    EXPECT_NE(banbury_page->body.find("role=\"img\" aria-labelledby=\"chart-title-rating\""),
              std::string::npos);
    EXPECT_NE(banbury_page->body.find("id=\"table-rating\""), std::string::npos);
}

TEST_F(CentralConsoleResults, AFilterWithAnUnknownValueSaysWhichAndWhy) {
    enrol_in("Witney kiosk", "Witney");
    struct Case {
        const char* query;
        const char* says;
    };
    for (const Case& c :
         {Case{"mode=bogus", "Mode: \"bogus\" is not one of kiosk, assisted, meeting, partner, pulse."},
          Case{"division=Nowhere", "Division: no device carries the division \"Nowhere\"; choose one of Witney."},
          Case{"version=9", "Version: there is no version \"9\"; choose one of 1, 2."},
          Case{"language=xx", "Language: \"xx\" is not one of this consultation's (en)."},
          Case{"from=2026-13-01", "From: \"2026-13-01\" is not a date; write it as 2026-11-23."},
          Case{"from=2026-02-01&to=2026-01-01", "From: the first day comes after the last day."}}) {
        auto page = officer_.get(std::string("/consultations/central-test?") + c.query);
        ASSERT_TRUE(page);
        EXPECT_EQ(page->status, 400) << c.query;
        EXPECT_NE(visible_text(page->body).find(c.says), std::string::npos)
            << c.query << "\n" << visible_text(page->body);
        auto csv = officer_.get(std::string("/consultations/central-test/results.csv?") + c.query);
        ASSERT_TRUE(csv);
        EXPECT_EQ(csv->status, 400) << c.query;
        EXPECT_NE(visible_text(csv->body).find("Nothing was downloaded"), std::string::npos);
        if (std::string(c.query) == "mode=bogus") look(page->body, "results-bad-filter");
    }
    auto unknown = officer_.get("/consultations/no-such");
    ASSERT_TRUE(unknown);
    EXPECT_EQ(unknown->status, 404);
}

TEST_F(CentralConsoleResults, PublishByUploadShowsEveryProblemAndStoresNothingWhenRefused) {
    const Device device = enrol_in("Witney kiosk", "Witney");
    upload(device, json::array({make_response(1, json{{"rating", 4}})}));
    auto list = officer_.get("/consultations");
    ASSERT_TRUE(list);
    const std::string text = visible_text(list->body);
    EXPECT_NE(text.find("Responses 1"), std::string::npos) << text;
    EXPECT_NE(text.find("In the last 7 days 1"), std::string::npos) << text;
    EXPECT_NE(text.find("Devices reporting 1"), std::string::npos) << text;
    look(list->body, "consultations");

    json bad = test_definition(3, public_key_);
    bad["questions"][0]["type"] = "slider";
    bad["questions"][1]["options"][0].erase("id");
    bad.erase("privacy_notice");
    const std::string bad_text = bad.dump(2);
    auto refused = officer_.upload("/consultations", "bad.json", bad_text);
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 400);
    const auto expected = parse_consultation(bad_text).problems;
    ASSERT_GE(expected.size(), 3u);
    const std::string refused_text = visible_text(refused->body);
    EXPECT_NE(refused_text.find("bad.json: " + std::to_string(expected.size()) +
                                " problems, nothing published"),
              std::string::npos)
        << refused_text;
    for (const auto& p : expected) {
        EXPECT_NE(refused_text.find(p.to_line()), std::string::npos) << p.to_line();
    }
    look(refused->body, "publish-refused");

    auto not_json = officer_.upload("/consultations", "notes.txt", "this is { not json");
    ASSERT_TRUE(not_json);
    EXPECT_EQ(not_json->status, 400);
    EXPECT_NE(visible_text(not_json->body).find("line 1, column"), std::string::npos)
        << visible_text(not_json->body);

    auto huge = officer_.upload("/consultations", "huge.json", std::string(20 * 1024 * 1024, ' '));
    if (huge) {  // the store may close the connection before the client has sent it all
        EXPECT_EQ(huge->status, 413);
        EXPECT_NE(visible_text(huge->body).find("at most 8 MiB"), std::string::npos);
    }
    auto client = client_for(central_);
    auto served = client.Get(api_path(central_, "/consultations").c_str(), bearer(device.token));
    ASSERT_TRUE(served);
    EXPECT_EQ(json::parse(served->body)["consultations"][0]["version"], 2) << "nothing stored";

    ASSERT_TRUE(officer_.get("/consultations"));
    auto published =
        officer_.upload("/consultations", "v3.json", test_definition(3, public_key_).dump());
    ASSERT_TRUE(published);
    EXPECT_EQ(published->status, 200);
    EXPECT_NE(visible_text(published->body).find("Published central-test version 3."),
              std::string::npos);
    served = client.Get(api_path(central_, "/consultations").c_str(), bearer(device.token));
    ASSERT_TRUE(served);
    EXPECT_EQ(json::parse(served->body)["consultations"][0]["version"], 3);

    auto download = officer_.get("/consultations/central-test/versions/1.json");
    ASSERT_TRUE(download);
    EXPECT_EQ(download->status, 200);
    EXPECT_EQ(json::parse(download->body), test_definition(1, public_key_));
    EXPECT_NE(download->get_header_value("Content-Disposition").find("central-test-v1.json"),
              std::string::npos);
    auto missing = officer_.get("/consultations/central-test/versions/7.json");
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->status, 404);
}

TEST_F(CentralConsoleResults, ADivisionSetInTheConsoleFiltersTheResults) {
    ASSERT_TRUE(officer_.get("/devices"));
    auto made = officer_.post("/enrolment-codes", {{"name", "Library laptop"}, {"division", "Carterton"}});
    ASSERT_TRUE(made);
    ASSERT_EQ(made->status, 200);
    std::smatch m;
    ASSERT_TRUE(std::regex_search(made->body, m,
                                  std::regex(R"re(id="enrolment-code">([A-Z0-9-]+)<)re")));
    look(made->body, "devices");
    auto res = post_json(central_, "/devices/enrol", "",
                         json{{"code", m[1].str()}, {"device_name", "Library laptop"}}.dump());
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 201);
    const Device laptop{json::parse(res->body)["device_id"], json::parse(res->body)["token"]};
    upload(laptop, json::array({make_response(1, json{{"rating", 2}})}));

    auto page = officer_.get("/consultations/central-test?division=Carterton");
    ASSERT_TRUE(page);
    EXPECT_EQ(result_count(page->body, "rating:2"), 1);

    ASSERT_TRUE(officer_.get("/devices"));
    auto moved = officer_.post("/devices/" + laptop.device_id + "/division", {{"division", "Witney"}});
    ASSERT_TRUE(moved);
    EXPECT_EQ(moved->status, 200);
    EXPECT_NE(visible_text(moved->body).find("The division of Library laptop is now \"Witney\"."),
              std::string::npos);
    page = officer_.get("/consultations/central-test?division=Witney");
    ASSERT_TRUE(page);
    EXPECT_EQ(result_count(page->body, "rating:2"), 1);
    auto gone = officer_.get("/consultations/central-test?division=Carterton");
    ASSERT_TRUE(gone);
    EXPECT_EQ(gone->status, 400) << "no device carries Carterton any more";
}

}  // namespace
}  // namespace fv::test
