// One resident's visit: everything the kiosk holds about it, in one object, wiped in one place
// (VisitKeeper::wipe) so that the next person can see nothing of it.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "app/speech/synthesizer.hpp"
#include "app/widgets/question_widget.hpp"
#include "core/model/consultation.hpp"
#include "core/model/response.hpp"

namespace fv {

struct Visit {
    bool active = false;  // started with "Touch to start", not yet submitted or wiped
    std::string language;
    nlohmann::json answers = nlohmann::json::object();
    std::map<std::string, std::unique_ptr<widgets::QuestionWidget>> widgets;
    Consent consent;
    std::string started_at;    // RFC 3339
    std::size_t question = 0;  // index into the consultation's questions
    std::string submit_error;  // a storage failure, shown with the answers still on screen
    // Chosen on the attract screen for this visit, kept through its thank-you, off after it.
    // A read-aloud visit also gets a longer inactivity timeout.
    bool read_aloud = false;
    speech::Speed speech_speed = speech::Speed::Normal;
    // "I need more time" doubles the wait before "Are you still there?" for the rest of the
    // visit, each time it is chosen (up to KioskApp::kMaxTimeFactor).
    int time_factor = 1;
    // How the answers are captured (PROTOCOL.md `mode`): an officer makes a visit `assisted`
    // or a partner's submission `partner` (with `participant`) right after starting it.
    CaptureMode mode = CaptureMode::Kiosk;
    nlohmann::json participant;  // null, or {"kind", "organisation", "name"} for a partner
    // The receipt's reference of the response just stored (is_reference), shown on its
    // thank-you only; "" before the submit. It goes with the visit's wipe like the rest.
    std::string reference;
    // The one-tap pulse just stored (its response id and face), for "Tell us more?" on its
    // thank-you; and, in the full visit that follows, the id of the pulse response it
    // continues (Response::continues). Both go with the visit's wipe.
    std::string pulse_id;
    int pulse_face = 0;
    std::string continues;
};

class VisitKeeper {
  public:
    Visit& visit() { return visit_; }
    const Visit& visit() const { return visit_; }

    // Begins a visit in `language` at the first question, keeping the read-aloud choices made
    // on the attract screen.
    void start(const std::string& language, const std::string& started_at);
    // Forgets the visit: answers (their text overwritten first), widgets, consent, and the
    // language back to `default_language`.
    void wipe(const std::string& default_language);
    // The widget for a question, made on first use and kept for Back and Next.
    widgets::QuestionWidget* widget_for(const Question& question);

  private:
    Visit visit_;
};

// Overwrites every string in `value` before it is freed, so a wiped answer does not linger in
// freed heap memory either.
void scrub(nlohmann::json& value);

}  // namespace fv
