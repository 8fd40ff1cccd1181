// The kiosk program: owns the ImGui context, the screens, the visit and the timers, and runs
// an event-driven frame loop (an idle screen draws nothing and blocks in SDL_WaitEvent). The
// same object runs on a real window and, in tests, on a headless one with a fake clock.
#pragma once

#include <SDL.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/access_input.hpp"
#include "app/flow.hpp"
#include "app/idle_timers.hpp"
#include "app/meeting/meeting.hpp"
#include "app/projector_window.hpp"
#include "app/screens/read_aloud_bar.hpp"
#include "app/screens/screen.hpp"
#include "app/screens/screen_registry.hpp"
#include "app/screens/still_there_overlay.hpp"
#include "app/speech/read_aloud.hpp"
#include "app/ui/imgui_host.hpp"
#include "app/ui/pictures.hpp"
#include "platform/paths.hpp"
#include "platform/window.hpp"
#include "sync/client/sync_engine.hpp"

namespace fv {

struct KioskConfig {
    std::filesystem::path assets_dir;  // holds i18n/
    platform::FontFiles fonts;
    std::optional<Consultation> consultation;  // none: the officer is told what to do
    std::string consultation_problem;          // why none could be loaded, for that screen
    std::filesystem::path probe_file;          // when set, the Probe is written here on change
    // Folders standing in for removable drives (--usb-mount); none: the mounted USB sticks.
    std::vector<std::filesystem::path> usb_mounts;
};

class KioskApp final : public Flow {
  public:
    // The timers' lengths (app/idle_timers.hpp holds the timers themselves).
    static constexpr std::chrono::seconds kInactivity = IdleTimers::kInactivity;
    static constexpr std::chrono::seconds kCountdown = IdleTimers::kCountdown;
    static constexpr std::chrono::seconds kThanksTime{10};
    // The pulse's thank-you is short: a tap deserves a thank-you, not a wait.
    static constexpr std::chrono::seconds kPulseThanksTime{8};
    static constexpr std::chrono::seconds kLongPress = IdleTimers::kLongPress;
    static constexpr int kCornerSize = 96;  // px: the officer's hidden top-right corner
    // How often the officer screen redraws while a sync or an enrolment runs (never when idle).
    static constexpr std::chrono::milliseconds kBusyTick = IdleTimers::kBusyTick;
    static constexpr int kMaxTimeFactor = IdleTimers::kMaxTimeFactor;
    // Scanning pace limits, in seconds a step (never faster than one step a second: no
    // flashing, and time to react).
    static constexpr float kMinScanSeconds = 1.0f;
    static constexpr float kMaxScanSeconds = 3.0f;
    // "You said, we did" on the attract screen: the newest few, each shown kOutcomeTurn before
    // the next (never on its own with reduced motion), and the longest text the card holds.
    static constexpr std::size_t kOutcomesShown = 5;
    static constexpr std::chrono::seconds kOutcomeTurn = IdleTimers::kOutcomeTurn;
    static constexpr std::size_t kMaxOutcomeChars = 240;

    KioskApp(platform::Window& window, Store& store, const Clock& clock, KioskConfig config);
    ~KioskApp() override;
    KioskApp(const KioskApp&) = delete;
    KioskApp& operator=(const KioskApp&) = delete;

    // The real loop: until quit. Returns the process exit status.
    int run();

    // One pass of the loop: handles queued events and due timers, draws one frame if anything
    // changed, else waits through `wait` (timeout in ms, -1 for ever; returns true with an
    // event). Returns false once the app wants to quit. Tests pass a waiter that moves a fake
    // clock instead of blocking.
    using Waiter = std::function<bool(int timeout_ms, SDL_Event& event)>;
    bool iterate(const Waiter& wait);

    // -- what tests observe
    ScreenId screen() const { return screen_; }
    bool still_there_shown() const { return timers_.still_there(); }
    long frames_drawn() const { return frames_drawn_; }
    // A frame of either window is still to be drawn (the projector's is looked at once the
    // laptop's has settled).
    bool frame_pending() const { return frames_wanted_ > 0 || projector_check_; }
    bool quitting() const { return quit_; }
    const Visit& visit() const { return visits_.visit(); }
    platform::Window& window() { return window_; }
    speech::ReadAloud& read_aloud() { return read_aloud_; }
    // Milliseconds until the next timer, or -1 when none is due (the loop may block for ever).
    int wait_timeout_ms() const;
    // How long without input before "Are you still there?" in the current visit.
    std::chrono::seconds inactivity_timeout() const;

    // -- Flow
    const ui::Strings& strings() const override;
    const Consultation* consultation() const override;
    Store& store() override { return store_; }
    const Clock& clock() const override { return clock_; }
    VisitKeeper& visits() override { return visits_; }
    const Look& look() const override { return look_; }
    const std::string& consultation_problem() const override {
        return config_.consultation_problem;
    }
    void go(ScreenId screen) override;
    ScreenId previous_screen() const override { return previous_screen_; }
    void set_language(const std::string& lang) override;
    void set_look(const Look& look) override;
    void start_visit() override;
    void end_visit() override;
    bool submit_visit() override;
    bool submit_pulse(int face) override;
    void tell_us_more() override;
    bool officer_led_visit() const override;
    void finish_visit() override;
    void quit() override { quit_ = true; }
    SyncEngine* sync_engine() override { return sync_.get(); }
    bool use_consultation(const std::string& id) override;
    void keep_awake(bool on) override;
    const std::vector<Outcome>& outcomes() const override { return outcomes_; }
    std::size_t outcome_shown() const override { return outcome_shown_; }
    void show_next_outcome() override;
    void say_again() override { read_aloud_.say_again(); }
    Meeting& meeting() override { return meeting_; }
    bool second_display() const override { return window_.display_count() > 1; }
    std::vector<platform::Drive> usb_drives() const override;
    bool open_projector() override;
    void close_projector() override { close_projector_with(""); }
    bool projector_open() const override { return projector_ != nullptr; }
    std::string projector_notice() const override { return projector_notice_; }
    void clear_projector_notice() override { projector_notice_.clear(); }
    // The projector's window while it is open (tests read its frames), else nullptr.
    ProjectorWindow* projector() { return projector_.get(); }

  private:
    // -- "you said, we did" (kiosk_outcomes.cpp)
    // Reads the entries the last sync kept for the consultation asked; redraws when they
    // changed. Entries the card cannot hold are left out, each logged once.
    void refresh_outcomes();
    // Whether the entries turn on their own now: on the attract screen, more than one, no
    // reduced motion, no read-aloud.
    bool outcomes_turn() const;
    // Forgets the visit in hand (answers, widgets, ImGui's copy of a text) without moving on.
    void wipe_visit();
    void handle_event(const SDL_Event& event);
    // -- the projector (kiosk_projector.cpp)
    // True when the event was the projector window's (and is handled).
    bool projector_event(const SDL_Event& event);
    // A display came or went: the projector closes when its display is gone.
    void displays_changed();
    // Redraws the projector's window if what it shows has changed; closes it when the
    // meeting has closed.
    void refresh_projector();
    void close_projector_with(const std::string& notice);
    void restart_scan();
    void fire_timers();
    void draw_frame();
    void apply_look();
    void open_officer_pin();
    void write_probe_file();
    bool timed_screen() const;
    ScreenId start_screen();
    // Which page is showing, as read-aloud tells pages apart (screen, question, language...).
    // The page as the focus sees it (not its language or read-aloud state).
    std::string focus_page_key() const;
    std::string page_key() const;
    // Three frames after a change: ImGui takes one to see input, and a new page one more to
    // settle its layout (a scrollbar appearing narrows the column).
    void want_frames(int n = 3) { frames_wanted_ = std::max(frames_wanted_, n); }

    platform::Window& window_;
    Store& store_;
    const Clock& clock_;
    KioskConfig config_;
    // Declared before the screens: they may hold work running on it, and go first.
    std::unique_ptr<SyncEngine> sync_;

    // The laptop window's Dear ImGui (made in the constructor, gone last in the destructor).
    std::unique_ptr<ui::ImGuiHost> imgui_;
    // Easy Read pictures, uploaded to the renderer once each (after ImGui's backends start).
    std::unique_ptr<ui::Pictures> pictures_;

    screens::ScreenRegistry screens_;
    Meeting meeting_;
    std::unique_ptr<ProjectorWindow> projector_;
    std::string projector_notice_;
    // The laptop's window has settled since the last look at the projector's content.
    bool projector_check_ = false;
    screens::StillThereOverlay still_there_;
    screens::ReadAloudBar read_aloud_bar_;
    speech::ReadAloud read_aloud_;
    ScreenId screen_ = ScreenId::Attract;

    VisitKeeper visits_;
    Look look_;
    bool look_dirty_ = true;
    mutable std::map<std::string, ui::Strings> strings_;

    IdleTimers timers_;
    // What the inactivity timer needs of the page in hand.
    IdleTimers::Page timed_page() const;
    // The thank-you shown is for a partner's or an assisted visit (see officer_led_visit).
    bool thanks_for_officer_ = false;
    ScreenId previous_screen_ = ScreenId::Attract;
    std::optional<std::chrono::steady_clock::time_point> last_submit_;
    int shown_seconds_ = -1;

    std::vector<Outcome> outcomes_;
    std::size_t outcome_shown_ = 0;
    std::set<std::string> outcomes_refused_;  // ids logged as too long, so logged once

    // Keys and the switch on the focus model; a key's press replayed as a tap.
    AccessInput access_;

    // The mouse as events told it (SDL's own state is not updated by pushed events).
    float mouse_x_ = -1, mouse_y_ = -1;
    bool mouse_down_ = false, mouse_pressed_ = false, mouse_known_ = false;

    // The last press came from a key (a keyboard or a switch), not a touch.
    bool input_by_key_ = false;

    // A layout still moving (content size, scroll, window size) after a frame: one more is
    // drawn, so what is left on screen is the settled page, never a frame ImGui has not
    // finished laying out. Bounded, so a layout that never settles cannot keep the CPU busy.
    static constexpr int kMaxSettleFrames = 6;
    std::size_t layout_signature() const;
    std::size_t last_layout_ = 0;
    int unsettled_frames_ = 0;

    int frames_wanted_ = 3;
    long frames_drawn_ = 0;
    bool quit_ = false;
    std::string last_probe_json_;
};

}  // namespace fv
