// The app's sense of time, injected so that tests can move it forward instead of sleeping.
#pragma once

#include <chrono>

namespace fv {

class Clock {
  public:
    virtual ~Clock() = default;
    // For timers (inactivity, countdown, thank-you, rapid repeat): never jumps backwards.
    virtual std::chrono::steady_clock::time_point now() const = 0;
    // For the times written in a response.
    virtual std::chrono::system_clock::time_point wall_now() const = 0;
};

class SystemClock final : public Clock {
  public:
    std::chrono::steady_clock::time_point now() const override {
        return std::chrono::steady_clock::now();
    }
    std::chrono::system_clock::time_point wall_now() const override {
        return std::chrono::system_clock::now();
    }
};

// A clock that stands still until told to move; both faces move together.
class FakeClock final : public Clock {
  public:
    std::chrono::steady_clock::time_point now() const override { return steady_; }
    std::chrono::system_clock::time_point wall_now() const override { return wall_; }
    void advance(std::chrono::steady_clock::duration d) {
        steady_ += d;
        wall_ += std::chrono::duration_cast<std::chrono::system_clock::duration>(d);
    }

  private:
    std::chrono::steady_clock::time_point steady_ = std::chrono::steady_clock::now();
    std::chrono::system_clock::time_point wall_ = std::chrono::system_clock::now();
};

}  // namespace fv
