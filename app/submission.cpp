// Building the stored response from a visit.
#include "app/submission.hpp"

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
    return r;
}

}  // namespace fv
