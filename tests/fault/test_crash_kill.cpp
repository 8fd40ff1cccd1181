// Pulling the plug after "thank you" loses nothing: a child process submits responses in a
// loop and reports each id once Store::submit has returned; we SIGKILL it at random moments,
// 50 times, and after each kill every reported id must be in the database and the database
// must pass PRAGMA integrity_check. The kill delays come from a seeded RNG (the fault
// injection itself, not a wait for luck); FIELDVOICE_CRASH_SEED replays a run.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "core/store/store.hpp"

#ifndef FIELDVOICE_SUBMIT_LOOP_BIN
#error "tests/tools/CMakeLists.txt must define FIELDVOICE_SUBMIT_LOOP_BIN for this test"
#endif

extern char** environ;

namespace fv {
namespace {

constexpr int kKills = 50;

struct Child {
    pid_t pid = -1;
    int out = -1;  // read end of the child's stdout
};

Child start_submit_loop(const std::filesystem::path& db) {
    int fds[2];
    if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    posix_spawn_file_actions_addclose(&actions, fds[1]);
    const std::string bin = FIELDVOICE_SUBMIT_LOOP_BIN;
    const std::string db_arg = db.string();
    char* argv[] = {const_cast<char*>(bin.c_str()), const_cast<char*>(db_arg.c_str()), nullptr};
    Child child;
    const int rc = posix_spawn(&child.pid, bin.c_str(), &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    if (rc != 0) {
        close(fds[0]);
        throw std::runtime_error("cannot start " + bin + ": " + std::strerror(rc));
    }
    child.out = fds[0];
    return child;
}

// Reads what is there until `deadline` (or EOF), appending to `buffer`. Returns false at EOF.
bool read_until(int fd, std::chrono::steady_clock::time_point deadline, std::string& buffer) {
    char chunk[4096];
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return true;
        pollfd p{fd, POLLIN, 0};
        const int ready = poll(&p, 1, static_cast<int>(left.count()));
        if (ready <= 0) continue;  // timeout (checked above) or EINTR
        const ssize_t n = read(fd, chunk, sizeof chunk);
        if (n <= 0) return false;
        buffer.append(chunk, static_cast<std::size_t>(n));
    }
}

void read_to_eof(int fd, std::string& buffer) {
    char chunk[4096];
    for (;;) {
        const ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        buffer.append(chunk, static_cast<std::size_t>(n));
    }
}

std::string integrity(sqlite3* db) {
    sqlite3_stmt* st = nullptr;
    std::string result;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, nullptr) == SQLITE_OK) {
        while (sqlite3_step(st) == SQLITE_ROW) {
            if (!result.empty()) result += "; ";
            result += reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
        }
    }
    sqlite3_finalize(st);
    return result;
}

unsigned seed_for_this_run() {
    if (const char* s = std::getenv("FIELDVOICE_CRASH_SEED")) return std::strtoul(s, nullptr, 10);
    return 20261123u;
}

TEST(CrashKill, EveryReportedResponseSurvivesSigkill) {
    std::string dir_pattern = (std::filesystem::temp_directory_path() / "fv-crash-XXXXXX").string();
    ASSERT_NE(mkdtemp(dir_pattern.data()), nullptr);
    const std::filesystem::path dir = dir_pattern;
    const auto db = dir / "fieldvoice.db";

    const unsigned seed = seed_for_this_run();
    std::mt19937 rng(seed);
    // From a few ms (inside start-up, the open or the first migration) to ~200 ms (mid-loop).
    std::uniform_int_distribution<int> delay_ms(3, 200);

    std::set<std::string> reported;
    std::size_t found = 0;
    int kills = 0;
    for (int round = 0; round < kKills; ++round) {
        const Child child = start_submit_loop(db);
        std::string out;
        const int delay = delay_ms(rng);
        const bool open = read_until(
            child.out, std::chrono::steady_clock::now() + std::chrono::milliseconds(delay), out);
        ASSERT_TRUE(open) << "the child stopped by itself in round " << round;
        ASSERT_EQ(kill(child.pid, SIGKILL), 0);
        int status = 0;
        ASSERT_EQ(waitpid(child.pid, &status, 0), child.pid);
        ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
            << "round " << round << ": the child ended otherwise (status " << status << ")";
        ++kills;
        read_to_eof(child.out, out);  // what it wrote before it died is still in the pipe
        close(child.out);
        std::size_t start = 0;
        for (std::size_t nl; (nl = out.find('\n', start)) != std::string::npos; start = nl + 1) {
            reported.insert(out.substr(start, nl - start));
        }
        ASSERT_EQ(start, out.size()) << "a partial id line in round " << round;

        if (!std::filesystem::exists(db)) continue;  // killed before it created the file
        auto store = Store::open(db);
        EXPECT_EQ(integrity(store->handle()), "ok") << "round " << round << ", seed " << seed;
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

    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
}

}  // namespace
}  // namespace fv
