// A laptop killed mid-meeting loses nothing saved: a child process records notes, counts,
// ideas and dots into an open session, reporting each once the store has returned; we SIGKILL
// it at seeded random moments, 20 times, and after each kill everything reported must be in
// the session, the database must pass PRAGMA integrity_check, and the session must still be
// open to carry on. FIELDVOICE_CRASH_SEED replays a run.
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
#include <cstring>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <string>

#include "core/store/store.hpp"

#ifndef FIELDVOICE_MEETING_LOOP_BIN
#error "tests/tools/CMakeLists.txt must define FIELDVOICE_MEETING_LOOP_BIN for this test"
#endif

extern char** environ;

namespace fv {
namespace {

constexpr int kKills = 20;

struct Child {
    pid_t pid = -1;
    int out = -1;
};

Child start_loop(const std::filesystem::path& db, const std::string& session) {
    int fds[2];
    if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    posix_spawn_file_actions_addclose(&actions, fds[1]);
    const std::string bin = FIELDVOICE_MEETING_LOOP_BIN;
    const std::string db_arg = db.string();
    char* argv[] = {const_cast<char*>(bin.c_str()), const_cast<char*>(db_arg.c_str()),
                    const_cast<char*>(session.c_str()), nullptr};
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

// Reads what arrives until `deadline`; false at EOF (the child stopped by itself).
bool read_until(int fd, std::chrono::steady_clock::time_point deadline, std::string& buffer) {
    char chunk[4096];
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return true;
        pollfd p{fd, POLLIN, 0};
        if (poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
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

TEST(MeetingKill, EverythingReportedSurvivesSigkillAndTheSessionCarriesOn) {
    std::string dir_pattern = (std::filesystem::temp_directory_path() / "fv-meet-XXXXXX").string();
    ASSERT_NE(mkdtemp(dir_pattern.data()), nullptr);
    const std::filesystem::path dir = dir_pattern;
    const auto db = dir / "fieldvoice.db";
    std::string session;
    {
        auto store = Store::open(db);
        session = store->start_session(
            {"Witney libraries meeting", "Corn Exchange", "Witney North", "", "libraries-2027", 1});
    }

    const unsigned seed = seed_for_this_run();
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> delay_ms(5, 150);
    std::set<std::string> notes, ideas;
    std::map<std::string, int> dots;  // idea -> dots reported
    int tally = 0;                    // the highest count reported
    for (int round = 0; round < kKills; ++round) {
        const Child child = start_loop(db, session);
        std::string out;
        ASSERT_TRUE(read_until(
            child.out, std::chrono::steady_clock::now() + std::chrono::milliseconds(delay_ms(rng)),
            out))
            << "the child stopped by itself in round " << round;
        ASSERT_EQ(kill(child.pid, SIGKILL), 0);
        int status = 0;
        ASSERT_EQ(waitpid(child.pid, &status, 0), child.pid);
        ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "round " << round;
        read_to_eof(child.out, out);
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
        ASSERT_EQ(integrity(store->handle()), "ok") << "round " << round << ", seed " << seed;
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

    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
}

}  // namespace
}  // namespace fv
