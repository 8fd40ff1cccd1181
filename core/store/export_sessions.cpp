// Meeting sessions in CSV and JSON (the layout is described in export_sessions.hpp).
#include "core/store/export_sessions.hpp"

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
                                             "text",
                                             "themes",
                                             "said_by",
                                             "organisation",
                                             "at"};
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
        auto item = [&](const std::string& section, const std::string& key,
                        const std::string& count, const std::string& text = {},
                        const std::string& themes = {}, const std::string& said_by = {},
                        const std::string& organisation = {}, const std::string& at = {}) {
            std::vector<std::string> cells = lead;
            for (const auto& c : {section, key, count, text, themes, said_by, organisation, at}) {
                cells.push_back(c);
            }
            row(cells);
        };
        item("counts", "notes", std::to_string(e.record.notes.size()));
        item("counts", "pass_round_answers", std::to_string(e.responses.size()));
        item("counts", "ideas", std::to_string(e.record.ideas.size()));
        item("counts", "dot_voters", std::to_string(e.record.dot_voters));
        for (const auto& [theme, n] : theme_counts(e.record)) {
            item("theme", theme, std::to_string(n));
        }
        for (const TallyCount& t : e.record.tallies) {
            item("poll", t.question_id + ":" + t.option, std::to_string(t.count), "hands");
        }
        for (const auto& [question, counts] : pass_round_counts(e.responses)) {
            for (const auto& [answer, n] : counts) {
                item("poll", question + ":" + answer, std::to_string(n), "pass_round");
            }
        }
        const auto ideas = ranked(e.record.ideas);
        for (std::size_t i = 0; i < ideas.size(); ++i) {
            item("idea", std::to_string(i + 1), std::to_string(ideas[i].dots), ideas[i].text);
        }
        for (const SessionNote& n : e.record.notes) {
            std::string themes;
            for (const auto& t : n.themes) themes += (themes.empty() ? "" : ";") + t;
            item("note", n.id, "", n.text, themes, std::string(speaker_kind_name(n.speaker.kind)),
                 n.speaker.organisation, n.edited_at.value_or(n.created_at));
        }
    }
}

void write_sessions_json(std::ostream& out, const std::vector<SessionExport>& sessions) {
    out << "[\n";
    for (std::size_t i = 0; i < sessions.size(); ++i) {
        const SessionExport& e = sessions[i];
        nlohmann::json j = e.record.to_json();
        j["state"] = state_name(e.record.session.state);
        nlohmann::json hands = nlohmann::json::object();
        for (const TallyCount& t : e.record.tallies) hands[t.question_id][t.option] = t.count;
        nlohmann::json ranking = nlohmann::json::array();
        for (const Idea& idea : ranked(e.record.ideas)) {
            ranking.push_back({{"id", idea.id}, {"text", idea.text}, {"dots", idea.dots}});
        }
        j["results"] = {{"responses", e.responses.size()},
                        {"themes", theme_counts(e.record)},
                        {"hands", std::move(hands)},
                        {"pass_round", pass_round_counts(e.responses)},
                        {"ranking", std::move(ranking)}};
        out << j.dump() << (i + 1 < sessions.size() ? ",\n" : "\n");
    }
    out << "]\n";
}

}  // namespace fv
