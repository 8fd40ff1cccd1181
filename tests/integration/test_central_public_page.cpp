// The public page of a consultation, /c/ID (docs/receipt.md), against the real fieldvoice-central:
// no sign-in and no cookie; the title and purpose in the first language, or in the one asked for
// by ?lang= or Accept-Language; the count rounded to the nearest 10 ("fewer than 10" below); the
// "you said, we did" entries not withdrawn; no answer and nothing of the devices; 404 for a
// consultation that does not exist.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "fault/support/sample_responses.hpp"
#include "integration/support/central_fixtures.hpp"
#include "integration/support/console_browser.hpp"

namespace fv::test {
namespace {

using nlohmann::json;

// Free-text answers no page, label or definition carries: only the answer can show them.
constexpr const char* kErasedText = "Marmalade sandwiches on the tenth shelf";
constexpr const char* kKeptText = "Lemonade fountain beside the atlas";

// The first column of the first row, as text.
std::string query_one_id(const CentralProcess& central, const std::string& sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(central.db_path().c_str(), &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 10000);
    sqlite3_stmt* stmt = nullptr;
    std::string out;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0)) {
        out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return out;
}

class CentralPublicPage : public ::testing::Test {
  protected:
    void SetUp() override {
        central_.publish(sample_consultation_path());
        central_.start();
        auto made = central_.run({"add-user", "--email", "ann@example.org", "--name", "Ann Officer",
                                  "--role", "officer"});
        ASSERT_EQ(made.exit_code, 0) << made.err;
        officer_.first_sign_in("ann@example.org", made.last_line(), "correct horse battery staple");
        device_ = enrol_device(central_, "Witney library kiosk");
    }

    static json response(int rating, const std::string& why, const std::string& reference) {
        json answers{{"visit-rating", rating}, {"opening-hours", "saturday"}};
        if (!why.empty()) answers["visit-better"] = why;
        json r = make_response(1, answers, "libraries-2027");
        if (!reference.empty()) r["reference"] = reference;
        return r;
    }

    void upload(const json& responses) {
        auto res =
            post_json(central_, "/responses", device_.token, batch(device_, responses).dump());
        ASSERT_TRUE(res);
        ASSERT_EQ(res->status, 200) << res->body;
        const json reply = json::parse(res->body);  // kept: the loop reads inside it
        for (const auto& r : reply.at("results")) ASSERT_EQ(r["status"], "stored");
    }

    CentralProcess central_;
    ConsoleBrowser officer_{central_};
    Device device_;
};

TEST_F(CentralPublicPage, ShowsTheRoundedCountInTheLanguageAskedForAndNoAnswer) {
    httplib::Client anyone = client_for(central_);
    const auto public_page = [&](const std::string& query = "", const std::string& lang = "") {
        httplib::Headers headers{{"Accept", "text/html"}};
        if (!lang.empty()) headers.emplace("Accept-Language", lang);
        return anyone.Get(("/c/libraries-2027" + query).c_str(), headers);
    };
    upload(json::array({response(1, kErasedText, "K7QF3XPM")}));
    auto few = public_page();
    ASSERT_TRUE(few);
    ASSERT_EQ(few->status, 200) << few->body;
    EXPECT_FALSE(few->has_header("Set-Cookie"));
    const std::string text = visible_text(few->body);
    EXPECT_NE(text.find("Your library, your say"), std::string::npos);
    EXPECT_NE(text.find("The county council is redesigning library services"), std::string::npos);
    EXPECT_NE(text.find("fewer than 10 responses"), std::string::npos) << text;
    EXPECT_EQ(text.find(kErasedText), std::string::npos);

    json more = json::array();
    for (int i = 0; i < 34; ++i) more.push_back(response(2, kKeptText, ""));
    upload(more);  // 35: about 40
    auto about = public_page();
    ASSERT_TRUE(about && about->status == 200);
    EXPECT_NE(visible_text(about->body).find("about 40 responses"), std::string::npos);
    EXPECT_EQ(visible_text(about->body).find(kKeptText), std::string::npos);
    EXPECT_EQ(about->body.find(device_.device_id), std::string::npos);
    EXPECT_EQ(about->body.find("Witney"), std::string::npos);

    auto polish = public_page("?lang=pl");
    ASSERT_TRUE(polish && polish->status == 200);
    EXPECT_NE(polish->body.find("<html lang=\"pl\""), std::string::npos);
    EXPECT_NE(visible_text(polish->body).find("Twoja biblioteka, Twój głos"), std::string::npos);
    EXPECT_NE(visible_text(polish->body).find("około 40 odpowiedzi"), std::string::npos);
    auto asked = public_page("", "pl-PL,pl;q=0.9,en;q=0.5");
    ASSERT_TRUE(asked && asked->status == 200);
    EXPECT_NE(visible_text(asked->body).find("Twoja biblioteka, Twój głos"), std::string::npos);
    auto english = public_page("", "fr-FR,fr;q=0.9");
    ASSERT_TRUE(english && english->status == 200);
    EXPECT_NE(english->body.find("<html lang=\"en\""), std::string::npos);

    // An entry shows; one withdrawn does not.
    const std::string page = "/consultations/libraries-2027/outcomes";
    for (const auto& [en, pl] :
         {std::pair{"We now open until 7pm on Thursdays.", "W czwartki otwieramy do 19:00."},
          std::pair{"A withdrawn promise about parking.", "Wycofana obietnica o parkingu."}}) {
        ASSERT_TRUE(officer_.get(page));
        auto made = officer_.post_multipart(
            page, {{"text-en", en}, {"text-pl", pl}, {"easy-en", ""}, {"day", "2027-02-01"}}, {});
        ASSERT_TRUE(made && made->status == 200);
    }
    const std::string withdrawn_id =
        query_one_id(central_, "SELECT max(id) FROM outcomes");  // the second
    ASSERT_TRUE(officer_.post(page + "/" + withdrawn_id + "/withdraw", {}));
    auto entries = public_page();
    ASSERT_TRUE(entries && entries->status == 200);
    EXPECT_NE(visible_text(entries->body).find("We now open until 7pm on Thursdays."),
              std::string::npos);
    EXPECT_EQ(visible_text(entries->body).find("A withdrawn promise"), std::string::npos);
    EXPECT_NE(visible_text(entries->body).find("Done on 1 February 2027"), std::string::npos);
    auto polish_entries = public_page("?lang=pl");
    ASSERT_TRUE(polish_entries);
    EXPECT_NE(visible_text(polish_entries->body).find("W czwartki otwieramy do 19:00."),
              std::string::npos);
    EXPECT_NE(visible_text(polish_entries->body).find("Zrobione 1 lutego 2027"), std::string::npos);

    auto missing = anyone.Get("/c/no-such-thing", httplib::Headers{{"Accept", "text/html"}});
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->status, 404);
    EXPECT_NE(visible_text(missing->body).find("There is no consultation \"no-such-thing\""),
              std::string::npos)
        << visible_text(missing->body);
}

}  // namespace
}  // namespace fv::test
