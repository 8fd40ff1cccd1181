// The crash test, on the kiosk itself (tests/fault/test_crash_kill.cpp kills a loop of
// Store::submit; this kills the real KioskApp): a kiosk killed right after a thanked pulse tap
// has lost nothing. Its own executable, so that the process it forks has never started SDL.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <random>
#include <set>

#include "support/kiosk_harness.hpp"
#include "support/sqlite_check.hpp"

namespace fv::testing {
namespace {

namespace fs = std::filesystem;

// The crash test, on the kiosk: a child process runs the real KioskApp (the harness) on one
// data folder, taps a face, and writes the response id to a pipe on the first frame of the
// thank-you, then taps Done and again; we SIGKILL it at seeded random moments. After each
// kill, every id it was thanked for is in the database, which passes integrity_check.
TEST(CrashKill, APulseTapThankedIsNeverLostToAKill) {
    std::string pattern = (fs::temp_directory_path() / "fv-pulse-kill-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    const fs::path dir = pattern;
    std::mt19937 rng(20261207u);
    // From inside the start-up (the window, the fonts, the store's open) to mid-loop.
    std::uniform_int_distribution<int> delay_ms(20, 1200);
    constexpr int kKills = 12;
    std::set<std::string> thanked;
    std::size_t stored_at_end = 0;
    for (int round = 0; round < kKills; ++round) {
        int fds[2];
        ASSERT_EQ(pipe(fds), 0);
        const pid_t pid = fork();
        ASSERT_GE(pid, 0);
        if (pid == 0) {
            close(fds[0]);
            HarnessOptions options = on_sample("libraries-2027");
            options.data_dir = dir;
            KioskHarness h(options);
            const char* faces[] = {"Very unhappy", "Unhappy", "Neither", "Happy", "Very happy"};
            for (int i = 0;; ++i) {
                bool reported = false;
                h.on_frame([&] {
                    if (reported || h.app().screen() != ScreenId::PulseThanks) return;
                    const std::string line = h.app().visit().pulse_id + "\n";
                    if (write(fds[1], line.data(), line.size()) !=
                        static_cast<ssize_t>(line.size())) {
                        _exit(3);
                    }
                    reported = true;
                });
                h.tap(faces[i % 5]);
                h.on_frame({});
                h.tap("Done");
            }
        }
        close(fds[1]);
        usleep(static_cast<useconds_t>(delay_ms(rng)) * 1000);
        ASSERT_EQ(kill(pid, SIGKILL), 0);
        int status = 0;
        ASSERT_EQ(waitpid(pid, &status, 0), pid);
        ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
            << "round " << round << ": the kiosk ended otherwise (status " << status << ")";
        std::string out;
        char chunk[4096];
        for (ssize_t n; (n = read(fds[0], chunk, sizeof chunk)) != 0;) {
            if (n < 0 && errno == EINTR) continue;
            ASSERT_GT(n, 0);
            out.append(chunk, static_cast<std::size_t>(n));
        }
        close(fds[0]);
        std::size_t start = 0;
        for (std::size_t nl; (nl = out.find('\n', start)) != std::string::npos; start = nl + 1) {
            thanked.insert(out.substr(start, nl - start));
        }
        const fs::path db = database_path(dir);
        if (!fs::exists(db)) continue;  // killed before the store was made
        auto store = Store::open(db);
        EXPECT_EQ(test::integrity_check(store->handle()), "ok") << "round " << round;
        std::set<std::string> stored;
        for (const auto& s : store->responses()) {
            EXPECT_EQ(s.response.mode, CaptureMode::Pulse);
            stored.insert(s.response.id);
        }
        for (const std::string& id : thanked) {
            ASSERT_TRUE(stored.count(id))
                << "pulse " << id << " was thanked but is gone after kill " << round;
        }
        stored_at_end = stored.size();
    }
    std::printf("pulse kill test: %d kills, %zu taps thanked, %zu stored\n", kKills, thanked.size(),
                stored_at_end);
    EXPECT_GT(thanked.size(), 0u) << "no tap was thanked before a kill: the test proved nothing";
    std::error_code ec;
    fs::remove_all(dir, ec);
}

}  // namespace
}  // namespace fv::testing
