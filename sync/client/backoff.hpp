// Exponential backoff with full jitter for transient sync failures (PROTOCOL.md: 2 s to 10 min).
// The random source is injected so tests can check the bounds without sleeping.
#pragma once

#include <chrono>
#include <functional>

namespace fv {

class Backoff {
  public:
    using Duration = std::chrono::milliseconds;
    // `random01` returns a number in [0, 1); the default draws from a seeded std::mt19937_64.
    Backoff(Duration base, Duration cap, std::function<double()> random01 = {});

    // The wait before the next attempt: uniform in [base, min(cap, base * 2^failures)],
    // so the first retry waits the base, and later ones spread out (full jitter) up to the cap.
    Duration next();
    void reset() { failures_ = 0; }
    int failures() const { return failures_; }
    // The ceiling the next call to next() draws under.
    Duration ceiling() const;

  private:
    Duration base_, cap_;
    std::function<double()> random01_;
    int failures_ = 0;
};

}  // namespace fv
