// The real fieldvoice binary in a real X window: Xvfb on a free display, a visit clicked
// through with xdotool at the buttons the app reports (FIELDVOICE_PROBE_FILE), and the response
// then found in the kiosk's SQLite database. Nothing is skipped: missing tools fail the test.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "app/settings_keys.hpp"
#include "core/store/store.hpp"
#include "core/util/pin.hpp"

extern char** environ;

namespace {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

bool on_path(const std::string& program) {
    const char* path = std::getenv("PATH");
    std::stringstream dirs(path ? path : "/usr/bin:/bin");
    for (std::string dir; std::getline(dirs, dir, ':');) {
        if (access((fs::path(dir) / program).c_str(), X_OK) == 0) return true;
    }
    return false;
}

pid_t spawn(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env,
            const posix_spawn_file_actions_t* actions = nullptr) {
    // The extra entries go first: getenv finds the first of a name, so they override.
    std::vector<std::string> env_strings(extra_env);
    for (char** e = environ; *e; ++e) env_strings.emplace_back(*e);
    std::vector<char*> args, env;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    for (auto& e : env_strings) env.push_back(e.data());
    env.push_back(nullptr);
    pid_t pid = -1;
    if (posix_spawnp(&pid, argv[0].c_str(), actions, nullptr, args.data(), env.data()) != 0) {
        return -1;
    }
    return pid;
}

int wait_exit(pid_t pid, std::chrono::seconds limit) {
    const auto end = std::chrono::steady_clock::now() + limit;
    int status = 0;
    while (std::chrono::steady_clock::now() < end) {
        if (waitpid(pid, &status, WNOHANG) == pid)
            return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        std::this_thread::sleep_for(20ms);
    }
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    return -2;
}

// Polls `ready` every 50 ms until it holds or `limit` passes.
bool poll_until(const std::function<bool()>& ready, std::chrono::seconds limit) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end) {
        if (ready()) return true;
        std::this_thread::sleep_for(50ms);
    }
    return ready();
}

class XvfbVisit : public ::testing::Test {
  protected:
    // The X screen's size; a test may change it before starting the server.
    std::string screen_ = "1280x800x24";

    void SetUp() override { start_xvfb(); }

    void start_xvfb() {
        for (const char* tool : {"Xvfb", "xdotool"}) {
            ASSERT_TRUE(on_path(tool))
                << tool << " is missing: run platform/setup/install-deps.sh --test";
        }
        dir_ = fs::temp_directory_path() / ("fv-xvfb-" + std::to_string(getpid()));
        fs::create_directories(dir_);
        probe_ = dir_ / "probe.json";

        // Xvfb picks a free display itself and tells us its number through -displayfd.
        int fds[2];
        ASSERT_EQ(pipe(fds), 0);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addclose(&actions, fds[0]);
        xvfb_ = spawn({"Xvfb", "-displayfd", std::to_string(fds[1]), "-screen", "0", screen_,
                       "-nolisten", "tcp"},
                      {}, &actions);
        posix_spawn_file_actions_destroy(&actions);
        close(fds[1]);
        ASSERT_GT(xvfb_, 0) << "could not start Xvfb";
        std::string number;
        char c;
        while (read(fds[0], &c, 1) == 1 && c != '\n') number += c;
        close(fds[0]);
        ASSERT_FALSE(number.empty()) << "Xvfb did not report its display number";
        display_ = "DISPLAY=:" + number;
    }

    void TearDown() override {
        if (app_ > 0) {
            kill(app_, SIGKILL);
            waitpid(app_, nullptr, 0);
        }
        if (xvfb_ > 0) {
            kill(xvfb_, SIGTERM);
            wait_exit(xvfb_, 10s);
        }
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }

    // Starts the real kiosk on the libraries sample, its officer PIN already chosen so that
    // the first run goes straight to the attract screen. Returns its data folder.
    fs::path start_kiosk() {
        const fs::path data = dir_ / "data";
        fs::create_directories(data);
        {
            auto store = fv::Store::open(fv::database_path(data));
            store->set_setting(fv::kSettingOfficerPinHash, fv::hash_pin("2580"));
        }
        const std::string consultation =
            (fs::path(FIELDVOICE_ASSETS_DIR) / "consultations" / "libraries-2027.json").string();
        app_ = spawn({FIELDVOICE_BIN, "--data-dir", data.string(), "--consultation", consultation},
                     {display_, "FIELDVOICE_PROBE_FILE=" + probe_.string(),
                      // In a sanitizer build, X11's GL and D-Bus libraries leave allocations
                      // that LeakSanitizer cannot even name (they are unloaded by exit); our own
                      // code's leaks are checked by the headless tests, which run the same app.
                      "ASAN_OPTIONS=detect_leaks=0:abort_on_error=1"});
        return data;
    }

    nlohmann::json probe() const {
        std::ifstream in(probe_);
        if (!in) return {};
        try {
            return nlohmann::json::parse(in);
        } catch (const nlohmann::json::exception&) {
            return {};
        }
    }

    bool shows(const std::string& text) const {
        const auto p = probe();
        if (!p.is_object()) return false;
        for (const auto& t : p["texts"]) {
            if (t == text) return true;
        }
        for (const auto& i : p["items"]) {
            if (i["label"] == text) return true;
        }
        return false;
    }

    const nlohmann::json* find_item(const nlohmann::json& p, const std::string& label) const {
        if (!p.is_object()) return nullptr;
        for (const auto& i : p["items"]) {
            if (i["label"] == label && i["enabled"] == true) return &i;
        }
        return nullptr;
    }

    // Waits for `wait_text` to show (when given), then clicks the enabled item `label`.
    void click(const std::string& label, const std::string& wait_text = "") {
        if (!wait_text.empty()) {
            ASSERT_TRUE(poll_until([&] { return shows(wait_text); }, 20s))
                << "\"" << wait_text << "\" never showed; last probe: " << probe().dump();
        }
        nlohmann::json p;
        ASSERT_TRUE(poll_until(
            [&] {
                p = probe();
                return find_item(p, label) != nullptr;
            },
            20s))
            << "no enabled \"" << label << "\"; last probe: " << p.dump();
        const auto& i = *find_item(p, label);
        const int x = static_cast<int>((i["x0"].get<double>() + i["x1"].get<double>()) / 2);
        const int y = static_cast<int>((i["y0"].get<double>() + i["y1"].get<double>()) / 2);
        const pid_t xdo =
            spawn({"xdotool", "mousemove", std::to_string(x), std::to_string(y), "click", "1"},
                  {display_});
        ASSERT_GT(xdo, 0);
        ASSERT_EQ(wait_exit(xdo, 20s), 0) << "xdotool failed";
    }

    fs::path dir_, probe_;
    std::string display_;
    pid_t xvfb_ = -1, app_ = -1;
};

TEST_F(XvfbVisit, RealBinaryVisitLandsInTheDatabase) {
    const fs::path data = start_kiosk();
    ASSERT_GT(app_, 0) << "could not start " << FIELDVOICE_BIN;

    click("Touch to start", "Your library, your say");
    click("I agree, start");
    click("Next", "Question 1 of 11");
    click("Happy", "How was your visit to the library today?");
    ASSERT_TRUE(poll_until(
        [&] {
            const auto p = probe();
            const auto* i = find_item(p, "Happy");
            return i && (*i)["selected"] == true;
        },
        20s));
    click("Next");
    click("Next", "Question 3 of 11");
    click("Sunday", "Question 4 of 11");
    ASSERT_TRUE(poll_until(
        [&] {
            const auto p = probe();
            const auto* i = find_item(p, "Sunday");
            return i && (*i)["selected"] == true;
        },
        20s));
    click("Next");
    for (int n = 5; n < 11; ++n) click("Next", "Question " + std::to_string(n) + " of 11");
    click("Send my answers", "Question 11 of 11");
    ASSERT_TRUE(poll_until([&] { return shows("Thank you"); }, 20s)) << probe().dump();

    if (on_path("import")) {
        const fs::path shot = fs::current_path() / "ui-screens" / "XvfbVisit-thanks.png";
        fs::create_directories(shot.parent_path());
        const pid_t imp = spawn({"import", "-window", "root", shot.string()}, {display_});
        EXPECT_EQ(wait_exit(imp, 30s), 0);
    }

    // The response is durable before "Thank you" shows; read it as another process would.
    std::vector<fv::StoredResponse> stored;
    ASSERT_TRUE(poll_until(
        [&] {
            auto store = fv::Store::open(fv::database_path(data));
            stored = store->responses();
            return stored.size() == 1;
        },
        20s));
    const fv::Response& r = stored[0].response;
    EXPECT_EQ(r.consultation_id, "libraries-2027");
    EXPECT_EQ(r.language, "en");
    EXPECT_EQ(r.answers["visit-rating"], 4);
    EXPECT_EQ(r.answers["opening-hours"], "sunday");
    EXPECT_TRUE(r.consent.privacy_notice);

    // SIGTERM arrives as SDL_QUIT: the kiosk ends cleanly.
    kill(app_, SIGTERM);
    EXPECT_EQ(wait_exit(app_, 20s), 0);
    app_ = -1;
}

// A kiosk started with xinit has no window manager: "full screen" must still be the whole
// screen, at its origin, so no tap lands off by the part lost at an edge.
class XvfbScreen1366 : public XvfbVisit {
  protected:
    void SetUp() override {
        screen_ = "1366x768x24";
        start_xvfb();
    }
};

TEST_F(XvfbScreen1366, FullScreenWithNoWindowManagerFillsTheScreen) {
    start_kiosk();
    ASSERT_GT(app_, 0) << "could not start " << FIELDVOICE_BIN;
    ASSERT_TRUE(poll_until([&] { return shows("Touch to start"); }, 30s)) << probe().dump();

    // xdotool reads the window's geometry from the X server itself.
    const fs::path out = dir_ / "geometry.txt";
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const pid_t xdo = spawn({"xdotool", "search", "--name", "^Fieldvoice$", "getwindowgeometry",
                             "--shell"},
                            {display_}, &actions);
    posix_spawn_file_actions_destroy(&actions);
    ASSERT_GT(xdo, 0);
    ASSERT_EQ(wait_exit(xdo, 20s), 0) << "xdotool found no Fieldvoice window";
    std::ifstream in(out);
    std::map<std::string, int> geometry;
    for (std::string line; std::getline(in, line);) {
        const auto eq = line.find('=');
        if (eq == std::string::npos) continue;
        geometry[line.substr(0, eq)] = std::atoi(line.c_str() + eq + 1);
    }
    EXPECT_EQ(geometry["X"], 0);
    EXPECT_EQ(geometry["Y"], 0);
    EXPECT_EQ(geometry["WIDTH"], 1366);
    EXPECT_EQ(geometry["HEIGHT"], 768);
    // And the app draws at that size: its footer button sits inside the 768 px.
    const auto p = probe();
    const auto* start = find_item(p, "Touch to start");
    ASSERT_NE(start, nullptr);
    EXPECT_LE((*start)["y1"].get<double>(), 768.0);

    kill(app_, SIGTERM);
    EXPECT_EQ(wait_exit(app_, 20s), 0);
    app_ = -1;
}

}  // namespace
