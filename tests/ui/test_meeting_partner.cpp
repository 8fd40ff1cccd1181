// A partner's submission and an assisted visit, through the real screens at 1366x768 and
// 1280x800: a partner reads the partner notice and is asked only the partner questions
// (docs/format.md, "Audiences"), every page says whose feedback it is, and Finish goes back to
// the officer screen. Each check is on the page as it first settles after the tap.
#include <gtest/gtest.h>

#include <set>

#include "support/kiosk_harness.hpp"
#include "support/meeting_steps.hpp"

namespace fv::testing {
namespace {

struct Size {
    int width, height;
};

std::string name_of(const Size& s) {
    return std::to_string(s.width) + "x" + std::to_string(s.height);
}

class PartnerVisit : public ::testing::TestWithParam<Size> {};

// The partner form filled in and started: the consent page is next.
void start_partner(KioskHarness& h) {
    ASSERT_NO_FATAL_FAILURE(open_officer(h));
    ASSERT_TRUE(h.tap("Partner feedback"));
    ASSERT_EQ(h.app().screen(), ScreenId::PartnerStart);
    ASSERT_TRUE(h.tap("Organisation"));
    h.type_text("Age UK Oxfordshire");
    ASSERT_TRUE(h.tap("Name of the person submitting"));
    h.type_text("Sam Patel");
    ASSERT_TRUE(h.tap("Start the questions"));
    ASSERT_EQ(h.app().screen(), ScreenId::Consent) << h.describe();
}

// Next through every page to "Send my answers", noting each page's prompt (the texts shown)
// and whether it carried `band`.
std::vector<std::string> walk_questions(KioskHarness& h, const std::string& band,
                                        const std::string& shot_prefix) {
    std::vector<std::string> pages;
    for (int i = 0; i < 20; ++i) {
        EXPECT_TRUE(h.shows(band)) << "page " << i << " has no band:\n" << h.describe();
        std::string shown;
        for (const std::string& t : h.texts()) shown += t + "\n";
        pages.push_back(shown);
        h.screenshot(shot_prefix + "-q" + std::to_string(i + 1) + ".png");
        if (h.item("Send my answers") != nullptr) break;
        if (!h.tap("Next")) break;
    }
    return pages;
}

bool any_page_shows(const std::vector<std::string>& pages, const std::string& text) {
    for (const std::string& p : pages) {
        if (p.find(text) != std::string::npos) return true;
    }
    return false;
}

TEST_P(PartnerVisit, APartnerReadsThePartnerNoticeAndIsAskedOnlyPartnerQuestions) {
    const Size size = GetParam();
    KioskHarness h(on_sample("libraries-2027", size.width, size.height));
    ASSERT_NO_FATAL_FAILURE(start_partner(h));
    // The consent page: the partner's notice, never the residents' promise of anonymity.
    EXPECT_TRUE(h.shows("Partner feedback: Age UK Oxfordshire")) << h.describe();
    EXPECT_TRUE(h.shows_part("your name are kept with these answers")) << h.describe();
    EXPECT_FALSE(h.shows_part("We do not ask your name")) << h.describe();
    h.screenshot("partner-consent-" + name_of(size) + ".png");
    ASSERT_TRUE(h.tap("I agree, start"));
    ASSERT_EQ(h.app().screen(), ScreenId::Question);
    EXPECT_TRUE(h.shows("Question 1 of 5")) << h.describe();

    const auto pages =
        walk_questions(h, "Partner feedback: Age UK Oxfordshire", "partner-" + name_of(size));
    EXPECT_EQ(pages.size(), 5u);
    EXPECT_TRUE(any_page_shows(pages, "How does your organisation work with the library now?"));
    EXPECT_TRUE(any_page_shows(pages, "What could your organisation offer the library service"));
    for (const char* resident_only : {"How was your visit to the library today?",
                                      "How old are you?", "What is the first part of your postcode",
                                      "leave your email address", "If we could open for longer"}) {
        EXPECT_FALSE(any_page_shows(pages, resident_only)) << resident_only;
    }
    ASSERT_TRUE(h.tap("Send my answers")) << h.describe();
    ASSERT_EQ(h.app().screen(), ScreenId::Thanks);

    // Finish: the officer screen, at once, for the next partner (no PIN again).
    ASSERT_TRUE(h.tap("Finish"));
    EXPECT_EQ(h.app().screen(), ScreenId::Officer) << h.describe();
    EXPECT_NE(h.item("Partner feedback"), nullptr) << h.describe();
    h.screenshot("partner-finished-" + name_of(size) + ".png");

    const auto stored = h.store().responses();
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_EQ(stored[0].response.mode, CaptureMode::Partner);
    for (const auto& [question, value] : stored[0].response.answers.items()) {
        EXPECT_TRUE(asked_of(*h.app().consultation()->find(question), "partner")) << question;
    }
}

TEST_P(PartnerVisit, AnAssistedVisitSaysSoOnEveryPageAndFinishGoesBackToTheOfficer) {
    const Size size = GetParam();
    KioskHarness h(on_sample("libraries-2027", size.width, size.height));
    ASSERT_NO_FATAL_FAILURE(open_officer(h));
    ASSERT_TRUE(h.tap("Assisted visit"));
    ASSERT_EQ(h.app().screen(), ScreenId::Consent);
    EXPECT_TRUE(h.shows("Assisted visit")) << h.describe();
    EXPECT_FALSE(h.shows_part("Partner feedback:"));
    EXPECT_TRUE(h.shows_part("We do not ask your name")) << "a resident's own notice";
    ASSERT_TRUE(h.tap("I agree, start"));
    std::vector<std::string> pages;
    for (int i = 0; i < 20 && h.item("Send my answers") == nullptr; ++i) {
        EXPECT_TRUE(h.shows("Assisted visit")) << "page " << i << ":\n" << h.describe();
        if (h.item("Happy") != nullptr && !h.item("Happy")->selected) h.tap("Happy");
        if (h.item("Sunday") != nullptr) h.tap("Sunday");
        if (i == 2) h.screenshot("assisted-" + name_of(size) + ".png");
        std::string shown;
        for (const std::string& t : h.texts()) shown += t + "\n";
        pages.push_back(shown);
        ASSERT_TRUE(h.tap("Next")) << h.describe();
    }
    EXPECT_TRUE(h.shows("Assisted visit")) << h.describe();
    EXPECT_TRUE(any_page_shows(pages, "How was your visit to the library today?"));
    EXPECT_FALSE(any_page_shows(pages, "How does your organisation work with the library"));
    ASSERT_TRUE(h.tap("Send my answers")) << h.describe();
    ASSERT_TRUE(h.tap("Finish"));
    EXPECT_EQ(h.app().screen(), ScreenId::Officer) << h.describe();
    EXPECT_NE(h.item("Assisted visit"), nullptr) << h.describe();
    ASSERT_EQ(h.store().responses().size(), 1u);
    EXPECT_EQ(h.store().responses()[0].response.mode, CaptureMode::Assisted);
}

INSTANTIATE_TEST_SUITE_P(Sizes, PartnerVisit, ::testing::Values(Size{1366, 768}, Size{1280, 800}),
                         [](const ::testing::TestParamInfo<Size>& param_info) {
                             return "at" + name_of(param_info.param);
                         });

// A thank-you left alone ends at the kiosk's start, locked: the officer screen is never left
// open behind a partner who walked away.
TEST(PartnerVisit, AThankYouLeftAloneStillEndsAtTheLockedStart) {
    KioskHarness h(on_sample("libraries-2027", 1366, 768));
    ASSERT_NO_FATAL_FAILURE(start_partner(h));
    ASSERT_TRUE(h.tap("I agree, start"));
    for (int i = 0; i < 20 && h.item("Send my answers") == nullptr; ++i) h.tap("Next");
    ASSERT_TRUE(h.tap("Send my answers"));
    ASSERT_EQ(h.app().screen(), ScreenId::Thanks);
    h.idle_for(std::chrono::seconds(15));
    EXPECT_EQ(h.app().screen(), ScreenId::Attract) << h.describe();
}

// A resident at the kiosk never meets a partner question, and Finish goes to the start.
TEST(PartnerVisit, AResidentIsNotAskedPartnerQuestions) {
    KioskHarness h(on_sample("libraries-2027", 1366, 768));
    ASSERT_TRUE(h.tap("Touch to start"));
    ASSERT_TRUE(h.tap("I agree, start"));
    EXPECT_FALSE(h.shows_part("Partner feedback:")) << h.describe();
    EXPECT_FALSE(h.shows("Assisted visit"));
    // 14 questions: less the 2 for partners and the one shown only after a low rating.
    EXPECT_TRUE(h.shows("Question 1 of 11")) << h.describe();
}

// With many organisations heard at meetings offered as quick choices, "Start the questions" is
// still whole on the first frame of the form, beside Back, at both kiosk sizes.
TEST(PartnerVisit, StartTheQuestionsIsWholeHoweverManyOrganisationsAreOffered) {
    for (const Size size : {Size{1366, 768}, Size{1280, 800}}) {
        KioskHarness h(on_sample("libraries-2027", size.width, size.height));
        SessionDraft draft;
        draft.title = "Witney library forum";
        draft.consultation_id = "libraries-2027";
        draft.consultation_version = h.app().consultation()->version;
        const std::string session = h.store().start_session(draft);
        for (int i = 1; i <= 14; ++i) {
            NoteDraft note;
            note.text = "A point from partner " + std::to_string(i);
            note.speaker =
                Speaker::partner("Oxfordshire Community Partner Number " + std::to_string(i));
            h.store().add_note(session, note);
        }
        ASSERT_NO_FATAL_FAILURE(open_officer(h));
        ASSERT_TRUE(h.tap("Partner feedback"));
        const ui::ShownItem* start = h.item("Start the questions");
        ASSERT_NE(start, nullptr) << h.describe();
        EXPECT_LE(start->y1, static_cast<float>(size.height)) << name_of(size);
        EXPECT_GE(start->y1 - start->y0, 64.0f) << name_of(size) << ": cut";
        EXPECT_FALSE(start->enabled) << "nothing typed yet";
        h.screenshot("partner-start-many-organisations-" + name_of(size) + ".png");
        ASSERT_TRUE(h.tap("Oxfordshire Community Partner Number 1"));
        ASSERT_TRUE(h.tap("Name of the person submitting"));
        h.type_text("Sam Patel");
        start = h.item("Start the questions");
        ASSERT_NE(start, nullptr) << h.describe();
        EXPECT_TRUE(start->enabled);
        ASSERT_TRUE(h.tap("Start the questions"));
        EXPECT_EQ(h.app().screen(), ScreenId::Consent) << h.describe();
        EXPECT_TRUE(h.shows("Partner feedback: Oxfordshire Community Partner Number 1"))
            << h.describe();
    }
}

}  // namespace
}  // namespace fv::testing
