// The console's meeting and partner pages against the real fieldvoice-central: a session uploaded
// through the sync API as a device sends it (SessionRecord's own upload form) shows its title,
// place, division, facilitator and date in the list; opened, its notes with who said them, its
// show-of-hands polls with counts and its ideas ranked by dots; partner submissions and partner
// notes are grouped by organisation, answers in words, no personal answer.
#include <gtest/gtest.h>

#include "core/store/session.hpp"
#include "core/util/ids.hpp"
#include "integration/support/central_fixtures.hpp"
#include "integration/support/console_browser.hpp"

namespace fv::test {
namespace {

using nlohmann::json;

constexpr const char* kPassword = "correct horse battery staple";

class CentralConsoleMeetings : public ::testing::Test {
  protected:
    void SetUp() override {
        central_.publish(std::filesystem::path(FIELDVOICE_ASSETS_DIR) /
                         "consultations/libraries-2027.json");
        central_.start();
        auto made = central_.run({"add-user", "--email", "cllr@example.org", "--name", "Cllr Jones",
                                  "--role", "viewer"});
        ASSERT_EQ(made.exit_code, 0) << made.err;
        viewer_.first_sign_in("cllr@example.org", made.last_line(), kPassword);
        auto code = central_.run({"enrol-code", "--name", "Cllr laptop", "--division", "Witney"});
        ASSERT_EQ(code.exit_code, 0) << code.err;
        auto res =
            post_json(central_, "/devices/enrol", "",
                      json{{"code", code.last_line()}, {"device_name", "Cllr laptop"}}.dump());
        ASSERT_TRUE(res && res->status == 201);
        const json reply = json::parse(res->body);
        device_ = {reply["device_id"], reply["token"]};
    }

    SessionRecord meeting() const {
        SessionRecord r;
        r.session.id = new_uuid();
        r.session.title = "Witney library open evening";
        r.session.place = "Witney Corn Exchange";
        r.session.division = "Witney";
        r.session.facilitator = "Cllr Jones";
        r.session.consultation_id = "libraries-2027";
        r.session.consultation_version = 1;
        r.session.started_at = "2026-11-23T18:00:00.000Z";
        r.session.ended_at = "2026-11-23T19:30:00.000Z";
        r.notes.push_back({new_uuid(),
                           r.session.id,
                           "Keep the mobile library to the villages",
                           {"community-space"},
                           Speaker::resident(),
                           "2026-11-23T18:10:00.000Z",
                           std::nullopt});
        r.notes.push_back({new_uuid(),
                           r.session.id,
                           "Our patients use the library computers",
                           {"digital"},
                           Speaker::partner("Witney Health Centre"),
                           "2026-11-23T18:20:00.000Z",
                           std::nullopt});
        r.tallies.push_back({"opening-hours", "saturday", 14});
        r.tallies.push_back({"opening-hours", "weekday-evenings", 6});
        r.ideas.push_back(
            {new_uuid(), r.session.id, "A homework club", "2026-11-23T18:40:00.000Z", 3});
        r.ideas.push_back(
            {new_uuid(), r.session.id, "Sunday opening", "2026-11-23T18:41:00.000Z", 9});
        r.ideas.push_back({new_uuid(), r.session.id, "Repair cafe", "2026-11-23T18:42:00.000Z", 5});
        r.dot_voters = 11;
        return r;
    }

    void upload_session(const SessionRecord& r) {
        json body{{"device_id", device_.device_id}, {"sessions", json::array({r.to_json()})}};
        auto res = post_json(central_, "/sessions", device_.token, body.dump());
        ASSERT_TRUE(res);
        ASSERT_EQ(res->status, 200) << res->body;
        const json reply = json::parse(res->body);
        ASSERT_EQ(reply["results"][0]["status"], "stored") << res->body;
    }

    void upload(const json& responses) {
        auto res =
            post_json(central_, "/responses", device_.token, batch(device_, responses).dump());
        ASSERT_TRUE(res);
        ASSERT_EQ(res->status, 200) << res->body;
        const json reply = json::parse(res->body);
        for (const auto& r : reply["results"]) ASSERT_EQ(r["status"], "stored") << r.dump();
    }

    void look(const std::string& html, const std::string& name) {
        const auto file = viewer_.save_page(html, "console-screens", name);
        const auto png = screenshot(file, 1280, 2200);
        if (!png.empty()) std::printf("screenshot: %s\n", std::filesystem::absolute(png).c_str());
    }

    CentralProcess central_;
    ConsoleBrowser viewer_{central_};
    Device device_;
};

TEST_F(CentralConsoleMeetings, ASessionShowsItsNotesPollsAndIdeaRanking) {
    auto empty = viewer_.get("/sessions");
    ASSERT_TRUE(empty);
    EXPECT_NE(empty->body.find("id=\"no-sessions\""), std::string::npos);

    const SessionRecord r = meeting();
    upload_session(r);
    json given = json::array();
    for (int i = 0; i < 2; ++i) {
        given.push_back(make_response(1, json{{"visit-rating", 5}, {"opening-hours", "sunday"}},
                                      "libraries-2027"));
        given.back()["mode"] = "meeting";
        given.back()["session_id"] = r.session.id;
    }
    upload(given);

    auto list = viewer_.get("/sessions");
    ASSERT_TRUE(list);
    ASSERT_EQ(list->status, 200);
    const auto at = list->body.find("data-session=\"" + r.session.id + "\"");
    ASSERT_NE(at, std::string::npos);
    const std::string row = visible_text(list->body.substr(at, list->body.find("</tr>", at) - at));
    EXPECT_NE(row.find("Witney library open evening libraries-2027 Witney Corn Exchange Witney "
                       "Cllr Jones 2026-11-23 18:00 2 3 2"),
              std::string::npos)
        << row;
    look(list->body, "sessions");

    auto page = viewer_.get("/sessions/" + r.session.id);
    ASSERT_TRUE(page);
    ASSERT_EQ(page->status, 200) << visible_text(page->body);
    const std::string text = visible_text(page->body);
    EXPECT_NE(text.find("Keep the mobile library to the villages A resident · 2026-11-23 18:10 "
                        "community-space"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("Our patients use the library computers For Witney Health Centre · "
                        "2026-11-23 18:20 digital"),
              std::string::npos);
    EXPECT_NE(text.find("When (UTC) 2026-11-23 18:00 to 2026-11-23 19:30"), std::string::npos);
    EXPECT_NE(text.find("Responses given in it 2"), std::string::npos);
    // The poll, in the definition's order, with labels, counts and shares.
    EXPECT_NE(text.find("Weekday evenings 6 30.0% All day Saturday 14 70.0% Sunday 0 0.0%"),
              std::string::npos)
        << text;
    // Ideas ranked by dots, most first.
    EXPECT_NE(text.find("11 people placed dots Rank Idea Dots 1 Sunday opening 9 2 Repair cafe 5 3 "
                        "A homework club 3"),
              std::string::npos)
        << text;
    look(page->body, "session");

    auto missing = viewer_.get("/sessions/00000000-0000-4000-8000-000000000000");
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->status, 404);
    EXPECT_NE(visible_text(missing->body).find("No meeting session"), std::string::npos);
}

TEST_F(CentralConsoleMeetings, PartnerFeedbackIsGroupedByOrganisation) {
    auto empty = viewer_.get("/partners");
    ASSERT_TRUE(empty);
    EXPECT_NE(empty->body.find("id=\"no-partners\""), std::string::npos);

    json given = json::array();
    auto partner = [&](const std::string& org, json answers) {
        given.push_back(make_response(1, std::move(answers), "libraries-2027"));
        given.back()["mode"] = "partner";
        given.back()["participant"] = {{"kind", "partner"}, {"organisation", org}};
    };
    partner("Thames Valley Police", {{"visit-rating", 2},
                                     {"opening-hours", "sunday"},
                                     {"visit-better", "Safer walking routes after dark"},
                                     {"services-used", {"wifi", "other:Meeting rooms"}}});
    partner("Age UK Oxfordshire", {{"visit-rating", 4}, {"opening-hours", "early-morning"}});
    partner("Age UK Oxfordshire", {{"visit-rating", 5},
                                   {"opening-hours", "saturday"},
                                   {"priorities", {"longer-hours", "more-books", "digital-help"}}});
    upload(given);
    upload_session(meeting());

    auto page = viewer_.get("/partners");
    ASSERT_TRUE(page);
    ASSERT_EQ(page->status, 200);
    const std::string text = visible_text(page->body);
    EXPECT_NE(text.find("Age UK Oxfordshire (2 submissions)"), std::string::npos) << text;
    EXPECT_NE(text.find("Thames Valley Police (1 submission)"), std::string::npos);
    EXPECT_NE(text.find("Witney Health Centre (1 note from meetings)"), std::string::npos);
    EXPECT_NE(
        text.find(
            "What do you use the library for? Choose up to four. Free Wi-Fi, Other: Meeting rooms"),
        std::string::npos)
        << text;
    EXPECT_NE(text.find("Safer walking routes after dark"), std::string::npos);
    EXPECT_NE(text.find("How was your visit to the library today? 2 (unhappy)"), std::string::npos);
    EXPECT_NE(
        text.find("1. Longer opening hours, 2. More new books and e-books, 3. Help to get online"),
        std::string::npos)
        << text;
    EXPECT_NE(text.find("Our patients use the library computers (Witney library open evening, "
                        "2026-11-23)"),
              std::string::npos);
    // A resident's note is not partner feedback.
    EXPECT_EQ(text.find("Keep the mobile library"), std::string::npos);
    look(page->body, "partners");
}

}  // namespace
}  // namespace fv::test
