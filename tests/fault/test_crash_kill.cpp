// Pulling the plug after "thank you" loses nothing: a child process submits responses in a
// loop and reports each id once Store::submit has returned; we SIGKILL it at random moments,
// 50 times, and after each kill every reported id must be in the database and the database
// must pass PRAGMA integrity_check. The kill delays come from a seeded RNG (the fault
// injection itself, not a wait for luck); FIELDVOICE_CRASH_SEED replays a run.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "core/store/store.hpp"
#include "support/child_process.hpp"
#include "support/sqlite_check.hpp"
#include "support/temp_dir.hpp"

#ifndef FIELDVOICE_SUBMIT_LOOP_BIN
#error "tests/tools/CMakeLists.txt must define FIELDVOICE_SUBMIT_LOOP_BIN for this test"
#endif

namespace fv {
namespace {

constexpr int kKills = 50;

test::Child start_submit_loop(const std::filesystem::path& db) {
    return test::start_child({FIELDVOICE_SUBMIT_LOOP_BIN, db.string()});
}

TEST(CrashKill, EveryReportedResponseSurvivesSigkill) {
    const test::TempDir dir("fv-crash");
    const auto db = dir.path() / "fieldvoice.db";

    const unsigned seed = test::crash_seed();
    std::mt19937 rng(seed);
    // From a few ms (inside start-up, the open or the first migration) to ~200 ms (mid-loop).
    std::uniform_int_distribution<int> delay_ms(3, 200);

    std::set<std::string> reported;
    std::size_t found = 0;
    int kills = 0;
    for (int round = 0; round < kKills; ++round) {
        const test::Child child = start_submit_loop(db);
        std::string out;
        const int delay = delay_ms(rng);
        const bool open = test::read_until(
            child.out, std::chrono::steady_clock::now() + std::chrono::milliseconds(delay), out);
        ASSERT_TRUE(open) << "the child stopped by itself in round " << round;
        ASSERT_EQ(kill(child.pid, SIGKILL), 0);
        int status = 0;
        ASSERT_EQ(waitpid(child.pid, &status, 0), child.pid);
        ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
            << "round " << round << ": the child ended otherwise (status " << status << ")";
        ++kills;
        test::read_to_eof(child.out, out);  // what it wrote before it died is still in the pipe
        close(child.out);
        std::size_t start = 0;
        for (std::size_t nl; (nl = out.find('\n', start)) != std::string::npos; start = nl + 1) {
            reported.insert(out.substr(start, nl - start));
        }
        ASSERT_EQ(start, out.size()) << "a partial id line in round " << round;

        if (!std::filesystem::exists(db)) continue;  // killed before it created the file
        auto store = Store::open(db);
        EXPECT_EQ(test::integrity_check(store->handle()), "ok")
            << "round " << round << ", seed " << seed;
        std::set<std::string> stored;
        for (const auto& s : store->responses()) stored.insert(s.response.id);
        for (const auto& id : reported) {
            ASSERT_TRUE(stored.count(id)) << "response " << id << " was reported committed but "
                                          << "is missing after kill " << round << ", seed " << seed;
        }
        found = stored.size();
        EXPECT_EQ(store->counts().queued, static_cast<std::int64_t>(stored.size()));
    }
    std::printf(
        "crash test (seed %u): %d kills, %zu responses reported, %zu found in the "
        "database\n",
        seed, kills, reported.size(), found);
    EXPECT_EQ(kills, kKills);
    EXPECT_GT(reported.size(), 0u) << "the child never got to submit: the test proved nothing";
    EXPECT_GE(found, reported.size());
}

}  // namespace
}  // namespace fv
