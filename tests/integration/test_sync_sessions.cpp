// Meeting sessions through the sync engine to the real fieldvoice-central on loopback: an open
// session stays on the device with its responses, an ended one arrives once, before the
// responses that name it, with everything the meeting recorded.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "fault/support/sync_rig.hpp"
#include "integration/support/central_process.hpp"
#include "sync/client/sync_engine.hpp"

namespace fv {
namespace {

using nlohmann::json;
using test::CentralProcess;

// The sessions the central store holds, read from its database file: id -> {count, body}.
struct CentralSession {
    int copies = 0;
    json body;
    std::string stored_at;
};
std::map<std::string, CentralSession> central_sessions(const std::filesystem::path& db) {
    sqlite3* handle = nullptr;
    std::map<std::string, CentralSession> out;
    if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(handle);
        throw std::runtime_error("cannot open the central database " + db.string());
    }
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(handle, "SELECT id, body, stored_at FROM sessions ORDER BY seq", -1, &st,
                       nullptr);
    while (sqlite3_step(st) == SQLITE_ROW) {
        auto text = [&](int c) {
            return std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, c)));
        };
        auto& s = out[text(0)];
        ++s.copies;
        s.body = json::parse(text(1));
        s.stored_at = text(2);
    }
    sqlite3_finalize(st);
    sqlite3_close(handle);
    return out;
}

// Line numbers of the store's request log that match `needle`.
std::vector<std::size_t> log_lines(const std::string& log, const std::string& needle) {
    std::vector<std::size_t> out;
    std::size_t line = 0, start = 0;
    while (start < log.size()) {
        auto end = log.find('\n', start);
        if (end == std::string::npos) end = log.size();
        if (log.substr(start, end - start).find(needle) != std::string::npos) out.push_back(line);
        start = end + 1;
        ++line;
    }
    return out;
}

TEST(SyncSessions, ASessionAndItsResponsesArriveOnceEachAndTheSessionFirst) {
    CentralProcess central;
    central.publish(test::sample_consultation_path());
    central.start();
    test::no_proxy_for_loopback();
    test::TempFolder dir;
    const auto db = dir.path() / "fieldvoice.db";
    auto store = Store::open(db);
    auto parsed = load_consultation_file(test::sample_consultation_path());
    ASSERT_TRUE(parsed.ok());
    const Consultation c = *parsed.consultation;
    SyncEngine engine(db, SyncOptions{});
    ASSERT_TRUE(engine.enrol(central.base_url(), central.enrol_code("Laptop"), "Cllr laptop").ok);

    // A meeting: notes, a show of hands, ideas with dots, and three pass-round answers.
    const auto id = store->start_session({"Witney libraries meeting", "Corn Exchange",
                                          "Witney North", "Cllr Jane Doe", c.id, c.version});
    store->add_note(id, {"Saturday hours are too short", {"hours"}, Speaker::resident()});
    store->add_note(id, {"We can lend our hall", {}, Speaker::partner("Witney Town Council")});
    store->change_tally(id, "visit-rating", "4", 6);
    store->change_tally(id, "visit-rating", "2", 3);
    const auto idea = store->add_idea(id, "Open till 8pm on Thursdays");
    store->add_dot(id, idea, 1);
    std::vector<Response> meeting, kiosk;
    for (int i = 0; i < 3; ++i) {
        Response r = test::sample_response(c, 5, i);
        r.mode = CaptureMode::Meeting;
        r.session_id = id;
        r.participant = {{"kind", "resident"}, {"organisation", nullptr}};
        store->submit(r);
        meeting.push_back(r);
    }
    for (int i = 10; i < 12; ++i) {
        Response r = test::sample_response(c, 5, i);
        r.mode = CaptureMode::Kiosk;
        store->submit(r);
        kiosk.push_back(r);
    }

    // While the meeting runs, only the kiosk's responses go up.
    auto report = engine.run_once();
    ASSERT_EQ(report.outcome, SyncOutcome::Done) << report.message;
    EXPECT_EQ(report.sessions_sent, 0);
    EXPECT_EQ(report.stored, 2);
    EXPECT_TRUE(central_sessions(central.db_path()).empty());
    EXPECT_EQ(store->counts().queued, 3);

    store->end_session(id);
    report = engine.run_once();
    ASSERT_EQ(report.outcome, SyncOutcome::Done) << report.message;
    EXPECT_EQ(report.sessions_sent, 1);
    EXPECT_EQ(report.stored, 3);
    EXPECT_EQ(store->counts().queued, 0);
    EXPECT_EQ(store->session(id)->state, SessionSyncState::Synced);

    // A third pass sends nothing again.
    report = engine.run_once();
    ASSERT_EQ(report.outcome, SyncOutcome::Done) << report.message;
    EXPECT_EQ(report.sessions_sent, 0);
    EXPECT_EQ(report.sent, 0);

    // The session once, as the device recorded it.
    const auto sessions = central_sessions(central.db_path());
    ASSERT_EQ(sessions.size(), 1u);
    const auto& s = sessions.at(id);
    EXPECT_EQ(s.copies, 1);
    EXPECT_EQ(s.body, store->session_record(id)->to_json());
    EXPECT_EQ(s.body.at("notes").size(), 2u);
    EXPECT_EQ(s.body.at("notes")[1].at("said_by").at("organisation"), "Witney Town Council");
    EXPECT_EQ(s.body.at("tallies").size(), 2u);
    EXPECT_EQ(s.body.at("ideas")[0].at("dots"), 1);

    // Every response once, field for field, the meeting's ones naming the session.
    std::vector<Response> all = kiosk;
    all.insert(all.end(), meeting.begin(), meeting.end());
    const auto stored =
        test::central_responses(central.base_url(), central.officer_token("analyst"), c.id);
    const auto problems = test::compare_with_central(all, stored);
    EXPECT_TRUE(problems.empty()) << problems.front();

    // The session before its responses: one POST /sessions, earlier in the store's log than the
    // POST /responses that carried them, and stored no later than any of them.
    const std::string log = central.server_log();
    const auto session_posts = log_lines(log, "POST /api/v1/sessions 200");
    const auto response_posts = log_lines(log, "POST /api/v1/responses 200");
    ASSERT_EQ(session_posts.size(), 1u) << log;
    ASSERT_EQ(response_posts.size(), 2u) << log;
    EXPECT_LT(session_posts[0], response_posts[1]);
    EXPECT_GT(session_posts[0], response_posts[0]);  // the kiosk's went while the meeting ran
    for (const auto& r : stored) {
        if (r.at("session_id").is_null()) continue;
        EXPECT_LE(s.stored_at, r.at("stored_at").get<std::string>());
    }
}

TEST(SyncSessions, ARejectedSessionIsQuarantinedAndItsResponsesStillGo) {
    CentralProcess central;
    central.publish(test::sample_consultation_path());
    central.start();
    test::no_proxy_for_loopback();
    test::TempFolder dir;
    const auto db = dir.path() / "fieldvoice.db";
    auto store = Store::open(db);
    auto parsed = load_consultation_file(test::sample_consultation_path());
    ASSERT_TRUE(parsed.ok());
    const Consultation c = *parsed.consultation;
    SyncEngine engine(db, SyncOptions{});
    ASSERT_TRUE(engine.enrol(central.base_url(), central.enrol_code("Laptop"), "Cllr laptop").ok);
    const auto id = store->start_session({"Meeting", "Hall", "", "", c.id, c.version});
    Response r = test::sample_response(c, 9, 1);
    r.mode = CaptureMode::Meeting;
    r.session_id = id;
    store->submit(r);
    // A damaged start time (written underneath the API, while the session is still open).
    ASSERT_EQ(sqlite3_exec(store->handle(), "UPDATE sessions SET started_at = 'teatime'", nullptr,
                           nullptr, nullptr),
              SQLITE_OK);
    store->end_session(id);

    // The store is down: nothing moves, the session first of all.
    central.kill();
    auto report = engine.run_once();
    EXPECT_EQ(report.outcome, SyncOutcome::Transient) << report.message;
    EXPECT_EQ(store->session(id)->state, SessionSyncState::Queued);
    EXPECT_EQ(store->response(r.id)->state, SyncState::Queued);

    central.start();
    report = engine.run_once();
    ASSERT_EQ(report.outcome, SyncOutcome::Done) << report.message;
    EXPECT_EQ(report.sessions_sent, 0);
    EXPECT_EQ(report.sessions_rejected, 1);
    const auto kept = store->session(id);
    EXPECT_EQ(kept->state, SessionSyncState::Quarantined);
    EXPECT_EQ(kept->quarantine_code, "invalid_session");
    EXPECT_NE(kept->quarantine_message.find("started_at"), std::string::npos);
    // The store takes responses whatever became of their session: this one is not stuck.
    EXPECT_EQ(report.stored, 1);
    EXPECT_EQ(store->response(r.id)->state, SyncState::Synced);
    EXPECT_TRUE(central_sessions(central.db_path()).empty());
}

}  // namespace
}  // namespace fv
