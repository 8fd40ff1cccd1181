// Stores responses on a device as the kiosk does (Store::submit, personal answers sealed), so a
// test can then run the real `fieldvoice sync`. Every shown question gets a valid answer drawn
// from a seeded generator, so the same seed stores the same answers.
//
//   fill_device DATA_DIR CONSULTATION.json COUNT [SEED] [--mode kiosk|assisted|partner]
//               [--organisation ORG]
//               [--meeting TITLE [--note TEXT]... [--partner-note ORGANISATION=TEXT]...]
//
// --meeting first runs a meeting session on the device (notes: those given, or one from a
// resident and one for a partner; a poll; dot-voted ideas), names it in the COUNT responses
// (mode meeting), and ends it, as the kiosk's meeting screen does, so that `fieldvoice sync`
// uploads it. --mode partner submits for ORG.
// Prints the number stored on its last line.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/model/answers.hpp"
#include "core/model/consultation.hpp"
#include "core/store/store.hpp"
#include "core/util/ids.hpp"

namespace {

using nlohmann::json;

// Words free-text answers are made of, so a search finds some of them and not others.
const char* const kWords[] = {"opening", "hours", "evening", "children", "parking", "bus",
                              "computers", "quiet", "study", "space", "books", "staff",
                              "friendly", "Saturday", "closed", "café", "toilets", "ramp"};

class AnswerMaker {
  public:
    explicit AnswerMaker(unsigned seed) : rng_(seed) {}

    // A value `question` accepts, or null to leave it unanswered (optional questions only).
    json answer(const fv::Question& q) {
        if (!q.required && chance(0.15)) return nullptr;
        switch (q.type) {
            case fv::QuestionType::SingleChoice:
                if (q.other && chance(0.1)) return "other:" + words(3);
                return pick(q.options).id;
            case fv::QuestionType::MultiChoice: {
                json chosen = json::array();
                const std::size_t most =
                    q.max_choices ? static_cast<std::size_t>(*q.max_choices) : q.options.size();
                for (const auto& o : q.options) {
                    if (o.id == "prefer-not-to-say") continue;
                    if (chosen.size() < most && chance(0.35)) chosen.push_back(o.id);
                }
                if (chosen.empty()) chosen.push_back(pick(q.options).id);
                return chosen;
            }
            case fv::QuestionType::Ranking: {
                std::vector<std::string> ids;
                for (const auto& o : q.options) ids.push_back(o.id);
                std::shuffle(ids.begin(), ids.end(), rng_);
                ids.resize(static_cast<std::size_t>(q.top));
                return ids;
            }
            case fv::QuestionType::Smiley:
                return between(1, 5);
            case fv::QuestionType::Scale:
                return between(q.scale_min, q.scale_max);
            case fv::QuestionType::Text:
                return words(4 + between(0, 8));
            case fv::QuestionType::Number: {
                const int lo = q.number_min ? static_cast<int>(*q.number_min) : 0;
                const int hi = q.number_max ? static_cast<int>(*q.number_max) : 100;
                return between(lo, hi);
            }
            case fv::QuestionType::Postcode:
                return q.precision == fv::PostcodePrecision::District
                           ? "OX" + std::to_string(between(1, 9))
                           : "OX" + std::to_string(between(1, 9)) + " " +
                                 std::to_string(between(1, 9)) + "AA";
            case fv::QuestionType::Statements: {
                json verdicts = json::object();
                const char* const kinds[] = {"agree", "disagree", "pass"};
                for (const auto& s : q.statements) verdicts[s.id] = kinds[between(0, 2)];
                return verdicts;
            }
            case fv::QuestionType::Email:
                return "resident" + std::to_string(between(1, 9999)) + "@example.org";
            case fv::QuestionType::Phone:
                return "01865 " + std::to_string(between(100000, 999999));
            case fv::QuestionType::Info:
                return nullptr;
        }
        return nullptr;
    }

    bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
    int between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
    template <class T>
    const T& pick(const std::vector<T>& items) {
        return items[static_cast<std::size_t>(between(0, static_cast<int>(items.size()) - 1))];
    }

  private:
    std::string words(int n) {
        std::string out;
        for (int i = 0; i < n; ++i) {
            if (i) out += ' ';
            out += kWords[between(0, static_cast<int>(std::size(kWords)) - 1)];
        }
        return out;
    }

    std::mt19937 rng_;
};

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
        store.add_note(id, {"More evening opening for people who work", {},
                            fv::Speaker::resident()});
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
                     "[--note TEXT]... [--partner-note ORGANISATION=TEXT]...]\n");
        return 2;
    }
    try {
        const long count = std::strtol(argv[3], nullptr, 10);
        unsigned seed = 1;
        fv::CaptureMode mode = fv::CaptureMode::Kiosk;
        std::string organisation, meeting;
        std::vector<fv::NoteDraft> notes;
        for (int i = 4; i < argc; ++i) {
            const std::string arg = argv[i];
            if (arg == "--mode" && i + 1 < argc) {
                mode = mode_from(argv[++i]);
            } else if (arg == "--organisation" && i + 1 < argc) {
                organisation = argv[++i];
            } else if (arg == "--meeting" && i + 1 < argc) {
                meeting = argv[++i];
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
        AnswerMaker maker(seed);
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
                r.participant = {{"kind", "partner"},
                                 {"organisation", organisation.empty() ? "A partner" : organisation}};
            }
            for (const auto& q : c.questions) {
                if (!fv::is_shown(q, r.answers)) continue;
                json value = maker.answer(q);
                if (!value.is_null()) r.answers[q.id] = std::move(value);
            }
            r.consent.privacy_notice = true;
            r.consent.quote_publicly = maker.chance(0.5);
            r.sealed = fv::seal_personal_answers(c, r.answers);
            const auto problems = fv::check_answers(c, r.answers, true);
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
