// Test support: the REAL fieldvoice-central program as a child process on a loopback port, with
// its own temporary database, and its command-line subcommands. Needs only POSIX (no HTTP
// library), so any test folder can compile central_process.cpp in.
//
//   fv::test::CentralProcess central;            // temp dir + db, not started yet
//   central.publish(assets + "/consultations/libraries-2027.json");
//   std::string code = central.enrol_code("Kiosk 1");
//   central.start();                             // waits until /api/v1/health answers 200
//   device.set_store_url(central.base_url());    // "http://127.0.0.1:PORT/" (+ prefix)
//   central.kill(); central.start();             // SIGKILL, then again on the same port
//   EXPECT_EQ(central.terminate(), 0);           // SIGTERM and the exit status
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace fv::test {

// The path of the fieldvoice-central binary (FIELDVOICE_CENTRAL_BIN, given by tests/CMakeLists).
std::string central_binary();

struct CommandResult {
    int exit_code = -1;  // the exit status; 128 + signal when killed by one
    std::string out;     // standard output
    std::string err;     // standard error
    // The last non-empty line of standard output (codes and tokens are printed there).
    std::string last_line() const;
};

// Runs `fieldvoice-central ARGS...` to completion (no --db added).
CommandResult run_central(const std::vector<std::string>& args);

class CentralProcess {
  public:
    struct Options {
        std::string prefix;  // e.g. "/fieldvoice": passed as serve --prefix
        std::string store_name;
        std::filesystem::path dir;  // "" : a new temporary directory, removed at the end
        std::filesystem::path db;   // "" : DIR/central.db; else this database file (a benchmark's)
        // serve --tls-cert/--tls-key: the store answers HTTPS itself, and base_url() and url()
        // say https. Ready once it prints that it listens (bound and listening: connections
        // wait in the backlog until it accepts), as this POSIX-only helper speaks no TLS.
        std::filesystem::path tls_cert, tls_key;
    };
    CentralProcess();
    explicit CentralProcess(Options options);
    ~CentralProcess();  // SIGKILLs the server if running, removes its temporary directory
    CentralProcess(const CentralProcess&) = delete;
    CentralProcess& operator=(const CentralProcess&) = delete;

    // Starts `serve` on 127.0.0.1 (a free port the first time, the same port afterwards) and
    // waits until GET /api/v1/health answers 200. Throws std::runtime_error with the server's
    // standard error when it exits or does not answer before the deadline.
    void start(std::chrono::milliseconds deadline = std::chrono::seconds(30));
    // SIGTERM, then waits for the exit; returns the exit status (128 + signal if killed by one).
    int terminate(std::chrono::milliseconds deadline = std::chrono::seconds(30));
    // SIGKILL and reap (nothing happens when it is not running).
    void kill();
    // kill() then start() on the same port.
    void restart();
    bool running();

    pid_t pid() const { return pid_; }
    int port() const { return port_; }
    const std::string& host() const { return host_; }
    // "http://127.0.0.1:PORT/" with the prefix when there is one ("…/fieldvoice/"); https with
    // TLS.
    std::string base_url() const;
    // "http://127.0.0.1:PORT/api/v1" + path (with the prefix), for direct HTTP calls in tests.
    std::string url(const std::string& api_path) const;
    const std::filesystem::path& dir() const { return dir_; }
    const std::filesystem::path& db_path() const { return db_; }
    // Everything the server wrote to standard error so far (its request log), over all starts.
    std::string server_log() const;

    // `fieldvoice-central --db DB ARGS...`, with the server running or not.
    CommandResult run(const std::vector<std::string>& args) const;
    // These throw std::runtime_error (with the command's stderr) when the command fails.
    std::string enrol_code(const std::string& device_name) const;  // "7KQ2-9XMD"
    std::string officer_token(const std::string& name) const;
    std::string publish(const std::filesystem::path& definition) const;  // the printed line
    void revoke_device(const std::string& device_id) const;

  private:
    Options options_;
    std::filesystem::path dir_, db_;
    bool own_dir_ = false;
    pid_t pid_ = -1;
    int port_ = 0;
    int starts_ = 0;
    std::string host_ = "127.0.0.1";
};

// Blocking HTTP/1.1 GET on loopback with a raw socket; returns the status or -1 when nothing
// answered. Enough to poll health without an HTTP library.
int http_get_status(const std::string& host, int port, const std::string& path,
                    std::chrono::milliseconds timeout = std::chrono::seconds(2));

}  // namespace fv::test
