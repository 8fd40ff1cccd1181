// Stores responses on a device as the kiosk does (Store::submit, personal answers sealed), so a
// test can then run the real `fieldvoice sync`. Every shown question gets a valid answer drawn
// from a seeded generator, so the same seed stores the same answers.
//
//   fill_device DATA_DIR CONSULTATION.json COUNT [SEED] [--mode kiosk|assisted|partner]
//               [--organisation ORG]
//               [--meeting TITLE [--note TEXT]... [--partner-note ORGANISATION=TEXT]...]
//               [--text TEXT] [--reference REF]
//
// --meeting first runs a meeting session on the device (notes: those given, or one from a
// resident and one for a partner; a poll; dot-voted ideas), names it in the COUNT responses
// (mode meeting), and ends it, as the kiosk's meeting screen does, so that `fieldvoice sync`
// uploads it. --mode partner submits for ORG. --text makes every free-text answer the generator
// gives TEXT (a test then knows what only an answer can show); --reference gives the first
// response that receipt's reference.
// Prints the number stored on its last line.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "answer_maker.hpp"
#include "core/model/answers.hpp"
#include "core/model/consultation.hpp"
#include "core/store/store.hpp"
#include "core/util/ids.hpp"

namespace {

fv::CaptureMode mode_from(const std::string& name) {
    if (auto mode = fv::capture_mode_from_string(name)) return *mode;
    throw std::runtime_error("--mode must be kiosk, assisted, meeting or partner, not " + name);
}

// A community meeting run on the device as a facilitator would: notes from a resident and from
// a partner organisation, a show of hands on the first single-choice question, ideas with dots
// from three voters. Returns the session's id; main ends it after the pass-round answers, so
// that `fieldvoice sync` sends it.
std::string run_meeting(fv::Store& store, const fv::Consultation& c, const std::string& title,
                        const std::vector<fv::NoteDraft>& notes) {
    fv::SessionDraft draft{title, "Community centre", "", "Cllr Test", c.id, c.version};
    const std::string id = store.start_session(draft);
    for (const auto& note : notes) store.add_note(id, note);
    if (notes.empty()) {
        store.add_note(id,
                       {"More evening opening for people who work", {}, fv::Speaker::resident()});
        store.add_note(id, {"Our clients need help to get online",
                            c.themes.empty() ? std::vector<std::string>{}
                                             : std::vector<std::string>{c.themes.front()},
                            fv::Speaker::partner("Citizens Advice")});
    }
    for (const auto& q : c.questions) {
        if (q.type != fv::QuestionType::SingleChoice || q.options.size() < 2) continue;
        for (int i = 0; i < 7; ++i) store.change_tally(id, q.id, q.options[0].id, +1);
        for (int i = 0; i < 3; ++i) store.change_tally(id, q.id, q.options[1].id, +1);
        break;
    }
    const std::string homework = store.add_idea(id, "A homework club");
    const std::string sunday = store.add_idea(id, "Sunday opening");
    for (int voter = 1; voter <= 3; ++voter) {
        store.add_dot(id, sunday, voter);
        store.add_dot(id, voter == 3 ? homework : sunday, voter);
    }
    return id;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr,
                     "usage: fill_device DATA_DIR CONSULTATION.json COUNT [SEED] "
                     "[--mode kiosk|assisted|partner] [--organisation ORG] [--meeting TITLE "
                     "[--note TEXT]... [--partner-note ORGANISATION=TEXT]...] [--text TEXT] "
                     "[--reference REF]\n");
        return 2;
    }
    try {
        const long count = std::strtol(argv[3], nullptr, 10);
        unsigned seed = 1;
        fv::CaptureMode mode = fv::CaptureMode::Kiosk;
        std::string organisation, meeting, text;
        std::optional<std::string> reference;
        std::vector<fv::NoteDraft> notes;
        for (int i = 4; i < argc; ++i) {
            const std::string arg = argv[i];
            if (arg == "--mode" && i + 1 < argc) {
                mode = mode_from(argv[++i]);
            } else if (arg == "--organisation" && i + 1 < argc) {
                organisation = argv[++i];
            } else if (arg == "--meeting" && i + 1 < argc) {
                meeting = argv[++i];
            } else if (arg == "--text" && i + 1 < argc) {
                text = argv[++i];
            } else if (arg == "--reference" && i + 1 < argc) {
                reference = argv[++i];
            } else if (arg == "--note" && i + 1 < argc) {
                notes.push_back({argv[++i], {}, fv::Speaker::resident()});
            } else if (arg == "--partner-note" && i + 1 < argc) {
                const std::string given = argv[++i];
                const auto eq = given.find('=');
                if (eq == std::string::npos) throw std::runtime_error("--partner-note ORG=TEXT");
                notes.push_back(
                    {given.substr(eq + 1), {}, fv::Speaker::partner(given.substr(0, eq))});
            } else {
                seed = static_cast<unsigned>(std::strtoul(argv[i], nullptr, 10));
            }
        }
        const fv::ParseResult parsed = fv::load_consultation_file(argv[2]);
        if (!parsed.ok()) {
            std::fprintf(stderr, "fill_device: %s\n", parsed.problems.front().to_line().c_str());
            return 1;
        }
        const fv::Consultation& c = *parsed.consultation;
        auto store = fv::Store::open(fv::database_path(argv[1]));
        store->save_consultation(c);
        fv::test::AnswerMaker maker(seed);
        std::optional<std::string> session;
        if (!meeting.empty()) {
            session = run_meeting(*store, c, meeting, notes);
            mode = fv::CaptureMode::Meeting;
        }
        for (long i = 0; i < count; ++i) {
            fv::Response r;
            r.id = fv::new_uuid();
            r.consultation_id = c.id;
            r.consultation_version = c.version;
            r.mode = mode;
            r.language = maker.pick(c.languages);
            r.started_at = fv::now_rfc3339();
            r.submitted_at = r.started_at;
            r.session_id = session;
            if (mode == fv::CaptureMode::Partner) {
                r.participant = {
                    {"kind", "partner"},
                    {"organisation", organisation.empty() ? "A partner" : organisation}};
            }
            r.answers = maker.answers(c, r.audience());
            if (!text.empty()) {
                for (const auto& q : c.questions) {
                    if (q.type == fv::QuestionType::Text && r.answers.contains(q.id)) {
                        r.answers[q.id] = text;
                    }
                }
            }
            if (i == 0) r.reference = reference;
            r.consent.privacy_notice = true;
            r.consent.quote_publicly = maker.chance(0.5);
            r.sealed = fv::seal_personal_answers(c, r.answers);
            const auto problems = fv::check_answers(c, r.answers, true, r.audience());
            if (!problems.empty()) {
                std::fprintf(stderr, "fill_device: made a bad answer: %s\n",
                             problems.front().to_line().c_str());
                return 1;
            }
            store->submit(r);
        }
        if (session) store->end_session(*session);
        std::printf("%ld\n", count);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "fill_device: %s\n", e.what());
        return 1;
    }
    return 0;
}
