// Erasure by reference against the real fieldvoice-central (docs/receipt.md): responses carrying a
// receipt's reference are uploaded by a device; an officer finds one on the console by the
// reference as a resident reads it out and erases it (real HTTP, signed in, CSRF). It is then gone
// from the results page (the answer index forgets it), the responses CSV and XLSX (read with a
// real zip reader), the words page with its tags, and the officer API's export and summary, while
// the other responses are all still counted. A resend of it is rejected `erased`; the tombstone
// and the audit line are there; a viewer cannot erase; bad references and a second erasure say
// what happened; a store of schema 6 gets the references of the responses it holds.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>

#include "fault/support/sample_responses.hpp"
#include "integration/support/central_fixtures.hpp"
#include "integration/support/console_browser.hpp"

namespace fv::test {
namespace {

using nlohmann::json;

constexpr const char* kPassword = "correct horse battery staple";
constexpr const char* kConsultation = "libraries-2027";
// Free-text answers no page, label or definition carries: only the answer can show them.
constexpr const char* kErasedText = "Marmalade sandwiches on the tenth shelf";
constexpr const char* kKeptText = "Lemonade fountain beside the atlas";

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

// The cell texts of every sheet of an XLSX file, read by Python's zipfile (Debian's python3, as
// the browser tests use): the sheets' XML and the shared strings, one after the other.
std::string xlsx_text(const std::string& bytes, const std::filesystem::path& dir) {
    const auto file = dir / "download.xlsx";
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

class CentralErasure : public ::testing::Test {
  protected:
    void SetUp() override {
        central_.publish(sample_consultation_path());
        central_.start();
        auto officer = central_.run({"add-user", "--email", "ann@example.org", "--name",
                                     "Ann Officer", "--role", "officer"});
        ASSERT_EQ(officer.exit_code, 0) << officer.err;
        officer_.first_sign_in("ann@example.org", officer.last_line(), kPassword);
        auto viewer = central_.run({"add-user", "--email", "cllr@example.org", "--name",
                                    "Councillor", "--role", "viewer"});
        ASSERT_EQ(viewer.exit_code, 0) << viewer.err;
        viewer_.first_sign_in("cllr@example.org", viewer.last_line(), kPassword);
        device_ = enrol_device(central_, "Witney library kiosk");
    }

    // A response to the libraries consultation: rating 1 or 2 asks "What could be better?".
    static json response(int rating, const std::string& why, const std::string& reference) {
        json answers{{"visit-rating", rating}, {"opening-hours", "saturday"}};
        if (!why.empty()) answers["visit-better"] = why;
        json r = make_response(1, answers, kConsultation);
        if (!reference.empty()) r["reference"] = reference;
        return r;
    }

    json upload(const json& responses) {
        auto res =
            post_json(central_, "/responses", device_.token, batch(device_, responses).dump());
        EXPECT_TRUE(res);
        if (!res) return json();
        EXPECT_EQ(res->status, 200) << res->body;
        return json::parse(res->body)["results"];
    }

    std::string officer_api(const std::string& path) {
        if (officer_token_.empty()) officer_token_ = central_.officer_token("Analyst");
        auto client = client_for(central_);
        auto res = client.Get(api_path(central_, path).c_str(), bearer(officer_token_));
        EXPECT_TRUE(res && res->status == 200);
        return res ? res->body : std::string();
    }

    std::string word_id(const std::string& text) {
        return query_one(central_.db_path(),
                         "SELECT id FROM own_words WHERE text = '" + text + "'");
    }

    CentralProcess central_;
    ConsoleBrowser officer_{central_};
    ConsoleBrowser viewer_{central_};
    Device device_;
    std::string officer_token_;
};

TEST_F(CentralErasure, AnOfficerErasesAResponseByItsReferenceAndNothingElse) {
    const json erased = response(1, kErasedText, "K7QF3XPM");
    const json kept = response(2, kKeptText, "B8RT2W9Z");
    json others = json::array();
    for (int i = 0; i < 12; ++i) others.push_back(response(4 + i % 2, "", ""));
    json all = json::array({erased, kept});
    for (const auto& o : others) all.push_back(o);
    for (const auto& result : upload(all)) ASSERT_EQ(result["status"], "stored") << result;
    EXPECT_EQ(
        query_one(central_.db_path(), "SELECT count(*) FROM responses WHERE reference IS NOT NULL"),
        "2");

    // Before: the results (the answer index reads all 14), the words page, a tag on each text.
    const std::string results_page = "/consultations/libraries-2027";
    auto before = officer_.get(results_page);
    ASSERT_TRUE(before && before->status == 200);
    EXPECT_EQ(result_count(before->body, "visit-rating:1"), 1);
    EXPECT_EQ(result_count(before->body, "visit-rating:2"), 1);
    EXPECT_EQ(result_count(before->body, "visit-rating:4"), 6);
    EXPECT_EQ(result_count(before->body, "visit-rating:5"), 6);
    auto words = officer_.get(results_page + "/words");
    ASSERT_TRUE(words && words->status == 200);
    EXPECT_NE(visible_text(words->body).find(kErasedText), std::string::npos);
    const std::string erased_word = word_id(kErasedText), kept_word = word_id(kKeptText);
    ASSERT_FALSE(erased_word.empty());
    ASSERT_FALSE(kept_word.empty());
    for (const auto& w : {erased_word, kept_word}) {
        auto tagged =
            officer_.post(results_page + "/words/" + w + "/tag", {{"theme", "opening-hours"}});
        ASSERT_TRUE(tagged && (tagged->status == 200 || tagged->status == 303));
    }
    // A search brings the full-text index up to date: the erased text is in it.
    auto searched = officer_.get(results_page + "/words?q=marmalade");
    ASSERT_TRUE(searched);
    EXPECT_NE(visible_text(searched->body).find(kErasedText), std::string::npos);
    EXPECT_EQ(query_one(central_.db_path(), "SELECT count(*) FROM own_word_tags"), "2");

    // The viewer (a councillor) may not erase, nor even look.
    EXPECT_EQ(viewer_.get("/erase")->status, 403);
    auto refused = viewer_.post("/erase/" + erased["id"].get<std::string>(), {});
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 403);
    EXPECT_EQ(query_one(central_.db_path(), "SELECT count(*) FROM responses"), "14");

    // Found as the resident reads it out; the page says where and when, not what was said.
    auto found = officer_.get("/erase?reference=k7qf+3xpm");
    ASSERT_TRUE(found);
    ASSERT_EQ(found->status, 200) << visible_text(found->body);
    const std::string found_text = visible_text(found->body);
    EXPECT_NE(found_text.find("The response with the reference K7QF3XPM"), std::string::npos);
    EXPECT_NE(found_text.find("Your library, your say"), std::string::npos);
    EXPECT_NE(found_text.find("kiosk"), std::string::npos);
    EXPECT_NE(found_text.find("Witney library kiosk"), std::string::npos);
    EXPECT_EQ(found_text.find(kErasedText), std::string::npos);
    const std::string erase_path = "/erase/" + erased["id"].get<std::string>();
    EXPECT_NE(found->body.find("action=\"" + erase_path + "\""), std::string::npos);

    // A stale CSRF token changes nothing.
    auto stale = officer_.post(erase_path, {{"csrf", "not-the-token"}}, false);
    ASSERT_TRUE(stale);
    EXPECT_EQ(stale->status, 403);
    EXPECT_EQ(query_one(central_.db_path(), "SELECT count(*) FROM erasures"), "0");

    auto done = officer_.post(erase_path, {});
    ASSERT_TRUE(done);
    ASSERT_EQ(done->status, 200) << visible_text(done->body);
    EXPECT_NE(visible_text(done->body)
                  .find("with the reference K7QF3XPM to Your library, your "
                        "say was erased: its answers and 1 text"),
              std::string::npos)
        << visible_text(done->body);

    // The tombstone and the audit line; the texts, their tags and the index entry gone.
    EXPECT_EQ(query_one(central_.db_path(),
                        "SELECT reference || ' ' || erased_by || ' ' || consultation_id || ' ' || "
                        "device_id FROM erasures WHERE response_id = '" +
                            erased["id"].get<std::string>() + "'"),
              "K7QF3XPM ann@example.org libraries-2027 " + device_.device_id);
    EXPECT_EQ(query_one(central_.db_path(),
                        "SELECT count(*) FROM audit_log WHERE action = 'erase response' AND "
                        "who = 'ann@example.org' AND detail LIKE '%K7QF3XPM%'"),
              "1");
    EXPECT_EQ(query_one(central_.db_path(),
                        "SELECT count(*) FROM audit_log WHERE detail LIKE "
                        "'%Marmalade%'"),
              "0");
    EXPECT_EQ(
        query_one(central_.db_path(), "SELECT count(*) FROM own_words WHERE id = " + erased_word),
        "0");
    EXPECT_EQ(query_one(central_.db_path(),
                        "SELECT count(*) FROM own_word_tags WHERE word_id = " + erased_word),
              "0");
    EXPECT_EQ(query_one(central_.db_path(),
                        "SELECT count(*) FROM own_word_tags WHERE word_id = " + kept_word),
              "1");
    EXPECT_EQ(query_one(central_.db_path(),
                        "SELECT group_concat(reference) FROM "
                        "response_references"),
              "B8RT2W9Z");
    EXPECT_EQ(query_one(central_.db_path(),
                        "SELECT count(*) FROM own_words_fts WHERE own_words_fts MATCH 'marmalade'"),
              "0");
    EXPECT_EQ(query_one(central_.db_path(),
                        "SELECT count(*) FROM own_words_fts WHERE own_words_fts MATCH 'lemonade'"),
              "1");

    // Gone from the results page (the index forgets it), the others counted number for number.
    auto after = officer_.get(results_page);
    ASSERT_TRUE(after && after->status == 200);
    EXPECT_EQ(result_count(after->body, "visit-rating:1"), 0);
    EXPECT_EQ(result_count(after->body, "visit-rating:2"), 1);
    EXPECT_EQ(result_count(after->body, "visit-rating:4"), 6);
    EXPECT_EQ(result_count(after->body, "visit-rating:5"), 6);
    EXPECT_NE(visible_text(after->body).find("13 responses"), std::string::npos)
        << visible_text(after->body).substr(0, 2000);

    auto words_after = officer_.get(results_page + "/words");
    ASSERT_TRUE(words_after && words_after->status == 200);
    EXPECT_EQ(visible_text(words_after->body).find(kErasedText), std::string::npos);
    EXPECT_NE(visible_text(words_after->body).find(kKeptText), std::string::npos);
    auto searched_after = officer_.get(results_page + "/words?q=marmalade");
    ASSERT_TRUE(searched_after);
    EXPECT_EQ(visible_text(searched_after->body).find(kErasedText), std::string::npos);

    auto csv = officer_.get(results_page + "/results.csv");
    ASSERT_TRUE(csv && csv->status == 200);
    const auto rows = parse_csv(csv->body);
    EXPECT_EQ(rows.size(), 14u);  // a header and 13 responses
    EXPECT_EQ(csv->body.find(erased["id"].get<std::string>()), std::string::npos);
    EXPECT_EQ(csv->body.find(kErasedText), std::string::npos);
    EXPECT_NE(csv->body.find(kKeptText), std::string::npos);

    auto xlsx = officer_.get(results_page + "/results.xlsx");
    ASSERT_TRUE(xlsx && xlsx->status == 200);
    const std::string sheets = xlsx_text(xlsx->body, central_.dir());
    EXPECT_NE(sheets.find(kKeptText), std::string::npos) << "the XLSX was not read";
    EXPECT_EQ(sheets.find(kErasedText), std::string::npos);
    EXPECT_EQ(sheets.find(erased["id"].get<std::string>()), std::string::npos);
    EXPECT_NE(sheets.find(kept["id"].get<std::string>()), std::string::npos);

    const std::string exported = officer_api("/consultations/libraries-2027/export.csv");
    EXPECT_EQ(parse_csv(exported).size(), 14u);
    EXPECT_EQ(exported.find(erased["id"].get<std::string>()), std::string::npos);
    EXPECT_EQ(exported.find(kErasedText), std::string::npos);
    const json summary = json::parse(officer_api("/consultations/libraries-2027/summary"));
    EXPECT_EQ(summary["total"], 13);
    const json& ratings = summary["by_option"]["visit-rating"];
    EXPECT_FALSE(ratings.contains("1")) << ratings;
    EXPECT_EQ(ratings.value("2", 0), 1) << ratings;
    EXPECT_EQ(ratings.value("4", 0), 6) << ratings;

    // A resend of it is refused, not stored again; the kept one is still a duplicate.
    const json resent = upload(json::array({erased, kept}));
    ASSERT_EQ(resent.size(), 2u);
    EXPECT_EQ(resent[0]["status"], "rejected");
    EXPECT_EQ(resent[0]["error"]["code"], "erased");
    EXPECT_NE(resent[0]["error"]["message"].get<std::string>().find("erased"), std::string::npos);
    EXPECT_EQ(resent[1]["status"], "duplicate");
    EXPECT_EQ(query_one(central_.db_path(), "SELECT count(*) FROM responses"), "13");

    // Already erased: found again, the page says when and by whom; erasing again changes nothing.
    auto again = officer_.get("/erase?reference=K7QF-3XPM");
    ASSERT_TRUE(again && again->status == 200);
    EXPECT_NE(visible_text(again->body).find("was erased on "), std::string::npos);
    EXPECT_NE(visible_text(again->body).find("by ann@example.org"), std::string::npos);
    EXPECT_EQ(again->body.find("id=\"erase-"), std::string::npos);  // no button
    auto twice = officer_.post(erase_path, {});
    ASSERT_TRUE(twice);
    EXPECT_EQ(twice->status, 409);
    EXPECT_NE(visible_text(twice->body)
                  .find("The response with the reference K7QF3XPM was erased "
                        "on "),
              std::string::npos)
        << visible_text(twice->body);
    EXPECT_NE(visible_text(twice->body).find("by ann@example.org"), std::string::npos);
    EXPECT_EQ(query_one(central_.db_path(), "SELECT count(*) FROM erasures"), "1");
    EXPECT_EQ(query_one(central_.db_path(),
                        "SELECT count(*) FROM audit_log WHERE action = 'erase response'"),
              "1");
}

TEST_F(CentralErasure, AReferenceThatMatchesNothingOrCannotBeOneSaysSo) {
    upload(json::array({response(4, "", "K7QF3XPM")}));
    auto none = officer_.get("/erase?reference=zz22+33yy");
    ASSERT_TRUE(none);
    EXPECT_EQ(none->status, 404);
    EXPECT_NE(visible_text(none->body)
                  .find("No response has the reference ZZ2233YY (typed as \"zz22 33yy\")"),
              std::string::npos)
        << visible_text(none->body);
    auto malformed = officer_.get("/erase?reference=K7Q%21");
    ASSERT_TRUE(malformed);
    EXPECT_EQ(malformed->status, 400);
    const std::string says = visible_text(malformed->body);
    EXPECT_NE(says.find("\"K7Q!\" is not a reference"), std::string::npos) << says;
    EXPECT_NE(says.find("23456789ABCDEFGHJKMNPQRSTWXYZ"), std::string::npos);
    // An O is not in the alphabet (it would be read as a zero).
    auto look_alike = officer_.get("/erase?reference=K7QF3XPO");
    ASSERT_TRUE(look_alike);
    EXPECT_EQ(look_alike->status, 400);
    // A reference stored after the last look is found by the next one.
    upload(json::array({response(5, "", "ZZ2233YY")}));
    auto later = officer_.get("/erase?reference=zz22+33yy");
    ASSERT_TRUE(later);
    EXPECT_EQ(later->status, 200) << visible_text(later->body);
    EXPECT_NE(visible_text(later->body).find("The response with the reference ZZ2233YY"),
              std::string::npos);
    auto unknown = officer_.post("/erase/3f0c0000-0000-4000-8000-000000000000", {});
    ASSERT_TRUE(unknown);
    EXPECT_EQ(unknown->status, 404);
    EXPECT_EQ(query_one(central_.db_path(), "SELECT count(*) FROM responses"), "2");
    EXPECT_EQ(query_one(central_.db_path(), "SELECT count(*) FROM erasures"), "0");
}

TEST_F(CentralErasure, DevicesAreToldWhatWasErasedOfTheirs) {
    const json mine = response(4, "", "K7QF3XPM");
    upload(json::array({mine, response(5, "", "")}));
    const Device other = enrol_device(central_, "Banbury library kiosk");
    auto get = [&](const std::string& token, const std::string& if_none_match = "") {
        auto client = client_for(central_);
        auto headers = bearer(token);
        if (!if_none_match.empty()) headers.emplace("If-None-Match", if_none_match);
        return client.Get(api_path(central_, "/erasures").c_str(), headers);
    };
    auto empty = get(device_.token);
    ASSERT_TRUE(empty);
    ASSERT_EQ(empty->status, 200);
    EXPECT_EQ(json::parse(empty->body)["erasures"], json::array());

    ASSERT_TRUE(officer_.get("/erase?reference=K7QF3XPM"));
    auto done = officer_.post("/erase/" + mine["id"].get<std::string>(), {});
    ASSERT_TRUE(done && done->status == 200);

    auto listed = get(device_.token, empty->get_header_value("ETag"));
    ASSERT_TRUE(listed);
    ASSERT_EQ(listed->status, 200);
    const json erasures = json::parse(listed->body)["erasures"];
    ASSERT_EQ(erasures.size(), 1u);
    EXPECT_EQ(erasures[0]["id"], mine["id"]);
    EXPECT_FALSE(erasures[0]["erased_at"].get<std::string>().empty());
    EXPECT_EQ(get(device_.token, listed->get_header_value("ETag"))->status, 304);
    // Another device is told nothing of it; an officer token is not a device.
    EXPECT_EQ(json::parse(get(other.token)->body)["erasures"], json::array());
    EXPECT_EQ(get(central_.officer_token("Analyst"))->status, 403);
}

TEST_F(CentralErasure, AStoreOfSchema6GetsTheReferencesOfWhatItHolds) {
    const json r = response(4, "", "K7QF3XPM");
    upload(json::array({r}));
    ASSERT_EQ(central_.terminate(), 0);
    // Back to schema 6: the responses table without its reference (nor schema 8's columns), no
    // tombstones.
    exec(central_.db_path(),
         "DROP INDEX responses_continuing; DROP INDEX responses_flagged; "
         "ALTER TABLE responses DROP COLUMN continues; ALTER TABLE responses DROP COLUMN flags; "
         "ALTER TABLE responses DROP COLUMN reference; DROP TABLE response_references; "
         "DROP TABLE references_read; DROP TABLE erasures; DROP INDEX own_words_by_source; "
         "PRAGMA user_version = 6;");
    EXPECT_EQ(query_one(central_.db_path(), "PRAGMA user_version"), "6");
    central_.start();
    EXPECT_EQ(query_one(central_.db_path(), "PRAGMA user_version"), "8");
    EXPECT_EQ(query_one(central_.db_path(), "SELECT reference FROM responses"), "K7QF3XPM");
    auto found = officer_.get("/erase?reference=K7QF3XPM");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->status, 200);
    EXPECT_NE(found->body.find("/erase/" + r["id"].get<std::string>()), std::string::npos);
}

}  // namespace
}  // namespace fv::test
