// A kiosk screen: one class a screen, each owning its own state, drawn by the router in
// KioskApp inside the full-window kiosk ImGui window.
#pragma once

#include "app/flow.hpp"

namespace fv::screens {

class Screen {
  public:
    virtual ~Screen() = default;
    // Called when the router switches to this screen, to reset what the screen keeps.
    virtual void on_enter(Flow& flow) { (void)flow; }
    virtual void draw(Flow& flow) = 0;
};

}  // namespace fv::screens
