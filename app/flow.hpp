// What a screen may read and ask for. KioskApp implements it; screens never see each other,
// and the one router (KioskApp) decides which screen draws next.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "app/clock.hpp"
#include "app/ui/strings.hpp"
#include "app/visit.hpp"
#include "core/model/consultation.hpp"
#include "core/model/outcome.hpp"
#include "core/store/store.hpp"
#include "platform/removable.hpp"

namespace fv {

class SyncEngine;
class Meeting;

enum class ScreenId {
    SetupPin,        // first run: the officer must choose a PIN before anything else
    NoConsultation,  // nothing to ask: tells the officer what to do
    Attract,
    Consent,
    Question,
    Thanks,
    PulseThanks,     // after the one-tap pulse: thank you, and "Tell us more?"
    Pin,             // an officer unlocking kiosk mode
    Officer,         // behind the PIN
    OfficerRecords,  // this kiosk's results and audit log, from the officer screen
    // Meetings and partners, reached from the officer screen (app/screens/meeting_*).
    MeetingStart,      // start, reopen or review a session
    MeetingNotes,      // quick capture: what was said
    MeetingPoll,       // show of hands or pass-round
    MeetingIdeas,      // ideas and dot-voting
    MeetingPresenter,  // full-screen charts for a projector
    MeetingSummary,    // counts, themes, polls, ranking, notes; end the session
    PartnerStart,      // a partner organisation's submission: who, then the questions
};
std::string_view to_string(ScreenId id);

// The kiosk's look, chosen on the attract screen; kept across visits (a kiosk by a reading
// group may stay on large text), but not the visit's language.
struct Look {
    bool high_contrast = false;
    float text_scale = 1.0f;
    bool easy_read = false;  // Easy Read text and pictures where the definition gives them
    // Nothing moves or counts down on screen by itself (the inactivity countdown is a still
    // sentence); the scanning highlight still steps, since the resident asked for it.
    bool reduced_motion = false;
    // Single-switch scanning: the focus steps through the items on its own, every
    // `scan_seconds`, and the one switch key selects (see AccessInput::is_switch_key).
    bool scanning = false;
    float scan_seconds = 2.0f;
};

class Flow {
  public:
    virtual ~Flow() = default;

    virtual const ui::Strings& strings() const = 0;
    virtual const Consultation* consultation() const = 0;
    virtual Store& store() = 0;
    virtual const Clock& clock() const = 0;
    virtual VisitKeeper& visits() = 0;
    virtual const Look& look() const = 0;
    // Why no consultation could be loaded ("" when none was asked for).
    virtual const std::string& consultation_problem() const = 0;

    virtual void go(ScreenId screen) = 0;
    // The screen shown before the current one (the presenter's Esc goes back to it).
    virtual ScreenId previous_screen() const { return ScreenId::Attract; }
    virtual void set_language(const std::string& lang) = 0;
    virtual void set_look(const Look& look) = 0;
    virtual void start_visit() = 0;  // "Touch to start"
    virtual void end_visit() = 0;    // "No thanks", a finished thank-you, a wipe
    // Builds, seals and durably stores the response; true when stored (then shows thanks).
    virtual bool submit_visit() = 0;
    // The one-tap pulse (docs/format.md "pulse"): durably stores `face` (1..5) as a whole
    // response of mode `pulse`, then shows its thank-you; true when stored.
    virtual bool submit_pulse(int face) {
        (void)face;
        return false;
    }
    // "Tell us more?" on the pulse's thank-you: a full visit with the pulse's answer given,
    // whose response names the pulse response it continues.
    virtual void tell_us_more() {}
    // True from the start of an officer's visit (a partner's submission, an assisted visit)
    // through its thank-you: Finish then goes back to the officer screen (finish_visit).
    virtual bool officer_led_visit() const { return false; }
    // "Finish" on the thank-you: the officer screen after an officer's visit, else the start
    // (end_visit). A thank-you left alone still ends at the start, locked.
    virtual void finish_visit() { end_visit(); }
    virtual void quit() = 0;

    // -- the officer screen's sync work (defaults: an app without sync)
    // The device's sync engine, or nullptr when this app has none.
    virtual SyncEngine* sync_engine() { return nullptr; }
    // Makes the newest stored version of `id` the consultation the kiosk asks, and remembers
    // it in the store; false when no version of `id` is stored.
    virtual bool use_consultation(const std::string& id) {
        (void)id;
        return false;
    }
    // While on, the loop draws a few frames a second (a sync or an enrolment in progress);
    // off, it sleeps until an event. The screen asks for it each frame it needs it.
    virtual void keep_awake(bool on) { (void)on; }

    // -- "you said, we did" (docs/outcomes.md) on the attract screen
    // The newest entries of the consultation asked that the kiosk can show, newest first, as
    // last synced; and which of them is showing. It changes every KioskApp::kOutcomeTurn while
    // the attract screen shows, unless motion is reduced or the page is being read aloud; a
    // resident may step on with show_next_outcome().
    virtual const std::vector<Outcome>& outcomes() const {
        static const std::vector<Outcome> none;
        return none;
    }
    virtual std::size_t outcome_shown() const { return 0; }
    virtual void show_next_outcome() {}

    // -- read-aloud (Visit::read_aloud turns it on)
    // Speaks the current page again, from the top.
    virtual void say_again() {}
    // The meeting session in hand (app/meeting/meeting.hpp).
    virtual Meeting& meeting() = 0;

    // -- the projector: the presenter view in a window of its own on a second display
    // A second display is attached now.
    virtual bool second_display() const { return false; }
    // The removable drives an export can be saved to now (the officer screen's USB stick).
    virtual std::vector<platform::Drive> usb_drives() const { return {}; }
    // Opens the presenter's window on the other display (true when it is open); on failure
    // projector_notice() says why.
    virtual bool open_projector() { return false; }
    virtual void close_projector() {}
    virtual bool projector_open() const { return false; }
    // Why the projector's window is not there (it could not open, or its display went away);
    // "" when there is nothing to say.
    virtual std::string projector_notice() const { return {}; }
    virtual void clear_projector_notice() {}
};

}  // namespace fv
