// The kiosk's timers, all on the injected clock and nothing else (no SDL, no ImGui), so that
// what falls due when can be tested on its own:
//   - inactivity on a timed screen -> "Are you still there?" -> its countdown -> the wipe;
//   - the end of a thank-you;
//   - the officer's long press in the hidden corner;
//   - the officer screen's busy tick while a sync or an enrolment runs;
//   - "you said, we did" turning to its next entry;
//   - switch scanning's next step.
// The shell tells it what happened (input, a page change, a press) and asks what fell due, in
// the order it acts on them; each `*_due` call consumes what it reports.
#pragma once

#include <chrono>
#include <optional>

#include "app/clock.hpp"

namespace fv {

class IdleTimers {
  public:
    using TimePoint = std::chrono::steady_clock::time_point;

    static constexpr std::chrono::seconds kInactivity{60};
    static constexpr std::chrono::seconds kCountdown{20};
    static constexpr std::chrono::seconds kLongPress{3};
    static constexpr std::chrono::milliseconds kBusyTick{250};
    static constexpr std::chrono::seconds kOutcomeTurn{10};
    // "I need more time" doubles the wait each time, up to this many times the usual minute.
    static constexpr int kMaxTimeFactor = 8;
    // Longer waits from the start for a read-aloud visit (listening takes time) and for a
    // visit by switch scanning (each choice waits for the highlight to come round).
    static constexpr int kReadAloudTimeFactor = 2;
    static constexpr int kScanningTimeFactor = 3;

    // How long without input before "Are you still there?": the minute, times the visit's
    // "more time" factor (clamped to 1..kMaxTimeFactor), times 2 when read aloud, times 3 when
    // scanning.
    static std::chrono::seconds inactivity_timeout(int time_factor, bool read_aloud,
                                                   bool scanning);

    // What the inactivity timer needs to know of the page in hand.
    struct Page {
        bool timed = false;  // a screen that is wiped after inactivity
        std::chrono::seconds inactivity = kInactivity;
        bool reduced_motion = false;  // the countdown's number does not tick
    };

    explicit IdleTimers(const Clock& clock);

    // -- what happened
    // A touch, a key, a switch: the inactivity wait starts again.
    void input() { last_input_ = clock_.now(); }
    // A new screen: no countdown, the wait starts again, and a thank-you (when given) ends
    // after `thanks`.
    void page_changed(std::optional<std::chrono::seconds> thanks = std::nullopt);
    // "I'm still here" (or more time): the countdown stops and the wait starts again.
    void still_here();
    // The hidden corner pressed, or let go (or left).
    void corner_pressed() { corner_since_ = clock_.now(); }
    void corner_released() { corner_since_.reset(); }
    // The officer screen asks for a redraw every kBusyTick while something runs.
    void busy(bool on);
    // Switch scanning steps every `step`; none stops it.
    void scan(std::optional<std::chrono::duration<float>> step);
    // The outcomes were changed, or stepped by hand: the next turn waits its whole time.
    void outcome_reset() { next_outcome_.reset(); }

    // -- what fell due (each consumes what it reports)
    bool scan_due();
    bool busy_tick_due();
    bool long_press_due();
    bool thanks_over();
    // `turning`: whether the entries turn on their own now. Starts the turn's wait when they
    // start turning, forgets it when they stop.
    bool outcome_turn_due(bool turning);
    enum class Idle {
        None,
        StillThere,  // the countdown has just begun
        Tick,        // the countdown's shown number has changed
        Wipe,        // the countdown has run out
    };
    // `shown_seconds` is the number the overlay shows now.
    Idle idle_due(const Page& page, int shown_seconds);

    // -- what the shell reads
    bool still_there() const { return countdown_end_.has_value(); }
    // Whole seconds left on the countdown, rounded up; 0 with none.
    int seconds_left() const;
    // When the next timer is due, for the loop's wait (none: it may wait for ever).
    std::optional<TimePoint> next_wake(const Page& page) const;
    // Milliseconds until next_wake (+1, so it wakes just after), or -1 with none.
    int wait_timeout_ms(const Page& page) const;

  private:
    const Clock& clock_;
    TimePoint last_input_;
    std::optional<TimePoint> countdown_end_;
    std::optional<TimePoint> thanks_until_;
    std::optional<TimePoint> corner_since_;
    std::optional<TimePoint> next_tick_;
    std::optional<TimePoint> next_outcome_;
    std::optional<TimePoint> next_scan_;
    std::optional<std::chrono::steady_clock::duration> scan_step_;
};

}  // namespace fv
