// A laptop killed mid-meeting loses nothing saved: a child process records notes, counts,
// ideas and dots into an open session, reporting each once the store has returned; we SIGKILL
// it at seeded random moments, 20 times, and after each kill everything reported must be in
// the session, the database must pass PRAGMA integrity_check, and the session must still be
// open to carry on. FIELDVOICE_CRASH_SEED replays a run.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <string>

#include "core/store/store.hpp"
#include "support/child_process.hpp"
#include "support/sqlite_check.hpp"
#include "support/temp_dir.hpp"

#ifndef FIELDVOICE_MEETING_LOOP_BIN
#error "tests/tools/CMakeLists.txt must define FIELDVOICE_MEETING_LOOP_BIN for this test"
#endif

namespace fv {
namespace {

constexpr int kKills = 20;

test::Child start_loop(const std::filesystem::path& db, const std::string& session) {
    return test::start_child({FIELDVOICE_MEETING_LOOP_BIN, db.string(), session});
}

TEST(MeetingKill, EverythingReportedSurvivesSigkillAndTheSessionCarriesOn) {
    const test::TempDir dir("fv-meet");
    const auto db = dir.path() / "fieldvoice.db";
    std::string session;
    {
        auto store = Store::open(db);
        session = store->start_session(
            {"Witney libraries meeting", "Corn Exchange", "Witney North", "", "libraries-2027", 1});
    }

    const unsigned seed = test::crash_seed();
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> delay_ms(5, 150);
    std::set<std::string> notes, ideas;
    std::map<std::string, int> dots;  // idea -> dots reported
    int tally = 0;                    // the highest count reported
    for (int round = 0; round < kKills; ++round) {
        const test::Child child = start_loop(db, session);
        std::string out;
        ASSERT_TRUE(test::read_until(
            child.out, std::chrono::steady_clock::now() + std::chrono::milliseconds(delay_ms(rng)),
            out))
            << "the child stopped by itself in round " << round;
        ASSERT_EQ(kill(child.pid, SIGKILL), 0);
        int status = 0;
        ASSERT_EQ(waitpid(child.pid, &status, 0), child.pid);
        ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "round " << round;
        test::read_to_eof(child.out, out);
        close(child.out);
        std::size_t start = 0;
        for (std::size_t nl; (nl = out.find('\n', start)) != std::string::npos; start = nl + 1) {
            const std::string line = out.substr(start, nl - start);
            const auto space = line.find(' ');
            const std::string kind = line.substr(0, space), value = line.substr(space + 1);
            if (kind == "note") notes.insert(value);
            if (kind == "idea") ideas.insert(value);
            if (kind == "dot") ++dots[value];
            if (kind == "tally") tally = std::max(tally, std::stoi(value));
        }
        ASSERT_EQ(start, out.size()) << "a partial line in round " << round;

        auto store = Store::open(db);
        ASSERT_EQ(test::integrity_check(store->handle()), "ok")
            << "round " << round << ", seed " << seed;
        const auto record = store->session_record(session);
        ASSERT_TRUE(record.has_value());
        EXPECT_FALSE(record->session.ended()) << "a kill must not end the session";
        std::set<std::string> stored_notes;
        for (const auto& n : record->notes) stored_notes.insert(n.id);
        for (const auto& id : notes) {
            ASSERT_TRUE(stored_notes.count(id))
                << "note " << id << " was reported saved but is missing after kill " << round
                << ", seed " << seed;
        }
        std::map<std::string, int> stored_dots;
        for (const auto& i : record->ideas) stored_dots[i.id] = i.dots;
        for (const auto& id : ideas) ASSERT_TRUE(stored_dots.count(id)) << "idea " << id;
        for (const auto& [id, n] : dots) {
            EXPECT_GE(stored_dots[id], n) << "dots on idea " << id << " after kill " << round;
        }
        int stored_tally = 0;
        for (const auto& t : record->tallies) stored_tally += t.count;
        // At most the one count the child made after its last report and before the kill.
        EXPECT_GE(stored_tally, tally) << "round " << round;
        EXPECT_LE(stored_tally, tally + 1) << "round " << round;
        tally = stored_tally;
    }
    std::printf("meeting crash test (seed %u): %d kills, %zu notes and %zu ideas reported\n", seed,
                kKills, notes.size(), ideas.size());
    EXPECT_GT(notes.size(), 0u) << "the child never saved a note: the test proved nothing";

    // After all that, the session ends normally and keeps everything.
    auto store = Store::open(db);
    store->end_session(session);
    const auto ended = store->session_record(session);
    EXPECT_TRUE(ended->session.ended());
    EXPECT_GE(ended->notes.size(), notes.size());
    EXPECT_EQ(store->sessions_to_send(10).size(), 1u);
}

}  // namespace
}  // namespace fv
