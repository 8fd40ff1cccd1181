#include "app/access_input.hpp"

#include <string_view>

namespace fv {

bool AccessInput::is_switch_key(SDL_Keycode key) {
    return key == SDLK_SPACE || key == SDLK_RETURN || key == SDLK_KP_ENTER ||
           (key >= SDLK_F1 && key <= SDLK_F12);
}

bool AccessInput::press(const ui::Focus& focus) {
    const ui::FocusItem* item = focus.focused();
    if (item == nullptr || !item->enabled || !item->shown()) return false;
    tap_x_ = (item->shown_min.x + item->shown_max.x) * 0.5f;
    tap_y_ = (item->shown_min.y + item->shown_max.y) * 0.5f;
    tap_frames_ = 2;
    return true;
}

std::optional<AccessInput::TapFrame> AccessInput::tap_frame() {
    if (tap_frames_ <= 0) return std::nullopt;
    const TapFrame frame{.x = tap_x_, .y = tap_y_, .down = tap_frames_ == 2};
    --tap_frames_;
    return frame;
}

AccessInput::Outcome AccessInput::handle(const SDL_Event& e, ui::Focus& focus, bool scanning,
                                         bool text_input) {
    if (e.type == SDL_TEXTINPUT && swallow_space_text_) {
        swallow_space_text_ = false;
        return {.consumed = std::string_view(e.text.text) == " "};
    }
    if (e.type != SDL_KEYDOWN) return {};
    swallow_space_text_ = false;
    // An officer's text field takes every key, as text fields do.
    if (text_input) return {};
    const SDL_Keycode key = e.key.keysym.sym;
    const Uint16 mod = e.key.keysym.mod;
    if (mod & (KMOD_CTRL | KMOD_ALT | KMOD_GUI)) return {};  // chords are not access keys
    const bool first = e.key.repeat == 0;
    if (scanning && is_switch_key(key)) {
        // A held switch selects once; the highlight then waits a whole step before moving.
        const bool pressed = first && press(focus);
        swallow_space_text_ = key == SDLK_SPACE;
        return {.consumed = true, .restart_scan = true, .pressed = pressed};
    }
    switch (key) {
        case SDLK_TAB:
            focus.move((mod & KMOD_SHIFT) ? -1 : +1);
            return {.consumed = true, .restart_scan = true};
        case SDLK_DOWN:
        case SDLK_RIGHT:
            focus.move(+1);
            return {.consumed = true, .restart_scan = true};
        case SDLK_UP:
        case SDLK_LEFT:
            focus.move(-1);
            return {.consumed = true, .restart_scan = true};
        case SDLK_RETURN:
        case SDLK_KP_ENTER:
            // With no ring (nothing focused by a key), Enter is the screen's own (the PIN
            // screen's OK after tapped digits).
            if (!focus.ring_shown()) return {};
            return {.consumed = true, .pressed = first && press(focus)};
        case SDLK_SPACE: {
            // In a typed answer Space types a space; Enter still presses.
            if (!focus.ring_shown() || focus.text_field()) return {};
            const bool pressed = first && press(focus);
            swallow_space_text_ = true;
            return {.consumed = true, .pressed = pressed};
        }
        case SDLK_ESCAPE:
            focus.request_cancel();
            return {.consumed = true};
        default:
            return {};
    }
}

}  // namespace fv
