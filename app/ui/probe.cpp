// The process-wide Probe the app draws into.
#include "app/ui/probe.hpp"

namespace fv::ui {

Probe& Probe::current() {
    static Probe probe;
    return probe;
}

}  // namespace fv::ui
