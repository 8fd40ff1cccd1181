// The headless kiosk harness.
#include "kiosk_harness.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <random>
#include <sstream>

#include "app/consultation_choice.hpp"
#include "app/settings_keys.hpp"
#include "app/ui/focus.hpp"
#include "core/util/pin.hpp"
#include "platform/paths.hpp"
#include "platform/window.hpp"

namespace fv::testing {
namespace fs = std::filesystem;

std::string sample_consultation(const std::string& name) {
    return (fs::path(FIELDVOICE_ASSETS_DIR) / "consultations" / (name + ".json")).string();
}

HarnessOptions on_sample(const std::string& name, int width, int height) {
    HarnessOptions o;
    o.consultation = sample_consultation(name);
    o.width = width;
    o.height = height;
    return o;
}

namespace {

fs::path fresh_temp_dir() {
    std::random_device rd;
    const fs::path dir =
        fs::temp_directory_path() / ("fv-ui-" + std::to_string(rd()) + std::to_string(rd()));
    fs::create_directories(dir);
    return dir;
}

}  // namespace

KioskHarness::KioskHarness(HarnessOptions options) {
    if (options.data_dir) {
        data_dir_ = *options.data_dir;
        own_data_dir_ = false;
        fs::create_directories(data_dir_);
    } else {
        data_dir_ = fresh_temp_dir();
    }
    store_ = Store::open(database_path(data_dir_));
    if (options.officer_pin_set && !store_->setting(kSettingOfficerPinHash)) {
        store_->set_setting(kSettingOfficerPinHash, hash_pin(kOfficerPin));
    }
    KioskConfig config;
    config.assets_dir = options.assets_dir.value_or(FIELDVOICE_ASSETS_DIR);
    config.fonts = platform::find_fonts();
    ConsultationChoice choice = choose_consultation(*store_, options.consultation);
    if (!options.consultation.empty() && !choice.consultation) {
        ADD_FAILURE() << "the test's consultation cannot be used: " << choice.problem;
    }
    config.consultation = std::move(choice.consultation);
    config.consultation_problem = choice.problem;
    config.usb_mounts = options.usb_mounts;
    displays_.count = options.displays;
    displays_.width = options.projector_width;
    displays_.height = options.projector_height;
    window_ = platform::open_headless_window(options.width, options.height, &displays_);
    app_ = std::make_unique<KioskApp>(*window_, *store_, clock_, std::move(config));
    settle();
}

KioskHarness::~KioskHarness() {
    app_.reset();
    window_.reset();
    store_.reset();
    if (own_data_dir_) {
        std::error_code ec;
        fs::remove_all(data_dir_, ec);
    }
}

bool KioskHarness::iterate(const KioskApp::Waiter& wait) {
    const long before = app_->frames_drawn();
    const bool more = app_->iterate(wait);
    if (on_frame_ && app_->frames_drawn() != before) on_frame_();
    return more;
}

void KioskHarness::step_once() {
    const KioskApp::Waiter no_wait = [](int, SDL_Event&) { return false; };
    iterate(no_wait);
}

void KioskHarness::settle() {
    // Bounded: an app that never stops drawing is a bug the test should see, not a hang.
    for (int i = 0; i < 200; ++i) {
        if (app_->quitting()) return;  // the loop has ended; nothing more is drawn
        if (!app_->frame_pending() && SDL_HasEvents(SDL_FIRSTEVENT, SDL_LASTEVENT) == SDL_FALSE) {
            return;
        }
        step_once();
    }
    ADD_FAILURE() << "the app kept drawing frames with nothing happening";
}

void KioskHarness::push(SDL_Event e) {
    if (SDL_PushEvent(&e) < 0) ADD_FAILURE() << "SDL_PushEvent: " << SDL_GetError();
}

void KioskHarness::press_at(float x, float y) {
    SDL_Event motion{};
    motion.type = SDL_MOUSEMOTION;
    motion.motion.windowID = SDL_GetWindowID(window_->sdl_window());
    motion.motion.x = static_cast<Sint32>(x);
    motion.motion.y = static_cast<Sint32>(y);
    push(motion);  // with the press, in one batch: the app keeps the position for the press
    SDL_Event down{};
    down.type = SDL_MOUSEBUTTONDOWN;
    down.button.windowID = motion.motion.windowID;
    down.button.button = SDL_BUTTON_LEFT;
    down.button.state = SDL_PRESSED;
    down.button.clicks = 1;
    down.button.x = motion.motion.x;
    down.button.y = motion.motion.y;
    push(down);
    settle();
}

void KioskHarness::release_at(float x, float y) {
    SDL_Event up{};
    up.type = SDL_MOUSEBUTTONUP;
    up.button.windowID = SDL_GetWindowID(window_->sdl_window());
    up.button.button = SDL_BUTTON_LEFT;
    up.button.state = SDL_RELEASED;
    up.button.clicks = 1;
    up.button.x = static_cast<Sint32>(x);
    up.button.y = static_cast<Sint32>(y);
    push(up);
    settle();
}

void KioskHarness::drag(float x, float y, float dx, float dy) {
    press_at(x, y);
    const int steps = 10;
    for (int i = 1; i <= steps; ++i) {
        SDL_Event motion{};
        motion.type = SDL_MOUSEMOTION;
        motion.motion.windowID = SDL_GetWindowID(window_->sdl_window());
        motion.motion.state = SDL_BUTTON_LMASK;
        motion.motion.x = static_cast<Sint32>(x + dx * i / steps);
        motion.motion.y = static_cast<Sint32>(y + dy * i / steps);
        push(motion);
        settle();
    }
    release_at(x + dx, y + dy);
}

void KioskHarness::tap_at(float x, float y) {
    press_at(x, y);
    release_at(x, y);
}

void KioskHarness::scroll(int notches) {
    int w = 0, h = 0;
    window_->size(w, h);
    SDL_Event motion{};
    motion.type = SDL_MOUSEMOTION;
    motion.motion.windowID = SDL_GetWindowID(window_->sdl_window());
    motion.motion.x = w / 2;
    motion.motion.y = h / 2;
    push(motion);
    settle();
    // One event a notch, as a wheel sends them: Dear ImGui 1.86's SDL backend takes any
    // event's y as a single notch.
    for (int i = 0; i < std::abs(notches); ++i) {
        SDL_Event wheel{};
        wheel.type = SDL_MOUSEWHEEL;
        wheel.wheel.windowID = motion.motion.windowID;
        wheel.wheel.y = notches > 0 ? -1 : 1;
        push(wheel);
        settle();
    }
}

bool KioskHarness::tap(const std::string& label, int nth) {
    settle();
    const ui::ShownItem* it = item(label, nth);
    // An item below the fold: scroll down to it, as a resident would, then back up.
    for (int i = 0; it == nullptr && i < 12; ++i) {
        scroll(1);
        it = item(label, nth);
    }
    for (int i = 0; it == nullptr && i < 24; ++i) {
        scroll(-1);
        it = item(label, nth);
    }
    if (it == nullptr) {
        ADD_FAILURE() << "no item \"" << label << "\" (#" << nth << ") to tap; shown:\n"
                      << describe();
        return false;
    }
    if (!it->enabled) {
        ADD_FAILURE() << "\"" << label << "\" is shown but disabled; shown:\n" << describe();
        return false;
    }
    tap_at((it->x0 + it->x1) / 2, (it->y0 + it->y1) / 2);
    return true;
}

void KioskHarness::type_text(const std::string& utf8) {
    // One character an event, as a keyboard sends them (and SDL's 32-byte limit never bites).
    for (std::size_t i = 0; i < utf8.size();) {
        std::size_t len = 1;
        const unsigned char c = static_cast<unsigned char>(utf8[i]);
        if (c >= 0xF0)
            len = 4;
        else if (c >= 0xE0)
            len = 3;
        else if (c >= 0xC0)
            len = 2;
        SDL_Event e{};
        e.type = SDL_TEXTINPUT;
        e.text.windowID = SDL_GetWindowID(window_->sdl_window());
        const std::string ch = utf8.substr(i, len);
        std::snprintf(e.text.text, sizeof e.text.text, "%s", ch.c_str());
        push(e);
        settle();
        i += len;
    }
}

void KioskHarness::press_key(SDL_Keycode key, Uint16 mods, const std::string& text) {
    for (Uint32 type : {SDL_KEYDOWN, SDL_TEXTINPUT, SDL_KEYUP}) {
        if (type == SDL_TEXTINPUT) {
            if (text.empty()) continue;
            SDL_Event t{};
            t.type = SDL_TEXTINPUT;
            t.text.windowID = SDL_GetWindowID(window_->sdl_window());
            std::snprintf(t.text.text, sizeof t.text.text, "%s", text.c_str());
            push(t);
            settle();
            continue;
        }
        SDL_Event e{};
        e.type = type;
        e.key.windowID = SDL_GetWindowID(window_->sdl_window());
        e.key.state = type == SDL_KEYDOWN ? SDL_PRESSED : SDL_RELEASED;
        e.key.keysym.sym = key;
        e.key.keysym.scancode = SDL_GetScancodeFromKey(key);
        e.key.keysym.mod = mods;
        push(e);
        settle();
    }
}

long KioskHarness::idle_for(std::chrono::milliseconds d) {
    settle();
    const long frames_before = app_->frames_drawn();
    const auto end = clock_.now() + d;
    const KioskApp::Waiter advance = [this, end](int timeout_ms, SDL_Event&) {
        const auto remaining = end - clock_.now();
        auto step = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
            std::chrono::milliseconds(timeout_ms));
        if (timeout_ms < 0 || step > remaining) step = remaining;
        clock_.advance(step);
        ++wakes_;
        return false;
    };
    while (clock_.now() < end) {
        if (!iterate(advance)) break;
    }
    settle();
    return app_->frames_drawn() - frames_before;
}

const ui::ShownItem* KioskHarness::focused() const {
    return ui::Probe::current().focused();
}

std::string KioskHarness::focused_label() const {
    const ui::ShownItem* it = focused();
    return it ? it->label : std::string();
}

namespace {

// The place of the `nth` item labelled `label` in the focus order, or -1.
int place_in_order(const std::string& label, int nth) {
    const auto& order = ui::Focus::current().order();
    for (std::size_t i = 0; i < order.size(); ++i) {
        if (order[i].label == label && nth-- == 0) return static_cast<int>(i);
    }
    return -1;
}

}  // namespace

std::string KioskHarness::describe_focus() const {
    std::ostringstream out;
    const auto& order = ui::Focus::current().order();
    const int at = ui::Focus::current().focused_index();
    for (std::size_t i = 0; i < order.size(); ++i) {
        out << (i ? ", " : "") << '"' << order[i].label << '"'
            << (static_cast<int>(i) == at ? "*" : "") << (order[i].enabled ? "" : " (disabled)");
    }
    return out.str();
}

bool KioskHarness::tab_to(const std::string& label, int nth) {
    settle();
    const std::size_t bound = ui::Focus::current().order().size() + 2;
    for (std::size_t i = 0; i <= bound; ++i) {
        const int target = place_in_order(label, nth);
        if (target >= 0 && ui::Focus::current().focused_index() == target && focused() &&
            focused()->label == label) {
            return true;
        }
        press_key(SDLK_TAB);
    }
    ADD_FAILURE() << "Tab never reached \"" << label << "\" (#" << nth
                  << "); the focus order: " << describe_focus() << "\n"
                  << describe();
    return false;
}

void KioskHarness::press_switch() {
    press_key(SDLK_SPACE, KMOD_NONE, " ");
}

bool KioskHarness::scan_to(const std::string& label, int nth) {
    settle();
    const auto step = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::duration<float>(app_->look().scan_seconds));
    const std::size_t bound = 2 * ui::Focus::current().order().size() + 4;
    for (std::size_t i = 0; i <= bound; ++i) {
        const int target = place_in_order(label, nth);
        if (target >= 0 && ui::Focus::current().focused_index() == target && focused() &&
            focused()->label == label) {
            return true;
        }
        idle_for(step);
    }
    ADD_FAILURE() << "the scanning highlight never reached \"" << label << "\" (#" << nth
                  << "); the focus order: " << describe_focus() << "\n"
                  << describe();
    return false;
}

const std::vector<std::string>& KioskHarness::texts() const {
    return ui::Probe::current().texts();
}
const std::vector<ui::ShownItem>& KioskHarness::items() const {
    return ui::Probe::current().items();
}

const std::vector<ui::ShownItem>& KioskHarness::images() const {
    return ui::Probe::current().images();
}

const ui::ShownItem* KioskHarness::image(const std::string& path) const {
    for (const ui::ShownItem& it : images()) {
        if (it.label == path) return &it;
    }
    return nullptr;
}

const ui::ShownItem* KioskHarness::item(const std::string& label, int nth) const {
    for (const ui::ShownItem& it : items()) {
        if (it.label == label && nth-- == 0) return &it;
    }
    return nullptr;
}

bool KioskHarness::shows(const std::string& text) const {
    for (const std::string& t : texts()) {
        if (t == text) return true;
    }
    return item(text) != nullptr;
}

bool KioskHarness::shows_part(const std::string& fragment) const {
    for (const std::string& t : texts()) {
        if (t.find(fragment) != std::string::npos) return true;
    }
    for (const ui::ShownItem& it : items()) {
        if (it.label.find(fragment) != std::string::npos) return true;
    }
    return false;
}

std::string KioskHarness::describe() const {
    std::ostringstream out;
    out << "  screen: " << to_string(app_->screen())
        << (app_->still_there_shown() ? " (still-there overlay)" : "") << "\n";
    for (const std::string& t : texts()) out << "  text: " << t << "\n";
    for (const std::string& c : ui::Probe::current().cues()) out << "  cue: " << c << "\n";
    for (const ui::ShownItem& it : items()) {
        out << "  item: \"" << it.label << "\"" << (it.enabled ? "" : " (disabled)")
            << (it.selected ? " (selected)" : "") << (it.focused ? " (focused)" : "") << " at "
            << it.x0 << "," << it.y0 << "\n";
    }
    for (const ui::ShownItem& it : images()) {
        out << "  image: " << it.label << " at " << it.x0 << "," << it.y0 << " to " << it.x1 << ","
            << it.y1 << "\n";
    }
    return out.str();
}

fs::path KioskHarness::output_dir() {
    fs::path base = fs::current_path() / "ui-screens";
    if (const char* env = std::getenv("FIELDVOICE_TEST_OUTPUT_DIR"); env && *env) base = env;
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    if (info != nullptr) base /= std::string(info->test_suite_name()) + "." + info->name();
    return base;
}

void KioskHarness::set_displays(int count) {
    const int was = displays_.count;
    displays_.count = count;
    SDL_Event e{};
    e.type = SDL_DISPLAYEVENT;
    e.display.event = count < was ? SDL_DISPLAYEVENT_DISCONNECTED : SDL_DISPLAYEVENT_CONNECTED;
    e.display.display = static_cast<Uint32>(std::max(count, was) - 1);
    push(e);
    settle();
}

bool KioskHarness::projector_shows(const std::string& text) const {
    const ProjectorWindow* p = app_->projector();
    if (p == nullptr) return false;
    for (const std::string& t : p->probe().texts()) {
        if (t == text) return true;
    }
    return false;
}

bool KioskHarness::projector_shows_part(const std::string& fragment) const {
    const ProjectorWindow* p = app_->projector();
    if (p == nullptr) return false;
    for (const std::string& t : p->probe().texts()) {
        if (t.find(fragment) != std::string::npos) return true;
    }
    return false;
}

std::string KioskHarness::describe_projector() const {
    const ProjectorWindow* p = app_->projector();
    if (p == nullptr) return "  (no projector window)\n";
    std::ostringstream out;
    for (const std::string& t : p->probe().texts()) out << "  projector text: " << t << "\n";
    for (const ui::ShownItem& it : p->probe().items()) {
        out << "  projector item: \"" << it.label << "\"\n";
    }
    return out.str();
}

long KioskHarness::projector_frames() const {
    const ProjectorWindow* p = app_->projector();
    return p == nullptr ? 0 : p->frames_drawn();
}

void KioskHarness::close_projector_window() {
    ProjectorWindow* p = app_->projector();
    if (p == nullptr) {
        ADD_FAILURE() << "no projector window to close";
        return;
    }
    SDL_Event e{};
    e.type = SDL_WINDOWEVENT;
    e.window.event = SDL_WINDOWEVENT_CLOSE;
    e.window.windowID = p->window_id();
    push(e);
    settle();
}

void KioskHarness::tap_projector_at(float x, float y) {
    ProjectorWindow* p = app_->projector();
    if (p == nullptr) {
        ADD_FAILURE() << "no projector window to tap";
        return;
    }
    const Uint32 id = p->window_id();
    for (Uint32 type : {SDL_MOUSEMOTION, SDL_MOUSEBUTTONDOWN, SDL_MOUSEBUTTONUP}) {
        SDL_Event e{};
        e.type = type;
        if (type == SDL_MOUSEMOTION) {
            e.motion.windowID = id;
            e.motion.x = static_cast<Sint32>(x);
            e.motion.y = static_cast<Sint32>(y);
        } else {
            e.button.windowID = id;
            e.button.button = SDL_BUTTON_LEFT;
            e.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
            e.button.clicks = 1;
            e.button.x = static_cast<Sint32>(x);
            e.button.y = static_cast<Sint32>(y);
        }
        push(e);
        settle();
    }
}

fs::path KioskHarness::screenshot_projector(const std::string& name) {
    settle();
    const fs::path path = output_dir() / name;
    ProjectorWindow* p = app_->projector();
    if (p == nullptr) {
        ADD_FAILURE() << "no projector window for " << name;
        return path;
    }
    const std::string error = platform::save_screenshot(p->window().renderer(), path);
    EXPECT_EQ(error, "") << "screenshot " << path;
    return path;
}

fs::path KioskHarness::screenshot(const std::string& name) {
    settle();
    const fs::path path = output_dir() / name;
    const std::string error = platform::save_screenshot(window_->renderer(), path);
    EXPECT_EQ(error, "") << "screenshot " << path;
    return path;
}

}  // namespace fv::testing
