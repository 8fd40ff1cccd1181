// Single-switch scanning through the real screens on the fake clock: the highlight steps on a
// timer at the chosen pace, the one switch selects, a whole visit by the switch alone is
// stored, and an idle scanning kiosk wakes only for its steps.
#include <gtest/gtest.h>

#include "app/ui/focus.hpp"
#include "support/kiosk_harness.hpp"

namespace fv::testing {
namespace {

using namespace std::chrono_literals;

// What an officer or a carer does once, on the attract screen, for a switch user; it stays
// for the next visits.
void turn_scanning_on(KioskHarness& h) {
    h.tap("Switch scanning: off");
    ASSERT_TRUE(h.app().look().scanning);
    h.scroll(-20);
}

// Waits for the highlight to reach an item, then presses the switch.
void select(KioskHarness& h, const std::string& label, int nth = 0) {
    ASSERT_TRUE(h.scan_to(label, nth));
    h.press_switch();
}

TEST(KioskSwitch, HighlightStepsAtTheChosenPace) {
    KioskHarness h(on_sample("libraries-2027"));
    turn_scanning_on(h);
    // Scanning always has a highlight, from the first item of the screen.
    h.idle_for(2s);
    ASSERT_NE(h.focused(), nullptr) << h.describe();
    const int first = ui::Focus::current().focused_index();

    // The default pace, 2 s a step.
    h.idle_for(1900ms);
    EXPECT_EQ(ui::Focus::current().focused_index(), first);
    h.idle_for(200ms);
    EXPECT_EQ(ui::Focus::current().focused_index(), first + 1) << h.describe_focus();

    // A faster pace, chosen with the switch itself.
    select(h, "1 s");
    EXPECT_EQ(h.app().look().scan_seconds, 1.0f);
    const int at = ui::Focus::current().focused_index();
    h.idle_for(1001ms);
    EXPECT_EQ(ui::Focus::current().focused_index(), at + 1) << h.describe_focus();
    h.screenshot("attract-scanning.png");
}

TEST(KioskSwitch, IdleScanningKioskWakesOnlyForItsSteps) {
    KioskHarness h(on_sample("libraries-2027"));
    turn_scanning_on(h);
    const long wakes_before = h.wakes();
    const long frames = h.idle_for(60s);
    // One wake a 2-second step, and a frame or two to draw each step: nothing in between
    // (but for a frame to settle where a step scrolls the page).
    EXPECT_LE(h.wakes() - wakes_before, 31);
    EXPECT_LE(frames, 2 * 31 + 2);
    EXPECT_GE(frames, 29);
}

TEST(KioskSwitch, WholeVisitBySwitchAloneIsStored) {
    KioskHarness h(on_sample("libraries-2027"));
    turn_scanning_on(h);
    // From here on, only the switch.
    select(h, "Touch to start");
    ASSERT_EQ(h.app().screen(), ScreenId::Consent) << h.describe();
    // A scanning visit waits longer before "Are you still there?".
    EXPECT_EQ(h.app().inactivity_timeout(), 3 * KioskApp::kInactivity);
    select(h, "You may quote my words in public reports (never with my name)");
    h.screenshot("consent-scanning.png");
    select(h, "I agree, start");
    ASSERT_EQ(h.app().screen(), ScreenId::Question) << h.describe();
    select(h, "Next");
    select(h, "Happy");
    h.screenshot("smiley-scanning.png");
    select(h, "Next");
    select(h, "Free Wi-Fi");
    select(h, "Borrowing books");
    select(h, "Next");
    select(h, "Sunday");
    select(h, "Next");
    select(h, "Longer opening hours");
    select(h, "More new books and e-books");
    select(h, "Help to get online");
    select(h, "Next");
    select(h, "Agree", 0);
    select(h, "Disagree", 1);
    select(h, "Pass", 2);
    select(h, "Next");
    select(h, "9");
    select(h, "Next");
    // The postcode on the on-screen keyboard, key by key.
    select(h, "O");
    select(h, "X");
    select(h, "4");
    EXPECT_TRUE(h.shows("OX4")) << h.describe();
    h.screenshot("postcode-scanning.png");
    select(h, "Next");
    select(h, "45 to 64");
    select(h, "Next");
    select(h, "Prefer not to say");
    select(h, "Next");
    EXPECT_FALSE(h.app().still_there_shown());
    select(h, "Send my answers");
    ASSERT_EQ(h.app().screen(), ScreenId::Thanks) << h.describe();

    const auto stored = h.store().responses();
    ASSERT_EQ(stored.size(), 1u);
    const Response& r = stored[0].response;
    EXPECT_EQ(r.consultation_id, "libraries-2027");
    EXPECT_TRUE(r.consent.privacy_notice);
    EXPECT_TRUE(r.consent.quote_publicly);
    EXPECT_FALSE(r.consent.contact_me);
    const nlohmann::json expected = {
        {"visit-rating", 4},
        {"services-used", {"borrow-books", "wifi"}},
        {"opening-hours", "sunday"},
        {"priorities", {"longer-hours", "more-books", "digital-help"}},
        {"statements",
         {{"shared-building", "agree"}, {"self-service", "disagree"}, {"volunteers", "pass"}}},
        {"recommend", 9},
        {"home-area", "OX4"},
        {"age-band", "45-64"},
        {"disability", "prefer-not-to-say"},
    };
    EXPECT_EQ(r.answers, expected);
    EXPECT_FALSE(r.sealed.has_value());  // no email given
}

TEST(KioskSwitch, SwitchKeysAreSpaceEnterAndFunctionKeys) {
    KioskHarness h(on_sample("libraries-2027"));
    turn_scanning_on(h);
    ASSERT_TRUE(h.scan_to("Polski"));
    h.press_key(SDLK_F5);
    EXPECT_EQ(h.app().visit().language, "pl");
    ASSERT_TRUE(h.scan_to("English"));
    h.press_key(SDLK_RETURN);
    EXPECT_EQ(h.app().visit().language, "en");
    // A Space bar switch types nothing anywhere.
    ASSERT_TRUE(h.scan_to("Touch to start"));
    h.press_switch();
    EXPECT_EQ(h.app().screen(), ScreenId::Consent);
}

}  // namespace
}  // namespace fv::testing
