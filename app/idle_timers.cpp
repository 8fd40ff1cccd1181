#include "app/idle_timers.hpp"

#include <algorithm>

namespace fv {

using std::chrono::steady_clock;

std::chrono::seconds IdleTimers::inactivity_timeout(int time_factor, bool read_aloud,
                                                    bool scanning) {
    int factor = std::clamp(time_factor, 1, kMaxTimeFactor);
    if (read_aloud) factor *= kReadAloudTimeFactor;
    if (scanning) factor *= kScanningTimeFactor;
    return kInactivity * factor;
}

IdleTimers::IdleTimers(const Clock& clock) : clock_(clock), last_input_(clock.now()) {}

void IdleTimers::page_changed(std::optional<std::chrono::seconds> thanks) {
    countdown_end_.reset();
    next_tick_.reset();
    last_input_ = clock_.now();
    thanks_until_.reset();
    if (thanks) thanks_until_ = last_input_ + *thanks;
}

void IdleTimers::still_here() {
    countdown_end_.reset();
    last_input_ = clock_.now();
}

void IdleTimers::busy(bool on) {
    if (!on) {
        next_tick_.reset();
    } else if (!next_tick_) {
        next_tick_ = clock_.now() + kBusyTick;
    }
}

void IdleTimers::scan(std::optional<std::chrono::duration<float>> step) {
    if (!step) {
        scan_step_.reset();
        next_scan_.reset();
        return;
    }
    scan_step_ = std::chrono::duration_cast<steady_clock::duration>(*step);
    next_scan_ = clock_.now() + *scan_step_;
}

bool IdleTimers::scan_due() {
    if (!next_scan_ || clock_.now() < *next_scan_) return false;
    next_scan_ = clock_.now() + *scan_step_;
    return true;
}

bool IdleTimers::busy_tick_due() {
    if (!next_tick_ || clock_.now() < *next_tick_) return false;
    next_tick_ = clock_.now() + kBusyTick;
    return true;
}

bool IdleTimers::long_press_due() {
    if (!corner_since_ || clock_.now() - *corner_since_ < kLongPress) return false;
    corner_since_.reset();
    return true;
}

bool IdleTimers::thanks_over() {
    if (!thanks_until_ || clock_.now() < *thanks_until_) return false;
    thanks_until_.reset();
    return true;
}

bool IdleTimers::outcome_turn_due(bool turning) {
    const auto now = clock_.now();
    if (!turning) {
        next_outcome_.reset();
        return false;
    }
    if (!next_outcome_) {
        next_outcome_ = now + kOutcomeTurn;
        return false;
    }
    if (now < *next_outcome_) return false;
    next_outcome_ = now + kOutcomeTurn;
    return true;
}

IdleTimers::Idle IdleTimers::idle_due(const Page& page, int shown_seconds) {
    const auto now = clock_.now();
    if (countdown_end_) {
        if (now >= *countdown_end_) {
            countdown_end_.reset();
            return Idle::Wipe;
        }
        if (!page.reduced_motion && seconds_left() != shown_seconds) return Idle::Tick;
        return Idle::None;
    }
    if (page.timed && now - last_input_ >= page.inactivity) {
        countdown_end_ = now + kCountdown;
        return Idle::StillThere;
    }
    return Idle::None;
}

int IdleTimers::seconds_left() const {
    if (!countdown_end_) return 0;
    const auto left = *countdown_end_ - clock_.now();
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(left).count();
    return ms <= 0 ? 0 : static_cast<int>((ms + 999) / 1000);
}

std::optional<IdleTimers::TimePoint> IdleTimers::next_wake(const Page& page) const {
    std::optional<TimePoint> next;
    const auto consider = [&next](const std::optional<TimePoint>& t) {
        if (t && (!next || *t < *next)) next = t;
    };
    if (corner_since_) consider(*corner_since_ + kLongPress);
    consider(next_tick_);
    consider(thanks_until_);
    consider(next_scan_);
    consider(next_outcome_);
    if (countdown_end_ && page.reduced_motion) {
        consider(countdown_end_);  // a still sentence: nothing to redraw until the end
    } else if (countdown_end_) {
        // Wake when the shown number of seconds changes, and at zero.
        const int left = seconds_left();
        consider(*countdown_end_ - std::chrono::seconds(std::max(left - 1, 0)));
    } else if (page.timed) {
        consider(last_input_ + page.inactivity);
    }
    return next;
}

int IdleTimers::wait_timeout_ms(const Page& page) const {
    const auto next = next_wake(page);
    if (!next) return -1;
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(*next - clock_.now()).count();
    return ms <= 0 ? 0 : static_cast<int>(ms + 1);  // +1: wake just after, not just before
}

}  // namespace fv
