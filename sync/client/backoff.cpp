#include "sync/client/backoff.hpp"

#include <algorithm>
#include <memory>
#include <random>

namespace fv {

Backoff::Backoff(Duration base, Duration cap, std::function<double()> random01)
    : base_(base), cap_(std::max(cap, base)), random01_(std::move(random01)) {
    if (!random01_) {
        auto engine = std::make_shared<std::mt19937_64>(std::random_device{}());
        random01_ = [engine] { return std::uniform_real_distribution<double>(0.0, 1.0)(*engine); };
    }
}

Backoff::Duration Backoff::ceiling() const {
    // Doubling stops well before overflow: 2^30 times any sane base passes the cap.
    Duration ceiling = base_;
    for (int i = 0; i < std::min(failures_, 30) && ceiling < cap_; ++i) ceiling *= 2;
    return std::min(ceiling, cap_);
}

Backoff::Duration Backoff::next() {
    const Duration top = ceiling();
    ++failures_;
    const double r = std::clamp(random01_(), 0.0, 1.0);
    const auto span = static_cast<double>((top - base_).count());
    return base_ + Duration(static_cast<Duration::rep>(r * span));
}

}  // namespace fv
