// The kiosk's side of the projector: opening and closing its window, routing SDL events to
// it by window id, following displays as they come and go, and asking it to redraw once the
// laptop's window has settled. Split from kiosk_app.cpp.
#include "app/kiosk_app.hpp"

namespace fv {
namespace {

// The window an event is for; 0 for events of no window (quit, displays, the sync's wake).
Uint32 window_of(const SDL_Event& e) {
    switch (e.type) {
        case SDL_WINDOWEVENT:
            return e.window.windowID;
        case SDL_KEYDOWN:
        case SDL_KEYUP:
            return e.key.windowID;
        case SDL_TEXTEDITING:
            return e.edit.windowID;
        case SDL_TEXTINPUT:
            return e.text.windowID;
        case SDL_MOUSEMOTION:
            return e.motion.windowID;
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP:
            return e.button.windowID;
        case SDL_MOUSEWHEEL:
            return e.wheel.windowID;
        case SDL_FINGERDOWN:
        case SDL_FINGERUP:
        case SDL_FINGERMOTION:
            return e.tfinger.windowID;
        default:
            return 0;
    }
}

}  // namespace

bool KioskApp::open_projector() {
    if (projector_) return true;
    std::string error;
    std::unique_ptr<platform::Window> window = window_.open_on_other_display(error);
    if (window) {
        try {
            projector_ = std::make_unique<ProjectorWindow>(std::move(window), config_.fonts);
        } catch (const std::exception& e) {
            error = e.what();
        }
    }
    if (!projector_) {
        projector_notice_ = strings().format("meeting.projector.failed", error);
        std::fprintf(stderr, "fieldvoice: the presenter's window did not open: %s\n",
                     error.c_str());
        want_frames();
        return false;
    }
    projector_notice_.clear();
    store_.audit("meeting_projector_opened");
    projector_check_ = true;
    want_frames();
    return true;
}

void KioskApp::close_projector_with(const std::string& notice) {
    if (!projector_) return;
    projector_.reset();
    projector_notice_ = notice;
    want_frames();
}

bool KioskApp::projector_event(const SDL_Event& e) {
    if (!projector_) return false;
    const Uint32 id = window_of(e);
    if (id == 0 || id != projector_->window_id()) return false;
    if (!projector_->handle(e)) {
        close_projector_with("");
    } else {
        projector_check_ = true;
    }
    return true;
}

void KioskApp::displays_changed() {
    want_frames();  // the presenter screen offers the second display, or stops offering it
    if (!projector_) return;
    if (window_.display_count() < 2) {
        close_projector_with(strings()("meeting.projector.display_gone"));
    } else {
        projector_check_ = true;
    }
}

void KioskApp::refresh_projector() {
    if (!projector_) return;
    if (!meeting_.is_open()) {
        close_projector_with("");
        return;
    }
    projector_->refresh(*this, look_.high_contrast);
}

}  // namespace fv
