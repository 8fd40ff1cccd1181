// Kiosk benchmarks (the kiosk issue, item 7). Prints figures; asserts nothing.
//   1. launch to first frame of the real `fieldvoice` under Xvfb, with 100,000 stored responses
//      (and with none, for comparison);
//   2. CPU of the idle attract screen over N seconds, next to Debian's example_sdl_sdlrenderer
//      built from libimgui-dev's examples, in the same run on the same display;
//   3. submit latency (the app's submit path: build, seal, durable commit) over 1,000 submits,
//      next to the raw cost of one fdatasync and of one synchronous=FULL SQLite insert here;
//   4. peak RSS of the kiosk holding 100,000 responses;
//   5. frames and CPU of the attract screen showing "you said, we did" entries, still (reduced
//      motion) and turning every 10 s.
// Usage: bench_kiosk [--idle-seconds 30] [--launches 5] [--submits 1000]
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "app/clock.hpp"
#include "app/kiosk_app.hpp"
#include "app/settings_keys.hpp"
#include "core/model/consultation.hpp"
#include "core/store/store.hpp"
#include "core/util/ids.hpp"
#include "core/util/pin.hpp"
#include "platform/paths.hpp"
#include "platform/window.hpp"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

const std::string kSample =
    std::string(FIELDVOICE_ASSETS_DIR) + "/consultations/libraries-2027.json";

double ms_since(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

pid_t spawn(const std::vector<std::string>& argv, const std::vector<std::string>& env_extra) {
    const pid_t pid = fork();
    if (pid == 0) {
        unsetenv("SDL_VIDEODRIVER");  // the in-process headless window set it
        // Debian's example writes imgui.ini into its working folder: keep that in /tmp.
        if (chdir(fs::temp_directory_path().c_str()) != 0) _exit(126);
        for (const auto& kv : env_extra) putenv(const_cast<char*>(kv.c_str()));
        const int devnull = open("/dev/null", O_WRONLY);
        dup2(devnull, 1);
        if (!std::getenv("BENCH_VERBOSE")) dup2(devnull, 2);
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        execvp(args[0], args.data());
        _exit(127);
    }
    return pid;
}

void stop(pid_t pid) {
    if (pid <= 0) return;
    kill(pid, SIGTERM);
    for (int i = 0; i < 200; ++i) {
        if (waitpid(pid, nullptr, WNOHANG) == pid) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
}

// utime + stime of a process, in seconds.
double cpu_seconds(pid_t pid) {
    std::ifstream f("/proc/" + std::to_string(pid) + "/stat");
    std::string all((std::istreambuf_iterator<char>(f)), {});
    const auto close = all.rfind(')');
    if (close == std::string::npos) return -1;
    std::vector<std::string> fields;
    std::size_t pos = close + 2;
    while (pos < all.size()) {
        const auto sp = all.find(' ', pos);
        fields.push_back(all.substr(pos, sp - pos));
        if (sp == std::string::npos) break;
        pos = sp + 1;
    }
    // fields[0] is field 3 (state); utime is field 14, stime field 15.
    const double ticks = std::stod(fields[11]) + std::stod(fields[12]);
    return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

long peak_rss_kib(pid_t pid) {
    std::ifstream f("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(f, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
    return -1;
}

// A data folder with a PIN set, the sample consultation active and `n` stored responses.
// A device database in `dir` holding the sample consultation and the officer PIN, as a kiosk
// that has been set up has.
std::unique_ptr<fv::Store> set_up_device(const fs::path& dir) {
    fs::create_directories(dir);
    auto store = fv::Store::open(fv::database_path(dir));
    const auto parsed = fv::load_consultation_file(kSample);
    if (!parsed.ok()) throw std::runtime_error("the sample consultation does not validate");
    store->save_consultation(*parsed.consultation);
    store->set_setting(fv::kSettingOfficerPinHash, fv::hash_pin("2580"));
    return store;
}

// The kiosk's configuration for `consultation` with this machine's assets and fonts.
fv::KioskConfig sample_config(const fv::Consultation& consultation) {
    fv::KioskConfig config;
    config.assets_dir = fv::platform::find_assets_dir(FIELDVOICE_ASSETS_DIR);
    config.fonts = fv::platform::find_fonts();
    config.consultation = consultation;
    return config;
}

fs::path make_data_dir(const fs::path& dir, int n) {
    auto store = set_up_device(dir);
    const auto parsed = fv::load_consultation_file(kSample);
    store->set_setting(fv::kSettingActiveConsultation, parsed.consultation->id);
    // Filling 100,000 rows through the real submit path, with the per-commit fsync switched off
    // for the fill only: the figure measured is the start-up, not the fill.
    sqlite3_exec(store->handle(), "PRAGMA synchronous=OFF", nullptr, nullptr, nullptr);
    for (int i = 0; i < n; ++i) {
        fv::Response r;
        r.id = fv::new_uuid();
        r.consultation_id = parsed.consultation->id;
        r.consultation_version = parsed.consultation->version;
        r.language = i % 3 ? "en" : "pl";
        r.started_at = r.submitted_at = fv::now_rfc3339();
        r.answers = {
            {"visit-rating", 1 + i % 5},
            {"services-used", {"borrow-books", "wifi"}},
            {"opening-hours", "saturday"},
            {"visit-better", "Longer opening hours on Saturday, please " + std::to_string(i)}};
        r.consent.privacy_notice = true;
        store->submit(r);
    }
    return dir;
}

struct Display {
    pid_t xvfb = -1;
    std::string name;
    Display() {
        for (int n = 120; n < 160; ++n) {
            if (fs::exists("/tmp/.X11-unix/X" + std::to_string(n))) continue;
            name = ":" + std::to_string(n);
            xvfb = spawn({"Xvfb", name, "-screen", "0", "1280x800x24", "-nolisten", "tcp"}, {});
            const auto t0 = Clock::now();
            while (ms_since(t0) < 10000) {
                if (fs::exists("/tmp/.X11-unix/X" + std::to_string(n))) return;
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
            }
            throw std::runtime_error(
                "Xvfb did not start (install it: platform/setup/install-deps.sh --test)");
        }
        throw std::runtime_error("no free X display number");
    }
    ~Display() { stop(xvfb); }
};

// Time from exec to the app's first drawn frame (the Probe file appears after a frame is
// presented), polled every 0.2 ms.
double launch_to_first_frame(const Display& d, const fs::path& data_dir, pid_t* keep = nullptr,
                             const std::string& render_driver = "") {
    const fs::path probe = data_dir / "probe.json";
    fs::remove(probe);
    const auto t0 = Clock::now();
    const pid_t pid = spawn({FIELDVOICE_BIN, "--data-dir", data_dir.string(), "--windowed"},
                            {"DISPLAY=" + d.name, "FIELDVOICE_PROBE_FILE=" + probe.string(),
                             "SDL_RENDER_DRIVER=" + render_driver});
    double ms = -1;
    while (ms_since(t0) < 20000) {
        if (fs::exists(probe)) {
            ms = ms_since(t0);
            break;
        }
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    if (keep)
        *keep = pid;
    else
        stop(pid);
    return ms;
}

double idle_cpu_percent(pid_t pid, int seconds) {
    const double c0 = cpu_seconds(pid);
    const auto t0 = Clock::now();
    std::this_thread::sleep_for(std::chrono::seconds(seconds));
    const double c1 = cpu_seconds(pid);
    return 100.0 * (c1 - c0) / (ms_since(t0) / 1000.0);
}

void submit_latency(const fs::path& dir, int submits) {
    auto store = set_up_device(dir);
    const auto parsed = fv::load_consultation_file(kSample);

    auto window = fv::platform::open_headless_window(1280, 800);
    fv::SystemClock clock;
    fv::KioskApp app(*window, *store, clock, sample_config(*parsed.consultation));

    std::vector<double> app_ms;
    for (int i = 0; i < submits; ++i) {
        app.start_visit();
        auto& v = app.visits().visit();
        v.consent.privacy_notice = true;
        v.answers = {{"visit-rating", 4},
                     {"services-used", {"borrow-books", "wifi"}},
                     {"opening-hours", "saturday"},
                     {"visit-better", "More children's events in the holidays"},
                     {"email", "resident@example.org"}};
        const auto t0 = Clock::now();
        if (!app.submit_visit()) throw std::runtime_error("submit failed");
        app_ms.push_back(ms_since(t0));
        app.end_visit();
    }

    // The floor under it, on the same disk in the same run.
    std::vector<double> fsync_ms, insert_ms;
    {
        const fs::path f = dir / "fsync.probe";
        const int fd = open(f.c_str(), O_CREAT | O_WRONLY, 0600);
        std::string block(512, 'x');
        for (int i = 0; i < submits; ++i) {
            if (write(fd, block.data(), block.size()) < 0) break;
            const auto t0 = Clock::now();
            fdatasync(fd);
            fsync_ms.push_back(ms_since(t0));
        }
        close(fd);
        sqlite3* db = nullptr;
        sqlite3_open((dir / "raw.db").c_str(), &db);
        sqlite3_exec(db,
                     "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                     "CREATE TABLE t(id TEXT PRIMARY KEY, body TEXT)",
                     nullptr, nullptr, nullptr);
        sqlite3_stmt* st = nullptr;
        sqlite3_prepare_v2(db, "INSERT INTO t VALUES(?,?)", -1, &st, nullptr);
        const std::string body(600, 'b');
        for (int i = 0; i < submits; ++i) {
            const std::string id = fv::new_uuid();
            const auto t0 = Clock::now();
            sqlite3_bind_text(st, 1, id.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(st, 2, body.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_step(st);
            sqlite3_reset(st);
            insert_ms.push_back(ms_since(t0));
        }
        sqlite3_finalize(st);
        sqlite3_close(db);
    }
    std::printf(
        "submit (build + seal + durable commit), %d submits: p50 %.2f ms, p99 %.2f ms, max %.2f "
        "ms\n",
        submits, percentile(app_ms, 0.5), percentile(app_ms, 0.99), percentile(app_ms, 1.0));
    std::printf(
        "  floor on this disk: fdatasync p50 %.2f ms p99 %.2f ms; raw SQLite WAL insert "
        "(synchronous=FULL) p50 %.2f ms p99 %.2f ms\n",
        percentile(fsync_ms, 0.5), percentile(fsync_ms, 0.99), percentile(insert_ms, 0.5),
        percentile(insert_ms, 0.99));
}

// Three "you said, we did" entries in a device database, as a sync keeps them.
void keep_entries(fv::Store& store, const std::string& consultation_id) {
    std::vector<fv::Outcome> entries;
    for (int i = 3; i >= 1; --i) {
        fv::Outcome o;
        o.id = std::to_string(i);
        o.consultation_id = consultation_id;
        o.text["en"] = "Entry " + std::to_string(i) +
                       ": you said the library closes too early; we now open until 7pm.";
        o.date = "2027-02-0" + std::to_string(i);
        entries.push_back(o);
    }
    store.replace_outcomes(entries);
}

double process_cpu_seconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// The attract screen with three "you said, we did" entries, in this process on a headless
// window with the real clock and the real blocking loop (SDL_WaitEventTimeout), for `seconds`:
// the frames it draws and the CPU it takes, with reduced motion on or the entries turning.
void idle_with_entries(const fs::path& dir, int seconds, bool reduced_motion) {
    auto store = set_up_device(dir);
    const auto parsed = fv::load_consultation_file(kSample);
    keep_entries(*store, parsed.consultation->id);
    auto window = fv::platform::open_headless_window(1280, 800);
    fv::SystemClock clock;
    fv::KioskApp app(*window, *store, clock, sample_config(*parsed.consultation));
    fv::Look look = app.look();
    look.reduced_motion = reduced_motion;
    app.set_look(look);
    // The app's own wait, but never past `until`: a wait for the next turn (10 s) must not run
    // the measured window over its end (it did, and counted turns drawn after it).
    Clock::time_point until{};
    const fv::KioskApp::Waiter block = [&until](int timeout_ms, SDL_Event& event) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now());
        const int cap = static_cast<int>(std::max<long long>(left.count(), 0));
        return SDL_WaitEventTimeout(&event, timeout_ms < 0 ? cap : std::min(timeout_ms, cap)) == 1;
    };
    // Past the first frames, onto idle.
    until = Clock::now() + std::chrono::seconds(1);
    while (Clock::now() < until) app.iterate(block);
    const long frames0 = app.frames_drawn();
    const std::size_t shown0 = app.outcome_shown();
    const double cpu0 = process_cpu_seconds();
    const auto t0 = Clock::now();
    until = t0 + std::chrono::seconds(seconds);
    while (Clock::now() < until) app.iterate(block);
    const double wall = ms_since(t0) / 1000.0;
    const long frames = app.frames_drawn() - frames0;
    // SDL's headless (offscreen) driver cannot block: its wait polls. Its cost alone, in the
    // same run, is the floor under the CPU figure here (on X11 the real app blocks; see below).
    const double floor0 = process_cpu_seconds();
    const auto f0 = Clock::now();
    SDL_Event ignored;
    while (Clock::now() < f0 + std::chrono::seconds(seconds)) SDL_WaitEventTimeout(&ignored, 200);
    const double floor = 100.0 * (process_cpu_seconds() - floor0) / (ms_since(f0) / 1000.0);
    std::printf(
        "attract screen with 3 you-said-we-did entries, %s, %d s: %ld frames (%.2f a "
        "10 s), CPU %.2f%% of one core (SDL's headless wait alone: %.2f%%), showing "
        "entry %zu then %zu\n",
        reduced_motion ? "reduced motion on" : "turning every 10 s", seconds, frames,
        10.0 * static_cast<double>(frames) / wall, 100.0 * (floor0 - cpu0) / wall, floor,
        shown0 + 1, app.outcome_shown() + 1);
}

int arg_int(int argc, char** argv, const std::string& name, int fallback) {
    for (int i = 1; i + 1 < argc; ++i)
        if (argv[i] == name) return std::atoi(argv[i + 1]);
    return fallback;
}

}  // namespace

int main(int argc, char** argv) {
    const int idle_seconds = arg_int(argc, argv, "--idle-seconds", 30);
    const int launches = arg_int(argc, argv, "--launches", 5);
    const int submits = arg_int(argc, argv, "--submits", 1000);
    const int stored = arg_int(argc, argv, "--stored", 100000);
    char tmpl[] = "/tmp/fieldvoice-bench-XXXXXX";
    const fs::path root = mkdtemp(tmpl);
    try {
        std::printf("fieldvoice kiosk benchmarks (%s)\n", fv::now_rfc3339().c_str());
        submit_latency(root / "submit", submits);
        idle_with_entries(root / "entries-still", idle_seconds, true);
        idle_with_entries(root / "entries-turning", idle_seconds, false);

        const auto t_fill = Clock::now();
        const fs::path full = make_data_dir(root / "full", stored);
        const fs::path empty = make_data_dir(root / "empty", 0);
        std::printf("filled a store with %d responses in %.1f s\n", stored,
                    ms_since(t_fill) / 1000);

        Display display;
        std::vector<double> first_full, first_empty;
        for (int i = 0; i < launches; ++i) {
            first_empty.push_back(launch_to_first_frame(display, empty));
            first_full.push_back(launch_to_first_frame(display, full));
        }
        std::printf(
            "launch to first frame (median of %d): %.0f ms with %d stored responses, "
            "%.0f ms with none (min %.0f / %.0f)\n",
            launches, percentile(first_full, 0.5), stored, percentile(first_empty, 0.5),
            percentile(first_full, 0), percentile(first_empty, 0));

        // The kiosk idle on its attract screen, with SDL's default renderer (on Xvfb that is
        // Mesa's software OpenGL) and with SDL_RENDER_DRIVER=software.
        struct Idle {
            std::string driver;
            double cpu = -1, first_ms = -1;
            long rss_kib = -1;
        };
        std::vector<Idle> idles = {{"", -1, -1, -1}, {"software", -1, -1, -1}};
        for (auto& idle : idles) {
            pid_t kiosk = -1;
            idle.first_ms = launch_to_first_frame(display, full, &kiosk, idle.driver);
            std::this_thread::sleep_for(std::chrono::seconds(2));  // past start-up, onto idle
            idle.cpu = idle_cpu_percent(kiosk, idle_seconds);
            idle.rss_kib = peak_rss_kib(kiosk);
            stop(kiosk);
        }
        // The real kiosk on Xvfb showing the entries, turning every 10 s (reduced motion is a
        // resident's choice on the screen; the in-process figures above have it on).
        {
            const fs::path with_entries = make_data_dir(root / "entries-real", 0);
            keep_entries(*fv::Store::open(fv::database_path(with_entries)),
                         fv::load_consultation_file(kSample).consultation->id);
            pid_t kiosk = -1;
            launch_to_first_frame(display, with_entries, &kiosk, "");
            std::this_thread::sleep_for(std::chrono::seconds(2));
            const double cpu = idle_cpu_percent(kiosk, idle_seconds);
            stop(kiosk);
            std::printf(
                "kiosk (default renderer) showing 3 you-said-we-did entries, turning every "
                "10 s: idle CPU over %d s %.2f%% of one core\n",
                idle_seconds, cpu);
        }
        double example_cpu = -1;
        const fs::path example = fs::absolute(argv[0]).parent_path() / "example_sdl_sdlrenderer";
        if (fs::exists(example)) {
            const pid_t ex = spawn({example.string()}, {"DISPLAY=" + display.name});
            std::this_thread::sleep_for(std::chrono::seconds(2));
            example_cpu = idle_cpu_percent(ex, idle_seconds);
            stop(ex);
        }
        for (const auto& idle : idles) {
            const char* name =
                idle.driver.empty() ? "default renderer" : "SDL_RENDER_DRIVER=software";
            std::printf(
                "kiosk (%s) with %d stored responses: idle CPU over %d s %.2f%% of one "
                "core, peak RSS %.1f MB, first frame %.0f ms\n",
                name, stored, idle_seconds, idle.cpu, static_cast<double>(idle.rss_kib) / 1024.0,
                idle.first_ms);
        }
        std::printf(
            "Debian's example_sdl_sdlrenderer, same display, same run: idle CPU %.2f%% of "
            "one core\n",
            example_cpu);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_kiosk: %s\n", e.what());
        fs::remove_all(root);
        return 1;
    }
    fs::remove_all(root);
    return 0;
}
