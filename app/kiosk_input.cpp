// The kiosk's input: SDL events, the officer's way in (corner long-press, Ctrl+Alt+O), and
// keyboard and single-switch access (app/access_input.hpp; scanning's pace). Split from
// kiosk_app.cpp.
#include <imgui.h>

#include "app/kiosk_app.hpp"
#include "app/ui/focus.hpp"
#include "app/ui/probe.hpp"

namespace fv {

using std::chrono::steady_clock;

namespace {

bool is_input(const SDL_Event& e) {
    switch (e.type) {
        case SDL_MOUSEMOTION:
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP:
        case SDL_MOUSEWHEEL:
        case SDL_FINGERDOWN:
        case SDL_FINGERUP:
        case SDL_FINGERMOTION:
        case SDL_KEYDOWN:
        case SDL_KEYUP:
        case SDL_TEXTINPUT:
            return true;
        default:
            return false;
    }
}

}  // namespace

void KioskApp::open_officer_pin() {
    if (screen_ == ScreenId::SetupPin || screen_ == ScreenId::Pin || screen_ == ScreenId::Officer ||
        screen_ == ScreenId::OfficerRecords) {
        return;
    }
    // Whatever a resident left half-done is not the officer's to see.
    visits_.wipe(consultation() ? consultation()->default_language() : "en");
    go(ScreenId::Pin);
}

void KioskApp::restart_scan() {
    if (look_.scanning && screens_.traits(screen_).scanned) {
        timers_.scan(std::chrono::duration<float>(look_.scan_seconds));
    } else {
        timers_.scan(std::nullopt);
    }
}

void KioskApp::handle_event(const SDL_Event& e) {
    if (e.type == SDL_QUIT) quit_ = true;
    // The projector's window takes no input: its events never reach the laptop's ImGui.
    if (projector_event(e)) return;
    if (e.type == SDL_DISPLAYEVENT) displays_changed();
    // The sync engine's wake: a pass may have brought new entries (or withdrawn some).
    if (e.type == SDL_USEREVENT) refresh_outcomes();
    // With two windows open SDL sends no SDL_QUIT when the laptop's is closed.
    if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_CLOSE &&
        e.window.windowID == window_.id()) {
        quit_ = true;
    }
    if (is_input(e)) timers_.input();
    if (e.type == SDL_KEYDOWN) input_by_key_ = true;
    if (e.type == SDL_MOUSEBUTTONDOWN || e.type == SDL_FINGERDOWN) input_by_key_ = false;
    const bool text_input = ImGui::GetCurrentContext() != nullptr && ImGui::GetIO().WantTextInput;
    const AccessInput::Outcome access =
        access_.handle(e, ui::Focus::current(), look_.scanning, text_input);
    if (access.restart_scan) restart_scan();
    if (access.consumed) {
        want_frames(access.pressed ? 4 : 3);
        return;
    }
    imgui_->process_event(e);
    // A finger or the mouse takes over from the keyboard: the focus ring goes (not while
    // scanning, whose highlight is always there); the focus itself follows the tap.
    if (e.type == SDL_MOUSEBUTTONDOWN || e.type == SDL_FINGERDOWN) {
        ui::Focus::current().hide_ring();
    }
    int w = 0, h = 0;
    window_.size(w, h);
    const auto in_corner = [&](int x, int y) { return x >= w - kCornerSize && y < kCornerSize; };
    switch (e.type) {
        case SDL_MOUSEMOTION:
            mouse_x_ = static_cast<float>(e.motion.x);
            mouse_y_ = static_cast<float>(e.motion.y);
            mouse_known_ = true;
            if (!in_corner(e.motion.x, e.motion.y)) timers_.corner_released();
            break;
        case SDL_MOUSEBUTTONDOWN:
            mouse_x_ = static_cast<float>(e.button.x);
            mouse_y_ = static_cast<float>(e.button.y);
            mouse_known_ = true;
            if (e.button.button == SDL_BUTTON_LEFT) {
                mouse_down_ = mouse_pressed_ = true;
                if (in_corner(e.button.x, e.button.y)) timers_.corner_pressed();
            }
            break;
        case SDL_MOUSEBUTTONUP:
            if (e.button.button == SDL_BUTTON_LEFT) mouse_down_ = false;
            timers_.corner_released();
            break;
        case SDL_KEYDOWN: {
            const Uint16 mod = e.key.keysym.mod;
            if (e.key.keysym.sym == SDLK_o && (mod & KMOD_CTRL) && (mod & KMOD_ALT)) {
                open_officer_pin();
            }
            break;
        }
        default:
            break;
    }
    want_frames();
}
}  // namespace fv
