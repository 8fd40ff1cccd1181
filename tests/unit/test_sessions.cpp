// Meeting sessions in the local store on real SQLite files: notes, tallies, ideas and dots are
// each durable on their own, an ended session is frozen (through the API and underneath it),
// and a meeting's responses wait in the queue until their session has been sent.
#include <gtest/gtest.h>

#include <map>
#include <sqlite3.h>

#include "core/store/migrations.hpp"
#include "core/store/store.hpp"
#include "test_store_support.hpp"

namespace fv {
namespace {

using testing::TempDir;

SessionDraft draft() {
    return {"Witney library future", "Witney Corn Exchange", "Witney North",
            "Cllr Jane Doe",         "libraries-2027",       1};
}

// Expects `fn` to throw StoreError whose message contains `words`.
template <typename Fn>
void expect_refused(Fn fn, const std::string& words) {
    try {
        fn();
        ADD_FAILURE() << "expected a StoreError containing: " << words;
    } catch (const StoreError& e) {
        EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
    }
}

int raw_exec(Store& store, const std::string& sql) {
    return sqlite3_exec(store.handle(), sql.c_str(), nullptr, nullptr, nullptr);
}

Response meeting_response(const std::string& session_id) {
    Response r = testing::make_response();
    r.mode = CaptureMode::Meeting;
    r.session_id = session_id;
    r.participant = {{"kind", "resident"}, {"organisation", nullptr}};
    return r;
}

TEST(Sessions, StartReadAndListNewestFirst) {
    TempDir dir;
    auto store = Store::open(dir / "fieldvoice.db");
    const std::string first = store->start_session(draft());
    SessionDraft second_draft = draft();
    second_draft.title = "  Carterton youth forum  ";
    const std::string second = store->start_session(second_draft);
    EXPECT_TRUE(is_uuid(first));

    const auto s = store->session(first);
    ASSERT_TRUE(s.has_value());
    EXPECT_EQ(s->title, "Witney library future");
    EXPECT_EQ(s->place, "Witney Corn Exchange");
    EXPECT_EQ(s->division, "Witney North");
    EXPECT_EQ(s->facilitator, "Cllr Jane Doe");
    EXPECT_EQ(s->consultation_id, "libraries-2027");
    EXPECT_EQ(s->consultation_version, 1);
    EXPECT_FALSE(s->ended());
    std::chrono::system_clock::time_point t;
    EXPECT_TRUE(parse_rfc3339(s->started_at, t));

    const auto all = store->sessions();
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].id, second);
    EXPECT_EQ(all[0].title, "Carterton youth forum");  // trimmed
    EXPECT_EQ(all[1].id, first);
    EXPECT_FALSE(store->session(new_uuid()).has_value());
}

TEST(Sessions, NeedATitleAndAConsultation) {
    TempDir dir;
    auto store = Store::open(dir / "fieldvoice.db");
    SessionDraft d = draft();
    d.title = "   ";
    expect_refused([&] { store->start_session(d); }, "without a title");
    d = draft();
    d.consultation_id.clear();
    expect_refused([&] { store->start_session(d); }, "names no consultation");
    EXPECT_TRUE(store->sessions().empty());
}

TEST(Sessions, DetailsCanBeChangedWhileOpenButNotTheConsultationNorAfterTheEnd) {
    TempDir dir;
    auto store = Store::open(dir / "fieldvoice.db");
    const auto id = store->start_session(draft());
    store->add_note(id, {"Said before the change", {}, Speaker::resident()});
    SessionDraft changed{"  Witney libraries, second evening ", "Witney Library", "Witney South",
                         "Cllr Sam Lee",  "adult-day-services-2027",          7};
    store->change_session_details(id, changed);
    const auto s = store->session(id);
    ASSERT_TRUE(s.has_value());
    EXPECT_EQ(s->title, "Witney libraries, second evening");  // trimmed
    EXPECT_EQ(s->place, "Witney Library");
    EXPECT_EQ(s->division, "Witney South");
    EXPECT_EQ(s->facilitator, "Cllr Sam Lee");
    EXPECT_EQ(s->consultation_id, "libraries-2027") << "the consultation stays";
    EXPECT_EQ(s->consultation_version, 1);
    EXPECT_EQ(store->notes(id).size(), 1u);

    changed.title = " ";
    expect_refused([&] { store->change_session_details(id, changed); }, "needs a title");
    EXPECT_EQ(store->session(id)->title, "Witney libraries, second evening");
    store->end_session(id);
    changed.title = "After the end";
    expect_refused([&] { store->change_session_details(id, changed); },
                   "an ended session cannot be changed");
    EXPECT_EQ(store->session(id)->title, "Witney libraries, second evening");
}

TEST(Sessions, NotesAreNewestFirstEditableAndEachSurvivesAReopen) {
    TempDir dir;
    const auto path = dir / "fieldvoice.db";
    std::string id, first_note;
    {
        auto store = Store::open(path);
        id = store->start_session(draft());
        first_note = store->add_note(id, {"Opening hours are too short on Saturdays",
                                          {"hours", "hours", "access"},
                                          Speaker::resident()});
        store->add_note(id, {"We can lend the hall on Tuesdays",
                             {"space"},
                             Speaker::partner("Witney Town Council")});
    }  // closed with no explicit flush: each note was its own commit
    auto store = Store::open(path);
    auto notes = store->notes(id);
    ASSERT_EQ(notes.size(), 2u);
    EXPECT_EQ(notes[0].text, "We can lend the hall on Tuesdays");  // newest first
    EXPECT_EQ(notes[0].speaker, Speaker::partner("Witney Town Council"));
    EXPECT_EQ(notes[1].text, "Opening hours are too short on Saturdays");
    EXPECT_EQ(notes[1].themes, (std::vector<std::string>{"hours", "access"}));  // once each
    EXPECT_EQ(notes[1].speaker, Speaker::resident());
    EXPECT_FALSE(notes[1].edited_at.has_value());
    const std::string written_at = notes[1].created_at;

    store->edit_note(first_note, {"Opening hours are too short on Saturday mornings",
                                  {"hours"},
                                  Speaker::partner("Age UK Oxfordshire")});
    notes = store->notes(id);
    // The edit is timed on its own: the note keeps when it was first written (the export
    // gives both).
    EXPECT_EQ(notes[1].created_at, written_at);
    EXPECT_EQ(notes[1].text, "Opening hours are too short on Saturday mornings");
    EXPECT_EQ(notes[1].themes, (std::vector<std::string>{"hours"}));
    EXPECT_EQ(notes[1].speaker.organisation, "Age UK Oxfordshire");
    EXPECT_TRUE(notes[1].edited_at.has_value());
}

TEST(Sessions, AnEmptyNoteOrAPartnerWithoutANameIsRefusedAndNothingIsLost) {
    TempDir dir;
    auto store = Store::open(dir / "fieldvoice.db");
    const auto id = store->start_session(draft());
    const auto kept = store->add_note(id, {"Keep the mobile library", {}, Speaker::resident()});
    expect_refused(
        [&] {
            store->add_note(id, {"  \n ", {}, Speaker::resident()});
        },
        "the note is empty");
    expect_refused(
        [&] {
            store->add_note(id, {"Hello", {}, Speaker::partner(" ")});
        },
        "names none");
    expect_refused(
        [&] {
            store->edit_note(kept, {"", {}, Speaker::resident()});
        },
        "the note is empty");
    expect_refused(
        [&] {
            store->add_note(new_uuid(), {"x", {}, Speaker::resident()});
        },
        "there is no meeting session");
    const auto notes = store->notes(id);
    ASSERT_EQ(notes.size(), 1u);
    EXPECT_EQ(notes[0].text, "Keep the mobile library");
}

TEST(Sessions, TalliesCountUpAndDownButNeverBelowZero) {
    TempDir dir;
    auto store = Store::open(dir / "fieldvoice.db");
    const auto id = store->start_session(draft());
    EXPECT_EQ(store->change_tally(id, "used", "books", +1), 1);
    EXPECT_EQ(store->change_tally(id, "used", "books", +1), 2);
    EXPECT_EQ(store->change_tally(id, "used", "books", -1), 1);
    EXPECT_EQ(store->change_tally(id, "used", "wifi", -1), 0);
    EXPECT_EQ(store->change_tally(id, "used", "wifi", +1), 1);
    EXPECT_EQ(store->change_tally(id, "rating", "5", +1), 1);
    const auto t = store->tallies(id);
    ASSERT_EQ(t.size(), 3u);
    EXPECT_EQ(t[0].question_id, "rating");
    EXPECT_EQ(t[1].option, "books");
    EXPECT_EQ(t[1].count, 1);
    EXPECT_EQ(t[2].option, "wifi");
    EXPECT_EQ(t[2].count, 1);
}

TEST(Sessions, IdeasAreRankedByDotsAndAVoterCanTakeADotBack) {
    TempDir dir;
    auto store = Store::open(dir / "fieldvoice.db");
    const auto id = store->start_session(draft());
    const auto cafe = store->add_idea(id, "A café in the library");
    const auto late = store->add_idea(id, "Open till 8pm on Thursdays");
    const auto teen = store->add_idea(id, "A teen space");
    expect_refused([&] { store->add_idea(id, " "); }, "the idea is empty");
    store->add_dot(id, late, 1);
    store->add_dot(id, late, 1);
    store->add_dot(id, teen, 1);
    store->add_dot(id, late, 2);
    store->add_dot(id, cafe, 2);
    EXPECT_EQ(store->dots_of(id, 1), 3);
    EXPECT_EQ(store->dots_of(id, 2), 2);
    EXPECT_TRUE(store->remove_dot(id, cafe, 2));
    EXPECT_FALSE(store->remove_dot(id, cafe, 2));  // none left there
    EXPECT_EQ(store->dots_of(id, 2), 1);
    // Each voter's own dots, by idea (what the voting screen shows that person).
    EXPECT_EQ(store->dots_by_idea(id, 1), (std::map<std::string, int>{{late, 2}, {teen, 1}}));
    EXPECT_EQ(store->dots_by_idea(id, 2), (std::map<std::string, int>{{late, 1}}));
    EXPECT_TRUE(store->dots_by_idea(id, 3).empty());

    const auto ideas = ranked(store->ideas(id));
    ASSERT_EQ(ideas.size(), 3u);
    EXPECT_EQ(ideas[0].text, "Open till 8pm on Thursdays");
    EXPECT_EQ(ideas[0].dots, 3);
    EXPECT_EQ(ideas[1].text, "A teen space");
    EXPECT_EQ(ideas[1].dots, 1);
    EXPECT_EQ(ideas[2].text, "A café in the library");
    EXPECT_EQ(ideas[2].dots, 0);

    const auto other = store->start_session(draft());
    expect_refused([&] { store->add_dot(other, cafe, 1); }, "is not in it");
}

TEST(Sessions, AnEndedSessionIsFrozenThroughTheApiAndUnderneathIt) {
    TempDir dir;
    auto store = Store::open(dir / "fieldvoice.db");
    const auto id = store->start_session(draft());
    const auto note = store->add_note(id, {"Before the end", {}, Speaker::resident()});
    const auto idea = store->add_idea(id, "More benches");
    store->add_dot(id, idea, 1);
    store->change_tally(id, "used", "books", 4);
    store->end_session(id);
    const auto ended = store->session(id);
    ASSERT_TRUE(ended->ended());

    expect_refused(
        [&] {
            store->add_note(id, {"after", {}, Speaker::resident()});
        },
        "ended at " + *ended->ended_at);
    expect_refused(
        [&] {
            store->edit_note(note, {"changed", {}, Speaker::resident()});
        },
        "an ended session cannot be changed");
    expect_refused([&] { store->change_tally(id, "used", "books", 1); }, "ended");
    expect_refused([&] { store->add_idea(id, "late idea"); }, "ended");
    expect_refused([&] { store->add_dot(id, idea, 2); }, "ended");
    expect_refused([&] { store->remove_dot(id, idea, 1); }, "ended");
    expect_refused([&] { store->end_session(id); }, "ended");
    expect_refused([&] { store->submit(meeting_response(id)); }, "cannot gain answers");

    // Underneath the API, the schema refuses too.
    EXPECT_NE(raw_exec(*store, "UPDATE session_notes SET text = 'x'"), SQLITE_OK);
    EXPECT_NE(raw_exec(*store, "DELETE FROM session_dots"), SQLITE_OK);
    EXPECT_NE(raw_exec(*store, "UPDATE session_tallies SET count = 99"), SQLITE_OK);
    EXPECT_NE(raw_exec(*store, "DELETE FROM session_ideas"), SQLITE_OK);
    EXPECT_NE(raw_exec(*store, "UPDATE sessions SET title = 'x'"), SQLITE_OK);
    EXPECT_NE(raw_exec(*store, "DELETE FROM sessions"), SQLITE_OK);  // not synced yet

    const auto record = store->session_record(id);
    ASSERT_TRUE(record.has_value());
    EXPECT_EQ(record->notes.at(0).text, "Before the end");
    EXPECT_EQ(record->tallies.at(0).count, 4);
    EXPECT_EQ(record->ideas.at(0).dots, 1);
}

TEST(Sessions, RecordHasTheUploadFormOfTheProtocol) {
    TempDir dir;
    auto store = Store::open(dir / "fieldvoice.db");
    const auto id = store->start_session(draft());
    store->add_note(id, {"Parking is hard", {"access"}, Speaker::resident()});
    store->add_note(id, {"Bus 233 stops at 6pm", {"transport"}, Speaker::partner("Stagecoach")});
    store->change_tally(id, "used", "wifi", 7);
    const auto idea = store->add_idea(id, "Later buses");
    store->add_dot(id, idea, 1);
    store->add_dot(id, idea, 2);
    store->submit(meeting_response(id));
    store->end_session(id);

    const auto record = store->session_record(id);
    ASSERT_TRUE(record.has_value());
    EXPECT_EQ(record->responses, 1);
    EXPECT_EQ(record->dot_voters, 2);
    const auto j = record->to_json();
    EXPECT_EQ(j.at("id"), id);
    EXPECT_EQ(j.at("title"), "Witney library future");
    EXPECT_EQ(j.at("division"), "Witney North");
    EXPECT_EQ(j.at("consultation_id"), "libraries-2027");
    EXPECT_EQ(j.at("consultation_version"), 1);
    EXPECT_TRUE(j.at("ended_at").is_string());
    ASSERT_EQ(j.at("notes").size(), 2u);
    EXPECT_EQ(j["notes"][0].at("text"), "Parking is hard");  // the order written
    EXPECT_EQ(j["notes"][0].at("said_by"),
              (nlohmann::json{{"kind", "resident"}, {"organisation", nullptr}}));
    EXPECT_EQ(j["notes"][1].at("said_by"),
              (nlohmann::json{{"kind", "partner"}, {"organisation", "Stagecoach"}}));
    EXPECT_EQ(j["notes"][1].at("themes"), nlohmann::json::array({"transport"}));
    EXPECT_EQ(j.at("tallies"),
              nlohmann::json::array({{{"question_id", "used"}, {"option", "wifi"}, {"count", 7}}}));
    EXPECT_EQ(j.at("ideas").at(0).at("dots"), 2);
    // Frozen, so the same session always has the same upload form (the store's duplicate check
    // compares content).
    EXPECT_EQ(store->session_record(id)->to_json().dump(), j.dump());
}

TEST(Sessions, OnlyEndedSessionsAreSentAndTheirResponsesWaitForThem) {
    TempDir dir;
    auto store = Store::open(dir / "fieldvoice.db");
    const auto open_id = store->start_session(draft());
    const auto ended_id = store->start_session(draft());
    const Response kiosk = testing::make_response();
    const Response in_open = meeting_response(open_id);
    const Response in_ended = meeting_response(ended_id);
    Response elsewhere = meeting_response(new_uuid());  // a session this device does not hold
    store->submit(kiosk);
    store->submit(in_open);
    store->submit(in_ended);
    store->submit(elsewhere);
    store->end_session(ended_id);

    auto to_send = store->sessions_to_send(10);
    ASSERT_EQ(to_send.size(), 1u);
    EXPECT_EQ(to_send[0].session.id, ended_id);
    // Both ways of reading the queue hold a meeting's responses back alike.
    auto ids = [&] {
        std::vector<std::string> out, wire;
        for (const auto& r : store->queued(100)) out.push_back(r.response.id);
        for (const auto& r : store->queued_wire(0, 100)) wire.push_back(r.id);
        EXPECT_EQ(out, wire);
        return out;
    };
    EXPECT_EQ(ids(), (std::vector<std::string>{kiosk.id, elsewhere.id}));
    EXPECT_EQ(store->counts().queued, 4);  // held back, still queued

    store->apply_session_results({{ended_id, ItemStatus::Stored, "", ""}});
    EXPECT_EQ(store->session(ended_id)->state, SessionSyncState::Synced);
    EXPECT_TRUE(store->sessions_to_send(10).empty());
    EXPECT_EQ(ids(), (std::vector<std::string>{kiosk.id, in_ended.id, elsewhere.id}));

    // A session the store rejects is kept, quarantined with the reason, and no longer holds
    // its responses back (the store takes responses whatever became of their session).
    store->end_session(open_id);
    store->apply_session_results({{open_id, ItemStatus::Rejected, "invalid_session", "bad"}});
    const auto q = store->session(open_id);
    EXPECT_EQ(q->state, SessionSyncState::Quarantined);
    EXPECT_EQ(q->quarantine_code, "invalid_session");
    EXPECT_EQ(ids().size(), 4u);
}

TEST(Sessions, ResponsesStoredBeforeTheUpgradeKeepTheirSessionId) {
    TempDir dir;
    const auto path = dir / "fieldvoice.db";
    const Response r = meeting_response(new_uuid());
    {
        sqlite3* raw = nullptr;
        ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
        migrate(raw, "test", 1);
        const std::string sql =
            "INSERT INTO responses (id, consultation_id, consultation_version, wire, state, "
            "submitted_at) VALUES ('" +
            r.id + "', 'libraries-2027', 1, '" + r.to_json().dump() + "', 0, '" + r.submitted_at +
            "')";
        ASSERT_EQ(sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
        sqlite3_close(raw);
    }
    auto store = Store::open(path);
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(
        sqlite3_prepare_v2(store->handle(), "SELECT session_id FROM responses", -1, &st, nullptr),
        SQLITE_OK);
    ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
    EXPECT_EQ(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))),
              *r.session_id);
    sqlite3_finalize(st);
}

}  // namespace
}  // namespace fv
