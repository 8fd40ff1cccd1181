// Where the kiosk's window goes: full screen is the display's own bounds at its origin, with or
// without a window manager; windowed fits inside the usable bounds. The real window on a real
// X server is checked by test_xvfb_visit.cpp.
#include <gtest/gtest.h>

#include "platform/window.hpp"

namespace fv::platform {
namespace {

TEST(WindowPlace, FullScreenIsTheDisplaysBoundsAtItsOrigin) {
    WindowOptions options;  // the kiosk asks 1280x800 by default
    options.fullscreen = true;
    const ScreenRect r = fit_window(options, {0, 0, 1366, 768}, {0, 0, 1366, 768});
    EXPECT_EQ(r.x, 0);
    EXPECT_EQ(r.y, 0);
    EXPECT_EQ(r.w, 1366);
    EXPECT_EQ(r.h, 768);
    // Panels take nothing from a full-screen kiosk.
    const ScreenRect p = fit_window(options, {0, 0, 1920, 1080}, {0, 32, 1920, 1048});
    EXPECT_EQ(p.y, 0);
    EXPECT_EQ(p.h, 1080);
}

TEST(WindowPlace, WindowedFitsInsideTheUsableBounds) {
    WindowOptions options;
    options.fullscreen = false;
    // A laptop whose panel leaves 1366x740 below it: the 1280x800 asked is shrunk to fit.
    const ScreenRect r = fit_window(options, {0, 0, 1366, 768}, {0, 28, 1366, 740});
    EXPECT_EQ(r.h, 740);
    EXPECT_EQ(r.w, 1280);
    EXPECT_EQ(r.y, 28);
    EXPECT_EQ(r.x, 43);
    // Room to spare: the asked size, centred.
    const ScreenRect big = fit_window(options, {0, 0, 1920, 1080}, {0, 0, 1920, 1080});
    EXPECT_EQ(big.w, 1280);
    EXPECT_EQ(big.h, 800);
    EXPECT_EQ(big.x, 320);
    EXPECT_EQ(big.y, 140);
}

}  // namespace
}  // namespace fv::platform
