// Nothing lost, nothing twice: 5,000 responses synced through a proxy that breaks hundreds of
// requests, while the `fieldvoice sync` process and the fieldvoice-central process are SIGKILLed
// at random moments. At the end every response is in the central store exactly once, field for
// field, nothing stays queued, and both databases pass PRAGMA integrity_check.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <iostream>
#include <sstream>

#include "fault/support/fault_proxy.hpp"
#include "fault/support/sync_rig.hpp"
#include "integration/support/central_process.hpp"
#include "sync/client/sync_command.hpp"
#include "sync/client/sync_engine.hpp"

extern char** environ;

namespace fv {
namespace {

using std::chrono::milliseconds;
using test::Fault;

// This test binary doubles as the `fieldvoice sync` child when FIELDVOICE_BIN has no sync
// subcommand: with FIELDVOICE_SYNC_CHILD_ARGS set (arguments split by '\x1f') it runs
// sync_command and exits before gtest starts.
const int child_mode = [] {
    const char* packed = std::getenv("FIELDVOICE_SYNC_CHILD_ARGS");
    if (packed == nullptr) return 0;
    std::vector<std::string> args;
    std::stringstream in(packed);
    for (std::string arg; std::getline(in, arg, '\x1f');) args.push_back(arg);
    const int rc = sync_command(args, std::cout, std::cerr);
    std::cout.flush();
    std::cerr.flush();
    std::_Exit(rc);
}();

// The fieldvoice program when it has the sync subcommand, else this very binary.
std::string sync_program(bool& is_fieldvoice) {
    is_fieldvoice = false;
#ifdef FIELDVOICE_BIN
    const std::string bin = FIELDVOICE_BIN;
    const std::string probe = bin + " sync --no-such-flag 2>&1";
    if (FILE* p = popen(probe.c_str(), "r")) {
        std::string text;
        char buffer[512];
        while (std::fgets(buffer, sizeof buffer, p) != nullptr) text += buffer;
        const int status = pclose(p);
        if (WIFEXITED(status) && WEXITSTATUS(status) == 2 &&
            text.find("usage: fieldvoice sync") != std::string::npos) {
            is_fieldvoice = true;
            return bin;
        }
    }
#endif
    return "/proc/self/exe";
}

pid_t spawn_sync(const std::string& program, bool is_fieldvoice,
                 const std::vector<std::string>& args, const std::filesystem::path& log) {
    std::vector<std::string> argv_text = {program};
    std::vector<std::string> env_text;
    for (char** e = environ; *e != nullptr; ++e) env_text.emplace_back(*e);
    if (is_fieldvoice) {
        argv_text.push_back("sync");
        argv_text.insert(argv_text.end(), args.begin(), args.end());
    } else {
        std::string packed;
        for (const auto& a : args) packed += (packed.empty() ? "" : "\x1f") + a;
        env_text.push_back("FIELDVOICE_SYNC_CHILD_ARGS=" + packed);
    }
    std::vector<char*> argv, envp;
    for (auto& a : argv_text) argv.push_back(a.data());
    argv.push_back(nullptr);
    for (auto& e : env_text) envp.push_back(e.data());
    envp.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error("cannot start " + program);
    return pid;
}

// Waits for `pid`; returns its exit status, or 128 + signal.
int reap(pid_t pid) {
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::uint64_t seed_from_env() {
    if (const char* s = std::getenv("FIELDVOICE_FAULT_SEED")) return std::stoull(s);
    return 20261123;
}

TEST(SyncFaults, FiveThousandResponsesThroughFaultsAndKillsArriveExactlyOnce) {
    ASSERT_EQ(child_mode, 0);
    test::no_proxy_for_loopback();
    const std::uint64_t seed = seed_from_env();
    std::mt19937_64 rng(seed);
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };

    // The store restarts on the same database but a new port each time (the proxy follows),
    // so a restart never waits for the old port's TIME_WAIT sockets.
    test::TempFolder dir;
    test::CentralProcess::Options central_options;
    central_options.dir = dir.path() / "central";
    std::filesystem::create_directories(central_options.dir);
    auto central = std::make_unique<test::CentralProcess>(central_options);
    central->publish(test::sample_consultation_path());
    central->start();
    test::FaultProxy proxy(central->port(), seed);
    proxy.set_max_delay_ms(200);

    const auto db = database_path(dir.path());
    const auto consultation =
        *load_consultation_file(test::sample_consultation_path()).consultation;
    std::vector<Response> sent;
    {
        SyncEngine enroller(db);
        const auto enrolled = enroller.enrol(central->base_url(), central->enrol_code("k"), "k");
        ASSERT_TRUE(enrolled.ok) << enrolled.message;
        auto store = Store::open(db);
        store->set_setting(kSettingStoreUrl, proxy.url());
        sent = test::fill_queue(*store, consultation, 5000, seed);
    }
    auto store = Store::open(db);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(6);

    // Phase 1: the engine in this process through a proxy that breaks half the requests.
    SyncOptions options;
    options.batch_size = 10;
    options.backoff_base = milliseconds(5);
    options.backoff_cap = milliseconds(80);
    options.http.request_timeout = milliseconds(20000);
    std::int64_t engine_passes = 0;
    proxy.set_fault_rate(0.5);
    {
        SyncEngine engine(db, options);
        while (proxy.faults() < 220 && store->counts().queued > 2500 &&
               std::chrono::steady_clock::now() < deadline) {
            engine.run(1);
            ++engine_passes;
        }
    }
    const std::int64_t queued_after_proxy_phase = store->counts().queued;

    // Phase 2: `fieldvoice sync` processes, SIGKILLed at random; the store SIGKILLed too.
    bool is_fieldvoice = false;
    const std::string program = sync_program(is_fieldvoice);
    const auto child_log = dir.path() / "sync-children.log";
    proxy.set_fault_rate(0.1);
    int sync_kills = 0, central_kills = 0, child_runs = 0;
    // This process keeps its own connection open meanwhile, as the kiosk's UI does.
    for (int round = 0; round < 40 && std::chrono::steady_clock::now() < deadline; ++round) {
        if (store->counts().queued == 0) break;
        const pid_t child = spawn_sync(program, is_fieldvoice,
                                       {"--data-dir", dir.path().string(), "--attempts", "4",
                                        "--backoff-ms", "20", "--batch-size", "20"},
                                       child_log);
        ++child_runs;
        std::this_thread::sleep_for(milliseconds(pick(0, 250)));
        const int what = pick(0, 2);  // 0: the sync, 1: the store, 2: both
        if (what != 0) {
            central->kill();
            ++central_kills;
        }
        if (what != 1) {
            ::kill(child, SIGKILL);
            ++sync_kills;
        }
        reap(child);
        if (!central->running()) {
            central = std::make_unique<test::CentralProcess>(central_options);
            central->start();
            proxy.set_upstream_port(central->port());
        }
    }

    const std::int64_t queued_after_kill_phase = store->counts().queued;

    // Phase 3: faults stop; one last run must send whatever is left.
    proxy.set_fault_rate(0.0);
    options.batch_size = 500;
    SyncEngine engine(db, options);
    const auto last = engine.run(20);
    EXPECT_EQ(last.outcome, SyncOutcome::Done) << last.message;
    const auto counts = store->counts();
    EXPECT_EQ(counts.queued, 0);
    EXPECT_EQ(counts.synced, 5000);
    EXPECT_EQ(counts.quarantined, 0);

    const auto held =
        test::central_responses(central->base_url(), central->officer_token("o"), consultation.id);
    const auto problems = test::compare_with_central(sent, held);
    EXPECT_TRUE(problems.empty()) << problems.size() << " problems, first: " << problems.front();
    EXPECT_EQ(central->terminate(), 0);
    store.reset();
    EXPECT_EQ(test::integrity_check(db), "ok");
    EXPECT_EQ(test::integrity_check(central->db_path()), "ok");

    std::printf(
        "[ counts   ] seed %llu: %zu responses on the device, %zu in the central store\n"
        "[ counts   ] proxy: %lld requests, %lld faults (%s)\n"
        "[ counts   ] %lld engine passes in the proxy phase left %lld queued; %d sync runs (%s), "
        "%d SIGKILLs of the sync process, %d of fieldvoice-central, leaving %lld queued; the "
        "last run: %lld stored, %lld duplicates\n",
        static_cast<unsigned long long>(seed), sent.size(), held.size(),
        static_cast<long long>(proxy.requests()), static_cast<long long>(proxy.faults()),
        proxy.summary().c_str(), static_cast<long long>(engine_passes),
        static_cast<long long>(queued_after_proxy_phase), child_runs,
        is_fieldvoice ? "fieldvoice sync" : "this test as the sync tool", sync_kills, central_kills,
        static_cast<long long>(queued_after_kill_phase), static_cast<long long>(last.stored),
        static_cast<long long>(last.duplicate));
    EXPECT_GE(proxy.faults(), 200);
    EXPECT_GT(sync_kills, 0);
    EXPECT_GT(central_kills, 0);
}

}  // namespace
}  // namespace fv
