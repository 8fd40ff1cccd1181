// The inactivity rules on the fake clock: "Are you still there?" after a minute, a 20-second
// countdown, then a wipe that leaves nothing of the visit on screen or in the app; "I need
// more time" and read-aloud's longer wait; reduced motion's still countdown; and an idle kiosk
// that draws nothing.
#include <gtest/gtest.h>

#include "support/kiosk_harness.hpp"

namespace fv::testing {
namespace {

using namespace std::chrono_literals;

void half_visit_in_polish(KioskHarness& h) {
    h.tap("Polski");
    h.tap("Dotknij, aby zacząć");
    h.tap("Możecie cytować moje słowa w publicznych raportach (nigdy z moim nazwiskiem)");
    h.tap("Zgadzam się, zaczynam");
    h.tap("Dalej");
    h.tap("Bardzo źle");
    h.tap("Dalej");
    h.type_text("Sekretne słowa gościa");
    ASSERT_TRUE(h.shows_part("Sekretne słowa gościa")) << h.describe();
}

TEST(KioskInactivity, CountdownThenWipeLeavesNothing) {
    KioskHarness h(on_sample("libraries-2027"));
    half_visit_in_polish(h);
    h.idle_for(59s);
    EXPECT_FALSE(h.app().still_there_shown());
    h.idle_for(1s);
    ASSERT_TRUE(h.app().still_there_shown()) << h.describe();
    EXPECT_TRUE(h.shows("Czy nadal tu jesteś?")) << h.describe();
    EXPECT_TRUE(h.shows_part("za 20 s")) << h.describe();
    // Nothing of the visit shows behind the question either.
    EXPECT_FALSE(h.shows_part("Sekretne")) << h.describe();
    h.screenshot("still-there.png");
    h.idle_for(12s);
    EXPECT_TRUE(h.shows_part("za 8 s")) << h.describe();
    h.idle_for(8s);

    EXPECT_FALSE(h.app().still_there_shown());
    EXPECT_EQ(h.app().screen(), ScreenId::Attract);
    const Visit& v = h.app().visit();
    EXPECT_FALSE(v.active);
    EXPECT_TRUE(v.answers.empty());
    EXPECT_TRUE(v.widgets.empty());
    EXPECT_FALSE(v.consent.privacy_notice || v.consent.quote_publicly || v.consent.contact_me);
    EXPECT_TRUE(v.started_at.empty());
    EXPECT_EQ(v.language, "en");
    for (const std::string& t : h.texts()) {
        EXPECT_EQ(t.find("Sekretne"), std::string::npos) << t;
    }
    EXPECT_FALSE(h.shows_part("Sekretne"));
    EXPECT_TRUE(h.shows("Touch to start")) << h.describe();
    EXPECT_TRUE(h.store().responses().empty());
    h.screenshot("after-wipe.png");

    // A new visit starts clean, in English, with an empty text box.
    h.tap("Touch to start");
    h.tap("I agree, start");
    h.tap("Next");
    EXPECT_FALSE(h.item("Very unhappy")->selected);
}

TEST(KioskInactivity, YesContinueKeepsTheVisit) {
    KioskHarness h(on_sample("libraries-2027"));
    half_visit_in_polish(h);
    h.idle_for(65s);
    ASSERT_TRUE(h.app().still_there_shown());
    h.tap("Tak, kontynuuję");
    EXPECT_FALSE(h.app().still_there_shown());
    EXPECT_TRUE(h.shows_part("Sekretne słowa gościa")) << h.describe();
    EXPECT_EQ(h.app().visit().answers["visit-rating"], 1);
    EXPECT_TRUE(h.app().visit().consent.quote_publicly);
    // The minute starts again from the tap.
    h.idle_for(59s);
    EXPECT_FALSE(h.app().still_there_shown());
}

TEST(KioskInactivity, ClearNowWipesAtOnce) {
    KioskHarness h(on_sample("libraries-2027"));
    half_visit_in_polish(h);
    h.idle_for(60s);
    h.tap("Nie, usuń moje odpowiedzi");
    EXPECT_EQ(h.app().screen(), ScreenId::Attract);
    EXPECT_TRUE(h.app().visit().answers.empty());
    EXPECT_FALSE(h.shows_part("Sekretne"));
}

TEST(KioskInactivity, ThanksReturnsToTheStartByItself) {
    KioskHarness h(on_sample("adult-day-services-2027"));
    h.tap("Touch to start");
    h.tap("I agree, start");
    h.tap("Next");
    h.tap("I work in a day service");
    for (int i = 0; i < 15 && !h.item("Send my answers"); ++i) {
        if (!h.item("Next")->enabled) h.tap("Seeing friends and meeting people");  // required
        h.tap("Next");
    }
    h.tap("Send my answers");
    ASSERT_EQ(h.app().screen(), ScreenId::Thanks) << h.describe();
    h.idle_for(9s);
    EXPECT_EQ(h.app().screen(), ScreenId::Thanks);
    h.idle_for(1s);
    EXPECT_EQ(h.app().screen(), ScreenId::Attract) << h.describe();
}

TEST(KioskIdle, AttractScreenDrawsNoFramesWhenIdle) {
    KioskHarness h(on_sample("libraries-2027"));
    const long wakes_before = h.wakes();
    const long frames = h.idle_for(std::chrono::minutes(1));
    EXPECT_EQ(frames, 0) << "an idle attract screen must not draw";
    // With no timer due, the loop blocks once for the whole minute.
    EXPECT_LE(h.wakes() - wakes_before, 1);
}

TEST(KioskIdle, QuestionScreenWakesOnlyForItsTimers) {
    KioskHarness h(on_sample("libraries-2027"));
    h.tap("Touch to start");
    h.tap("I agree, start");
    const long wakes_before = h.wakes();
    // 60 s to the prompt, then one wake per second of the 20-second countdown, then the wipe.
    const long frames = h.idle_for(std::chrono::seconds(85));
    const long wakes = h.wakes() - wakes_before;
    EXPECT_LE(wakes, 1 + 20 + 2) << "the loop woke more than its timers ask";
    EXPECT_LE(frames, 3 + 20 + 3 + 3) << "frames drawn while nobody touched the kiosk";
    EXPECT_EQ(h.app().screen(), ScreenId::Attract);
    std::printf("idle question screen over 85 s: %ld wakes, %ld frames\n", wakes, frames);
}

TEST(KioskTime, INeedMoreTimeDoublesTheWaitForTheRestOfTheVisit) {
    KioskHarness h(on_sample("libraries-2027"));
    half_visit_in_polish(h);
    h.idle_for(60s);
    ASSERT_TRUE(h.app().still_there_shown());
    h.screenshot("more-time-offered.png");
    h.tap("Potrzebuję więcej czasu");
    EXPECT_FALSE(h.app().still_there_shown());
    EXPECT_TRUE(h.shows_part("Sekretne słowa gościa")) << h.describe();
    // Two minutes now, from the tap.
    h.idle_for(119s);
    EXPECT_FALSE(h.app().still_there_shown());
    h.idle_for(1s);
    ASSERT_TRUE(h.app().still_there_shown());
    // Once more: four minutes, and it still holds after an answer on the next screen.
    h.tap("Potrzebuję więcej czasu");
    h.tap("Dalej");
    h.idle_for(239s);
    EXPECT_FALSE(h.app().still_there_shown());
    h.idle_for(1s);
    ASSERT_TRUE(h.app().still_there_shown());
    // The next visit starts with the usual minute.
    h.tap("Nie, usuń moje odpowiedzi");
    h.tap("Touch to start");
    h.idle_for(60s);
    EXPECT_TRUE(h.app().still_there_shown());
}

TEST(KioskTime, ReadAloudVisitsWaitLongerFromTheStart) {
    KioskHarness h(on_sample("libraries-2027"));
    h.tap("Read aloud: off");
    h.tap("Touch to start");
    EXPECT_TRUE(h.app().visit().read_aloud);
    h.idle_for(119s);
    EXPECT_FALSE(h.app().still_there_shown());
    h.idle_for(1s);
    EXPECT_TRUE(h.app().still_there_shown());
    // "I need more time" doubles that too.
    h.tap("I need more time");
    h.idle_for(239s);
    EXPECT_FALSE(h.app().still_there_shown());
    h.idle_for(1s);
    EXPECT_TRUE(h.app().still_there_shown());
}

TEST(KioskTime, NoMoreTimeOfferedOnTheOfficerPin) {
    KioskHarness h(on_sample("libraries-2027"));
    h.press_key(SDLK_o, KMOD_LCTRL | KMOD_LALT);
    h.idle_for(60s);
    ASSERT_TRUE(h.app().still_there_shown());
    EXPECT_FALSE(h.shows("I need more time")) << h.describe();
}

TEST(KioskReducedMotion, CountdownIsAStillSentenceThatDrawsNothingWhileItRuns) {
    KioskHarness h(on_sample("libraries-2027"));
    h.tap("Reduced motion: off");
    ASSERT_TRUE(h.app().look().reduced_motion);
    h.scroll(-20);
    h.tap("Touch to start");
    h.tap("I agree, start");
    h.idle_for(60s);
    ASSERT_TRUE(h.app().still_there_shown());
    const std::string still =
        "To keep your answers private, they will be cleared 20 seconds after this message "
        "appeared, unless you choose below.";
    EXPECT_TRUE(h.shows(still)) << h.describe();
    EXPECT_FALSE(h.shows_part("cleared in")) << h.describe();
    h.screenshot("still-there-reduced-motion.png");
    const std::vector<std::string> before = h.texts();
    const long wakes_before = h.wakes();
    // Nothing counts down: no frame and no wake in the countdown's first 19 seconds.
    EXPECT_EQ(h.idle_for(19s), 0);
    EXPECT_LE(h.wakes() - wakes_before, 1);
    EXPECT_EQ(h.texts(), before);
    // The wipe still comes on time.
    h.idle_for(1s);
    EXPECT_FALSE(h.app().still_there_shown());
    EXPECT_EQ(h.app().screen(), ScreenId::Attract);
    // The setting stays for the next visitor.
    EXPECT_TRUE(h.app().look().reduced_motion);
}

}  // namespace
}  // namespace fv::testing
