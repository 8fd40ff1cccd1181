// The console's words page against the real fieldvoice-central: texts in people's own words of
// every kind (free-text and "other" answers, meeting notes, partner feedback) with their source,
// full-text search that no typed query can break, theme tags and their counts, refusals that
// store nothing (a missing text, a theme that is not the consultation's, a viewer), and the
// schema migration that back-fills a store made before the words existed.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <regex>

#include "core/util/ids.hpp"
#include "core/util/seal.hpp"
#include "integration/support/central_fixtures.hpp"
#include "integration/support/console_browser.hpp"

namespace fv::test {
namespace {

using nlohmann::json;

constexpr const char* kPassword = "correct horse battery staple";
constexpr const char* kWords = "/consultations/words-test/words";

json words_definition(const std::string& public_key) {
    return json{
        {"id", "words-test"},
        {"version", 1},
        {"title", {{"en", "Words test"}}},
        {"languages", json::array({"en"})},
        {"privacy_notice", {{"en", "We keep your answers for two years."}}},
        {"public_key", public_key},
        {"themes", json::array({"transport", "opening-hours", "staff"})},
        {"questions",
         json::array({{{"id", "rating"},
                       {"type", "smiley"},
                       {"prompt", {{"en", "How was it?"}}},
                       {"required", true}},
                      {{"id", "used"},
                       {"type", "multi_choice"},
                       {"prompt", {{"en", "What did you use?"}}},
                       {"options", json::array({{{"id", "books"}, {"label", {{"en", "Books"}}}},
                                                {{"id", "wifi"}, {"label", {{"en", "Wi-Fi"}}}}})},
                       {"other", true}},
                      {{"id", "why"}, {"type", "text"}, {"prompt", {{"en", "Tell us why"}}}},
                      {{"id", "name"},
                       {"type", "text"},
                       {"personal", true},
                       {"prompt", {{"en", "Your name"}}}}})}};
}

// Runs one SQL statement on the store's file and returns the first column of its first row.
std::string query_one(const std::filesystem::path& db_path, const std::string& sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(db_path.c_str(), &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 10000);
    sqlite3_stmt* stmt = nullptr;
    std::string out;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0)) {
        out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    } else if (!stmt) {
        ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db);
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return out;
}

// The word id of the text shown as `text`, or 0.
long word_id(const std::string& html, const std::string& text) {
    const std::regex item(
        "data-word-id=\"([0-9]+)\" data-kind=\"[a-z]+\">\\s*<p class=\"govuk-body "
        "fv-word__text\">([^<]*)</p>");
    for (std::sregex_iterator it(html.begin(), html.end(), item), end; it != end; ++it) {
        if (html_unescape((*it)[2]) == text) return std::stol((*it)[1]);
    }
    return 0;
}

// The block of the page for one text: from its <li> to the next.
std::string word_block(const std::string& html, long id) {
    const auto start = html.find("id=\"word-" + std::to_string(id) + "\"");
    if (start == std::string::npos) return "";
    return html.substr(start, html.find("</li>", start) - start);
}

std::optional<long> theme_count(const std::string& html, const std::string& theme) {
    const std::regex cell("data-theme-count=\"" + theme + "\">([0-9,]+)<");
    std::smatch m;
    if (!std::regex_search(html, m, cell)) return std::nullopt;
    std::string digits = m[1];
    digits.erase(std::remove(digits.begin(), digits.end(), ','), digits.end());
    return std::stol(digits);
}

class CentralConsoleWords : public ::testing::Test {
  protected:
    void SetUp() override {
        keys_ = generate_keypair();
        const auto file = central_.dir() / "words-test.json";
        std::ofstream(file) << words_definition(keys_.public_key_b64).dump(2);
        central_.publish(file);
        central_.start();
        auto once = central_.run({"add-user", "--email", "ann@example.org", "--name", "Ann Officer",
                                  "--role", "officer"});
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
        const json& results = reply.at("results");
        for (const auto& r : results) ASSERT_EQ(r["status"], "stored") << res->body;
    }

    void upload_session(const Device& device, const json& session) {
        json body{{"device_id", device.device_id}, {"sessions", json::array({session})}};
        auto res = post_json(central_, "/sessions", device.token, body.dump());
        ASSERT_TRUE(res);
        ASSERT_EQ(res->status, 200) << res->body;
        const json reply = json::parse(res->body);
        ASSERT_EQ(reply.at("results").at(0).at("status"), "stored") << res->body;
    }

    // A kiosk's quotable free text with an "other" text, a partner's feedback, a meeting with
    // two notes (one tagged "staff" at the meeting) and a meeting response naming it, and a
    // response whose name is sealed.
    void fill() {
        const Device witney = enrol_in("Witney kiosk", "Witney");
        const Device banbury = enrol_in("Banbury laptop", "Banbury");
        json kiosk = make_response(1,
                                   json{{"rating", 4},
                                        {"used", json::array({"books", "other:board games"})},
                                        {"why", "The staff are always kind"}},
                                   "words-test");
        kiosk["consent"]["quote_publicly"] = true;
        json partner = make_response(1, json{{"rating", 2}, {"why", "Our members cannot reach it"}},
                                     "words-test");
        partner["mode"] = "partner";
        partner["participant"] = {{"kind", "partner"}, {"organisation", "Age UK Oxfordshire"}};
        json sealed = make_response(1, json{{"rating", 3}}, "words-test");
        sealed["sealed"] = *seal_to(json{{"name", "Secret Person"}}.dump(), keys_.public_key_b64);
        upload(witney, json::array({kiosk, partner, sealed}));

        session_id_ = new_uuid();
        const std::string now = now_rfc3339();
        upload_session(
            banbury,
            json{{"id", session_id_},
                 {"title", "Banbury town meeting"},
                 {"place", "Town Hall"},
                 {"division", "Banbury"},
                 {"facilitator", "Cllr Jones"},
                 {"consultation_id", "words-test"},
                 {"consultation_version", 1},
                 {"started_at", now},
                 {"ended_at", now},
                 {"notes",
                  json::array({{{"id", new_uuid()},
                                {"text", "Parking near the library is hard"},
                                {"themes", json::array()},
                                {"said_by", {{"kind", "resident"}, {"organisation", nullptr}}},
                                {"created_at", now},
                                {"edited_at", nullptr}},
                               {{"id", new_uuid()},
                                {"text", "The bus stops before the library opens"},
                                {"themes", json::array({"staff"})},
                                {"said_by", {{"kind", "partner"}, {"organisation", "Stagecoach"}}},
                                {"created_at", now},
                                {"edited_at", nullptr}}})}});
        json meeting =
            make_response(1, json{{"rating", 5}, {"why", "Open on Sundays please"}}, "words-test");
        meeting["mode"] = "meeting";
        meeting["session_id"] = session_id_;
        upload(banbury, json::array({meeting}));
    }

    void look(const std::string& html, const std::string& name, int height = 1400) {
        const auto file = officer_.save_page(html, "console-screens", name);
        const auto png = screenshot(file, 1280, height);
        if (!png.empty()) std::printf("screenshot: %s\n", std::filesystem::absolute(png).c_str());
    }

    CentralProcess central_;
    KeyPair keys_;
    std::string session_id_;
    ConsoleBrowser officer_{central_};
};

TEST_F(CentralConsoleWords, TextsOfEveryKindAppearWithTheirSource) {
    fill();
    auto page = officer_.get(kWords);
    ASSERT_TRUE(page);
    ASSERT_EQ(page->status, 200) << visible_text(page->body);
    const std::string& html = page->body;
    EXPECT_NE(visible_text(html).find("6 texts: all of them."), std::string::npos)
        << visible_text(html);

    const long staff = word_id(html, "The staff are always kind");
    const long other = word_id(html, "board games");
    const long partner = word_id(html, "Our members cannot reach it");
    const long parking = word_id(html, "Parking near the library is hard");
    const long bus = word_id(html, "The bus stops before the library opens");
    const long sundays = word_id(html, "Open on Sundays please");
    for (long id : {staff, other, partner, parking, bus, sundays}) ASSERT_GT(id, 0) << html;

    const std::string kiosk_text = visible_text(word_block(html, staff));
    EXPECT_NE(kiosk_text.find("Free-text answer"), std::string::npos) << kiosk_text;
    EXPECT_NE(kiosk_text.find("Quotable"), std::string::npos) << kiosk_text;
    EXPECT_NE(kiosk_text.find("Mode kiosk"), std::string::npos) << kiosk_text;
    EXPECT_NE(kiosk_text.find("Question Tell us why (why)"), std::string::npos) << kiosk_text;
    EXPECT_NE(kiosk_text.find("Division Witney"), std::string::npos) << kiosk_text;
    const std::string other_text = visible_text(word_block(html, other));
    EXPECT_NE(other_text.find("“Other” answer"), std::string::npos) << other_text;
    EXPECT_NE(other_text.find("Question What did you use? (used)"), std::string::npos);
    EXPECT_NE(other_text.find("Quotable"), std::string::npos);

    const std::string partner_text = visible_text(word_block(html, partner));
    EXPECT_NE(partner_text.find("Mode partner"), std::string::npos) << partner_text;
    EXPECT_NE(partner_text.find("Organisation Age UK Oxfordshire"), std::string::npos);
    EXPECT_EQ(partner_text.find("Quotable"), std::string::npos) << partner_text;

    const std::string bus_text = visible_text(word_block(html, bus));
    EXPECT_NE(bus_text.find("Meeting note"), std::string::npos) << bus_text;
    EXPECT_NE(bus_text.find("Mode meeting"), std::string::npos);
    EXPECT_NE(bus_text.find("Meeting Banbury town meeting"), std::string::npos) << bus_text;
    EXPECT_NE(bus_text.find("Organisation Stagecoach"), std::string::npos);
    EXPECT_NE(bus_text.find("Division Banbury"), std::string::npos);
    EXPECT_NE(bus_text.find("Not for quoting"), std::string::npos);
    // The theme the meeting gave it is kept as a tag.
    EXPECT_NE(word_block(html, bus).find("data-theme=\"staff\""), std::string::npos);
    const std::string sundays_text = visible_text(word_block(html, sundays));
    EXPECT_NE(sundays_text.find("Meeting Banbury town meeting"), std::string::npos) << sundays_text;

    // The sealed answer is never read; a blank text is not a text.
    EXPECT_EQ(html.find("Secret Person"), std::string::npos);
    EXPECT_EQ(query_one(central_.db_path(), "SELECT count(*) FROM own_words"), "6");

    // Filters as on the results page.
    auto notes = officer_.get(std::string(kWords) + "?kind=note");
    ASSERT_TRUE(notes);
    EXPECT_NE(visible_text(notes->body).find("2 texts: meeting notes only."), std::string::npos)
        << visible_text(notes->body);
    auto witney = officer_.get(std::string(kWords) + "?division=Witney&mode=partner");
    ASSERT_TRUE(witney);
    EXPECT_NE(visible_text(witney->body).find("1 text:"), std::string::npos)
        << visible_text(witney->body);
    EXPECT_GT(word_id(witney->body, "Our members cannot reach it"), 0);
    auto bad = officer_.get(std::string(kWords) + "?mode=bogus&theme=nope&kind=poem");
    ASSERT_TRUE(bad);
    EXPECT_EQ(bad->status, 400);
    const std::string bad_text = visible_text(bad->body);
    EXPECT_NE(bad_text.find("Mode: \"bogus\" is not one of"), std::string::npos) << bad_text;
    EXPECT_NE(bad_text.find("Theme: \"nope\" is not one of this consultation's themes "
                            "(transport, opening-hours, staff)."),
              std::string::npos)
        << bad_text;
    EXPECT_NE(bad_text.find("Kind of text: \"poem\""), std::string::npos);

    // Linked from the consultations list and the results page.
    auto list = officer_.get("/consultations");
    ASSERT_TRUE(list);
    EXPECT_NE(list->body.find(officer_.path(kWords)), std::string::npos);
    auto results = officer_.get("/consultations/words-test");
    ASSERT_TRUE(results);
    EXPECT_NE(results->body.find(officer_.path(kWords)), std::string::npos);
    look(html, "words", 3000);
}

TEST_F(CentralConsoleWords, SearchFindsANoteAndNoQueryBreaksThePage) {
    fill();
    auto found = officer_.get(std::string(kWords) + "?q=parking");
    ASSERT_TRUE(found);
    ASSERT_EQ(found->status, 200);
    EXPECT_NE(visible_text(found->body).find("1 text: with the words “parking”."),
              std::string::npos)
        << visible_text(found->body);
    EXPECT_GT(word_id(found->body, "Parking near the library is hard"), 0);
    // Stemmed: "park" finds "Parking"; every word is needed.
    auto stem = officer_.get(std::string(kWords) + "?q=park");
    ASSERT_TRUE(stem);
    EXPECT_GT(word_id(stem->body, "Parking near the library is hard"), 0);
    auto both = officer_.get(std::string(kWords) + "?q=library%20bus");
    ASSERT_TRUE(both);
    EXPECT_NE(visible_text(both->body).find("1 text:"), std::string::npos)
        << visible_text(both->body);

    for (const std::string odd :
         {"%22", "AND%28", "NEAR(", "%2A", "%27", "a%20OR", "%29%29", "%22%22%22", "NOT", "-",
          "%5E", "col%3Avalue", "%7B%7D", "%F0%9F%98%80", "%00x"}) {
        auto page = officer_.get(std::string(kWords) + "?q=" + odd);
        ASSERT_TRUE(page) << odd;
        EXPECT_EQ(page->status, 200) << odd << "\n" << visible_text(page->body);
        EXPECT_NE(page->body.find("id=\"word-count\""), std::string::npos) << odd;
    }
    auto nothing = officer_.get(std::string(kWords) + "?q=AND%28");
    ASSERT_TRUE(nothing);
    EXPECT_NE(visible_text(nothing->body).find("No text matches"), std::string::npos);

    // The index is brought up to date by the search: a text stored since is found, once.
    const Device later = enrol_in("Later kiosk", "Witney");
    upload(later, json::array({make_response(1, json{{"rating", 1}, {"why", "Parking again"}},
                                             "words-test")}));
    auto again = officer_.get(std::string(kWords) + "?q=parking");
    ASSERT_TRUE(again);
    EXPECT_NE(visible_text(again->body).find("2 texts:"), std::string::npos)
        << visible_text(again->body);
    EXPECT_GT(word_id(again->body, "Parking again"), 0);
    auto once_more = officer_.get(std::string(kWords) + "?q=parking");
    ASSERT_TRUE(once_more);
    EXPECT_NE(visible_text(once_more->body).find("2 texts:"), std::string::npos);
    EXPECT_EQ(query_one(central_.db_path(),
                        "SELECT count(*) FROM own_words_fts WHERE own_words_fts MATCH 'parking'"),
              "2");
}

TEST_F(CentralConsoleWords, TaggingChangesTheThemeCountsAndIsAudited) {
    fill();
    auto page = officer_.get(kWords);
    ASSERT_TRUE(page);
    EXPECT_EQ(theme_count(page->body, "transport"), 0);
    EXPECT_EQ(theme_count(page->body, "staff"), 1);  // given at the meeting
    EXPECT_EQ(theme_count(page->body, ""), 5);       // not tagged
    const long parking = word_id(page->body, "Parking near the library is hard");
    const long bus = word_id(page->body, "The bus stops before the library opens");
    const std::string base = std::string(kWords) + "/";

    auto tagged = officer_.post(base + std::to_string(parking) + "/tag",
                                {{"theme", "transport"}, {"return", "kind=note"}});
    ASSERT_TRUE(tagged);
    ASSERT_EQ(tagged->status, 303) << visible_text(tagged->body);
    EXPECT_EQ(tagged->get_header_value("Location"),
              officer_.path(std::string(kWords) + "?kind=note#word-" + std::to_string(parking)));
    ASSERT_EQ(officer_.post(base + std::to_string(bus) + "/tag", {{"theme", "transport"}})->status,
              303);
    ASSERT_EQ(
        officer_.post(base + std::to_string(bus) + "/tag", {{"theme", "opening-hours"}})->status,
        303);

    page = officer_.get(kWords);
    ASSERT_TRUE(page);
    EXPECT_EQ(theme_count(page->body, "transport"), 2);
    EXPECT_EQ(theme_count(page->body, "opening-hours"), 1);
    EXPECT_EQ(theme_count(page->body, "staff"), 1);
    EXPECT_EQ(theme_count(page->body, ""), 4);
    EXPECT_NE(word_block(page->body, bus).find("data-theme=\"opening-hours\""), std::string::npos);
    // The counts follow the filter: a search for parking sees one transport text.
    auto searched = officer_.get(std::string(kWords) + "?q=parking");
    ASSERT_TRUE(searched);
    EXPECT_EQ(theme_count(searched->body, "transport"), 1);
    EXPECT_EQ(theme_count(searched->body, "opening-hours"), 0);
    auto by_theme = officer_.get(std::string(kWords) + "?theme=transport");
    ASSERT_TRUE(by_theme);
    EXPECT_NE(visible_text(by_theme->body).find("2 texts"), std::string::npos);
    EXPECT_EQ(word_id(by_theme->body, "The staff are always kind"), 0);
    look(page->body, "words-tagged", 3000);

    ASSERT_EQ(
        officer_.post(base + std::to_string(bus) + "/untag", {{"theme", "transport"}})->status,
        303);
    page = officer_.get(kWords);
    EXPECT_EQ(theme_count(page->body, "transport"), 1);
    EXPECT_EQ(
        query_one(central_.db_path(),
                  "SELECT count(*) FROM audit_log WHERE action IN ('tag text', 'untag text')"),
        "4");
    EXPECT_EQ(query_one(central_.db_path(), "SELECT tagged_by FROM own_word_tags WHERE word_id = " +
                                                std::to_string(parking)),
              "ann@example.org");
}

TEST_F(CentralConsoleWords, ATagOnAMissingTextOrWithAnotherThemeStoresNothing) {
    fill();
    auto page = officer_.get(kWords);
    ASSERT_TRUE(page);
    const long parking = word_id(page->body, "Parking near the library is hard");

    auto missing = officer_.post(std::string(kWords) + "/999999/tag", {{"theme", "transport"}});
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->status, 404);
    const std::string missing_text = visible_text(missing->body);
    EXPECT_NE(
        missing_text.find(
            "There is no text number 999999 among the texts in people's own words for words-test"),
        std::string::npos)
        << missing_text;
    EXPECT_NE(missing_text.find("nothing was tagged"), std::string::npos);
    look(missing->body, "words-missing-text");

    auto wrong = officer_.post(std::string(kWords) + "/" + std::to_string(parking) + "/tag",
                               {{"theme", "weather"}});
    ASSERT_TRUE(wrong);
    EXPECT_EQ(wrong->status, 400);
    const std::string wrong_text = visible_text(wrong->body);
    EXPECT_NE(wrong_text.find("The theme \"weather\" is not one of words-test's themes"),
              std::string::npos)
        << wrong_text;
    EXPECT_NE(wrong_text.find("Its themes are: transport, opening-hours, staff."),
              std::string::npos);

    auto stale = officer_.post(std::string(kWords) + "/" + std::to_string(parking) + "/tag",
                               {{"theme", "transport"}, {"csrf", "stale"}}, false);
    ASSERT_TRUE(stale);
    EXPECT_EQ(stale->status, 403);
    EXPECT_EQ(query_one(central_.db_path(), "SELECT count(*) FROM own_word_tags"), "1");
}

TEST_F(CentralConsoleWords, AViewerSeesTagsButCannotTag) {
    fill();
    auto page = officer_.get(kWords);
    const long parking = word_id(page->body, "Parking near the library is hard");
    ASSERT_EQ(officer_
                  .post(std::string(kWords) + "/" + std::to_string(parking) + "/tag",
                        {{"theme", "transport"}})
                  ->status,
              303);

    auto once = central_.run(
        {"add-user", "--email", "cllr@example.org", "--name", "Cllr Jones", "--role", "viewer"});
    ASSERT_EQ(once.exit_code, 0) << once.err;
    ConsoleBrowser viewer{central_};
    viewer.first_sign_in("cllr@example.org", once.last_line(), kPassword);
    auto seen = viewer.get(kWords);
    ASSERT_TRUE(seen);
    ASSERT_EQ(seen->status, 200);
    EXPECT_NE(word_block(seen->body, parking).find("data-theme=\"transport\""), std::string::npos);
    EXPECT_EQ(seen->body.find("/tag\""), std::string::npos);
    EXPECT_EQ(seen->body.find("/untag\""), std::string::npos);
    auto refused = viewer.post(std::string(kWords) + "/" + std::to_string(parking) + "/untag",
                               {{"theme", "transport"}});
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 403);
    EXPECT_EQ(query_one(central_.db_path(), "SELECT count(*) FROM own_word_tags"), "2");
}

TEST_F(CentralConsoleWords, TextsComeFiftyAPageWithTheirTotal) {
    const Device device = enrol_in("Witney kiosk", "Witney");
    json many = json::array();
    for (int i = 0; i < 120; ++i) {
        many.push_back(make_response(1, json{{"rating", 3}, {"why", "Reason " + std::to_string(i)}},
                                     "words-test"));
    }
    upload(device, many);
    const std::regex item("data-word-id=\"[0-9]+\"");
    auto count_items = [&](const std::string& html) {
        return std::distance(std::sregex_iterator(html.begin(), html.end(), item),
                             std::sregex_iterator());
    };
    auto first = officer_.get(kWords);
    ASSERT_TRUE(first);
    EXPECT_NE(visible_text(first->body).find("120 texts"), std::string::npos);
    EXPECT_EQ(count_items(first->body), 50);
    EXPECT_NE(visible_text(first->body).find("Page 1 of 3"), std::string::npos);
    EXPECT_NE(first->body.find("words?page=2\" rel=\"next\""), std::string::npos);
    auto last = officer_.get(std::string(kWords) + "?page=3");
    ASSERT_TRUE(last);
    EXPECT_EQ(count_items(last->body), 20);
    EXPECT_NE(last->body.find("start=\"101\""), std::string::npos);
    EXPECT_NE(last->body.find("aria-current=\"page\">3<"), std::string::npos);
    // A search keeps its words in the page links.
    auto searched = officer_.get(std::string(kWords) + "?q=reason&kind=answer");
    ASSERT_TRUE(searched);
    EXPECT_NE(searched->body.find("words?q=reason&amp;kind=answer&amp;page=2"), std::string::npos);
    auto bad = officer_.get(std::string(kWords) + "?page=zero");
    ASSERT_TRUE(bad);
    EXPECT_EQ(bad->status, 400);
    EXPECT_NE(visible_text(bad->body).find("Page: \"zero\" is not a page number"),
              std::string::npos);
}

TEST_F(CentralConsoleWords, AStoreMadeBeforeTheWordsShowsItsOldTextsOnTheWordsPage) {
    fill();
    ASSERT_EQ(central_.terminate(), 0);
    // Back to schema 3: what a store made before own words holds.
    {
        sqlite3* db = nullptr;
        ASSERT_EQ(sqlite3_open(central_.db_path().c_str(), &db), SQLITE_OK);
        char* error = nullptr;
        const int rc = sqlite3_exec(db,
                                    "DROP INDEX responses_continuing; "
                                    "DROP INDEX responses_flagged; "
                                    "ALTER TABLE responses DROP COLUMN continues; "
                                    "ALTER TABLE responses DROP COLUMN flags; "
                                    "ALTER TABLE responses DROP COLUMN reference; "
                                    "DROP TABLE response_references; "
                                    "DROP TABLE references_read; DROP TABLE erasures; "
                                    "DROP TABLE own_words_indexed; DROP TABLE own_word_tags; "
                                    "DROP TABLE own_words_read; "
                                    "DROP TABLE own_words_fts; DROP TABLE own_words; "
                                    "DROP TABLE reference_populations; DROP TABLE outcomes; "
                                    "PRAGMA user_version = 3;",
                                    nullptr, nullptr, &error);
        EXPECT_EQ(rc, SQLITE_OK) << (error ? error : "");
        sqlite3_free(error);
        sqlite3_close(db);
    }
    EXPECT_EQ(query_one(central_.db_path(), "PRAGMA user_version"), "3");
    central_.start();
    EXPECT_EQ(query_one(central_.db_path(), "PRAGMA user_version"), "8");
    // On its way it passed through version 4 (reference populations) and 6 (outcomes).
    EXPECT_EQ(query_one(central_.db_path(), "SELECT count(*) FROM reference_populations"), "0");
    EXPECT_EQ(query_one(central_.db_path(), "SELECT count(*) FROM outcomes"), "0");
    officer_.sign_in("ann@example.org", kPassword);
    // The texts already stored are found when the words page is first opened.
    auto page = officer_.get(std::string(kWords) + "?q=parking");
    ASSERT_TRUE(page);
    ASSERT_EQ(page->status, 200);
    const long parking = word_id(page->body, "Parking near the library is hard");
    ASSERT_GT(parking, 0);
    EXPECT_NE(visible_text(word_block(page->body, parking)).find("Meeting Banbury town meeting"),
              std::string::npos);
    auto all = officer_.get(kWords);
    const long staff = word_id(all->body, "The staff are always kind");
    EXPECT_NE(visible_text(word_block(all->body, staff)).find("Quotable"), std::string::npos);
    EXPECT_EQ(query_one(central_.db_path(), "SELECT count(*) FROM own_words"), "6");
    EXPECT_EQ(query_one(central_.db_path(), "SELECT theme FROM own_word_tags"), "staff");
}

}  // namespace
}  // namespace fv::test
