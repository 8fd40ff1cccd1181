// Keyboard and single-switch access, on the focus model of app/ui/focus.hpp:
//   - Tab and Shift+Tab, the arrows: move the focus;
//   - Enter, Space: press the focused item (Space types a space in a text field);
//   - Escape: the page's Back or Cancel;
//   - while scanning, a switch (Space, Enter, F1..F12) presses the highlighted item.
// A press is replayed as a tap at the item's centre (the button down for one frame, up the
// next), so every widget works by key and switch with no code of its own. No SDL calls and no
// window: it reads the event it is given and the focus's last frame.
#pragma once

#include <SDL.h>

#include <optional>

#include "app/ui/focus.hpp"

namespace fv {

class AccessInput {
  public:
    // The keys a switch interface may send, each selecting while scanning: Space, Enter (and
    // the keypad's), and F1..F12.
    static bool is_switch_key(SDL_Keycode key);

    struct Outcome {
        bool consumed = false;      // the key was access's: ImGui must not see it
        bool restart_scan = false;  // the scanning highlight waits a whole step again
        bool pressed = false;       // a tap is now pending (see tap_frame)
    };
    // A key or text event. `scanning`: switch scanning is on; `text_input`: a text field
    // takes every key (an officer's form), so access takes none.
    Outcome handle(const SDL_Event& e, ui::Focus& focus, bool scanning, bool text_input);

    // The pending tap's frame, if one is pending: where the pointer is and whether the button
    // is down. Each call is one frame (down, then up, then none).
    struct TapFrame {
        float x = 0, y = 0;
        bool down = false;
    };
    std::optional<TapFrame> tap_frame();
    bool tap_pending() const { return tap_frames_ > 0; }
    // A new page: a press on the page left is forgotten.
    void forget_tap() { tap_frames_ = 0; }

  private:
    bool press(const ui::Focus& focus);

    // 2 = the frame with the button down, 1 = the frame it is released (ImGui's click).
    int tap_frames_ = 0;
    float tap_x_ = 0, tap_y_ = 0;
    bool swallow_space_text_ = false;  // the Space that pressed an item types no space
};

}  // namespace fv
