// The console's erase page: an officer types the reference of a resident's receipt, sees which
// consultation the response answered, when and how it was given (not its answers), and erases it
// (console_erase_db.cpp does the erasing). Devices that still hold it delete it at their next
// sync (GET /api/v1/erasures, docs/receipt.md).
//
// The answers are not shown: the reference, the consultation, the time and the place are what a
// resident can confirm ("at Witney library on Tuesday afternoon"), and a request to be deleted is
// not a request to have one's views read by one more person. A resident who wants to see what
// they said asks for a copy through the council's subject access process, which the export gives.
#include <algorithm>
#include <string>

#include "core/util/ids.hpp"
#include "sync/central/console_filter.hpp"
#include "sync/central/console_web.hpp"

namespace fv::central {

namespace {

// "2026-12-07 at 12:40 UTC" from an RFC 3339 time.
std::string when(const std::string& rfc3339) {
    if (rfc3339.size() < 16) return rfc3339;
    return rfc3339.substr(0, 10) + " at " + rfc3339.substr(11, 5) + " UTC";
}

std::string erased_words(const Erasure& e) {
    return "The response with the reference " +
           (e.reference.empty() ? std::string("(none)") : e.reference) + " was erased on " +
           when(e.erased_at) + " by " + e.erased_by +
           ". Nothing of its answers is kept; nothing more needs doing.";
}

std::string consultation_title(const ConsoleParts& parts, const std::string& id) {
    const auto versions = parts.db.versions(id);
    return versions.empty() ? id : title_of(versions.back());
}

struct Shown {
    int status = 200;
    std::string typed, reference, error, done;
    ReferenceMatches matches;
};

void show(const ConsoleParts& parts, Visit& v, const Shown& s) {
    mustache::data data;
    data.set("action", parts.link("/erase"));
    data.set("typed", s.typed);
    if (!s.error.empty()) data.set("error", s.error);
    if (!s.done.empty()) data.set("done", s.done);
    if (!s.reference.empty()) data.set("reference", s.reference);
    mustache::data stored = mustache::data::type::list;
    for (const auto& r : s.matches.stored) {
        mustache::data m;
        m.set("id", r.id);
        m.set("consultation", consultation_title(parts, r.consultation_id));
        m.set("consultation_id", r.consultation_id);
        m.set("version", std::to_string(r.consultation_version));
        m.set("submitted", when(r.submitted_at));
        m.set("stored", when(r.stored_at));
        m.set("mode", r.mode);
        m.set("device", r.device_name.empty() ? std::string("an unknown device") : r.device_name);
        if (!r.division.empty()) m.set("division", r.division);
        m.set("erase_action", parts.link("/erase/" + r.id));
        stored.push_back(m);
    }
    data.set("matches", stored);
    data.set("has_matches", !stored.is_empty_list());
    data.set("several", s.matches.stored.size() > 1);
    mustache::data erased = mustache::data::type::list;
    for (const auto& e : s.matches.erased) {
        mustache::data m;
        m.set("text", erased_words(e));
        erased.push_back(m);
    }
    data.set("erased", erased);
    data.set("has_erased", !erased.is_empty_list());
    parts.page(v.res, s.status,
               (s.error.empty() ? "" : "Error: ") + std::string("Erase a response"), "erase", data,
               &v.session, "erase");
}

}  // namespace

void erase_page(const ConsoleParts& parts, Visit& v) {
    Shown s;
    if (!v.req.has_param("reference")) {
        show(parts, v, s);
        return;
    }
    s.typed = v.req.get_param_value("reference");
    // A browser sends a GET form's spaces as "+", which cpp-httplib leaves as they are (no
    // reference has a "+").
    std::replace(s.typed.begin(), s.typed.end(), '+', ' ');
    if (s.typed.find_first_not_of(" \t-") == std::string::npos) {
        s.status = 400;
        s.error =
            "Type the reference from the resident's receipt: 8 characters, such as K7QF 3XPM.";
        show(parts, v, s);
        return;
    }
    const auto reference = normalise_reference(s.typed);
    if (!reference) {
        s.status = 400;
        s.error = "\"" + s.typed +
                  "\" is not a reference. A reference is 8 characters, each a letter or digit of " +
                  std::string(kReferenceAlphabet) +
                  " (there is no 0, 1, I, L, O, U or V); spaces, hyphens and small letters are "
                  "fine. Nothing was erased.";
        show(parts, v, s);
        return;
    }
    s.reference = *reference;
    s.matches = parts.console.find_by_reference(*reference);
    if (s.matches.stored.empty() && s.matches.erased.empty()) {
        s.status = 404;
        s.error = "No response has the reference " + *reference + " (typed as \"" + s.typed +
                  "\"). Check it with the resident against their receipt; nothing was erased.";
    }
    show(parts, v, s);
}

void erase_response(const ConsoleParts& parts, Visit& v, const std::string& response_id) {
    const Form form = read_form(v.req);
    if (!parts.csrf_ok(v, form)) return;
    Shown s;
    const auto result =
        parts.console.erase_response(response_id, v.session.user.email, v.req.remote_addr);
    switch (result.outcome) {
        case EraseOutcome::NotFound:
            s.status = 404;
            s.error = "There is no response " + response_id +
                      " on this store; nothing was erased. Find the response by its reference.";
            break;
        case EraseOutcome::AlreadyErased:
            s.status = 409;
            s.error = erased_words(result.erasure);
            s.reference = result.erasure.reference;
            break;
        case EraseOutcome::Erased: {
            const Erasure& e = result.erasure;
            s.done = "The response " +
                     (e.reference.empty() ? response_id : "with the reference " + e.reference) +
                     " to " + consultation_title(parts, e.consultation_id) +
                     " was erased: its answers" +
                     (result.texts == 0 ? std::string()
                                        : " and " + std::to_string(result.texts) +
                                              (result.texts == 1 ? " text" : " texts") +
                                              " in the resident's own words") +
                     " are gone from this store" +
                     (result.pulse_erased
                          ? std::string(", with the one-tap pulse answer it went on from (the "
                                        "same person's tap)")
                          : std::string()) +
                     ". A kiosk that still holds it deletes it at its next sync.";
            break;
        }
    }
    show(parts, v, s);
}

}  // namespace fv::central
