// Console pages of meetings and partners: the list of meeting sessions, one session with its
// notes, show-of-hands polls and idea ranking, and partner feedback by organisation.
#include <algorithm>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "core/model/answers.hpp"
#include "core/store/session.hpp"
#include "sync/central/console_filter.hpp"

namespace fv::central {

namespace {

using nlohmann::json;

std::string text_of(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// "2026-11-23 18:05" from an RFC 3339 time.
std::string minute(const std::string& when) {
    if (when.size() < 16) return when;
    std::string out = when.substr(0, 16);
    out[10] = ' ';
    return out;
}

std::string said_by(const json& note) {
    auto by = note.find("said_by");
    if (by == note.end() || !by->is_object()) return "A resident";
    if (text_of(*by, "kind") == "partner") {
        const std::string org = text_of(*by, "organisation");
        return org.empty() ? "A partner" : "For " + org;
    }
    return "A resident";
}

// The consultation a session or response belongs to, at its version (or the newest one).
std::shared_ptr<const Consultation> definition_for(const ConsoleParts& parts, const std::string& id,
                                                   int version) {
    if (auto c = parts.db.consultation(id, version)) return c;
    auto versions = parts.db.versions(id);
    if (versions.empty()) return nullptr;
    return std::make_shared<const Consultation>(std::move(versions.back()));
}

}  // namespace

void sessions_page(const ConsoleParts& parts, Visit& v) {
    mustache::data list = mustache::data::type::list;
    const auto rows = parts.console.sessions();
    for (const auto& row : rows) {
        const json body = json::parse(row.body, nullptr, false);
        if (!body.is_object()) continue;
        mustache::data item;
        item.set("id", row.id);
        item.set("link", parts.link("/sessions/" + row.id));
        item.set("title", text_of(body, "title"));
        item.set("consultation", text_of(body, "consultation_id"));
        item.set("place", text_of(body, "place"));
        const std::string division = text_of(body, "division");
        item.set("division", division.empty() ? row.division : division);
        item.set("facilitator", text_of(body, "facilitator"));
        item.set("date", minute(text_of(body, "started_at")));
        auto count = [&](const char* key) {
            auto it = body.find(key);
            return it != body.end() && it->is_array() ? it->size() : std::size_t{0};
        };
        item.set("notes", std::to_string(count("notes")));
        item.set("ideas", std::to_string(count("ideas")));
        item.set("responses", grouped(row.responses));
        list.push_back(item);
    }
    mustache::data data;
    data.set("sessions", list);
    data.set("none", rows.empty());
    data.set("count", std::to_string(rows.size()) + (rows.size() == 1 ? " session" : " sessions"));
    parts.page(v.res, 200, "Meetings", "sessions", data, &v.session, "sessions");
}

void session_page(const ConsoleParts& parts, Visit& v, const std::string& id) {
    const auto row = parts.console.session_by_id(id);
    const json body = row ? json::parse(row->body, nullptr, false) : json();
    if (!row || !body.is_object()) {
        parts.message(v.res, 404, "Page not found",
                      "No meeting session \"" + id + "\" has reached this store.", &v.session,
                      "/sessions", "Go to the meetings");
        return;
    }
    const std::string consultation_id = text_of(body, "consultation_id");
    const int version = body.value("consultation_version", 0);
    const auto definition = definition_for(parts, consultation_id, version);
    const std::string lang = definition ? definition->default_language() : "en";

    mustache::data data;
    data.set("title", text_of(body, "title"));
    data.set("consultation", definition ? title_of(*definition) : consultation_id);
    data.set("place", text_of(body, "place"));
    const std::string division = text_of(body, "division");
    data.set("division", division.empty() ? row->division : division);
    data.set("facilitator", text_of(body, "facilitator"));
    data.set("started", minute(text_of(body, "started_at")));
    data.set("ended", minute(text_of(body, "ended_at")));
    data.set("responses", grouped(row->responses));
    data.set("back", parts.link("/sessions"));

    mustache::data notes = mustache::data::type::list;
    if (auto list = body.find("notes"); list != body.end() && list->is_array()) {
        for (const auto& n : *list) {
            mustache::data note;
            note.set("text", text_of(n, "text"));
            note.set("said_by", said_by(n));
            note.set("time", minute(text_of(n, "created_at")));
            note.set("edited", !text_of(n, "edited_at").empty());
            mustache::data themes = mustache::data::type::list;
            if (auto t = n.find("themes"); t != n.end() && t->is_array()) {
                for (const auto& theme : *t) {
                    if (theme.is_string())
                        themes.push_back(mustache::data(theme.get<std::string>()));
                }
            }
            note.set("themes", themes);
            notes.push_back(note);
        }
    }
    data.set("has_notes", !notes.is_empty_list());
    data.set("notes", notes);

    // Polls: the tallies by question, in the definition's order of questions and options.
    std::map<std::string, std::map<std::string, std::int64_t>> tallies;
    if (auto list = body.find("tallies"); list != body.end() && list->is_array()) {
        for (const auto& t : *list) {
            tallies[text_of(t, "question_id")][text_of(t, "option")] += t.value("count", 0);
        }
    }
    mustache::data polls = mustache::data::type::list;
    auto add_poll = [&](const std::string& qid, const Question* q) {
        auto& counts = tallies[qid];
        std::vector<std::pair<std::string, std::string>> rows;  // key, label
        if (q) {
            for (const auto& o : q->options) rows.emplace_back(o.id, o.label.in(lang, lang));
        }
        for (const auto& [key, n] : counts) {
            if (std::none_of(rows.begin(), rows.end(),
                             [&](const auto& r) { return r.first == key; })) {
                rows.emplace_back(key, key);
            }
        }
        std::int64_t total = 0;
        for (const auto& [key, n] : counts) total += n;
        mustache::data poll;
        poll.set("id", qid);
        poll.set("prompt", q ? q->prompt.in(lang, lang) : qid);
        mustache::data list = mustache::data::type::list;
        for (const auto& [key, label] : rows) {
            mustache::data r;
            r.set("id", qid);
            r.set("key", key);
            r.set("label", label);
            r.set("count", grouped(counts[key]));
            r.set("share", percent(counts[key], total));
            list.push_back(r);
        }
        poll.set("rows", list);
        polls.push_back(poll);
    };
    if (definition) {
        for (const auto& q : definition->questions) {
            if (tallies.count(q.id)) add_poll(q.id, &q);
        }
    }
    for (const auto& [qid, counts] : tallies) {
        const bool known =
            definition && std::any_of(definition->questions.begin(), definition->questions.end(),
                                      [&](const Question& q) { return q.id == qid; });
        if (!known) add_poll(qid, nullptr);
    }
    data.set("polls", polls);

    std::vector<Idea> ideas;
    if (auto list = body.find("ideas"); list != body.end() && list->is_array()) {
        for (const auto& i : *list) {
            Idea idea;
            idea.text = text_of(i, "text");
            idea.dots = i.value("dots", 0);
            ideas.push_back(std::move(idea));
        }
    }
    mustache::data ranking = mustache::data::type::list;
    int rank = 0;
    for (const auto& idea : ranked(std::move(ideas))) {
        mustache::data item;
        item.set("rank", std::to_string(++rank));
        item.set("text", idea.text);
        item.set("dots", std::to_string(idea.dots));
        ranking.push_back(item);
    }
    data.set("has_ideas", !ranking.is_empty_list());
    data.set("ideas", ranking);
    const int voters = body.value("dot_voters", 0);
    data.set("dot_voters", std::to_string(voters) + (voters == 1 ? " person" : " people"));
    parts.page(v.res, 200, text_of(body, "title") + " (meeting)", "session", data, &v.session,
               "sessions");
}

void partners_page(const ConsoleParts& parts, Visit& v) {
    struct Organisation {
        mustache::data submissions = mustache::data::type::list;
        mustache::data notes = mustache::data::type::list;
        int submission_count = 0, note_count = 0;
    };
    std::map<std::string, Organisation> orgs;
    std::map<std::pair<std::string, int>, std::shared_ptr<const Consultation>> definitions;
    auto definition = [&](const std::string& id,
                          int version) -> const std::shared_ptr<const Consultation>& {
        auto key = std::make_pair(id, version);
        auto it = definitions.find(key);
        if (it == definitions.end())
            it = definitions.emplace(key, definition_for(parts, id, version)).first;
        return it->second;
    };
    parts.console.for_each_partner_response([&](const StoredRow& row, const std::string& division) {
        const json body = json::parse(row.body, nullptr, false);
        if (!body.is_object()) return;
        std::string org;
        if (auto p = body.find("participant"); p != body.end() && p->is_object()) {
            org = text_of(*p, "organisation");
        }
        if (org.empty()) org = "(organisation not given)";
        const auto& c =
            definition(text_of(body, "consultation_id"), body.value("consultation_version", 0));
        const std::string lang = c ? c->default_language() : "en";
        mustache::data submission;
        submission.set("consultation", c ? title_of(*c) : text_of(body, "consultation_id"));
        submission.set("date", minute(text_of(body, "submitted_at")));
        submission.set("division", division);
        mustache::data answers = mustache::data::type::list;
        const json& given = body.contains("answers") ? body["answers"] : json::object();
        if (c && given.is_object()) {
            for (const auto& q : c->questions) {
                auto a = given.find(q.id);
                if (q.personal || a == given.end() || a->is_null()) continue;
                mustache::data item;
                item.set("prompt", q.prompt.in(lang, lang));
                item.set("answer", answer_in_words(q, *a, lang));
                answers.push_back(item);
            }
        }
        submission.set("answers", answers);
        auto& o = orgs[org];
        o.submissions.push_back(submission);
        ++o.submission_count;
    });
    for (const auto& row : parts.console.sessions()) {
        const json body = json::parse(row.body, nullptr, false);
        auto list = body.is_object() ? body.find("notes") : body.end();
        if (!body.is_object() || list == body.end() || !list->is_array()) continue;
        for (const auto& n : *list) {
            auto by = n.find("said_by");
            if (by == n.end() || !by->is_object() || text_of(*by, "kind") != "partner") continue;
            std::string org = text_of(*by, "organisation");
            if (org.empty()) org = "(organisation not given)";
            mustache::data note;
            note.set("text", text_of(n, "text"));
            note.set("session", text_of(body, "title"));
            note.set("date", minute(text_of(n, "created_at")).substr(0, 10));
            auto& o = orgs[org];
            o.notes.push_back(note);
            ++o.note_count;
        }
    }
    mustache::data list = mustache::data::type::list;
    int anchor = 0;
    for (auto& [name, o] : orgs) {
        mustache::data item;
        item.set("name", name);
        item.set("anchor", std::to_string(++anchor));
        std::vector<std::string> summary;
        if (o.submission_count) {
            summary.push_back(std::to_string(o.submission_count) +
                              (o.submission_count == 1 ? " submission" : " submissions"));
        }
        if (o.note_count) {
            summary.push_back(std::to_string(o.note_count) +
                              (o.note_count == 1 ? " note from meetings" : " notes from meetings"));
        }
        item.set("summary", join(summary, ", "));
        item.set("submissions", o.submissions);
        item.set("has_notes", o.note_count > 0);
        item.set("notes", o.notes);
        list.push_back(item);
    }
    mustache::data data;
    data.set("none", orgs.empty());
    data.set("organisations", list);
    parts.page(v.res, 200, "Partner feedback", "partners", data, &v.session, "partners");
}

}  // namespace fv::central
