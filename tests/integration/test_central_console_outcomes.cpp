// "You said, we did" against the real fieldvoice-central: an officer writes an entry in each of
// the consultation's languages on the console's page, a device's GET /api/v1/outcomes carries it
// (ETag'd: the same tag again gives 304), withdrawing it takes it out of what devices get, a
// viewer may read but not write, and bad input (a text longer than the kiosk shows, a missing
// language, a picture that is not a PNG, a theme or date that does not exist, a stale CSRF token)
// gets a page that says what and where, with nothing stored.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/util/seal.hpp"
#include "fault/support/sample_responses.hpp"
#include "integration/support/central_fixtures.hpp"
#include "integration/support/console_browser.hpp"

namespace fv::test {
namespace {

using nlohmann::json;

constexpr const char* kPassword = "correct horse battery staple";
constexpr const char* kPage = "/consultations/libraries-2027/outcomes";

class CentralConsoleOutcomes : public ::testing::Test {
  protected:
    void SetUp() override {
        central_.publish(std::filesystem::path(FIELDVOICE_ASSETS_DIR) /
                         "consultations/libraries-2027.json");
        central_.start();
        auto made = central_.run({"add-user", "--email", "ann@example.org", "--name", "Ann Officer",
                                  "--role", "officer"});
        ASSERT_EQ(made.exit_code, 0) << made.err;
        officer_.first_sign_in("ann@example.org", made.last_line(), kPassword);
        device_ = enrol_device(central_, "Library kiosk");
    }

    // What a device gets: status, body, ETag.
    struct Got {
        int status = 0;
        json body;
        std::string etag;
    };
    Got device_get(const std::string& if_none_match = "") {
        auto client = client_for(central_);
        auto headers = bearer(device_.token);
        if (!if_none_match.empty()) headers.emplace("If-None-Match", if_none_match);
        auto res = client.Get(api_path(central_, "/outcomes").c_str(), headers);
        EXPECT_TRUE(res);
        if (!res) return {};
        Got got{res->status, json(), res->get_header_value("ETag")};
        if (res->status == 200) got.body = json::parse(res->body);
        return got;
    }

    httplib::Result publish(const std::string& en, const std::string& pl,
                            const std::string& day = "2027-02-01", const std::string& theme = "",
                            const std::vector<ConsoleBrowser::FilePart>& files = {}) {
        auto page = officer_.get(kPage);  // the form's CSRF token
        EXPECT_TRUE(page && page->status == 200);
        return officer_.post_multipart(
            kPage,
            {{"text-en", en}, {"text-pl", pl}, {"easy-en", ""}, {"day", day}, {"theme", theme}},
            files);
    }

    static std::string png_file() {
        return read_text_file(std::string(FIELDVOICE_ASSETS_DIR) +
                              "/easy-read/adult-day-services/days-a-week.png");
    }

    CentralProcess central_;
    ConsoleBrowser officer_{central_};
    Device device_;
};

TEST_F(CentralConsoleOutcomes, AnEntryPublishedReachesDevicesUntilWithdrawn) {
    // None yet: the page says so, and devices get an empty list.
    auto empty = officer_.get(kPage);
    ASSERT_TRUE(empty);
    ASSERT_EQ(empty->status, 200);
    EXPECT_NE(visible_text(empty->body).find("No entry is shown on the kiosks"), std::string::npos);
    EXPECT_TRUE(device_get().body["outcomes"].empty());

    const std::string en =
        "You said the library closes too early. We now open until 7pm on "
        "Thursdays.";
    const std::string pl =
        "Mówili Państwo, że biblioteka zamyka się za wcześnie. W czwartki "
        "jest teraz otwarta do 19:00.";
    auto done = publish(en, pl, "2027-02-01", "opening-hours",
                        {{"picture", "hours.png", png_file(), "image/png"}});
    ASSERT_TRUE(done);
    ASSERT_EQ(done->status, 200) << visible_text(done->body);
    const std::string text = visible_text(done->body);
    EXPECT_NE(text.find("published: kiosks show it after their next sync"), std::string::npos);
    EXPECT_NE(text.find(en), std::string::npos);
    EXPECT_NE(text.find(pl), std::string::npos);
    EXPECT_NE(done->body.find("data:image/png;base64,"), std::string::npos);
    officer_.save_page(done->body, "console-screens", "outcomes");

    const Got got = device_get();
    ASSERT_EQ(got.status, 200);
    ASSERT_EQ(got.body["outcomes"].size(), 1u);
    const json& entry = got.body["outcomes"][0];
    EXPECT_EQ(entry["consultation_id"], "libraries-2027");
    EXPECT_EQ(entry["text"]["en"], en);
    EXPECT_EQ(entry["text"]["pl"], pl);
    EXPECT_EQ(entry["theme"], "opening-hours");
    EXPECT_EQ(entry["date"], "2027-02-01");
    EXPECT_EQ(base64_decode(entry["picture_png"].get<std::string>()).value_or(""), png_file());
    EXPECT_FALSE(entry.contains("easy_read"));  // none was written
    // The same tag again: nothing new to fetch.
    ASSERT_FALSE(got.etag.empty());
    EXPECT_EQ(device_get(got.etag).status, 304);

    // A second, newer entry comes first; the tag changes.
    auto second = publish("You said you wanted more computers. Six more arrive in March.",
                          "Prosili Państwo o więcej komputerów. Sześć nowych przyjdzie w marcu.",
                          "2027-03-01");
    ASSERT_TRUE(second && second->status == 200);
    const Got two = device_get(got.etag);
    ASSERT_EQ(two.status, 200);
    ASSERT_EQ(two.body["outcomes"].size(), 2u);
    EXPECT_EQ(two.body["outcomes"][0]["date"], "2027-03-01");
    EXPECT_NE(two.etag, got.etag);

    // Withdraw the first: devices no longer get it; the page lists it as withdrawn.
    const std::string first_id = entry["id"];
    auto withdrawn = officer_.post(std::string(kPage) + "/" + first_id + "/withdraw", {});
    ASSERT_TRUE(withdrawn);
    ASSERT_EQ(withdrawn->status, 200) << visible_text(withdrawn->body);
    EXPECT_NE(visible_text(withdrawn->body).find("it leaves the kiosks at their next sync"),
              std::string::npos);
    const Got after = device_get(two.etag);
    ASSERT_EQ(after.status, 200);
    ASSERT_EQ(after.body["outcomes"].size(), 1u);
    EXPECT_NE(after.body["outcomes"][0]["id"], first_id);
    EXPECT_NE(withdrawn->body.find("id=\"withdrawn\""), std::string::npos);
    // Withdrawing it again changes nothing and says so.
    auto again = officer_.post(std::string(kPage) + "/" + first_id + "/withdraw", {});
    ASSERT_TRUE(again && again->status == 200);
    EXPECT_NE(visible_text(again->body).find("was withdrawn already"), std::string::npos);
    auto unknown = officer_.post(std::string(kPage) + "/999/withdraw", {});
    ASSERT_TRUE(unknown);
    EXPECT_EQ(unknown->status, 404);
    EXPECT_EQ(device_get().body["outcomes"].size(), 1u);
}

TEST_F(CentralConsoleOutcomes, BadInputSaysWhatAndWhereAndStoresNothing) {
    const std::string long_text(241, 'a');
    struct Case {
        const char* what;
        std::string en, pl, day, theme;
        std::vector<ConsoleBrowser::FilePart> files;
        const char* field;
        const char* says;
    };
    const std::vector<Case> cases{
        {"too long for the kiosk",
         long_text,
         "Krótko.",
         "2027-02-01",
         "",
         {},
         "text-en",
         "it has 241 characters; the kiosk shows at most 240"},
        {"a language missing",
         "Short.",
         "",
         "2027-02-01",
         "",
         {},
         "text-pl",
         "every language of the consultation is needed"},
        {"not a PNG",
         "Short.",
         "Krótko.",
         "2027-02-01",
         "",
         {{"picture", "photo.png", "GIF89a not really", "image/png"}},
         "picture",
         "the file is not a PNG"},
        {"an unknown theme",
         "Short.",
         "Krótko.",
         "2027-02-01",
         "parking",
         {},
         "theme",
         "is not a theme of libraries-2027; choose one of opening-hours"},
        {"a date that does not exist",
         "Short.",
         "Krótko.",
         "2027-02-30",
         "",
         {},
         "day",
         "is not a date; give it as YYYY-MM-DD"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.what);
        auto res = publish(c.en, c.pl, c.day, c.theme, c.files);
        ASSERT_TRUE(res);
        EXPECT_EQ(res->status, 400);
        const std::string text = visible_text(res->body);
        EXPECT_NE(text.find("1 problem, nothing stored"), std::string::npos) << text;
        EXPECT_NE(text.find(c.says), std::string::npos) << text;
        // The summary links to the field, and what was typed is kept in the form.
        EXPECT_NE(res->body.find("href=\"#" + std::string(c.field) + "\""), std::string::npos);
        if (!c.en.empty() && c.en.size() < 50) {
            EXPECT_NE(res->body.find(">" + c.en + "</textarea>"), std::string::npos);
        }
    }
    EXPECT_TRUE(device_get().body["outcomes"].empty());

    // A stale CSRF token (another tab, before signing in again): 403, nothing stored.
    officer_.get(kPage);
    officer_.set_csrf("stale-token");
    auto stale = officer_.post_multipart(
        kPage, {{"text-en", "Short."}, {"text-pl", "Krótko."}, {"day", "2027-02-01"}}, {});
    ASSERT_TRUE(stale);
    EXPECT_EQ(stale->status, 403);
    EXPECT_TRUE(device_get().body["outcomes"].empty());
}

TEST_F(CentralConsoleOutcomes, AViewerReadsButCannotWrite) {
    ASSERT_TRUE(publish("We added a ramp.", "Dodaliśmy rampę.")->status == 200);
    auto made = central_.run(
        {"add-user", "--email", "cllr@example.org", "--name", "Cllr Jones", "--role", "viewer"});
    ASSERT_EQ(made.exit_code, 0) << made.err;
    ConsoleBrowser viewer(central_);
    viewer.first_sign_in("cllr@example.org", made.last_line(), kPassword);
    auto page = viewer.get(kPage);
    ASSERT_TRUE(page && page->status == 200);
    EXPECT_NE(visible_text(page->body).find("We added a ramp."), std::string::npos);
    EXPECT_EQ(page->body.find("id=\"publish-entry\""), std::string::npos);
    EXPECT_EQ(page->body.find("Withdraw entry"), std::string::npos);
    auto refused = viewer.post_multipart(
        kPage, {{"text-en", "Mine."}, {"text-pl", "Moje."}, {"day", "2027-02-01"}}, {});
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 403);
    EXPECT_EQ(device_get().body["outcomes"].size(), 1u);
}

}  // namespace
}  // namespace fv::test
