// The kiosk flow's rules, through the real screens: show_if, Back, required questions, the
// visit's language, rapid_repeat, "No thanks", and a storage failure that loses nothing.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "support/kiosk_harness.hpp"

namespace fv::testing {
namespace {

using namespace std::chrono_literals;

// From the attract screen to the smiley question of the library sample.
void to_rating(KioskHarness& h) {
    h.tap("Touch to start");
    h.tap("I agree, start");
    h.tap("Next");
    ASSERT_TRUE(h.shows("How was your visit to the library today?")) << h.describe();
}

TEST(KioskFlow, ShowIfSkipsAndShowsTheFollowUp) {
    KioskHarness h(on_sample("libraries-2027"));
    to_rating(h);
    EXPECT_TRUE(h.shows("Question 2 of 11")) << h.describe();
    h.tap("Very unhappy");
    // The follow-up is shown for ratings 1 and 2, so the count grows.
    EXPECT_TRUE(h.shows("Question 2 of 12")) << h.describe();
    h.tap("Next");
    EXPECT_TRUE(h.shows("We are sorry to hear that. What could we have done better?"))
        << h.describe();
    h.type_text("More seats");
    h.tap("Back");
    h.tap("Very happy");
    h.tap("Next");
    EXPECT_FALSE(h.shows_part("What could we have done better?"));
    EXPECT_TRUE(h.shows_part("What do you use the library for?")) << h.describe();
    // Through to the end: the hidden follow-up's text is not sent.
    for (int i = 0; i < 12 && h.item("Next"); ++i) {
        if (!h.item("Next")->enabled) h.tap("Sunday");  // the one other required question
        h.tap("Next");
    }
    ASSERT_TRUE(h.item("Send my answers")) << h.describe();
    h.tap("Send my answers");
    const auto stored = h.store().responses();
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_FALSE(stored[0].response.answers.contains("visit-better"));
    EXPECT_EQ(stored[0].response.answers.dump().find("More seats"), std::string::npos);
    EXPECT_EQ(stored[0].response.answers["visit-rating"], 5);
}

TEST(KioskFlow, BackKeepsAnswers) {
    KioskHarness h(on_sample("libraries-2027"));
    to_rating(h);
    h.tap("Unhappy");
    h.tap("Next");
    h.type_text("Quieter");
    h.tap("Next");
    h.tap("Free Wi-Fi");
    h.tap("Back");
    EXPECT_TRUE(h.shows_part("Quieter")) << h.describe();
    h.tap("Back");
    ASSERT_NE(h.item("Unhappy"), nullptr);
    EXPECT_TRUE(h.item("Unhappy")->selected) << h.describe();
    h.tap("Next");
    h.tap("Next");
    ASSERT_NE(h.item("Free Wi-Fi"), nullptr) << h.describe();
    EXPECT_TRUE(h.item("Free Wi-Fi")->selected);
    EXPECT_EQ(h.app().visit().answers["visit-better"], "Quieter");
}

TEST(KioskFlow, RequiredQuestionBlocksNext) {
    KioskHarness h(on_sample("libraries-2027"));
    to_rating(h);
    ASSERT_NE(h.item("Next"), nullptr);
    EXPECT_FALSE(h.item("Next")->enabled);
    h.tap_at((h.item("Next")->x0 + h.item("Next")->x1) / 2,
             (h.item("Next")->y0 + h.item("Next")->y1) / 2);
    EXPECT_TRUE(h.shows("How was your visit to the library today?")) << "Next moved on";
    h.tap("Neither");
    EXPECT_TRUE(h.item("Next")->enabled);
}

TEST(KioskFlow, PolishVisitShowsPolishAndStoresPl) {
    KioskHarness h(on_sample("libraries-2027"));
    h.tap("Polski");
    EXPECT_TRUE(h.shows("Twoja biblioteka, Twój głos")) << h.describe();
    EXPECT_TRUE(h.shows("Dotknij, aby zacząć")) << h.describe();
    h.screenshot("attract-pl.png");
    h.tap("Dotknij, aby zacząć");
    h.tap("Zgadzam się, zaczynam");
    h.tap("Dalej");
    EXPECT_TRUE(h.shows("Jak oceniasz dzisiejszą wizytę w bibliotece?")) << h.describe();
    EXPECT_TRUE(h.shows("Pytanie 2 z 11")) << h.describe();
    h.screenshot("rating-pl.png");
    h.tap("Dobrze");
    for (int i = 0; i < 12 && h.item("Dalej"); ++i) {
        if (!h.item("Dalej")->enabled) h.tap("Niedziela");  // opening hours, required
        h.tap("Dalej");
    }
    h.tap("Wyślij odpowiedzi");
    ASSERT_EQ(h.app().screen(), ScreenId::Thanks) << h.describe();
    EXPECT_TRUE(h.shows("Dziękujemy"));
    const auto stored = h.store().responses();
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_EQ(stored[0].response.language, "pl");
    // The next visitor starts in the default language again.
    h.tap("Zakończ");
    EXPECT_TRUE(h.shows("Touch to start")) << h.describe();
}

// A minimal visit of the library sample: rating and opening hours, then send.
void quick_visit(KioskHarness& h) {
    to_rating(h);
    h.tap("Happy");
    h.tap("Next");
    h.tap("Next");
    h.tap("Sunday");
    for (int i = 0; i < 12 && !h.item("Send my answers"); ++i) h.tap("Next");
    h.tap("Send my answers");
    ASSERT_EQ(h.app().screen(), ScreenId::Thanks) << h.describe();
    h.tap("Finish");
}

TEST(KioskFlow, RapidRepeatFlagsASubmitWithinTenSeconds) {
    KioskHarness h(on_sample("libraries-2027"));
    quick_visit(h);
    h.clock().advance(5s);  // the next one comes five seconds later
    quick_visit(h);
    h.clock().advance(11s);
    quick_visit(h);
    const auto stored = h.store().responses();
    ASSERT_EQ(stored.size(), 3u);
    EXPECT_TRUE(stored[0].response.flags.empty());
    EXPECT_EQ(stored[1].response.flags, std::vector<std::string>{"rapid_repeat"});
    EXPECT_TRUE(stored[2].response.flags.empty());
}

TEST(KioskFlow, FingerDragScrollsALongPageWithoutChoosing) {
    // At 100% every page fits; at 150% text this one must scroll.
    KioskHarness h(on_sample("libraries-2027"));
    h.tap("A  150%");
    h.scroll(-20);
    to_rating(h);
    h.tap("Happy");
    h.tap("Next");
    ASSERT_TRUE(h.shows_part("What do you use the library for?")) << h.describe();
    ASSERT_EQ(h.item("Other"), nullptr) << "the last option starts below the fold";
    const ui::ShownItem* wifi = h.item("Free Wi-Fi");
    ASSERT_NE(wifi, nullptr);
    // Drag upwards starting on an option: the page scrolls, the option is not chosen.
    h.drag((wifi->x0 + wifi->x1) / 2, (wifi->y0 + wifi->y1) / 2, 0, -300);
    EXPECT_NE(h.item("Other"), nullptr) << h.describe();
    EXPECT_FALSE(h.app().visit().answers.contains("services-used"))
        << h.app().visit().answers.dump();
}

TEST(KioskFlow, NoThanksEndsTheVisitWithNothingStored) {
    KioskHarness h(on_sample("libraries-2027"));
    h.tap("Touch to start");
    h.tap("No thanks");
    EXPECT_EQ(h.app().screen(), ScreenId::Attract);
    EXPECT_FALSE(h.app().visit().active);
    EXPECT_TRUE(h.store().responses().empty());
}

TEST(KioskFlow, StorageFailureKeepsTheAnswersOnScreen) {
    KioskHarness h(on_sample("libraries-2027"));
    to_rating(h);
    h.tap("Happy");
    h.tap("Next");
    h.tap("Next");
    h.tap("Sunday");
    for (int i = 0; i < 12 && !h.item("Send my answers"); ++i) h.tap("Next");
    // Break the disk from under the app: the responses table is gone.
    ASSERT_EQ(sqlite3_exec(h.store().handle(), "DROP TABLE responses", nullptr, nullptr, nullptr),
              SQLITE_OK);
    h.tap("Send my answers");
    EXPECT_EQ(h.app().screen(), ScreenId::Question) << h.describe();
    EXPECT_TRUE(h.shows_part("could not be saved")) << h.describe();
    h.screenshot("storage-failure.png");
    EXPECT_TRUE(h.app().visit().active);
    EXPECT_EQ(h.app().visit().answers["visit-rating"], 4);
    EXPECT_EQ(h.app().visit().answers["opening-hours"], "sunday");
}

}  // namespace
}  // namespace fv::testing
