// The one-tap pulse on the store's console against the real fieldvoice-central (docs/pulse.md):
// pulse responses and the full responses that continue them ("Tell us more?") are uploaded by a
// kiosk, in either order and across restarts, and every page that counts people counts each
// person once: the results page (its total, each question's table, the modes table), its XLSX,
// the consultations list and the public page. Flagged rapid repeats are counted and shown apart.
// Pulse is a mode of the filter; the consultations list filters by audience; a store of schema 7
// gets the continuations and flags of what it holds.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdio>
#include <fstream>
#include <set>

#include "core/model/consultation.hpp"
#include "core/util/seal.hpp"
#include "integration/support/central_fixtures.hpp"
#include "integration/support/console_browser.hpp"

namespace fv::test {
namespace {

using nlohmann::json;

constexpr const char* kPassword = "correct horse battery staple";

// central-test with its smiley "rating" as the pulse question. A definition names it with
// "pulse" (docs/format.md) once the kiosk side's validation knows the field; until then the store
// takes pulse responses to any consultation, and the definition goes without.
json pulse_definition(int version, const std::string& public_key, const std::string& id,
                      const std::vector<std::string>& audience) {
    json d = test_definition(version, public_key);
    d["id"] = id;
    d["audience"] = audience;
    json with_pulse = d;
    with_pulse["pulse"] = "rating";
    return parse_consultation(with_pulse.dump()).ok() ? with_pulse : d;
}

// The number in the first element carrying `attribute`="`key`", as a person reads it.
std::optional<long> cell(const std::string& html, const std::string& attribute,
                         const std::string& key) {
    const std::string needle = attribute + "=\"" + key + "\">";
    const auto at = html.find(needle);
    if (at == std::string::npos) return std::nullopt;
    std::string digits;
    for (std::size_t i = at + needle.size(); i < html.size() && html[i] != '<'; ++i) {
        if (std::isdigit(static_cast<unsigned char>(html[i]))) digits += html[i];
    }
    if (digits.empty()) return std::nullopt;
    return std::stol(digits);
}

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

void exec(const std::filesystem::path& db_path, const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(db_path.c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    EXPECT_EQ(rc, SQLITE_OK) << (error ? error : "");
    sqlite3_free(error);
    sqlite3_close(db);
}

// The cell texts of every sheet of an XLSX file, read by Python's zipfile (as the erasure test).
std::string xlsx_text(const std::string& bytes, const std::filesystem::path& dir) {
    const auto file = dir / "results.xlsx";
    std::ofstream(file, std::ios::binary) << bytes;
    const std::string command =
        "/usr/bin/python3 -c \"import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); "
        "[sys.stdout.write(z.read(n).decode('utf-8')) for n in z.namelist() "
        "if n.startswith('xl/worksheets/') or n == 'xl/sharedStrings.xml']\" '" +
        file.string() + "'";
    std::string out;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) return out;
    char buffer[4096];
    std::size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
    EXPECT_EQ(pclose(pipe), 0) << "python3 could not read the XLSX";
    return out;
}

class CentralPulse : public ::testing::Test {
  protected:
    void SetUp() override {
        public_key_ = generate_keypair().public_key_b64;
        publish(pulse_definition(1, public_key_, kTestConsultation, {"resident"}));
        central_.start();
        auto once = central_.run({"add-user", "--email", "ann@example.org", "--name",
                                  "Ann Officer", "--role", "officer"});
        ASSERT_EQ(once.exit_code, 0) << once.err;
        officer_.first_sign_in("ann@example.org", once.last_line(), kPassword);
        kiosk_ = enrol_device(central_, "Witney library kiosk");
    }

    void publish(const json& definition) {
        const auto file = central_.dir() / (definition["id"].get<std::string>() + ".json");
        std::ofstream(file) << definition.dump(2);
        central_.publish(file);
    }

    // A one-tap pulse: the smiley alone, no consent asked (nothing else is).
    static json pulse(int rating) {
        json r = make_response(1, json{{"rating", rating}});
        r["mode"] = "pulse";
        r["consent"] = {{"privacy_notice", false}, {"quote_publicly", false}, {"contact_me", false}};
        return r;
    }

    // "Tell us more?": the full response that continues `of`, its smiley as the person left it.
    static json told_more(const json& of, int rating, const std::string& used) {
        json r = make_response(1, json{{"rating", rating}, {"used", json::array({used})}});
        r["continues"] = of["id"];
        return r;
    }

    static json flagged(json r) {
        r["flags"] = json::array({"rapid_repeat"});
        return r;
    }

    void upload(const json& responses) {
        auto res = post_json(central_, "/responses", kiosk_.token, batch(kiosk_, responses).dump());
        ASSERT_TRUE(res);
        ASSERT_EQ(res->status, 200) << res->body;
        const json reply = json::parse(res->body);  // kept while its results are read
        for (const auto& r : reply["results"]) {
            ASSERT_EQ(r["status"], "stored") << r.dump();
        }
    }

    std::string results(const std::string& query = "") {
        auto page = officer_.get("/consultations/central-test" + query);
        EXPECT_TRUE(page);
        if (!page) return "";
        EXPECT_EQ(page->status, 200) << query << "\n" << visible_text(page->body);
        return page->body;
    }

    void look(const std::string& html, const std::string& name) {
        const auto file = officer_.save_page(html, "console-screens", name);
        const auto png = screenshot(file);
        if (!png.empty()) std::printf("screenshot: %s\n", std::filesystem::absolute(png).c_str());
    }

    CentralProcess central_;
    std::string public_key_;
    ConsoleBrowser officer_{central_};
    Device kiosk_;
};

// What the pages must say of the responses the test uploads (see below), each person once.
void expect_counted_once(const std::string& html) {
    const std::string text = visible_text(html);
    EXPECT_NE(text.find("14 responses, of which 2 flagged as rapid repeats"), std::string::npos)
        << text;
    EXPECT_NE(text.find("Each person is counted once: 2 one-tap pulse responses went on to a "
                        "full response"),
              std::string::npos)
        << text;
    // The pulses that went on (rated 2 and 1) are not counted: their continuations are (4, 4).
    EXPECT_EQ(result_count(html, "rating:1"), 0);
    EXPECT_EQ(result_count(html, "rating:2"), 0);
    EXPECT_EQ(result_count(html, "rating:3"), 10);
    EXPECT_EQ(result_count(html, "rating:4"), 2);
    EXPECT_EQ(result_count(html, "rating:5"), 2);
    EXPECT_EQ(result_count(html, "used:books"), 1);
    EXPECT_EQ(result_count(html, "used:cafe"), 1);
    // Flagged apart: one flagged kiosk response rated 3, one flagged pulse rated 5.
    EXPECT_EQ(cell(html, "data-flagged", "rating:3"), 1);
    EXPECT_EQ(cell(html, "data-flagged", "rating:5"), 1);
    EXPECT_EQ(cell(html, "data-flagged", "rating:4"), 0);
    // By mode: 12 kiosk responses (2 of them continuations), 4 pulses of which 2 told us more.
    EXPECT_EQ(cell(html, "data-mode-responses", "kiosk"), 12);
    EXPECT_EQ(cell(html, "data-mode-counted", "kiosk"), 12);
    EXPECT_EQ(cell(html, "data-mode-flagged", "kiosk"), 1);
    EXPECT_EQ(cell(html, "data-mode-responses", "pulse"), 4);
    EXPECT_EQ(cell(html, "data-mode-told-more", "pulse"), 2);
    EXPECT_EQ(cell(html, "data-mode-counted", "pulse"), 2);
    EXPECT_EQ(cell(html, "data-mode-flagged", "pulse"), 1);
    EXPECT_EQ(cell(html, "data-mode-responses", "all"), 16);
    EXPECT_EQ(cell(html, "data-mode-counted", "all"), 14);
    EXPECT_NE(text.find("One-tap pulse 4 2 2 1"), std::string::npos) << text;
}

TEST_F(CentralPulse, EachPersonIsCountedOnceWhicheverArrivesFirst) {
    // A tap that went on to a full response, the full response changing the smiley.
    const json first = pulse(2);
    upload(json::array({first, told_more(first, 4, "books")}));
    // The full response synced before its tap (another batch, later).
    const json second = pulse(1);
    const json second_more = told_more(second, 4, "cafe");
    upload(json::array({second_more}));
    // Before its tap is stored, the full response is counted as any other (and the first tap
    // with its own full response once): two people.
    std::string html = results();
    EXPECT_NE(visible_text(html).find("2 responses"), std::string::npos) << visible_text(html);
    upload(json::array({second}));
    // A tap alone, two flagged rapid repeats (one of them a tap) and ten ordinary responses.
    json rest = json::array({pulse(5), flagged(pulse(5)), flagged(make_response(1, {{"rating", 3}}))});
    for (int i = 0; i < 9; ++i) rest.push_back(make_response(1, json{{"rating", 3}}));
    upload(rest);

    html = results();
    expect_counted_once(html);
    look(html, "results-pulse");

    // Read again from the start by a restarted store: the same counts.
    ASSERT_EQ(central_.terminate(), 0);
    central_.start();
    expect_counted_once(results());  // the sign-in session is kept in the database

    // The spreadsheet's results sheet counts as the page does.
    auto xlsx = officer_.get("/consultations/central-test/results.xlsx");
    ASSERT_TRUE(xlsx);
    ASSERT_EQ(xlsx->status, 200);
    const std::string sheets = xlsx_text(xlsx->body, central_.dir());
    EXPECT_NE(sheets.find("Of which flagged as rapid repeats"), std::string::npos);
    EXPECT_NE(sheets.find("Pulse responses counted in the full response that continues them"),
              std::string::npos);
    EXPECT_NE(sheets.find("<v>14</v>"), std::string::npos) << "the people counted";
    // The CSV lists every response, the full ones naming the tap they continue.
    auto csv = officer_.get("/consultations/central-test/results.csv");
    ASSERT_TRUE(csv);
    const auto rows = parse_csv(csv->body);
    ASSERT_EQ(rows.size(), 17u);
    const auto column = std::find(rows[0].begin(), rows[0].end(), "continues");
    ASSERT_NE(column, rows[0].end());
    int naming = 0;
    for (const auto& row : rows) {
        const auto at = static_cast<std::size_t>(column - rows[0].begin());
        if (at < row.size() && (row[at] == first["id"] || row[at] == second["id"])) ++naming;
    }
    EXPECT_EQ(naming, 2);

    // The consultations list and the public page count each person once too: 14, not 16
    // (about 10, not about 20, to the nearest 10).
    auto list = officer_.get("/consultations");
    ASSERT_TRUE(list);
    EXPECT_NE(visible_text(list->body).find("Responses 14"), std::string::npos)
        << visible_text(list->body);
    auto client = client_for(central_);
    auto public_page = client.Get("/c/central-test");
    ASSERT_TRUE(public_page);
    ASSERT_EQ(public_page->status, 200);
    EXPECT_NE(visible_text(public_page->body).find("about 10 responses"), std::string::npos)
        << visible_text(public_page->body);
}

TEST_F(CentralPulse, TheCountsFromTheStoredJsonAreTheSame) {
    const json first = pulse(2), second = pulse(1);
    upload(json::array({first, told_more(first, 4, "books"), told_more(second, 4, "cafe"),
                        second, pulse(5), flagged(pulse(5)),
                        flagged(make_response(1, {{"rating", 3}}))}));
    for (int i = 0; i < 9; ++i) upload(json::array({make_response(1, json{{"rating", 3}})}));
    const std::string from_index = results();
    expect_counted_once(from_index);
    // A version 2 that makes "used" a single choice: the answer index read its answers as a
    // multiple choice, so the page counts from the stored JSON (console_results.cpp).
    json v2 = pulse_definition(2, public_key_, kTestConsultation, {"resident"});
    v2["questions"][1]["type"] = "single_choice";
    v2["questions"][1].erase("max");
    publish(v2);
    const std::string from_json = results();
    // (The JSON way it is: a single choice's row "books" is not a multiple choice's array.)
    EXPECT_EQ(result_count(from_index, "used:books"), 1);
    EXPECT_EQ(result_count(from_json, "used:books"), 0);
    const std::string text = visible_text(from_json);
    EXPECT_NE(text.find("14 responses, of which 2 flagged as rapid repeats"), std::string::npos)
        << text;
    for (const char* key : {"rating:1", "rating:2", "rating:3", "rating:4", "rating:5"}) {
        EXPECT_EQ(result_count(from_json, key), result_count(from_index, key)) << key;
        EXPECT_EQ(cell(from_json, "data-flagged", key), cell(from_index, "data-flagged", key))
            << key;
    }
    for (const char* mode : {"kiosk", "pulse", "all"}) {
        for (const char* column : {"data-mode-responses", "data-mode-counted",
                                   "data-mode-flagged", "data-mode-told-more"}) {
            EXPECT_EQ(cell(from_json, column, mode), cell(from_index, column, mode))
                << column << " " << mode;
        }
    }
    // Filtered to the taps, the JSON way counts every tap too.
    EXPECT_NE(visible_text(results("?mode=pulse")).find("4 responses, of which 1 flagged"),
              std::string::npos);
}

TEST_F(CentralPulse, PulseIsAModeOfTheFilter) {
    const json tap = pulse(2);
    upload(json::array({tap, told_more(tap, 4, "books"), pulse(5), flagged(pulse(1))}));
    // Only the taps: the one that went on is counted here, its full response not being selected.
    std::string html = results("?mode=pulse");
    std::string text = visible_text(html);
    EXPECT_NE(text.find("3 responses, of which 1 flagged as rapid repeats: mode pulse."),
              std::string::npos)
        << text;
    EXPECT_EQ(result_count(html, "rating:2"), 1);
    EXPECT_EQ(result_count(html, "rating:5"), 1);
    EXPECT_EQ(result_count(html, "rating:1"), 1);
    EXPECT_EQ(result_count(html, "rating:4"), 0);
    EXPECT_EQ(cell(html, "data-mode-told-more", "pulse"), 1);
    EXPECT_EQ(cell(html, "data-mode-counted", "pulse"), 3);
    EXPECT_EQ(html.find("id=\"counted-once\""), std::string::npos);
    // The kiosk's full responses only.
    html = results("?mode=kiosk");
    text = visible_text(html);
    EXPECT_NE(text.find("1 responses, none flagged as rapid repeats: mode kiosk."),
              std::string::npos)
        << text;
    EXPECT_EQ(html.find("data-flagged="), std::string::npos) << "no Flagged column when none";
    EXPECT_EQ(result_count(html, "rating:4"), 1);
    // Every mode: three people.
    text = visible_text(results());
    EXPECT_NE(text.find("3 responses, of which 1 flagged"), std::string::npos) << text;

    // A mode the store does not know names the field and the modes it knows.
    auto bad = officer_.get("/consultations/central-test?mode=tap");
    ASSERT_TRUE(bad);
    EXPECT_EQ(bad->status, 400);
    EXPECT_NE(visible_text(bad->body).find(
                  "Mode: \"tap\" is not one of kiosk, assisted, meeting, partner, pulse."),
              std::string::npos)
        << visible_text(bad->body);
}

TEST_F(CentralPulse, TheConsultationsListFiltersByAudience) {
    publish(pulse_definition(1, public_key_, "depot-pulse", {"staff"}));
    publish(pulse_definition(1, public_key_, "care-homes", {"resident", "staff"}));
    auto all = officer_.get("/consultations");
    ASSERT_TRUE(all);
    ASSERT_EQ(all->status, 200);
    std::string text = visible_text(all->body);
    EXPECT_NE(text.find("Asks staff"), std::string::npos) << text;
    EXPECT_NE(text.find("Asks residents and staff"), std::string::npos) << text;
    EXPECT_NE(all->body.find("data-audience=\"resident\""), std::string::npos);

    auto staff = officer_.get("/consultations?audience=staff");
    ASSERT_TRUE(staff);
    ASSERT_EQ(staff->status, 200);
    EXPECT_NE(staff->body.find("id=\"c-depot-pulse\""), std::string::npos);
    EXPECT_NE(staff->body.find("id=\"c-care-homes\""), std::string::npos);
    EXPECT_EQ(staff->body.find("id=\"c-central-test\""), std::string::npos);
    EXPECT_NE(visible_text(staff->body).find("Consultations that ask staff."), std::string::npos);
    EXPECT_NE(staff->body.find("<option value=\"staff\" selected>"), std::string::npos);
    look(staff->body, "consultations-staff");

    auto residents = officer_.get("/consultations?audience=resident");
    ASSERT_TRUE(residents);
    EXPECT_EQ(residents->body.find("id=\"c-depot-pulse\""), std::string::npos);
    EXPECT_NE(residents->body.find("id=\"c-central-test\""), std::string::npos);

    auto partners = officer_.get("/consultations?audience=partner");
    ASSERT_TRUE(partners);
    EXPECT_EQ(partners->status, 200);
    EXPECT_NE(visible_text(partners->body)
                  .find("No consultation on this store asks partner organisations."),
              std::string::npos);

    auto bad = officer_.get("/consultations?audience=councillors");
    ASSERT_TRUE(bad);
    EXPECT_EQ(bad->status, 400);
    text = visible_text(bad->body);
    EXPECT_NE(text.find("There is a problem with the filter"), std::string::npos) << text;
    EXPECT_NE(text.find("Audience: \"councillors\" is not one of resident, partner, staff"),
              std::string::npos)
        << text;
    EXPECT_NE(bad->body.find("<title>Error: "), std::string::npos);
    EXPECT_NE(bad->body.find("href=\"#audience\""), std::string::npos);
}

TEST_F(CentralPulse, AStoreOfSchema7GetsTheContinuationsAndFlagsOfWhatItHolds) {
    const json tap = pulse(2);
    const json more = told_more(tap, 4, "books");
    upload(json::array({tap, more, flagged(make_response(1, {{"rating", 3}}))}));
    ASSERT_EQ(central_.terminate(), 0);
    // Back to schema 7: no continues or flags columns, no indexes of them.
    exec(central_.db_path(),
         "DROP INDEX responses_continuing; DROP INDEX responses_flagged; "
         "ALTER TABLE responses DROP COLUMN continues; ALTER TABLE responses DROP COLUMN flags; "
         "PRAGMA user_version = 7;");
    EXPECT_EQ(query_one(central_.db_path(), "PRAGMA user_version"), "7");
    central_.start();
    EXPECT_EQ(query_one(central_.db_path(), "PRAGMA user_version"), "8");
    EXPECT_EQ(query_one(central_.db_path(),
                        "SELECT continues FROM responses WHERE id = '" +
                            more["id"].get<std::string>() + "'"),
              tap["id"]);
    EXPECT_EQ(query_one(central_.db_path(),
                        "SELECT count(*) FROM responses WHERE continues IS NOT NULL"),
              "1");
    EXPECT_EQ(query_one(central_.db_path(), "SELECT flags FROM responses WHERE flags IS NOT NULL"),
              "[\"rapid_repeat\"]");
    // The store's count of the consultation uses what the migration filled.
    auto list = officer_.get("/consultations");
    ASSERT_TRUE(list);
    EXPECT_NE(visible_text(list->body).find("Responses 2"), std::string::npos)
        << visible_text(list->body);
    const std::string text = visible_text(results());
    EXPECT_NE(text.find("2 responses, of which 1 flagged"), std::string::npos) << text;
}

TEST_F(CentralPulse, ErasingAFullResponseErasesTheTapItWentOnFrom) {
    // Two people: one tapped and told us more (the receipt is on the full response), one only
    // tapped. A third told us more, but their tap has not synced yet.
    const json tap = pulse(2), other_tap = pulse(5), late_tap = pulse(1);
    json more = told_more(tap, 4, "books");
    more["reference"] = "K7QF3XPM";
    json late_more = told_more(late_tap, 3, "cafe");
    late_more["reference"] = "B8RT2W9Z";
    upload(json::array({tap, more, other_tap, late_more}));
    EXPECT_NE(visible_text(results()).find("3 responses"), std::string::npos);

    auto found = officer_.get("/erase?reference=K7QF3XPM");
    ASSERT_TRUE(found);
    ASSERT_EQ(found->status, 200) << visible_text(found->body);
    auto erased = officer_.post("/erase/" + more["id"].get<std::string>(), {});
    ASSERT_TRUE(erased);
    ASSERT_EQ(erased->status, 200) << visible_text(erased->body);
    EXPECT_NE(visible_text(erased->body)
                  .find("with the one-tap pulse answer it went on from (the same person's tap)"),
              std::string::npos)
        << visible_text(erased->body);
    // Both gone, each with its tombstone and audit line; the other tap is untouched.
    for (const json& gone : {tap, more}) {
        const std::string id = gone["id"];
        EXPECT_EQ(query_one(central_.db_path(),
                            "SELECT count(*) FROM responses WHERE id = '" + id + "'"),
                  "0");
        EXPECT_EQ(query_one(central_.db_path(),
                            "SELECT erased_by FROM erasures WHERE response_id = '" + id + "'"),
                  "ann@example.org");
    }
    EXPECT_EQ(query_one(central_.db_path(),
                        "SELECT count(*) FROM audit_log WHERE action = 'erase response' AND "
                        "detail LIKE '%one-tap pulse response continued by " +
                            more["id"].get<std::string>() + "%'"),
              "1");
    std::string html = results();
    EXPECT_NE(visible_text(html).find("2 responses"), std::string::npos) << visible_text(html);
    EXPECT_EQ(result_count(html, "rating:2"), 0);
    EXPECT_EQ(result_count(html, "rating:4"), 0);
    EXPECT_EQ(result_count(html, "rating:5"), 1);

    // The full response whose tap is not stored yet: erased, its tap is refused when it comes,
    // and the kiosk is told to delete both.
    found = officer_.get("/erase?reference=B8RT2W9Z");
    ASSERT_TRUE(found && found->status == 200);
    erased = officer_.post("/erase/" + late_more["id"].get<std::string>(), {});
    ASSERT_TRUE(erased && erased->status == 200);
    auto resent = post_json(central_, "/responses", kiosk_.token,
                            batch(kiosk_, json::array({late_tap})).dump());
    ASSERT_TRUE(resent);
    EXPECT_EQ(json::parse(resent->body)["results"][0]["status"], "rejected") << resent->body;
    EXPECT_EQ(json::parse(resent->body)["results"][0]["error"]["code"], "erased");
    auto client = client_for(central_);
    auto told = client.Get(api_path(central_, "/erasures").c_str(), bearer(kiosk_.token));
    ASSERT_TRUE(told && told->status == 200);
    std::set<std::string> ids;
    const json listed = json::parse(told->body);  // kept: the loop reads a member of it
    for (const auto& e : listed["erasures"]) ids.insert(e["id"].get<std::string>());
    EXPECT_EQ(ids, (std::set<std::string>{tap["id"], more["id"], late_tap["id"], late_more["id"]}))
        << told->body;
    EXPECT_NE(visible_text(results()).find("1 responses"), std::string::npos);
}

}  // namespace
}  // namespace fv::test
