// A presenter that says what it shows, through the real screens at 1366x768: the poll chart
// counts a show of hands and the answers passed round together (the poll page gives each part),
// Esc goes back to the page it was opened from, the tally buttons carry a real minus sign the
// font can draw, and the tabs stay at the top of a page that scrolls. Each check is on the page
// as it first settles after the tap or key.
#include <gtest/gtest.h>
#include <imgui.h>

#include "app/ui/theme.hpp"
#include "support/kiosk_harness.hpp"
#include "support/meeting_steps.hpp"

namespace fv::testing {
namespace {

constexpr int kWidth = 1366, kHeight = 768;
constexpr const char* kQuestion = "How was your visit to the library today?";

TEST(MeetingPresenter, ThePollChartIsTheSumOfBothWaysOfCounting) {
    KioskHarness h(on_sample("libraries-2027", kWidth, kHeight));
    const std::string id = start_meeting(h);
    ASSERT_FALSE(id.empty());
    ASSERT_TRUE(h.tap("Poll"));
    ASSERT_TRUE(h.tap(kQuestion));
    ASSERT_TRUE(h.tap("Show of hands"));
    for (int i = 0; i < 4; ++i) ASSERT_TRUE(h.tap("+ Happy"));
    ASSERT_TRUE(h.tap("Pass the laptop round"));
    for (int i = 0; i < 2; ++i) {
        ASSERT_TRUE(h.tap("Happy"));
        ASSERT_TRUE(h.tap("Next person"));
    }
    // The poll page gives each part and the sum.
    EXPECT_TRUE(h.shows("Happy: 4 by hands + 2 passed round = 6")) << h.describe();
    h.screenshot("poll-totals.png");
    // Pass-round is the mode in hand; the chart still counts the hands too: 4 + 2 = 6, not
    // "fewer than 5" for the 2 passed round.
    ASSERT_TRUE(h.tap("Presenter"));
    EXPECT_TRUE(h.shows("Happy: 6")) << h.describe();
    EXPECT_TRUE(h.shows("Show of hands and answers passed round, counted together"))
        << h.describe();
    EXPECT_TRUE(h.shows("Very happy: fewer than 5")) << h.describe();
    h.screenshot("presenter-both-modes.png");
}

// The summary's counts through the strings layer's plurals: "1 answer", not "1 answers".
TEST(MeetingPresenter, TheSummarySaysOneAnswerAndOneHand) {
    KioskHarness h(on_sample("libraries-2027", kWidth, kHeight));
    ASSERT_FALSE(start_meeting(h).empty());
    ASSERT_TRUE(h.tap("Poll"));
    ASSERT_TRUE(h.tap(kQuestion));
    ASSERT_TRUE(h.tap("Show of hands"));
    ASSERT_TRUE(h.tap("+ Happy"));
    ASSERT_TRUE(h.tap("Pass the laptop round"));
    ASSERT_TRUE(h.tap("Happy"));
    ASSERT_TRUE(h.tap("Summary"));
    EXPECT_TRUE(h.shows("    Happy: 1 hand, 1 answer")) << h.describe();
    EXPECT_TRUE(h.shows("    Very happy: 0 hands, 0 answers")) << h.describe();
}

TEST(MeetingPresenter, EscGoesBackToThePageItWasOpenedFrom) {
    KioskHarness h(on_sample("libraries-2027", kWidth, kHeight));
    ASSERT_FALSE(start_meeting(h).empty());
    ASSERT_TRUE(h.tap("Poll"));
    ASSERT_TRUE(h.tap(kQuestion));
    ASSERT_TRUE(h.tap("Presenter"));
    ASSERT_EQ(h.app().screen(), ScreenId::MeetingPresenter);
    h.press_key(SDLK_ESCAPE);
    EXPECT_EQ(h.app().screen(), ScreenId::MeetingPoll);
    EXPECT_NE(h.item("+ Happy"), nullptr) << "the count in hand, as it was\n" << h.describe();

    ASSERT_TRUE(h.tap("Ideas"));
    ASSERT_TRUE(h.tap("Presenter"));
    ASSERT_TRUE(h.tap("Close presenter view"));
    EXPECT_EQ(h.app().screen(), ScreenId::MeetingIdeas);

    ASSERT_TRUE(h.tap("Summary"));
    ASSERT_TRUE(h.tap("Presenter"));
    h.press_key(SDLK_ESCAPE);
    EXPECT_EQ(h.app().screen(), ScreenId::MeetingSummary);
}

TEST(MeetingPresenter, TallyButtonsHaveARealMinusSignTheFontDraws) {
    KioskHarness h(on_sample("libraries-2027", kWidth, kHeight));
    ASSERT_FALSE(start_meeting(h).empty());
    ASSERT_TRUE(h.tap("Poll"));
    ASSERT_TRUE(h.tap(kQuestion));
    ASSERT_TRUE(h.tap("Show of hands"));
    const ui::ShownItem* minus = h.item("\u2212 Happy");
    const ui::ShownItem* plus = h.item("+ Happy");
    ASSERT_NE(minus, nullptr) << h.describe();
    ASSERT_NE(plus, nullptr);
    EXPECT_EQ(h.item("- Happy"), nullptr) << "a hyphen is not a minus sign";
    // One row: the two buttons at the same height.
    EXPECT_FLOAT_EQ(minus->y0, plus->y0);
    EXPECT_FLOAT_EQ(minus->y1, plus->y1);
    // The font the buttons use has the glyph (no fallback box).
    ASSERT_NE(ui::theme().heading, nullptr);
    EXPECT_NE(ui::theme().heading->FindGlyphNoFallback(0x2212), nullptr);
    ASSERT_TRUE(h.tap("+ Happy"));
    ASSERT_TRUE(h.tap("\u2212 Happy"));
    h.screenshot("poll-tally-row.png");
}

TEST(MeetingPresenter, TheTabsStayAtTheTopOfAPageThatScrolls) {
    KioskHarness h(on_sample("libraries-2027", kWidth, kHeight));
    const std::string id = start_meeting(h);
    ASSERT_FALSE(id.empty());
    for (int i = 0; i < 12; ++i) {
        h.store().add_note(id, {"Note number " + std::to_string(i) + " about the opening hours",
                                {"opening-hours"},
                                Speaker::resident()});
    }
    ASSERT_TRUE(h.tap("Summary"));
    const ui::ShownItem* before = h.item("Notes");
    ASSERT_NE(before, nullptr);
    const float top = before->y0, height = before->y1 - before->y0;
    h.scroll(10);
    const ui::ShownItem* after = h.item("Notes");
    ASSERT_NE(after, nullptr) << "the tabs scrolled away\n" << h.describe();
    EXPECT_FLOAT_EQ(after->y0, top);
    EXPECT_FLOAT_EQ(after->y1 - after->y0, height) << "whole, not cut";
    h.screenshot("summary-scrolled.png");
}

}  // namespace
}  // namespace fv::testing
