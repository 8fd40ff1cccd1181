// Drives the real KioskApp headlessly: a software-rendered window of a chosen size, a real
// SQLite store in a temporary folder, a fake clock, and SDL events fed at the centre of the
// items the Probe reports ("tap Next"). Tests assert on the Probe, the app and the store, and
// can write the frame to PNG.
#pragma once

#include <SDL.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/clock.hpp"
#include "app/kiosk_app.hpp"
#include "app/ui/probe.hpp"
#include "core/store/store.hpp"

namespace fv::testing {

// The sample consultations of assets/consultations.
std::string sample_consultation(const std::string& name);  // e.g. "libraries-2027"

struct HarnessOptions {
    int width = 1280, height = 800;
    std::string consultation;     // a file or a stored id, as --consultation takes it; "" for none
    bool officer_pin_set = true;  // pre-set kOfficerPin, so the kiosk does not ask on first run
    std::optional<std::filesystem::path> data_dir;    // reuse a folder (a second run of a kiosk)
    std::optional<std::filesystem::path> assets_dir;  // instead of the repository's assets/
    int displays = 1;  // how many displays SDL says there are (2: a projector is plugged in)
    int projector_width = 1280, projector_height = 720;  // the second display's size
    std::vector<std::filesystem::path> usb_mounts;       // folders standing in for USB sticks
};

// Options for a kiosk on one of the sample consultations, at a given window size.
HarnessOptions on_sample(const std::string& name, int width = 1280, int height = 800);

class KioskHarness {
  public:
    static constexpr const char* kOfficerPin = "2580";

    explicit KioskHarness(HarnessOptions options = {});
    ~KioskHarness();

    KioskApp& app() { return *app_; }
    Store& store() { return *store_; }
    FakeClock& clock() { return clock_; }
    const std::filesystem::path& data_dir() const { return data_dir_; }

    // Runs the loop, with no time passing, until the app has nothing left to draw.
    void settle();
    // Called after each frame the app draws from now on (settle, taps, idle_for), to look at
    // frames a later one replaces: the first frame of a page. An empty function stops it.
    void on_frame(std::function<void()> watch) { on_frame_ = std::move(watch); }
    // Taps the `nth` item labelled exactly `label` (press and release at its centre, a frame
    // each). Fails the test, listing what is shown, when there is no such enabled item.
    bool tap(const std::string& label, int nth = 0);
    void tap_at(float x, float y);
    // A finger pressed at (x, y), moved by (dx, dy) in small steps, and lifted.
    void drag(float x, float y, float dx, float dy);
    // Mouse-wheel notches over the middle of the window (positive: down the page).
    void scroll(int notches);
    void press_at(float x, float y);    // button down only (long-press)
    void release_at(float x, float y);  // button up
    // Text as a physical keyboard would type it (SDL_TEXTINPUT).
    void type_text(const std::string& utf8);
    // A key down, the text it types when it types one (as SDL sends a real keyboard's Space:
    // a key event and a text event), then up; a frame is drawn after each.
    void press_key(SDL_Keycode key, Uint16 mods = KMOD_NONE, const std::string& text = {});

    // -- keyboard and switch access (app/ui/focus.hpp)
    // The item with the focus in the last frame, or nullptr; its label, or "".
    const ui::ShownItem* focused() const;
    std::string focused_label() const;
    // Presses Tab until the `nth` item labelled `label` in the focus order has the focus.
    // Fails the test, listing the order, when it never does.
    bool tab_to(const std::string& label, int nth = 0);
    // One press of a switch that presents itself as the Space bar.
    void press_switch();
    // Lets the scanning highlight step on (on the fake clock, a step at a time, drawing only
    // what the app draws) until the `nth` item labelled `label` has it. Fails when it never
    // comes round.
    bool scan_to(const std::string& label, int nth = 0);
    // "Label, label*, ..." of the focus order, the focused one starred, for failure messages.
    std::string describe_focus() const;
    // Lets `d` pass on the fake clock through the app's own loop: the app wakes only for its
    // timers. Returns the frames drawn meanwhile.
    long idle_for(std::chrono::milliseconds d);
    long wakes() const { return wakes_; }

    // -- what is shown (the last frame's Probe)
    const std::vector<std::string>& texts() const;
    const std::vector<ui::ShownItem>& items() const;
    const ui::ShownItem* item(const std::string& label, int nth = 0) const;
    // Pictures drawn (Easy Read), each labelled with its path as the definition gives it.
    const std::vector<ui::ShownItem>& images() const;
    const ui::ShownItem* image(const std::string& path) const;
    bool shows(const std::string& text) const;  // exactly this text, or an item so labelled
    bool shows_part(const std::string& fragment) const;  // any text or label containing it
    std::string describe() const;                        // everything shown, for failure messages

    // -- the second display (a projector)
    // Plugs displays in or pulls them out, and tells the app as SDL would (SDL_DISPLAYEVENT).
    void set_displays(int count);
    // The projector's window, while it is open.
    ProjectorWindow* projector() { return app_->projector(); }
    // Whether its last frame showed exactly this text; everything it showed, for messages.
    bool projector_shows(const std::string& text) const;
    bool projector_shows_part(const std::string& fragment) const;
    std::string describe_projector() const;
    long projector_frames() const;  // frames its window has drawn (0 when it is closed)
    // Closes it as a window manager would (SDL_WINDOWEVENT_CLOSE for its window).
    void close_projector_window();
    // A tap at (x, y) on the projector's window.
    void tap_projector_at(float x, float y);
    std::filesystem::path screenshot_projector(const std::string& name);

    // Writes the current frame under output_dir(); returns the path.
    std::filesystem::path screenshot(const std::string& name);
    static std::filesystem::path output_dir();

  private:
    void push(SDL_Event e);
    void step_once();
    // One pass of the app's loop through `wait`, then on_frame_ if it drew.
    bool iterate(const KioskApp::Waiter& wait);

    std::filesystem::path data_dir_;
    bool own_data_dir_ = true;
    FakeClock clock_;
    platform::HeadlessDisplays displays_;  // outlives the windows that read it
    std::unique_ptr<Store> store_;
    std::unique_ptr<platform::Window> window_;
    std::unique_ptr<KioskApp> app_;
    long wakes_ = 0;
    std::function<void()> on_frame_;
};

}  // namespace fv::testing
