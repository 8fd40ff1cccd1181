// The console's equality page against the real fieldvoice-central, filled through the real sync
// API: who answered each equalities question, a breakdown whose small counts read "fewer than 5"
// with no hidden count left to work out, the CSV of the same tables, the reference population
// upload (refused line by line, or stored) and its representation table, and the roles.
#include <gtest/gtest.h>

#include <map>

#include "core/stats/suppression.hpp"
#include "integration/support/central_fixtures.hpp"
#include "integration/support/console_browser.hpp"

namespace fv::test {
namespace {

using nlohmann::json;

constexpr const char* kPassword = "correct horse battery staple";
constexpr const char* kPage = "/consultations/libraries-2027/equality";

const std::vector<std::string> kHours = {"weekday-evenings", "saturday", "sunday", "early-morning",
                                         "no-change"};
const std::vector<std::string> kAges = {"under-16", "16-24",   "25-44",
                                        "45-64",    "65-plus", "prefer-not-to-say"};

// The text of the cell whose data-cell (or data-count) attribute is `key`, or "(none)".
std::string cell(const std::string& html, const std::string& attribute, const std::string& key) {
    const std::string needle = attribute + "=\"" + key + "\">";
    const auto at = html.find(needle);
    if (at == std::string::npos) return "(none)";
    const auto end = html.find('<', at + needle.size());
    return html.substr(at + needle.size(), end - at - needle.size());
}

class CentralConsoleEquality : public ::testing::Test {
  protected:
    void SetUp() override {
        central_.publish(std::filesystem::path(FIELDVOICE_ASSETS_DIR) /
                         "consultations/libraries-2027.json");
        central_.start();
        officer_.first_sign_in("ann@example.org", add_user("ann@example.org", "officer"),
                               kPassword);
        // Witney: 30 people, by opening hours and age; Banbury: 6 who skipped the age question.
        json witney = json::array();
        auto add = [&](json& batch, const std::string& hours, const std::string& age, int n) {
            for (int i = 0; i < n; ++i) {
                json answers{{"visit-rating", 4}, {"opening-hours", hours}};
                if (!age.empty()) answers["age-band"] = age;
                batch.push_back(make_response(1, answers, "libraries-2027"));
            }
        };
        add(witney, "saturday", "25-44", 6);
        add(witney, "saturday", "45-64", 6);
        add(witney, "saturday", "65-plus", 2);
        add(witney, "weekday-evenings", "25-44", 5);
        add(witney, "weekday-evenings", "45-64", 5);
        add(witney, "weekday-evenings", "16-24", 1);
        add(witney, "sunday", "25-44", 5);
        upload(enrol_in("Witney kiosk", "Witney"), witney);
        json banbury = json::array();
        add(banbury, "saturday", "", 6);
        upload(enrol_in("Banbury laptop", "Banbury"), banbury);
    }

    std::string add_user(const std::string& email, const std::string& role) {
        auto made =
            central_.run({"add-user", "--email", email, "--name", "Test " + role, "--role", role});
        EXPECT_EQ(made.exit_code, 0) << made.err;
        return made.last_line();
    }

    Device enrol_in(const std::string& name, const std::string& division) {
        auto made = central_.run({"enrol-code", "--name", name, "--division", division});
        EXPECT_EQ(made.exit_code, 0) << made.err;
        auto res = post_json(central_, "/devices/enrol", "",
                             json{{"code", made.last_line()}, {"device_name", name}}.dump());
        EXPECT_TRUE(res && res->status == 201);
        const json reply = json::parse(res->body);
        return {reply["device_id"], reply["token"]};
    }

    void upload(const Device& device, const json& responses) {
        auto res = post_json(central_, "/responses", device.token, batch(device, responses).dump());
        ASSERT_TRUE(res);
        ASSERT_EQ(res->status, 200) << res->body;
        const json reply = json::parse(res->body);
        for (const auto& r : reply["results"]) ASSERT_EQ(r["status"], "stored") << r.dump();
    }

    void look(const std::string& html, const std::string& name, int height = 3200) {
        const auto file = officer_.save_page(html, "console-screens", name);
        const auto png = screenshot(file, 1280, height);
        if (!png.empty()) std::printf("screenshot: %s\n", std::filesystem::absolute(png).c_str());
    }

    CentralProcess central_;
    ConsoleBrowser officer_{central_};
};

TEST_F(CentralConsoleEquality, WhoAnsweredCountsEveryoneAndSmallCountsReadFewerThan5) {
    auto page = officer_.get(kPage);
    ASSERT_TRUE(page);
    ASSERT_EQ(page->status, 200) << visible_text(page->body);
    const std::string& html = page->body;
    EXPECT_EQ(cell(html, "data-count", "age-band:25-44"), "16");
    EXPECT_EQ(cell(html, "data-count", "age-band:45-64"), "11");
    EXPECT_EQ(cell(html, "data-count", "age-band:65-plus"), "fewer than 5");
    EXPECT_EQ(cell(html, "data-count", "age-band:16-24"), "fewer than 5");
    EXPECT_EQ(cell(html, "data-count", "age-band:under-16"), "0");
    EXPECT_EQ(cell(html, "data-count", "age-band:prefer-not-to-say"), "0");
    EXPECT_EQ(cell(html, "data-count", "age-band:none"), "6");  // Banbury's, who skipped it
    EXPECT_EQ(cell(html, "data-count", "age-band:total"), "36");
    EXPECT_NE(html.find("Prefer not to say"), std::string::npos);
    // The disability question was answered by nobody: all 36 under "No answer".
    EXPECT_EQ(cell(html, "data-count", "disability:none"), "36");
    const std::string text = visible_text(html);
    EXPECT_NE(text.find("44.4%"), std::string::npos) << "16 of 36";
    // A share of a suppressed count would give it away.
    EXPECT_EQ(text.find("5.6%"), std::string::npos) << "2 of 36 is hidden";
    look(html, "equality");

    // Filtered to Witney, only its 30.
    auto witney = officer_.get(std::string(kPage) + "?division=Witney");
    ASSERT_TRUE(witney);
    EXPECT_EQ(cell(witney->body, "data-count", "age-band:total"), "30");
    EXPECT_EQ(cell(witney->body, "data-count", "age-band:none"), "0");
}

TEST_F(CentralConsoleEquality, ABreakdownHidesEverySmallCountAndLeavesNoneToWorkOut) {
    auto page = officer_.get(std::string(kPage) + "?question=opening-hours&by=age-band");
    ASSERT_TRUE(page);
    ASSERT_EQ(page->status, 200) << visible_text(page->body);
    const std::string& html = page->body;
    // The true table: rows of opening hours, columns of ages then "No answer".
    std::map<std::string, std::map<std::string, std::int64_t>> truth;
    truth["saturday"] = {{"25-44", 6}, {"45-64", 6}, {"65-plus", 2}, {"none", 6}};
    truth["weekday-evenings"] = {{"25-44", 5}, {"45-64", 5}, {"16-24", 1}};
    truth["sunday"] = {{"25-44", 5}};
    std::vector<std::string> columns = kAges;
    columns.push_back("none");
    std::vector<std::vector<std::int64_t>> counts;
    for (const auto& h : kHours) {
        counts.emplace_back();
        for (const auto& a : columns) counts.back().push_back(truth[h][a]);
    }
    const SuppressedCrossTab expected = suppress_cross_tab(counts);

    auto suppressed = [](const std::string& text) {
        return text == "fewer than 5" || text == "hidden";
    };
    int hidden = 0;
    for (std::size_t r = 0; r < kHours.size(); ++r) {
        int in_row = 0;
        for (std::size_t c = 0; c < columns.size(); ++c) {
            const std::string text = cell(html, "data-cell", kHours[r] + "|" + columns[c]);
            const std::int64_t n = counts[r][c];
            const std::string where = kHours[r] + "|" + columns[c];
            if (n >= 1 && n <= 4) {
                EXPECT_EQ(text, "fewer than 5") << where;
            } else if (n == 0) {
                EXPECT_TRUE(text == "0" || text == "hidden") << where << ": " << text;
            } else if (!suppressed(text)) {
                EXPECT_EQ(text, std::to_string(n)) << where;
            }
            EXPECT_EQ(suppressed(text), expected.cells[r][c] != CellDisplay::shown);
            hidden += text == "hidden";
            in_row += suppressed(text);
        }
        const std::string total = cell(html, "data-cell", kHours[r] + "|all");
        in_row += suppressed(total);
        // One hidden value on a line whose other values and total are shown is worked out by
        // subtracting: a line has none or at least two.
        EXPECT_NE(in_row, 1) << "row " << kHours[r];
    }
    for (std::size_t c = 0; c < columns.size(); ++c) {
        int in_column = suppressed(cell(html, "data-cell", "all|" + columns[c]));
        for (const auto& h : kHours)
            in_column += suppressed(cell(html, "data-cell", h + "|" + columns[c]));
        EXPECT_NE(in_column, 1) << "column " << columns[c];
    }
    EXPECT_GT(hidden, 0) << "the 2 and 1 need secondary suppression";
    EXPECT_EQ(cell(html, "data-cell", "all|all"), "36");
    look(html, "equality-breakdown");

    // The CSV download holds the same cells.
    auto csv = officer_.get("/consultations/libraries-2027/equality.csv");
    ASSERT_TRUE(csv);
    ASSERT_EQ(csv->status, 200);
    int compared = 0;
    for (const auto& row : parse_csv(csv->body)) {
        if (row.size() < 9 || row[0] != "breakdown" || row[1] != "opening-hours" ||
            row[2] != "age-band") {
            continue;
        }
        EXPECT_EQ(row[7], cell(html, "data-cell", row[3] + "|" + row[5]))
            << row[3] << "|" << row[5];
        ++compared;
    }
    EXPECT_EQ(compared, static_cast<int>((kHours.size() + 1) * (columns.size() + 1)));
    EXPECT_NE(csv->body.find("who answered,age-band,,65-plus,65 or over,,,fewer than 5,"),
              std::string::npos);
}

TEST_F(CentralConsoleEquality, ABadBreakdownOrFilterSaysWhatIsWrong) {
    auto by = officer_.get(std::string(kPage) + "?by=opening-hours");
    ASSERT_TRUE(by);
    EXPECT_EQ(by->status, 400);
    EXPECT_NE(visible_text(by->body).find("Broken down by: \"opening-hours\" is not an equalities "
                                          "question; choose one of age-band, disability."),
              std::string::npos)
        << visible_text(by->body);
    auto question = officer_.get(std::string(kPage) + "?question=visit-better");
    ASSERT_TRUE(question);
    EXPECT_EQ(question->status, 400);
    EXPECT_NE(visible_text(question->body)
                  .find("Question: \"visit-better\" is not a question "
                        "with counted answers"),
              std::string::npos);
    auto mode = officer_.get(std::string(kPage) + "?mode=bogus");
    ASSERT_TRUE(mode);
    EXPECT_EQ(mode->status, 400);
    EXPECT_NE(visible_text(mode->body).find("Mode: \"bogus\" is not one of"), std::string::npos);
    auto unknown = officer_.get("/consultations/nothing/equality");
    ASSERT_TRUE(unknown);
    EXPECT_EQ(unknown->status, 404);
}

TEST_F(CentralConsoleEquality, AReferenceIsRefusedLineByLineOrStoredAndMarksTheGroupsHeardLeast) {
    const std::string page_path = std::string(kPage);
    auto before = officer_.get(page_path);
    ASSERT_TRUE(before);
    EXPECT_NE(before->body.find("id=\"no-reference\""), std::string::npos);

    const std::string bad =
        "question_id,option_key,share\n"
        "age-band,25-44,0.5\n"
        "age-band,over-90,0.2\n"
        "opening-hours,saturday,0.3\n";
    auto refused =
        officer_.upload(page_path + "/reference", "census-bad.csv", bad, true, "reference");
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 400);
    const std::string refused_text = visible_text(refused->body);
    EXPECT_NE(refused_text.find("census-bad.csv:"), std::string::npos) << refused_text;
    EXPECT_NE(refused_text.find("nothing stored"), std::string::npos);
    EXPECT_NE(refused_text.find("Line 3:"), std::string::npos) << refused_text;
    EXPECT_NE(refused_text.find("Line 4:"), std::string::npos) << refused_text;
    EXPECT_NE(refused->body.find("id=\"no-reference\""), std::string::npos) << "nothing stored";
    look(refused->body, "equality-reference-refused");

    const std::string good =
        "question_id,option_key,share,division\n"
        "age-band,under-16,0.2,\n"
        "age-band,16-24,0.1,\n"
        "age-band,25-44,30%,\n"
        "age-band,45-64,0.25,\n"
        "age-band,65-plus,0.15,\n"
        "age-band,under-16,0.1,Witney\n"
        "age-band,16-24,0.1,Witney\n"
        "age-band,25-44,0.3,Witney\n"
        "age-band,45-64,0.3,Witney\n"
        "age-band,65-plus,0.2,Witney\n";
    auto stored =
        officer_.upload(page_path + "/reference", "census-2021.csv", good, true, "reference");
    ASSERT_TRUE(stored);
    ASSERT_EQ(stored->status, 200) << visible_text(stored->body);
    EXPECT_NE(visible_text(stored->body).find("Stored the reference population census-2021.csv"),
              std::string::npos);

    auto page = officer_.get(page_path);
    ASSERT_TRUE(page);
    const std::string text = visible_text(page->body);
    EXPECT_NE(text.find("census-2021.csv"), std::string::npos);
    EXPECT_NE(text.find("compared county-wide"), std::string::npos);
    // Of the 30 who gave an age: nobody under 16 (a fifth of the county) is heard least.
    auto row = [&](const std::string& html, const std::string& key) {
        auto at = html.find("data-group=\"age-band:" + key + "\"");
        if (at == std::string::npos) return std::string("(none)");
        at = html.find('>', at) + 1;
        return visible_text(html.substr(at, html.find("</tr>", at) - at));
    };
    EXPECT_EQ(row(page->body, "under-16"), "Under 16 0 0.0% 20.0% 0.00 Least heard");
    EXPECT_EQ(row(page->body, "25-44"), "25 to 44 16 53.3% 30.0% 1.78");
    EXPECT_EQ(row(page->body, "65-plus"), "65 or over fewer than 5 – 15.0% – Under-represented");
    look(page->body, "equality-representation");

    // In Witney, Witney's own shares.
    auto witney = officer_.get(page_path + "?division=Witney");
    ASSERT_TRUE(witney);
    EXPECT_NE(visible_text(witney->body).find("compared with the division Witney"),
              std::string::npos);
    EXPECT_EQ(row(witney->body, "45-64"), "45 to 64 11 36.7% 30.0% 1.22");

    // A viewer reads it but cannot upload.
    ConsoleBrowser viewer{central_};
    viewer.first_sign_in("cllr@example.org", add_user("cllr@example.org", "viewer"), kPassword);
    auto read = viewer.get(page_path);
    ASSERT_TRUE(read);
    EXPECT_EQ(read->status, 200);
    EXPECT_EQ(read->body.find("Upload a reference population"), std::string::npos);
    EXPECT_EQ(read->body.find("equality.csv"), std::string::npos);
    auto post = viewer.upload(page_path + "/reference", "x.csv", good, true, "reference");
    ASSERT_TRUE(post);
    EXPECT_EQ(post->status, 403);
    auto csv = viewer.get(page_path + ".csv");
    ASSERT_TRUE(csv);
    EXPECT_EQ(csv->status, 403);
}

}  // namespace
}  // namespace fv::test
