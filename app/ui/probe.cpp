// The Probe the app draws into: the kiosk window's, unless another window's is set.
#include "app/ui/probe.hpp"

namespace fv::ui {
namespace {

Probe* g_current = nullptr;

Probe& kiosk_probe() {
    static Probe probe;
    return probe;
}

}  // namespace

Probe& Probe::current() {
    return g_current != nullptr ? *g_current : kiosk_probe();
}

void Probe::set_current(Probe* probe) {
    g_current = probe;
}

}  // namespace fv::ui
