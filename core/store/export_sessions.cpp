// Meeting sessions in CSV and JSON (the layout is described in export_sessions.hpp).
#include "core/store/export_sessions.hpp"

#include <algorithm>
#include <set>
#include <utility>

#include "core/store/export.hpp"

namespace fv {
namespace {

std::string answer_key(const nlohmann::json& v) {
    return v.is_string() ? v.get<std::string>() : v.dump();
}

std::string_view state_name(SessionSyncState s) {
    switch (s) {
        case SessionSyncState::Queued:
            return "queued";
        case SessionSyncState::Synced:
            return "synced";
        case SessionSyncState::Quarantined:
            return "quarantined";
    }
    return "unknown";
}

}  // namespace

std::map<std::string, std::map<std::string, int>> pass_round_counts(
    const std::vector<StoredResponse>& responses) {
    std::map<std::string, std::map<std::string, int>> out;
    for (const StoredResponse& r : responses) {
        for (const auto& [question, value] : r.response.answers.items()) {
            if (value.is_array()) {
                for (const auto& item : value) ++out[question][answer_key(item)];
            } else if (!value.is_object()) {
                ++out[question][answer_key(value)];
            }
        }
    }
    return out;
}

std::vector<std::string> poll_option_keys(const Question& q) {
    std::vector<std::string> out;
    switch (q.type) {
        case QuestionType::SingleChoice:
        case QuestionType::MultiChoice:
            for (const Option& o : q.options) out.push_back(o.id);
            break;
        case QuestionType::Smiley:
            for (int level = 1; level <= 5; ++level) out.push_back(std::to_string(level));
            break;
        case QuestionType::Scale:
            for (int v = q.scale_min; v <= q.scale_max; ++v) out.push_back(std::to_string(v));
            break;
        default:
            break;
    }
    return out;
}

std::vector<PollCount> poll_counts(const SessionExport& session) {
    using Counts = std::map<std::string, std::map<std::string, int>>;  // question -> value -> n
    Counts hands;
    for (const TallyCount& t : session.record.tallies) hands[t.question_id][t.option] = t.count;
    const Counts passed = pass_round_counts(session.responses);
    const std::pair<const char*, const Counts*> modes[] = {{"hands", &hands},
                                                           {"pass_round", &passed}};

    // A question is a poll of the session once a hand was counted (even back to 0) or an
    // answer passed round for it.
    std::vector<std::string> polls;
    std::set<std::string> unknown;  // polled, but not in the definition (or no definition)
    for (const auto& [mode, counts] : modes) {
        for (const auto& [question, values] : *counts) unknown.insert(question);
    }
    if (session.consultation) {
        for (const Question& q : session.consultation->questions) {
            if (unknown.erase(q.id) > 0) polls.push_back(q.id);
        }
    }
    polls.insert(polls.end(), unknown.begin(), unknown.end());

    std::vector<PollCount> out;
    const std::map<std::string, int> none;
    for (const std::string& question : polls) {
        const Question* q = session.consultation ? session.consultation->find(question) : nullptr;
        const std::vector<std::string> offered =
            q ? poll_option_keys(*q) : std::vector<std::string>{};
        for (const auto& [mode, counts] : modes) {
            const auto found = counts->find(question);
            const auto& counted = found == counts->end() ? none : found->second;
            for (const std::string& option : offered) {
                const auto n = counted.find(option);
                out.push_back({question, mode, option, n == counted.end() ? 0 : n->second});
            }
            for (const auto& [option, n] : counted) {
                if (std::find(offered.begin(), offered.end(), option) == offered.end()) {
                    out.push_back({question, mode, option, n});
                }
            }
        }
    }
    return out;
}

std::map<std::string, int> theme_counts(const SessionRecord& record) {
    std::map<std::string, int> out;
    for (const SessionNote& n : record.notes) {
        for (const std::string& t : n.themes) ++out[t];
    }
    return out;
}

void write_sessions_csv(std::ostream& out, const std::vector<SessionExport>& sessions) {
    const std::vector<std::string> header = {"session_id",
                                             "title",
                                             "place",
                                             "division",
                                             "facilitator",
                                             "consultation_id",
                                             "consultation_version",
                                             "started_at",
                                             "ended_at",
                                             "state",
                                             "section",
                                             "key",
                                             "count",
                                             "mode",
                                             "text",
                                             "themes",
                                             "said_by",
                                             "organisation",
                                             "created_at",
                                             "edited_at"};
    // The cells after the session's own; each section fills the ones it has.
    struct Item {
        std::string section = {}, key = {}, count = {}, mode = {}, text = {}, themes = {},
                    said_by = {}, organisation = {}, created_at = {}, edited_at = {};
    };
    auto row = [&out](const std::vector<std::string>& cells) {
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (i > 0) out << ',';
            out << csv_escape(cells[i]);
        }
        out << "\r\n";
    };
    out << "\xEF\xBB\xBF";
    row(header);
    for (const SessionExport& e : sessions) {
        const MeetingSession& s = e.record.session;
        const std::vector<std::string> lead = {s.id,
                                               s.title,
                                               s.place,
                                               s.division,
                                               s.facilitator,
                                               s.consultation_id,
                                               std::to_string(s.consultation_version),
                                               s.started_at,
                                               s.ended_at.value_or(""),
                                               std::string(state_name(s.state))};
        auto item = [&](const Item& i) {
            std::vector<std::string> cells = lead;
            for (const std::string* c :
                 {&i.section, &i.key, &i.count, &i.mode, &i.text, &i.themes, &i.said_by,
                  &i.organisation, &i.created_at, &i.edited_at}) {
                cells.push_back(*c);
            }
            row(cells);
        };
        auto count = [&](const std::string& key, const std::string& n) {
            item({.section = "counts", .key = key, .count = n});
        };
        count("notes", std::to_string(e.record.notes.size()));
        count("pass_round_answers", std::to_string(e.responses.size()));
        count("ideas", std::to_string(e.record.ideas.size()));
        count("dot_voters", std::to_string(e.record.dot_voters));
        for (const auto& [theme, n] : theme_counts(e.record)) {
            item({.section = "theme", .key = theme, .count = std::to_string(n)});
        }
        for (const PollCount& p : poll_counts(e)) {
            item({.section = "poll",
                  .key = p.question_id + ":" + p.option,
                  .count = std::to_string(p.count),
                  .mode = p.mode});
        }
        const auto ideas = ranked(e.record.ideas);
        for (std::size_t i = 0; i < ideas.size(); ++i) {
            item({.section = "idea",
                  .key = std::to_string(i + 1),
                  .count = std::to_string(ideas[i].dots),
                  .text = ideas[i].text,
                  .created_at = ideas[i].created_at});
        }
        for (const SessionNote& n : e.record.notes) {
            std::string themes;
            for (const auto& t : n.themes) themes += (themes.empty() ? "" : ";") + t;
            item({.section = "note",
                  .key = n.id,
                  .text = n.text,
                  .themes = themes,
                  .said_by = std::string(speaker_kind_name(n.speaker.kind)),
                  .organisation = n.speaker.organisation,
                  .created_at = n.created_at,
                  .edited_at = n.edited_at.value_or("")});
        }
    }
}

void write_sessions_json(std::ostream& out, const std::vector<SessionExport>& sessions) {
    out << "[\n";
    for (std::size_t i = 0; i < sessions.size(); ++i) {
        const SessionExport& e = sessions[i];
        nlohmann::json j = e.record.to_json();
        j["state"] = state_name(e.record.session.state);
        nlohmann::json hands = nlohmann::json::object(), passed = nlohmann::json::object();
        for (const PollCount& p : poll_counts(e)) {
            (p.mode == "hands" ? hands : passed)[p.question_id][p.option] = p.count;
        }
        nlohmann::json ranking = nlohmann::json::array();
        for (const Idea& idea : ranked(e.record.ideas)) {
            ranking.push_back({{"id", idea.id}, {"text", idea.text}, {"dots", idea.dots}});
        }
        j["results"] = {{"responses", e.responses.size()},
                        {"themes", theme_counts(e.record)},
                        {"hands", std::move(hands)},
                        {"pass_round", std::move(passed)},
                        {"ranking", std::move(ranking)}};
        out << j.dump() << (i + 1 < sessions.size() ? ",\n" : "\n");
    }
    out << "]\n";
}

}  // namespace fv
