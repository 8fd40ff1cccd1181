// Meeting sessions in the local store: each note, count, idea and dot is its own commit (a
// laptop that dies mid-meeting loses at most what was being typed), and an ended session is
// frozen (checked here for a plain message, and by the schema's triggers as a backstop).
#include <algorithm>

#include "core/store/sqlite.hpp"
#include "core/store/store.hpp"
#include "core/util/ids.hpp"

namespace fv {

using Lock = std::lock_guard<std::recursive_mutex>;
using nlohmann::json;

std::string_view speaker_kind_name(Speaker::Kind kind) {
    return kind == Speaker::Kind::Partner ? "partner" : "resident";
}

std::vector<Idea> ranked(std::vector<Idea> ideas) {
    std::stable_sort(ideas.begin(), ideas.end(),
                     [](const Idea& a, const Idea& b) { return a.dots > b.dots; });
    return ideas;
}

json SessionRecord::to_json() const {
    const MeetingSession& s = session;
    json out{{"id", s.id},
             {"title", s.title},
             {"place", s.place},
             {"division", s.division},
             {"facilitator", s.facilitator},
             {"consultation_id", s.consultation_id},
             {"consultation_version", s.consultation_version},
             {"started_at", s.started_at},
             {"ended_at", s.ended_at ? json(*s.ended_at) : json(nullptr)}};
    json list = json::array();
    for (const SessionNote& n : notes) {
        list.push_back({{"id", n.id},
                        {"text", n.text},
                        {"themes", n.themes},
                        {"said_by",
                         {{"kind", speaker_kind_name(n.speaker.kind)},
                          {"organisation", n.speaker.kind == Speaker::Kind::Partner
                                               ? json(n.speaker.organisation)
                                               : json(nullptr)}}},
                        {"created_at", n.created_at},
                        {"edited_at", n.edited_at ? json(*n.edited_at) : json(nullptr)}});
    }
    out["notes"] = std::move(list);
    list = json::array();
    for (const TallyCount& t : tallies) {
        list.push_back({{"question_id", t.question_id}, {"option", t.option}, {"count", t.count}});
    }
    out["tallies"] = std::move(list);
    list = json::array();
    for (const Idea& i : ideas) {
        list.push_back(
            {{"id", i.id}, {"text", i.text}, {"created_at", i.created_at}, {"dots", i.dots}});
    }
    out["ideas"] = std::move(list);
    out["dot_voters"] = dot_voters;
    return out;
}

namespace {

constexpr const char* kSessionColumns =
    "SELECT id, title, place, division, facilitator, consultation_id, consultation_version, "
    "started_at, ended_at, state, quarantine_code, quarantine_message FROM sessions ";

MeetingSession read_session(sql::Statement& st) {
    MeetingSession s;
    s.id = st.text(0);
    s.title = st.text(1);
    s.place = st.text(2);
    s.division = st.text(3);
    s.facilitator = st.text(4);
    s.consultation_id = st.text(5);
    s.consultation_version = static_cast<int>(st.int64(6));
    s.started_at = st.text(7);
    if (!st.is_null(8)) s.ended_at = st.text(8);
    const auto state = st.int64(9);
    s.state = state == 1   ? SessionSyncState::Synced
              : state == 2 ? SessionSyncState::Quarantined
                           : SessionSyncState::Queued;
    s.quarantine_code = st.text(10);
    s.quarantine_message = st.text(11);
    return s;
}

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

// A note's text and speaker must say something; themes are kept once each, in order.
NoteDraft checked_note(const NoteDraft& note, const std::string& what) {
    NoteDraft out = note;
    out.text = trimmed(note.text);
    if (out.text.empty()) throw StoreError("cannot " + what + ": the note is empty");
    out.speaker.organisation = trimmed(note.speaker.organisation);
    if (out.speaker.kind == Speaker::Kind::Partner && out.speaker.organisation.empty()) {
        throw StoreError("cannot " + what +
                         ": it is marked as said by a partner organisation but names none");
    }
    if (out.speaker.kind == Speaker::Kind::Resident) out.speaker.organisation.clear();
    out.themes.clear();
    for (const std::string& theme : note.themes) {
        if (!theme.empty() &&
            std::find(out.themes.begin(), out.themes.end(), theme) == out.themes.end()) {
            out.themes.push_back(theme);
        }
    }
    return out;
}

}  // namespace

// -- sessions ------------------------------------------------------------------------------

std::string Store::start_session(const SessionDraft& draft) {
    Lock lock(mutex_);
    const std::string title = trimmed(draft.title);
    const std::string what = "start the meeting session '" + title + "'";
    if (title.empty()) throw StoreError("cannot start a meeting session without a title");
    if (draft.consultation_id.empty() || draft.consultation_version <= 0) {
        throw StoreError("cannot " + what + ": it names no consultation");
    }
    const std::string id = new_uuid();
    sql::Statement st(db_,
                      "INSERT INTO sessions (id, title, place, division, facilitator, "
                      "consultation_id, consultation_version, started_at) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                      what);
    st.bind(1, id)
        .bind(2, title)
        .bind(3, trimmed(draft.place))
        .bind(4, trimmed(draft.division))
        .bind(5, trimmed(draft.facilitator))
        .bind(6, draft.consultation_id)
        .bind(7, draft.consultation_version)
        .bind(8, now_rfc3339())
        .run();
    return id;
}

std::optional<MeetingSession> Store::session(const std::string& id) {
    Lock lock(mutex_);
    sql::Statement st(db_, std::string(kSessionColumns) + "WHERE id = ?",
                      "read meeting session " + id);
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return read_session(st);
}

std::vector<MeetingSession> Store::sessions() {
    Lock lock(mutex_);
    sql::Statement st(db_, std::string(kSessionColumns) + "ORDER BY rowid DESC",
                      "list the meeting sessions");
    std::vector<MeetingSession> out;
    while (st.step()) out.push_back(read_session(st));
    return out;
}

// The session to change, refused in plain words when it is missing or has ended.
static MeetingSession open_session_or_throw(Store& store, const std::string& id,
                                            const std::string& what) {
    auto s = store.session(id);
    if (!s) throw StoreError("cannot " + what + ": there is no meeting session " + id);
    if (s->ended()) {
        throw StoreError("cannot " + what + ": the meeting session '" + s->title + "' ended at " +
                         *s->ended_at + ", and an ended session cannot be changed");
    }
    return *s;
}

void Store::change_session_details(const std::string& id, const SessionDraft& details) {
    Lock lock(mutex_);
    const std::string title = trimmed(details.title);
    const std::string what = "change the details of meeting session " + id;
    if (title.empty()) throw StoreError("cannot " + what + ": a session needs a title");
    open_session_or_throw(*this, id, what);
    sql::Statement st(db_,
                      "UPDATE sessions SET title = ?, place = ?, division = ?, facilitator = ? "
                      "WHERE id = ?",
                      what);
    st.bind(1, title)
        .bind(2, trimmed(details.place))
        .bind(3, trimmed(details.division))
        .bind(4, trimmed(details.facilitator))
        .bind(5, id)
        .run();
}

void Store::end_session(const std::string& id) {
    Lock lock(mutex_);
    const std::string what = "end meeting session " + id;
    open_session_or_throw(*this, id, what);
    sql::Statement st(db_, "UPDATE sessions SET ended_at = ? WHERE id = ?", what);
    st.bind(1, now_rfc3339()).bind(2, id).run();
}

// -- notes ---------------------------------------------------------------------------------

std::string Store::add_note(const std::string& session_id, const NoteDraft& note) {
    Lock lock(mutex_);
    const std::string what = "save a note in meeting session " + session_id;
    open_session_or_throw(*this, session_id, what);
    const NoteDraft clean = checked_note(note, what);
    const std::string id = new_uuid();
    sql::Statement st(db_,
                      "INSERT INTO session_notes (id, session_id, text, themes, speaker_kind, "
                      "organisation, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                      what);
    st.bind(1, id)
        .bind(2, session_id)
        .bind(3, clean.text)
        .bind(4, json(clean.themes).dump())
        .bind(5, speaker_kind_name(clean.speaker.kind))
        .bind(6, clean.speaker.organisation)
        .bind(7, now_rfc3339())
        .run();
    return id;
}

void Store::edit_note(const std::string& note_id, const NoteDraft& note) {
    Lock lock(mutex_);
    const std::string what = "change note " + note_id;
    std::string session_id;
    {
        sql::Statement find(db_, "SELECT session_id FROM session_notes WHERE id = ?", what);
        find.bind(1, note_id);
        if (!find.step()) throw StoreError("cannot " + what + ": there is no such note");
        session_id = find.text(0);
    }
    open_session_or_throw(*this, session_id, what);
    const NoteDraft clean = checked_note(note, what);
    sql::Statement st(db_,
                      "UPDATE session_notes SET text = ?, themes = ?, speaker_kind = ?, "
                      "organisation = ?, edited_at = ? WHERE id = ?",
                      what);
    st.bind(1, clean.text)
        .bind(2, json(clean.themes).dump())
        .bind(3, speaker_kind_name(clean.speaker.kind))
        .bind(4, clean.speaker.organisation)
        .bind(5, now_rfc3339())
        .bind(6, note_id)
        .run();
}

std::vector<SessionNote> Store::notes(const std::string& session_id) {
    Lock lock(mutex_);
    sql::Statement st(db_,
                      "SELECT id, text, themes, speaker_kind, organisation, created_at, edited_at "
                      "FROM session_notes WHERE session_id = ? ORDER BY seq DESC",
                      "read the notes of meeting session " + session_id);
    st.bind(1, session_id);
    std::vector<SessionNote> out;
    while (st.step()) {
        SessionNote n;
        n.id = st.text(0);
        n.session_id = session_id;
        n.text = st.text(1);
        const json themes = json::parse(st.text(2), nullptr, false);
        if (themes.is_array()) {
            for (const auto& t : themes)
                if (t.is_string()) n.themes.push_back(t.get<std::string>());
        }
        n.speaker.kind = st.text(3) == "partner" ? Speaker::Kind::Partner : Speaker::Kind::Resident;
        n.speaker.organisation = st.text(4);
        n.created_at = st.text(5);
        if (!st.is_null(6)) n.edited_at = st.text(6);
        out.push_back(std::move(n));
    }
    return out;
}

std::vector<std::string> Store::partner_organisations() {
    Lock lock(mutex_);
    sql::Statement st(db_,
                      "SELECT DISTINCT organisation FROM session_notes WHERE speaker_kind = "
                      "'partner' AND organisation <> '' ORDER BY organisation COLLATE NOCASE",
                      "list the partner organisations heard at meetings");
    std::vector<std::string> out;
    while (st.step()) out.push_back(st.text(0));
    return out;
}

// -- tallies -------------------------------------------------------------------------------

int Store::change_tally(const std::string& session_id, const std::string& question_id,
                        const std::string& option, int delta) {
    Lock lock(mutex_);
    const std::string what =
        "count a show of hands for " + question_id + " in meeting session " + session_id;
    open_session_or_throw(*this, session_id, what);
    sql::Statement st(db_,
                      "INSERT INTO session_tallies (session_id, question_id, option, count) "
                      "VALUES (?1, ?2, ?3, max(0, ?4)) ON CONFLICT (session_id, question_id, "
                      "option) DO UPDATE SET count = max(0, count + ?4) RETURNING count",
                      what);
    st.bind(1, session_id).bind(2, question_id).bind(3, option).bind(4, delta);
    st.step();
    const int count = static_cast<int>(st.int64(0));
    while (st.step()) {
    }
    return count;
}

std::vector<TallyCount> Store::tallies(const std::string& session_id) {
    Lock lock(mutex_);
    sql::Statement st(db_,
                      "SELECT question_id, option, count FROM session_tallies "
                      "WHERE session_id = ? ORDER BY question_id, option",
                      "read the counts of meeting session " + session_id);
    st.bind(1, session_id);
    std::vector<TallyCount> out;
    while (st.step()) out.push_back({st.text(0), st.text(1), static_cast<int>(st.int64(2))});
    return out;
}

// -- ideas and dots ------------------------------------------------------------------------

std::string Store::add_idea(const std::string& session_id, const std::string& text) {
    Lock lock(mutex_);
    const std::string what = "save an idea in meeting session " + session_id;
    open_session_or_throw(*this, session_id, what);
    const std::string clean = trimmed(text);
    if (clean.empty()) throw StoreError("cannot " + what + ": the idea is empty");
    const std::string id = new_uuid();
    sql::Statement st(
        db_, "INSERT INTO session_ideas (id, session_id, text, created_at) VALUES (?, ?, ?, ?)",
        what);
    st.bind(1, id).bind(2, session_id).bind(3, clean).bind(4, now_rfc3339()).run();
    return id;
}

std::vector<Idea> Store::ideas(const std::string& session_id) {
    Lock lock(mutex_);
    sql::Statement st(db_,
                      "SELECT i.id, i.text, i.created_at, "
                      "(SELECT count(*) FROM session_dots d WHERE d.idea_id = i.id) "
                      "FROM session_ideas i WHERE i.session_id = ? ORDER BY i.seq",
                      "read the ideas of meeting session " + session_id);
    st.bind(1, session_id);
    std::vector<Idea> out;
    while (st.step()) {
        out.push_back(
            {st.text(0), session_id, st.text(1), st.text(2), static_cast<int>(st.int64(3))});
    }
    return out;
}

void Store::add_dot(const std::string& session_id, const std::string& idea_id, int voter) {
    Lock lock(mutex_);
    const std::string what = "place a dot in meeting session " + session_id;
    open_session_or_throw(*this, session_id, what);
    {
        sql::Statement find(db_, "SELECT 1 FROM session_ideas WHERE id = ? AND session_id = ?",
                            what);
        find.bind(1, idea_id).bind(2, session_id);
        if (!find.step()) {
            throw StoreError("cannot " + what + ": idea " + idea_id + " is not in it");
        }
    }
    sql::Statement st(
        db_, "INSERT INTO session_dots (session_id, idea_id, voter, placed_at) VALUES (?, ?, ?, ?)",
        what);
    st.bind(1, session_id).bind(2, idea_id).bind(3, voter).bind(4, now_rfc3339()).run();
}

bool Store::remove_dot(const std::string& session_id, const std::string& idea_id, int voter) {
    Lock lock(mutex_);
    const std::string what = "take back a dot in meeting session " + session_id;
    open_session_or_throw(*this, session_id, what);
    sql::Statement st(db_,
                      "DELETE FROM session_dots WHERE seq = (SELECT max(seq) FROM session_dots "
                      "WHERE session_id = ? AND idea_id = ? AND voter = ?)",
                      what);
    st.bind(1, session_id).bind(2, idea_id).bind(3, voter);
    return st.run() > 0;
}

bool Store::remove_last_dot(const std::string& session_id, int voter) {
    Lock lock(mutex_);
    const std::string what = "take back a dot in meeting session " + session_id;
    open_session_or_throw(*this, session_id, what);
    sql::Statement st(db_,
                      "DELETE FROM session_dots WHERE seq = (SELECT max(seq) FROM session_dots "
                      "WHERE session_id = ? AND voter = ?)",
                      what);
    st.bind(1, session_id).bind(2, voter);
    return st.run() > 0;
}

int Store::dots_of(const std::string& session_id, int voter) {
    Lock lock(mutex_);
    sql::Statement st(db_, "SELECT count(*) FROM session_dots WHERE session_id = ? AND voter = ?",
                      "count a voter's dots in meeting session " + session_id);
    st.bind(1, session_id).bind(2, voter);
    st.step();
    return static_cast<int>(st.int64(0));
}

std::map<std::string, int> Store::dots_by_idea(const std::string& session_id, int voter) {
    Lock lock(mutex_);
    sql::Statement st(db_,
                      "SELECT idea_id, count(*) FROM session_dots WHERE session_id = ? AND "
                      "voter = ? GROUP BY idea_id",
                      "read a voter's dots in meeting session " + session_id);
    st.bind(1, session_id).bind(2, voter);
    std::map<std::string, int> dots;
    while (st.step()) dots[st.text(0)] = static_cast<int>(st.int64(1));
    return dots;
}

// -- the whole record, and its sync --------------------------------------------------------

std::optional<SessionRecord> Store::session_record(const std::string& id) {
    Lock lock(mutex_);
    auto s = session(id);
    if (!s) return std::nullopt;
    SessionRecord r;
    r.session = std::move(*s);
    r.notes = notes(id);
    std::reverse(r.notes.begin(), r.notes.end());  // the order written
    r.tallies = tallies(id);
    r.ideas = ideas(id);
    {
        sql::Statement st(db_,
                          "SELECT count(DISTINCT voter) FROM session_dots WHERE session_id = ?",
                          "count the dot voters of meeting session " + id);
        st.bind(1, id);
        st.step();
        r.dot_voters = static_cast<int>(st.int64(0));
    }
    {
        sql::Statement st(db_, "SELECT count(*) FROM responses WHERE session_id = ?",
                          "count the responses of meeting session " + id);
        st.bind(1, id);
        st.step();
        r.responses = st.int64(0);
    }
    return r;
}

std::vector<SessionRecord> Store::sessions_to_send(int limit) {
    Lock lock(mutex_);
    std::vector<std::string> ids;
    {
        sql::Statement st(db_,
                          "SELECT id FROM sessions WHERE state = 0 AND ended_at IS NOT NULL "
                          "ORDER BY rowid LIMIT ?",
                          "read the meeting sessions to send");
        st.bind(1, limit);
        while (st.step()) ids.push_back(st.text(0));
    }
    std::vector<SessionRecord> out;
    for (const auto& id : ids) out.push_back(*session_record(id));
    return out;
}

void Store::apply_session_results(const std::vector<ItemResult>& results) {
    Lock lock(mutex_);
    const std::string what = "record the results of sending meeting sessions";
    sql::Transaction tx(db_, what);
    sql::Statement synced(db_,
                          "UPDATE sessions SET state = 1, synced_at = ?, quarantine_code = NULL, "
                          "quarantine_message = NULL WHERE id = ? AND ended_at IS NOT NULL",
                          what);
    sql::Statement rejected(db_,
                            "UPDATE sessions SET state = 2, quarantine_code = ?, "
                            "quarantine_message = ? WHERE id = ? AND state <> 1 "
                            "AND ended_at IS NOT NULL",
                            what);
    const std::string now = now_rfc3339();
    for (const ItemResult& r : results) {
        if (r.status == ItemStatus::Rejected) {
            rejected.bind(1, r.error_code).bind(2, r.error_message).bind(3, r.id).run();
            rejected.reset();
        } else {
            synced.bind(1, now).bind(2, r.id).run();
            synced.reset();
        }
    }
    tx.commit();
}

}  // namespace fv
