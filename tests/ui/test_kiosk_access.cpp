// Keyboard and switch access through the real screens: a whole visit by keyboard alone and
// one by a single switch alone, each checked against the stored response; the officer PIN by
// keyboard; Escape as Back; the focus ring's colours; "I need more time"; reduced motion.
#include <gtest/gtest.h>

#include "app/ui/focus.hpp"
#include "app/ui/theme.hpp"
#include "support/kiosk_harness.hpp"

namespace fv::testing {
namespace {

using namespace std::chrono_literals;

// Moves the focus to an item with Tab and presses it with Enter (or Space).
void key_press(KioskHarness& h, const std::string& label, int nth = 0, bool space = false) {
    ASSERT_TRUE(h.tab_to(label, nth));
    if (space) {
        h.press_key(SDLK_SPACE, KMOD_NONE, " ");
    } else {
        h.press_key(SDLK_RETURN);
    }
}

// The answers both access visits give, as the store must hold them.
const nlohmann::json kExpectedAnswers = {
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

void expect_stored(KioskHarness& h) {
    ASSERT_EQ(h.app().screen(), ScreenId::Thanks) << h.describe();
    const auto stored = h.store().responses();
    ASSERT_EQ(stored.size(), 1u);
    const Response& r = stored[0].response;
    EXPECT_EQ(r.consultation_id, "libraries-2027");
    EXPECT_EQ(r.language, "en");
    EXPECT_TRUE(r.consent.privacy_notice);
    EXPECT_TRUE(r.consent.quote_publicly);
    EXPECT_FALSE(r.consent.contact_me);
    EXPECT_EQ(r.answers, kExpectedAnswers);
    EXPECT_EQ(stored[0].state, SyncState::Queued);
}

TEST(KioskKeyboard, WholeVisitByKeyboardAloneIsStored) {
    KioskHarness h(on_sample("libraries-2027"));
    // Nothing has the focus until a key asks for it: a touch kiosk shows no ring.
    EXPECT_EQ(h.focused(), nullptr);
    // The pulse's faces come first, as they are read; then the start.
    h.press_key(SDLK_TAB);
    EXPECT_EQ(h.focused_label(), "Very unhappy");
    for (int i = 0; i < 5; ++i) h.press_key(SDLK_TAB);
    EXPECT_EQ(h.focused_label(), "Touch to start");
    h.screenshot("01-attract-focus.png");
    h.press_key(SDLK_RETURN);
    ASSERT_EQ(h.app().screen(), ScreenId::Consent) << h.describe();
    // A new screen starts with nothing focused.
    EXPECT_EQ(h.focused(), nullptr);

    // Space presses a toggle; its label gains a tick and the focus stays on it.
    key_press(h, "You may quote my words in public reports (never with my name)", 0, true);
    EXPECT_EQ(h.focused_label(),
              "\u2713 You may quote my words in public reports (never with my name)");
    h.screenshot("02-consent-focus.png");
    key_press(h, "I agree, start");
    ASSERT_EQ(h.app().screen(), ScreenId::Question) << h.describe();
    key_press(h, "Next");  // the welcome page

    // Arrows move the focus too: Right from nothing is the first face, then on.
    h.press_key(SDLK_RIGHT);
    EXPECT_EQ(h.focused_label(), "Very unhappy");
    h.press_key(SDLK_RIGHT);
    h.press_key(SDLK_RIGHT);
    h.press_key(SDLK_RIGHT);
    h.press_key(SDLK_LEFT);
    h.press_key(SDLK_RIGHT);
    EXPECT_EQ(h.focused_label(), "Happy");
    h.press_key(SDLK_SPACE, KMOD_NONE, " ");
    ASSERT_TRUE(h.item("Happy") && h.item("Happy")->selected) << h.describe();
    h.screenshot("03-smiley-focus.png");
    key_press(h, "Next");

    EXPECT_TRUE(h.shows_part("What do you use the library for?")) << h.describe();
    key_press(h, "Free Wi-Fi", 0, true);
    key_press(h, "Borrowing books", 0, true);
    key_press(h, "Next");
    key_press(h, "Sunday");
    // Shift+Tab goes back: from Sunday to the option before it.
    h.press_key(SDLK_TAB, KMOD_LSHIFT);
    EXPECT_EQ(h.focused_label(), "All day Saturday");
    key_press(h, "Next");
    key_press(h, "Longer opening hours");
    key_press(h, "More new books and e-books");
    key_press(h, "Help to get online");
    key_press(h, "Next");
    key_press(h, "Agree", 0);
    key_press(h, "Disagree", 1);
    key_press(h, "Pass", 2);
    key_press(h, "Next");
    key_press(h, "9");
    // Escape is Back: the statements again, answers kept; then forward once more.
    h.press_key(SDLK_ESCAPE);
    EXPECT_TRUE(h.item("Agree") && h.item("Agree")->selected) << h.describe();
    key_press(h, "Next");
    EXPECT_TRUE(h.item("9") && h.item("9")->selected) << h.describe();
    key_press(h, "Next");
    // Typed text: the keyboard types into the answer, Space included; Enter still presses.
    h.type_text("ox4");
    h.screenshot("04-postcode-focus.png");
    key_press(h, "Next");
    key_press(h, "45 to 64");
    key_press(h, "Next");
    key_press(h, "Prefer not to say");
    key_press(h, "Next");
    h.type_text("reader@example.org");
    key_press(h, "Send my answers");
    expect_stored(h);
    // Escape on the thank-you goes back to the start.
    h.press_key(SDLK_ESCAPE);
    EXPECT_EQ(h.app().screen(), ScreenId::Attract) << h.describe();
}

TEST(KioskKeyboard, SpaceInATypedAnswerTypesASpace) {
    KioskHarness h(on_sample("adult-day-services-2027"));
    h.tap("Touch to start");
    h.tap("I agree, start");
    h.tap("Next");
    h.tap("I work in a day service");
    h.tap("Next");
    h.tap("No, never");
    h.tap("Next");
    h.tap("Seeing friends and meeting people");
    h.tap("Next");
    h.tap("Next");
    h.tap("Next");
    ASSERT_TRUE(h.tab_to("Next"));
    h.type_text("more");
    h.press_key(SDLK_SPACE, KMOD_NONE, " ");
    h.type_text("trips");
    EXPECT_TRUE(h.shows("more trips")) << h.describe();
    EXPECT_EQ(h.focused_label(), "Next");  // Space pressed nothing
}

TEST(KioskKeyboard, OfficerPinByKeyboardAndEscapeCancels) {
    KioskHarness h(on_sample("libraries-2027"));
    h.press_key(SDLK_o, KMOD_LCTRL | KMOD_LALT);
    ASSERT_EQ(h.app().screen(), ScreenId::Pin);
    h.press_key(SDLK_ESCAPE);
    EXPECT_EQ(h.app().screen(), ScreenId::Attract) << h.describe();

    h.press_key(SDLK_o, KMOD_LCTRL | KMOD_LALT);
    ASSERT_EQ(h.app().screen(), ScreenId::Pin);
    for (char c : std::string(KioskHarness::kOfficerPin)) key_press(h, std::string(1, c));
    h.screenshot("pin-focus.png");
    key_press(h, "OK");
    EXPECT_EQ(h.app().screen(), ScreenId::Officer) << h.describe();
}

TEST(KioskKeyboard, StillThereByKeyboard) {
    KioskHarness h(on_sample("libraries-2027"));
    h.tap("Touch to start");
    h.idle_for(KioskApp::kInactivity);
    ASSERT_TRUE(h.app().still_there_shown()) << h.describe();
    ASSERT_TRUE(h.tab_to("No, clear my answers"));
    h.screenshot("still-there-focus.png");
    // Escape keeps the visit, as "Yes, continue".
    h.press_key(SDLK_ESCAPE);
    EXPECT_FALSE(h.app().still_there_shown());
    EXPECT_EQ(h.app().screen(), ScreenId::Consent);
    h.idle_for(KioskApp::kInactivity);
    ASSERT_TRUE(h.app().still_there_shown());
    key_press(h, "No, clear my answers");
    EXPECT_EQ(h.app().screen(), ScreenId::Attract);
}

TEST(KioskKeyboard, FocusRingInHighContrastAtLargeText) {
    KioskHarness h(on_sample("libraries-2027"));
    h.tap("High contrast: off");
    h.tap("A  150%");
    h.scroll(-20);
    // Tab goes on from what was last tapped.
    h.press_key(SDLK_TAB);
    EXPECT_EQ(h.focused_label(), "A  200%");
    h.screenshot("attract-contrast-focus.png");
    h.tap("Touch to start");
    // A tap leaves the focus on what it pressed, with no ring; Tab shows the ring again.
    EXPECT_EQ(h.focused(), nullptr);
    key_press(h, "You may contact me about this consultation", 0, true);
    h.screenshot("consent-contrast-focus.png");
    EXPECT_TRUE(h.app().visit().consent.contact_me);
}

TEST(KioskKeyboard, FocusRingReachesSevenToOneInBothThemes) {
    for (bool contrast : {false, true}) {
        const ui::Theme t = ui::make_theme(contrast, 1.0f);
        EXPECT_GE(ui::contrast_ratio(t.focus_ring, t.background), 7.0f) << contrast;
        // The inner edge parts the ring from the items it surrounds.
        EXPECT_GE(ui::contrast_ratio(t.focus_ring, t.focus_ring_inner), 7.0f) << contrast;
        EXPECT_GE(ui::contrast_ratio(t.focus_ring_inner, t.accent), 3.0f) << contrast;
        EXPECT_GE(ui::contrast_ratio(t.focus_ring_inner, t.selected), 3.0f) << contrast;
    }
}

}  // namespace
}  // namespace fv::testing
