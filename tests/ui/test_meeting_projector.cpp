// The presenter view with a second display: through the real screens at 1366x768, with the
// display count given to the headless window as SDL would report it. Two displays put the
// charts in a window of their own (its own ImGui context and renderer) while the laptop keeps
// the facilitator's screens; one display keeps the full-window toggle; closing that window or
// pulling out the display falls back to the toggle. The projector's frames are read from its
// own Probe, and it draws only when what it shows changes.
#include <gtest/gtest.h>

#include "support/kiosk_harness.hpp"
#include "support/meeting_steps.hpp"

namespace fv::testing {
namespace {

constexpr int kWidth = 1366, kHeight = 768;

HarnessOptions with_displays(int displays) {
    HarnessOptions o = on_sample("libraries-2027", kWidth, kHeight);
    o.displays = displays;
    return o;
}

// A show of hands on the smiley question: 5 happy, 2 very happy.
void tally_smileys(KioskHarness& h) {
    EXPECT_TRUE(h.tap("Poll"));
    EXPECT_TRUE(h.tap("How was your visit to the library today?"));
    EXPECT_TRUE(h.tap("Show of hands"));
    for (int i = 0; i < 5; ++i) EXPECT_TRUE(h.tap("+ Happy"));
    for (int i = 0; i < 2; ++i) EXPECT_TRUE(h.tap("+ Very happy"));
}

TEST(MeetingProjector, TwoDisplaysPutTheChartsInTheirOwnWindowWithTheLiveCounts) {
    KioskHarness h(with_displays(2));
    const std::string id = start_meeting(h);
    ASSERT_FALSE(id.empty());
    tally_smileys(h);
    EXPECT_EQ(h.projector(), nullptr) << "nothing opens before the Presenter tab";

    EXPECT_TRUE(h.tap("Presenter"));
    ASSERT_NE(h.projector(), nullptr) << h.describe();
    // The projector's own frame: the poll, with the small-count rule.
    EXPECT_TRUE(h.projector_shows("Witney libraries meeting")) << h.describe_projector();
    EXPECT_TRUE(h.projector_shows("How was your visit to the library today?"));
    EXPECT_TRUE(h.projector_shows("Happy: 5")) << h.describe_projector();
    EXPECT_TRUE(h.projector_shows("Very happy: fewer than 5")) << h.describe_projector();
    EXPECT_TRUE(h.projector_shows("Very unhappy: fewer than 5"));
    EXPECT_FALSE(h.projector_shows_part("Very happy: 2"));
    // It has no controls: they stay on the laptop.
    EXPECT_TRUE(h.projector()->probe().items().empty()) << h.describe_projector();
    h.screenshot_projector("projector-poll.png");
    // The laptop keeps the meeting's tabs and controls the projector from here.
    EXPECT_EQ(h.app().screen(), ScreenId::MeetingPresenter);
    EXPECT_TRUE(h.shows("On the projector")) << h.describe();
    EXPECT_NE(h.item("Notes"), nullptr) << h.describe();
    EXPECT_NE(h.item("Close the projector window"), nullptr);
    EXPECT_EQ(h.item("Close presenter view"), nullptr) << "not the full-window toggle";
    h.screenshot("laptop-projector-control.png");

    // Back to the poll on the laptop: the projector stays, and follows the tally.
    EXPECT_TRUE(h.tap("Poll"));
    EXPECT_EQ(h.app().screen(), ScreenId::MeetingPoll);
    ASSERT_NE(h.projector(), nullptr);
    const long before = h.projector_frames();
    EXPECT_TRUE(h.tap("+ Very happy"));  // 3: still "fewer than 5", so the same picture
    EXPECT_TRUE(h.tap("+ Very happy"));  // 4
    EXPECT_EQ(h.projector_frames(), before) << "it redraws only when what it shows changes";
    EXPECT_TRUE(h.tap("+ Very happy"));  // 5: now shown
    EXPECT_EQ(h.projector_frames(), before + 1);
    EXPECT_TRUE(h.projector_shows("Very happy: 5")) << h.describe_projector();
    EXPECT_EQ(tally(h.store(), id, "visit-rating", "5"), 5);
    h.screenshot_projector("projector-poll-live.png");

    // An idle meeting draws nothing, in either window.
    const long projector_frames = h.projector_frames();
    EXPECT_EQ(h.idle_for(std::chrono::minutes(10)), 0);
    EXPECT_EQ(h.projector_frames(), projector_frames);

    // The chart is chosen on the laptop.
    EXPECT_TRUE(h.tap("Presenter"));
    EXPECT_TRUE(h.tap("Show the themes"));
    EXPECT_TRUE(h.projector_shows("Themes raised so far")) << h.describe_projector();
    EXPECT_TRUE(h.projector_shows("opening hours: fewer than 5")) << h.describe_projector();
    h.screenshot_projector("projector-themes.png");

    // A tap on the projector's picture reaches nothing on the laptop (the events are routed
    // by window): here, where the laptop has its Close button.
    const ui::ShownItem* close = h.item("Close the projector window");
    ASSERT_NE(close, nullptr);
    h.tap_projector_at((close->x0 + close->x1) / 2, (close->y0 + close->y1) / 2);
    EXPECT_NE(h.projector(), nullptr) << "the laptop's button must not see the projector's tap";

    EXPECT_TRUE(h.tap("Close the projector window"));
    EXPECT_EQ(h.projector(), nullptr);
    EXPECT_NE(h.item("Close presenter view"), nullptr) << "the toggle view, on the laptop";
}

TEST(MeetingProjector, OneDisplayKeepsTheFullWindowToggle) {
    KioskHarness h(with_displays(1));
    ASSERT_FALSE(start_meeting(h).empty());
    tally_smileys(h);
    EXPECT_TRUE(h.tap("Presenter"));
    EXPECT_EQ(h.projector(), nullptr);
    EXPECT_EQ(h.app().screen(), ScreenId::MeetingPresenter);
    EXPECT_TRUE(h.shows("Happy: 5")) << h.describe();
    EXPECT_TRUE(h.shows("Very happy: fewer than 5"));
    EXPECT_NE(h.item("Close presenter view"), nullptr);
    EXPECT_EQ(h.item("Show on the second display"), nullptr) << "there is none";
    EXPECT_EQ(h.item("Notes"), nullptr) << "full window: no tabs";
    h.press_key(SDLK_ESCAPE);
    EXPECT_EQ(h.app().screen(), ScreenId::MeetingPoll) << "back to the poll it was opened from";
}

TEST(MeetingProjector, ClosingItsWindowOrLosingTheDisplayFallsBackToTheToggle) {
    KioskHarness h(with_displays(2));
    ASSERT_FALSE(start_meeting(h).empty());
    tally_smileys(h);
    EXPECT_TRUE(h.tap("Presenter"));
    ASSERT_NE(h.projector(), nullptr);

    // Closed as a window manager closes it: the laptop shows the charts itself, and offers
    // the second display again.
    h.close_projector_window();
    EXPECT_EQ(h.projector(), nullptr);
    EXPECT_EQ(h.app().screen(), ScreenId::MeetingPresenter);
    EXPECT_TRUE(h.shows("Happy: 5")) << h.describe();
    EXPECT_NE(h.item("Close presenter view"), nullptr);
    EXPECT_TRUE(h.tap("Show on the second display"));
    ASSERT_NE(h.projector(), nullptr);
    EXPECT_TRUE(h.projector_shows("Happy: 5")) << h.describe_projector();

    // The projector's cable pulled out.
    h.set_displays(1);
    EXPECT_EQ(h.projector(), nullptr);
    EXPECT_TRUE(h.shows("The second display went away, so the charts are shown here."))
        << h.describe();
    EXPECT_TRUE(h.shows("Happy: 5"));
    EXPECT_EQ(h.item("Show on the second display"), nullptr);
    h.screenshot("laptop-display-gone.png");

    // Plugged in again: offered again; and a resident's visit closes it.
    h.set_displays(2);
    EXPECT_TRUE(h.tap("Show on the second display"));
    ASSERT_NE(h.projector(), nullptr);
    EXPECT_TRUE(h.tap("Notes"));
    ASSERT_NE(h.projector(), nullptr) << "the projector stays beside the notes";
    h.press_key(SDLK_o, KMOD_LCTRL | KMOD_LALT);  // the PIN: no meeting screen
    EXPECT_EQ(h.projector(), nullptr);
}

TEST(MeetingProjector, ALongIdeaIsShownWholeOverMoreLines) {
    KioskHarness h(with_displays(2));
    ASSERT_FALSE(start_meeting(h).empty());
    const std::string idea =
        "Open the library on Sunday afternoons for families with young children";
    EXPECT_TRUE(h.tap("Ideas"));
    for (const std::string& text : {idea, std::string("A cafe")}) {
        h.type_text(text);
        h.press_key(SDLK_RETURN);
    }
    EXPECT_TRUE(h.tap("Presenter"));
    ASSERT_NE(h.projector(), nullptr);
    EXPECT_TRUE(h.tap("Show the ideas"));
    EXPECT_TRUE(h.projector_shows(idea + ": fewer than 5")) << h.describe_projector();
    // What the audience reads: the whole idea over its lines (the drawn lines come before
    // the bar's own report), nothing cut off.
    const auto& texts = h.projector()->probe().texts();
    std::string read;
    for (std::size_t i = 0; i < texts.size() && texts[i] != idea + ": fewer than 5"; ++i) {
        if (texts[i] == "Ideas, by dots" || texts[i] == "Witney libraries meeting") continue;
        read += (read.empty() ? "" : " ") + texts[i];
    }
    EXPECT_EQ(read, idea) << h.describe_projector();
    EXPECT_FALSE(h.projector_shows_part("...")) << h.describe_projector();
    EXPECT_TRUE(h.projector_shows("A cafe")) << "a short one stays on one line";
    h.screenshot_projector("projector-long-idea.png");
}

}  // namespace
}  // namespace fv::testing
