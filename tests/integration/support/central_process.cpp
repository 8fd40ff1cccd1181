// posix_spawn of fieldvoice-central with its output in files (no pipes to fill up), readiness by
// polling /api/v1/health with a deadline, and SIGTERM / SIGKILL with the exit status reaped.
#include "central_process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace fv::test {

namespace {

using Clock = std::chrono::steady_clock;

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Starts `argv` with stdout to `out` (truncated) and stderr appended to `err`.
pid_t spawn(const std::vector<std::string>& args, const std::filesystem::path& out,
            const std::filesystem::path& err) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        throw std::runtime_error("cannot start " + args[0] + ": " + std::strerror(rc));
    }
    return pid;
}

int exit_code_of(int status) {
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return -1;
}

std::filesystem::path make_temp_dir() {
    std::string templ = (std::filesystem::temp_directory_path() / "fv-central-XXXXXX").string();
    if (mkdtemp(templ.data()) == nullptr) throw std::runtime_error("cannot make a temp dir");
    return templ;
}

}  // namespace

std::string central_binary() {
#ifdef FIELDVOICE_CENTRAL_BIN
    return FIELDVOICE_CENTRAL_BIN;
#else
    if (const char* env = std::getenv("FIELDVOICE_CENTRAL_BIN")) return env;
    throw std::runtime_error("FIELDVOICE_CENTRAL_BIN is not defined: build fieldvoice-central");
#endif
}

std::string CommandResult::last_line() const {
    std::istringstream lines(out);
    std::string line, last;
    while (std::getline(lines, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!line.empty()) last = line;
    }
    return last;
}

CommandResult run_central(const std::vector<std::string>& args) {
    const auto dir = make_temp_dir();
    std::vector<std::string> argv{central_binary()};
    argv.insert(argv.end(), args.begin(), args.end());
    CommandResult result;
    const pid_t pid = spawn(argv, dir / "out", dir / "err");
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    result.exit_code = exit_code_of(status);
    result.out = read_file(dir / "out");
    result.err = read_file(dir / "err");
    std::filesystem::remove_all(dir);
    return result;
}

int http_get_status(const std::string& host, int port, const std::string& path,
                    std::chrono::milliseconds timeout) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    ::inet_pton(AF_INET, host.c_str(), &addr.sin_addr);
    int status = -1;
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
        const std::string request =
            "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
        if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
            static_cast<ssize_t>(request.size())) {
            std::string reply;
            const auto end = Clock::now() + timeout;
            char buf[1024];
            while (reply.find("\r\n") == std::string::npos && Clock::now() < end) {
                pollfd p{fd, POLLIN, 0};
                if (::poll(&p, 1, 50) <= 0) continue;
                const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
                if (n <= 0) break;
                reply.append(buf, static_cast<std::size_t>(n));
            }
            std::smatch m;
            static const std::regex kStatus(R"(^HTTP/1\.[01] (\d{3}))");
            if (std::regex_search(reply, m, kStatus)) status = std::stoi(m[1]);
        }
    }
    ::close(fd);
    return status;
}

CentralProcess::CentralProcess() : CentralProcess(Options{}) {}

CentralProcess::CentralProcess(Options options) : options_(std::move(options)) {
    if (options_.dir.empty()) {
        dir_ = make_temp_dir();
        own_dir_ = true;
    } else {
        dir_ = options_.dir;
        std::filesystem::create_directories(dir_);
    }
    db_ = options_.db.empty() ? dir_ / "central.db" : options_.db;
}

CentralProcess::~CentralProcess() {
    kill();
    if (own_dir_) {
        std::error_code ignored;
        std::filesystem::remove_all(dir_, ignored);
    }
}

void CentralProcess::start(std::chrono::milliseconds deadline) {
    if (pid_ > 0) throw std::runtime_error("fieldvoice-central is already running");
    std::vector<std::string> args{central_binary(), "--db",
                                  db_.string(),     "serve",
                                  "--listen",       host_ + ":" + std::to_string(port_)};
    if (!options_.prefix.empty()) args.insert(args.end(), {"--prefix", options_.prefix});
    if (!options_.store_name.empty())
        args.insert(args.end(), {"--store-name", options_.store_name});
    const bool tls = !options_.tls_cert.empty();
    if (tls) {
        args.insert(args.end(), {"--tls-cert", options_.tls_cert.string(), "--tls-key",
                                 options_.tls_key.string()});
    }
    const auto out = dir_ / ("serve-" + std::to_string(++starts_) + ".out");
    pid_ = spawn(args, out, dir_ / "server.log");

    const auto end = Clock::now() + deadline;
    auto fail = [&](const std::string& why) {
        kill();
        throw std::runtime_error("fieldvoice-central did not start: " + why +
                                 "\n--- its standard error:\n" + server_log());
    };
    static const std::regex kListening(R"(listening on https?://[^ ]*:(\d+)/)");
    // First the port (printed once bound), then a health check that answers 200.
    while (true) {
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            fail("it exited with status " + std::to_string(exit_code_of(status)));
        }
        if (port_ == 0) {
            std::smatch m;
            const std::string printed = read_file(out);
            if (std::regex_search(printed, m, kListening)) port_ = std::stoi(m[1]);
        }
        if (port_ != 0 && tls && std::regex_search(read_file(out), kListening)) return;
        if (port_ != 0 && !tls &&
            http_get_status(host_, port_, options_.prefix + "/api/v1/health") == 200) {
            return;
        }
        if (Clock::now() > end) fail("no answer from /api/v1/health before the deadline");
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

int CentralProcess::terminate(std::chrono::milliseconds deadline) {
    if (pid_ <= 0) throw std::runtime_error("fieldvoice-central is not running");
    ::kill(pid_, SIGTERM);
    const auto end = Clock::now() + deadline;
    while (Clock::now() < end) {
        int status = 0;
        const pid_t done = waitpid(pid_, &status, WNOHANG);
        if (done == pid_) {
            pid_ = -1;
            return exit_code_of(status);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    kill();
    throw std::runtime_error("fieldvoice-central did not exit within the deadline after SIGTERM");
}

void CentralProcess::kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
}

void CentralProcess::restart() {
    kill();
    start();
}

bool CentralProcess::running() {
    if (pid_ <= 0) return false;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return false;
    }
    return true;
}

std::string CentralProcess::base_url() const {
    return std::string(options_.tls_cert.empty() ? "http" : "https") + "://" + host_ + ":" +
           std::to_string(port_) + options_.prefix + "/";
}

std::string CentralProcess::url(const std::string& api_path) const {
    return std::string(options_.tls_cert.empty() ? "http" : "https") + "://" + host_ + ":" +
           std::to_string(port_) + options_.prefix + "/api/v1" + api_path;
}

std::string CentralProcess::server_log() const {
    return read_file(dir_ / "server.log");
}

CommandResult CentralProcess::run(const std::vector<std::string>& args) const {
    std::vector<std::string> full{"--db", db_.string()};
    full.insert(full.end(), args.begin(), args.end());
    return run_central(full);
}

namespace {
CommandResult must(const CommandResult& result, const std::string& what) {
    if (result.exit_code != 0) {
        throw std::runtime_error("fieldvoice-central " + what + " failed with status " +
                                 std::to_string(result.exit_code) + ": " + result.err);
    }
    return result;
}
}  // namespace

std::string CentralProcess::enrol_code(const std::string& device_name) const {
    return must(run({"enrol-code", "--name", device_name}), "enrol-code").last_line();
}

std::string CentralProcess::officer_token(const std::string& name) const {
    return must(run({"officer-token", "--name", name}), "officer-token").last_line();
}

std::string CentralProcess::publish(const std::filesystem::path& definition) const {
    return must(run({"publish", definition.string()}), "publish").last_line();
}

void CentralProcess::revoke_device(const std::string& device_id) const {
    must(run({"revoke-device", device_id}), "revoke-device");
}

}  // namespace fv::test
