// The kiosk's timers on a fake clock alone: no window, no ImGui, no SDL.
#include <gtest/gtest.h>

#include "app/clock.hpp"
#include "app/idle_timers.hpp"

namespace fv {
namespace {

using namespace std::chrono_literals;
using Idle = IdleTimers::Idle;

constexpr IdleTimers::Page kQuestion{.timed = true, .inactivity = 60s, .reduced_motion = false};
constexpr IdleTimers::Page kAttract{.timed = false, .inactivity = 60s, .reduced_motion = false};

TEST(IdleTimers, TheWaitGrowsWithMoreTimeReadAloudAndScanning) {
    EXPECT_EQ(IdleTimers::inactivity_timeout(1, false, false), 60s);
    EXPECT_EQ(IdleTimers::inactivity_timeout(2, false, false), 120s);
    EXPECT_EQ(IdleTimers::inactivity_timeout(64, false, false), 8 * 60s);  // capped
    EXPECT_EQ(IdleTimers::inactivity_timeout(0, false, false), 60s);       // never shorter
    EXPECT_EQ(IdleTimers::inactivity_timeout(1, true, false), 120s);
    EXPECT_EQ(IdleTimers::inactivity_timeout(1, false, true), 180s);
    EXPECT_EQ(IdleTimers::inactivity_timeout(2, true, true), 12 * 60s);
}

TEST(IdleTimers, AQuietTimedPageAsksThenCountsDownThenWipes) {
    FakeClock clock;
    IdleTimers t(clock);
    t.page_changed();
    EXPECT_EQ(t.wait_timeout_ms(kQuestion), 60'001);
    clock.advance(59s);
    EXPECT_EQ(t.idle_due(kQuestion, -1), Idle::None);
    clock.advance(1s);
    EXPECT_EQ(t.idle_due(kQuestion, -1), Idle::StillThere);
    EXPECT_TRUE(t.still_there());
    EXPECT_EQ(t.seconds_left(), 20);
    // Asked once; the number shown is 20 until a second has gone.
    EXPECT_EQ(t.idle_due(kQuestion, 20), Idle::None);
    EXPECT_EQ(t.wait_timeout_ms(kQuestion), 1'001);
    clock.advance(1s);
    EXPECT_EQ(t.seconds_left(), 19);
    EXPECT_EQ(t.idle_due(kQuestion, 20), Idle::Tick);
    clock.advance(19s);
    EXPECT_EQ(t.idle_due(kQuestion, 1), Idle::Wipe);
    EXPECT_FALSE(t.still_there());
}

TEST(IdleTimers, InputPutsTheQuestionOffAndStillHereEndsTheCountdown) {
    FakeClock clock;
    IdleTimers t(clock);
    t.page_changed();
    clock.advance(50s);
    t.input();
    clock.advance(50s);
    EXPECT_EQ(t.idle_due(kQuestion, -1), Idle::None);  // 50 s since the last touch
    clock.advance(10s);
    ASSERT_EQ(t.idle_due(kQuestion, -1), Idle::StillThere);
    clock.advance(5s);
    t.still_here();
    EXPECT_FALSE(t.still_there());
    clock.advance(59s);
    EXPECT_EQ(t.idle_due(kQuestion, -1), Idle::None);
    clock.advance(1s);
    EXPECT_EQ(t.idle_due(kQuestion, -1), Idle::StillThere);
}

TEST(IdleTimers, AnUntimedPageNeverAsksAndSleepsForEver) {
    FakeClock clock;
    IdleTimers t(clock);
    t.page_changed();
    EXPECT_EQ(t.wait_timeout_ms(kAttract), -1);
    clock.advance(1h);
    EXPECT_EQ(t.idle_due(kAttract, -1), Idle::None);
    EXPECT_FALSE(t.still_there());
}

TEST(IdleTimers, WithReducedMotionTheCountdownWakesOnlyAtItsEnd) {
    FakeClock clock;
    IdleTimers t(clock);
    IdleTimers::Page still = kQuestion;
    still.reduced_motion = true;
    t.page_changed();
    clock.advance(60s);
    ASSERT_EQ(t.idle_due(still, -1), Idle::StillThere);
    EXPECT_EQ(t.wait_timeout_ms(still), 20'001);
    clock.advance(5s);
    EXPECT_EQ(t.idle_due(still, 20), Idle::None);  // no ticking number
}

TEST(IdleTimers, AThankYouEndsOnTimeAndANewPageForgetsIt) {
    FakeClock clock;
    IdleTimers t(clock);
    t.page_changed(10s);
    EXPECT_EQ(t.wait_timeout_ms(kAttract), 10'001);
    clock.advance(9s);
    EXPECT_FALSE(t.thanks_over());
    clock.advance(1s);
    EXPECT_TRUE(t.thanks_over());
    EXPECT_FALSE(t.thanks_over());  // consumed

    t.page_changed(10s);
    clock.advance(5s);
    t.page_changed();  // "Start again" before the time is up
    clock.advance(10s);
    EXPECT_FALSE(t.thanks_over());
}

TEST(IdleTimers, TheCornerOpensOnlyAfterAWholeLongPress) {
    FakeClock clock;
    IdleTimers t(clock);
    t.corner_pressed();
    EXPECT_EQ(t.wait_timeout_ms(kAttract), 3'001);
    clock.advance(2s);
    t.corner_released();
    clock.advance(2s);
    EXPECT_FALSE(t.long_press_due());
    t.corner_pressed();
    clock.advance(3s);
    EXPECT_TRUE(t.long_press_due());
    EXPECT_FALSE(t.long_press_due());
}

TEST(IdleTimers, TheBusyTickRunsOnlyWhileBusyAndStopsOnANewPage) {
    FakeClock clock;
    IdleTimers t(clock);
    t.busy(true);
    EXPECT_EQ(t.wait_timeout_ms(kAttract), 251);
    clock.advance(250ms);
    EXPECT_TRUE(t.busy_tick_due());
    EXPECT_FALSE(t.busy_tick_due());
    t.busy(true);  // still busy: the next tick keeps its time
    clock.advance(250ms);
    EXPECT_TRUE(t.busy_tick_due());
    t.page_changed();
    clock.advance(1s);
    EXPECT_FALSE(t.busy_tick_due());
    EXPECT_EQ(t.wait_timeout_ms(kAttract), -1);
}

TEST(IdleTimers, ScanningStepsAtItsPaceUntilStopped) {
    FakeClock clock;
    IdleTimers t(clock);
    t.scan(std::chrono::duration<float>(1.5f));
    EXPECT_EQ(t.wait_timeout_ms(kAttract), 1'501);
    clock.advance(1499ms);
    EXPECT_FALSE(t.scan_due());
    clock.advance(1ms);
    EXPECT_TRUE(t.scan_due());
    EXPECT_EQ(t.wait_timeout_ms(kAttract), 1'501);  // the next step is armed
    t.scan(std::nullopt);
    clock.advance(10s);
    EXPECT_FALSE(t.scan_due());
    EXPECT_EQ(t.wait_timeout_ms(kAttract), -1);
}

TEST(IdleTimers, OutcomesTurnEveryTenSecondsOnlyWhileTurning) {
    FakeClock clock;
    IdleTimers t(clock);
    EXPECT_FALSE(t.outcome_turn_due(true));  // starts the wait
    clock.advance(9s);
    EXPECT_FALSE(t.outcome_turn_due(true));
    clock.advance(1s);
    EXPECT_TRUE(t.outcome_turn_due(true));
    clock.advance(10s);
    EXPECT_FALSE(t.outcome_turn_due(false));  // stopped turning (a visit began)
    EXPECT_FALSE(t.outcome_turn_due(true));   // a whole new wait
    clock.advance(5s);
    t.outcome_reset();  // stepped by hand
    EXPECT_FALSE(t.outcome_turn_due(true));
    clock.advance(9s);
    EXPECT_FALSE(t.outcome_turn_due(true));
    clock.advance(1s);
    EXPECT_TRUE(t.outcome_turn_due(true));
}

TEST(IdleTimers, TheLoopWakesForTheSoonestTimer) {
    FakeClock clock;
    IdleTimers t(clock);
    t.page_changed(10s);
    t.corner_pressed();
    t.busy(true);
    EXPECT_EQ(t.wait_timeout_ms(kQuestion), 251);
    t.busy(false);
    EXPECT_EQ(t.wait_timeout_ms(kQuestion), 3'001);
    t.corner_released();
    EXPECT_EQ(t.wait_timeout_ms(kQuestion), 10'001);
}

}  // namespace
}  // namespace fv
