// The kiosk's frame loop, router, timers and the one place a visit is submitted or wiped; its
// drawing is in kiosk_draw.cpp.
#include "app/kiosk_app.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <stdexcept>

#include "app/screens/attract_screen.hpp"
#include "app/screens/consent_screen.hpp"
#include "app/screens/meeting_screens.hpp"
#include "app/screens/no_consultation_screen.hpp"
#include "app/screens/officer_records_screen.hpp"
#include "app/screens/officer_screen.hpp"
#include "app/screens/page.hpp"
#include "app/screens/pin_screen.hpp"
#include "app/screens/pulse_thanks_screen.hpp"
#include "app/screens/question_screen.hpp"
#include "app/screens/thanks_screen.hpp"
#include "app/settings_keys.hpp"
#include "app/submission.hpp"
#include "app/ui/focus.hpp"
#include "app/ui/theme.hpp"
#include "core/util/ids.hpp"

namespace fv {

using std::chrono::steady_clock;

std::string_view to_string(ScreenId id) {
    switch (id) {
        case ScreenId::SetupPin:
            return "setup_pin";
        case ScreenId::NoConsultation:
            return "no_consultation";
        case ScreenId::Attract:
            return "attract";
        case ScreenId::Consent:
            return "consent";
        case ScreenId::Question:
            return "question";
        case ScreenId::Thanks:
            return "thanks";
        case ScreenId::PulseThanks:
            return "pulse_thanks";
        case ScreenId::Pin:
            return "pin";
        case ScreenId::Officer:
            return "officer";
        case ScreenId::OfficerRecords:
            return "officer_records";
        case ScreenId::MeetingStart:
            return "meeting_start";
        case ScreenId::MeetingNotes:
            return "meeting_notes";
        case ScreenId::MeetingPoll:
            return "meeting_poll";
        case ScreenId::MeetingIdeas:
            return "meeting_ideas";
        case ScreenId::MeetingPresenter:
            return "meeting_presenter";
        case ScreenId::MeetingSummary:
            return "meeting_summary";
        case ScreenId::PartnerStart:
            return "partner_start";
    }
    return "unknown";
}

KioskApp::KioskApp(platform::Window& window, Store& store, const Clock& clock, KioskConfig config)
    : window_(window), store_(store), clock_(clock), config_(std::move(config)), timers_(clock) {
    // Every screen, with what the shell does around it (see screens::ScreenTraits).
    using screens::ScreenTraits;
    constexpr ScreenTraits kResident{.timed = true};
    constexpr ScreenTraits kOfficer{.timed = true, .keeps_projector = true, .scanned = false};
    screens_.add(ScreenId::NoConsultation, std::make_unique<screens::NoConsultationScreen>());
    screens_.add(ScreenId::Attract, std::make_unique<screens::AttractScreen>());
    screens_.add(ScreenId::Consent, std::make_unique<screens::ConsentScreen>(), kResident);
    screens_.add(ScreenId::Question, std::make_unique<screens::QuestionScreen>(), kResident);
    screens_.add(ScreenId::Thanks, std::make_unique<screens::ThanksScreen>());
    screens_.add(ScreenId::PulseThanks, std::make_unique<screens::PulseThanksScreen>());
    screens_.add(ScreenId::Pin, std::make_unique<screens::PinScreen>(), {.timed = true});
    screens_.add_alias(ScreenId::SetupPin, ScreenId::Pin);  // the first PIN: never wiped
    screens_.add(ScreenId::Officer, std::make_unique<screens::OfficerScreen>(), kOfficer);
    screens_.add(ScreenId::OfficerRecords, std::make_unique<screens::OfficerRecordsScreen>(),
                 kOfficer);
    screens::add_meeting_screens(screens_);
    try {
        meeting_.divisions = load_divisions(config_.assets_dir);
    } catch (const std::exception& e) {
        // A broken list only loses the choices: a division can still be typed.
        std::fprintf(stderr, "fieldvoice: %s\n", e.what());
    }

    // Fail early, with the file named, on a broken translation.
    strings_.emplace("en", ui::Strings::load(config_.assets_dir / "i18n", "en"));

    imgui_ = std::make_unique<ui::ImGuiHost>(window_, ui::ImGuiHost::Input::FromSdl);
    pictures_ = std::make_unique<ui::Pictures>(window_.renderer(), config_.assets_dir);
    ui::Pictures::set_current(pictures_.get());

    timers_.input();
    visits_.wipe(consultation() ? consultation()->default_language() : "en");
    screen_ = start_screen();
    // The focus is process-wide: a new app (a test's next kiosk) starts with none.
    ui::Focus::current().clear();
    ui::Focus::current().set_always(look_.scanning);
    ui::Focus::current().hide_ring();
    screens_.screen(screen_).on_enter(*this);
    refresh_outcomes();

    // The sync engine works on its own connection to the same database, on its own thread.
    // Its progress wakes the loop through an SDL event; nothing here ever waits for it.
    SyncOptions sync_options;
    // Progress and every change of status (a background pass ending in an error, say) wake
    // the loop, so the officer screen shows them without polling.
    const auto wake_loop = [] {
        SDL_Event wake{};
        wake.type = SDL_USEREVENT;
        SDL_PushEvent(&wake);
    };
    sync_options.on_progress = [wake_loop](std::int64_t, std::int64_t) { wake_loop(); };
    sync_options.on_status = wake_loop;
    sync_ = std::make_unique<SyncEngine>(store_.path(), std::move(sync_options));
    sync_->start();
}

KioskApp::~KioskApp() {
    // Stop the worker and abort any transfer first, so the officer screen's work ends soon.
    if (sync_) sync_->stop();
    projector_.reset();  // its window and context before the kiosk's
    visits_.wipe("en");
    pictures_.reset();  // its textures belong to the renderer, which outlives the app
    imgui_.reset();
}

const ui::Strings& KioskApp::strings() const {
    const std::string& lang = visits_.visit().language;
    auto it = strings_.find(lang);
    if (it == strings_.end()) {
        it = strings_.emplace(lang, ui::Strings::load(config_.assets_dir / "i18n", lang)).first;
    }
    return it->second;
}

std::vector<platform::Drive> KioskApp::usb_drives() const {
    if (config_.usb_mounts.empty()) return platform::removable_drives();
    std::vector<platform::Drive> drives;
    for (const auto& folder : config_.usb_mounts) {
        if (std::filesystem::is_directory(folder)) drives.push_back({folder, folder.filename()});
    }
    return drives;
}

const Consultation* KioskApp::consultation() const {
    return config_.consultation ? &*config_.consultation : nullptr;
}

ScreenId KioskApp::start_screen() {
    if (!store_.setting(kSettingOfficerPinHash)) return ScreenId::SetupPin;
    return consultation() ? ScreenId::Attract : ScreenId::NoConsultation;
}

// [SECTION] Flow: the router and the visit

void KioskApp::go(ScreenId screen) {
    if (screen == ScreenId::Attract && !consultation()) screen = ScreenId::NoConsultation;
    // A resident's visit (or the PIN) is no meeting: the projector shows nothing of it.
    if (projector_ && !screens_.traits(screen).keeps_projector) close_projector_with("");
    if (screen != screen_) previous_screen_ = screen_;
    screen_ = screen;
    std::optional<std::chrono::seconds> thanks;
    if (screen == ScreenId::Thanks) thanks = kThanksTime;
    if (screen == ScreenId::PulseThanks) thanks = kPulseThanksTime;
    timers_.page_changed(thanks);
    // A new screen starts at its top, with nothing of the last one active or focused.
    ImGui::ClearActiveID();
    ui::Focus::current().clear();
    access_.forget_tap();
    restart_scan();
    screens_.screen(screen_).on_enter(*this);
    want_frames();
}

bool KioskApp::use_consultation(const std::string& id) {
    std::optional<Consultation> chosen = store_.latest_consultation(id);
    if (!chosen) return false;
    store_.set_setting(kSettingActiveConsultation, id);
    store_.audit("officer_chose_consultation", id + " v" + std::to_string(chosen->version));
    config_.consultation = std::move(chosen);
    config_.consultation_problem.clear();
    refresh_outcomes();
    want_frames();
    return true;
}

void KioskApp::keep_awake(bool on) { timers_.busy(on); }

void KioskApp::set_language(const std::string& lang) {
    visits_.visit().language = lang;
    want_frames();
}

void KioskApp::set_look(const Look& look) {
    const Look was = look_;
    look_ = look;
    look_.scan_seconds = std::clamp(look_.scan_seconds, kMinScanSeconds, kMaxScanSeconds);
    ui::Focus::current().set_always(look_.scanning);
    // A new pace counts from now.
    if (look_.scanning != was.scanning || look_.scan_seconds != was.scan_seconds) restart_scan();
    look_dirty_ = true;  // the font atlas is rebuilt between frames, never inside one
    want_frames();
}

void KioskApp::start_visit() {
    if (!consultation()) return;
    const std::string lang = visits_.visit().language;  // chosen on the attract screen
    visits_.start(lang, format_rfc3339(clock_.wall_now()));
    go(ScreenId::Consent);
}

void KioskApp::wipe_visit() {
    thanks_for_officer_ = false;
    visits_.wipe(consultation() ? consultation()->default_language() : "en");
    // ImGui keeps a copy of a text being edited; it must go with the visit.
    ImGui::ClearActiveID();
    if (ImGui::GetCurrentContext() != nullptr)
        ImGui::GetCurrentContext()->InputTextState.ClearFreeMemory();
}

void KioskApp::end_visit() {
    wipe_visit();
    go(start_screen());
    outcome_shown_ = 0;  // the next passer-by sees the newest first
}

bool KioskApp::submit_visit() {
    Visit& visit = visits_.visit();
    if (!consultation() || !visit.active) return false;
    const auto now = clock_.now();
    const bool rapid = last_submit_ && now - *last_submit_ < kRapidRepeatWindow;
    std::string reference;
    try {
        const Response response = build_response(*consultation(), visit, clock_.wall_now(), rapid);
        store_.submit(response);  // durable on return
        reference = response.reference.value_or("");
    } catch (const std::exception& e) {
        // The answers stay on screen; an officer can fix the disk and the resident try again.
        visit.submit_error = strings()("submit.failed");
        std::fprintf(stderr, "fieldvoice: could not store a response: %s\n", e.what());
        want_frames();
        return false;
    }
    last_submit_ = now;
    thanks_for_officer_ = visit.mode == CaptureMode::Partner || visit.mode == CaptureMode::Assisted;
    // The answers go at once; only the language, read-aloud and the receipt stay, to say thank
    // you.
    const std::string lang = visit.language;
    const bool read_aloud = visit.read_aloud;
    const speech::Speed speed = visit.speech_speed;
    visits_.wipe(lang);
    visits_.visit().read_aloud = read_aloud;
    visits_.visit().speech_speed = speed;
    visits_.visit().reference = reference;  // the receipt, for the thank-you
    ImGui::ClearActiveID();
    ImGui::GetCurrentContext()->InputTextState.ClearFreeMemory();
    go(ScreenId::Thanks);
    return true;
}

bool KioskApp::submit_pulse(int face) {
    const Consultation* c = consultation();
    if (c == nullptr || c->pulse_question() == nullptr || visits_.visit().active) return false;
    const auto now = clock_.now();
    const bool rapid = last_submit_ && now - *last_submit_ < kRapidRepeatWindow;
    Visit& visit = visits_.visit();
    try {
        const Response response =
            build_pulse_response(*c, face, visit.language, clock_.wall_now(), rapid);
        store_.submit(response);  // durable on return, before the thank-you is drawn
        visit.pulse_id = response.id;
        visit.pulse_face = face;
    } catch (const std::exception& e) {
        // Nothing was stored: the attract screen says so under the faces, and a tap may try
        // again.
        visit.submit_error = strings()("pulse.failed");
        std::fprintf(stderr, "fieldvoice: could not store a pulse response: %s\n", e.what());
        want_frames();
        return false;
    }
    last_submit_ = now;
    visit.submit_error.clear();
    go(ScreenId::PulseThanks);
    return true;
}

void KioskApp::tell_us_more() {
    const Consultation* c = consultation();
    Visit& visit = visits_.visit();
    if (c == nullptr || c->pulse_question() == nullptr || visit.pulse_id.empty()) return;
    const std::string pulse_id = visit.pulse_id;
    const int face = visit.pulse_face;
    const std::string lang = visit.language;  // start() wipes the visit it is read from
    visits_.start(lang, format_rfc3339(clock_.wall_now()));
    // The full visit begins with the pulse's answer given; its response names the pulse's,
    // so that the console counts the person once (docs/format.md "pulse").
    visits_.visit().continues = pulse_id;
    visits_.visit().answers[c->pulse] = face;
    go(ScreenId::Consent);
}

bool KioskApp::officer_led_visit() const {
    const Visit& visit = visits_.visit();
    if (screen_ == ScreenId::Thanks) return thanks_for_officer_;
    return visit.active &&
           (visit.mode == CaptureMode::Partner || visit.mode == CaptureMode::Assisted);
}

void KioskApp::finish_visit() {
    if (!officer_led_visit()) {
        end_visit();
        return;
    }
    wipe_visit();
    go(ScreenId::Officer);
}

// [SECTION] Events and timers

bool KioskApp::timed_screen() const { return screens_.traits(screen_).timed; }

std::chrono::seconds KioskApp::inactivity_timeout() const {
    const Visit& visit = visits_.visit();
    return IdleTimers::inactivity_timeout(visit.time_factor, visit.read_aloud, look_.scanning);
}

IdleTimers::Page KioskApp::timed_page() const {
    return {.timed = timed_screen(),
            .inactivity = inactivity_timeout(),
            .reduced_motion = look_.reduced_motion};
}

void KioskApp::fire_timers() {
    // In this order: a timer's action may change the page (the PIN, the attract screen), and
    // the ones after it see the page it left.
    if (timers_.scan_due()) {
        // The scanning highlight steps on: a timer, so an idle scanning kiosk sleeps between.
        ui::Focus::current().move(+1);
        restart_scan();
        want_frames(2);  // one to scroll the item into view, one to draw it there
    }
    if (timers_.busy_tick_due()) want_frames(1);
    if (timers_.long_press_due()) open_officer_pin();
    if (timers_.thanks_over()) end_visit();
    // "You said, we did" turns to the next entry: one frame, since the card keeps the height
    // of its tallest entry and nothing else on the page moves.
    if (timers_.outcome_turn_due(outcomes_turn())) {
        outcome_shown_ = (outcome_shown_ + 1) % outcomes_.size();
        want_frames(1);
    }
    switch (timers_.idle_due(timed_page(), shown_seconds_)) {
        case IdleTimers::Idle::Wipe:
            end_visit();  // the inactivity wipe
            break;
        case IdleTimers::Idle::Tick:
            want_frames(1);
            break;
        case IdleTimers::Idle::StillThere:
            ui::Focus::current().clear();  // the overlay's own items now
            restart_scan();
            want_frames();
            break;
        case IdleTimers::Idle::None:
            break;
    }
}

int KioskApp::wait_timeout_ms() const { return timers_.wait_timeout_ms(timed_page()); }

bool KioskApp::iterate(const Waiter& wait) {
    SDL_Event e;
    while (SDL_PollEvent(&e)) handle_event(e);
    fire_timers();
    if (quit_) return false;
    if (frames_wanted_ > 0) {
        draw_frame();
        --frames_wanted_;
        if (frames_wanted_ == 0) projector_check_ = true;
        return !quit_;
    }
    // The laptop's window has settled: the projector's follows once, if it shows another thing.
    if (projector_check_) {
        projector_check_ = false;
        refresh_projector();
        if (frames_wanted_ > 0) return !quit_;  // it closed: the laptop's page changes
    }
    if (wait(wait_timeout_ms(), e)) handle_event(e);
    fire_timers();
    return !quit_;
}

int KioskApp::run() {
    const Waiter block = [](int timeout_ms, SDL_Event& event) {
        return (timeout_ms < 0 ? SDL_WaitEvent(&event)
                               : SDL_WaitEventTimeout(&event, timeout_ms)) == 1;
    };
    while (iterate(block)) {
    }
    return 0;
}

}  // namespace fv
