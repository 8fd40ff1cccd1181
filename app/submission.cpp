// Building the stored response from a visit.
#include "app/submission.hpp"

#include <stdexcept>

#include "app/question_order.hpp"
#include "core/model/answers.hpp"
#include "core/util/ids.hpp"

namespace fv {

Response build_response(const Consultation& consultation, const Visit& visit,
                        std::chrono::system_clock::time_point submitted_at, bool rapid_repeat) {
    Response r;
    r.id = new_uuid();
    r.consultation_id = consultation.id;
    r.consultation_version = consultation.version;
    r.mode = visit.mode;
    r.participant = visit.participant;
    r.language = visit.language;
    r.started_at = visit.started_at;
    r.submitted_at = format_rfc3339(submitted_at);
    r.answers = shown_answers(consultation, visit.answers, audience_of(visit.mode));
    r.sealed = seal_personal_answers(consultation, r.answers);
    r.consent = visit.consent;
    if (rapid_repeat) r.flags.push_back("rapid_repeat");
    // The receipt the thank-you shows: what a resident quotes to have these answers erased.
    r.reference = new_reference();
    if (!visit.continues.empty()) r.continues = visit.continues;
    return r;
}

Response build_pulse_response(const Consultation& consultation, int face,
                              const std::string& language,
                              std::chrono::system_clock::time_point submitted_at,
                              bool rapid_repeat) {
    const Question* pulse = consultation.pulse_question();
    if (pulse == nullptr) throw std::runtime_error("the consultation has no pulse question");
    Response r;
    r.id = new_uuid();
    r.consultation_id = consultation.id;
    r.consultation_version = consultation.version;
    r.mode = CaptureMode::Pulse;
    r.language = language;
    r.submitted_at = format_rfc3339(submitted_at);
    r.started_at = r.submitted_at;  // one tap: it starts as it ends
    r.answers = nlohmann::json::object({{pulse->id, face}});
    if (rapid_repeat) r.flags.push_back("rapid_repeat");
    return r;
}

}  // namespace fv
