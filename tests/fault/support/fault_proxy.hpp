// A test-only loopback TCP proxy that sits between the sync engine and fieldvoice-central and
// breaks connections on purpose (seeded, so a failing run can be replayed).
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <deque>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace fv::test {

// What the proxy does with one request (decided when the client starts sending it).
enum class Fault : int {
    Pass = 0,           // forward both ways untouched
    DropBeforeRequest,  // read the request, forward nothing, close
    DropAfterRequest,   // forward the request, close when the reply starts (the store did commit)
    DropMidReply,       // forward half of the reply's first chunk, then close
    Delay,              // wait up to `max_delay_ms` before forwarding the request
    Throttle,           // forward in small pieces with pauses, both ways
    CannedReply,        // answer with `canned_reply` without reaching the store (scripted only)
};
constexpr int kFaultKinds = 7;
const char* to_string(Fault fault);

struct ScriptedFault {
    Fault fault = Fault::Pass;
    std::string canned_reply;  // a whole raw HTTP response, for CannedReply
};

class FaultProxy {
  public:
    FaultProxy(int upstream_port, std::uint64_t seed);
    ~FaultProxy();
    FaultProxy(const FaultProxy&) = delete;
    FaultProxy& operator=(const FaultProxy&) = delete;

    int port() const { return port_; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/"; }
    void set_upstream_port(int port) { upstream_port_ = port; }
    // Probability in [0, 1] that a request gets a random fault (not CannedReply). 0 stops faults.
    void set_fault_rate(double rate);
    void set_max_delay_ms(int ms) { max_delay_ms_ = ms; }
    // Faults for the next requests, in order, before the random ones resume.
    void script(std::vector<ScriptedFault> faults);

    std::int64_t count(Fault fault) const { return counts_[static_cast<int>(fault)].load(); }
    std::int64_t faults() const;  // everything but Pass
    std::int64_t requests() const;
    std::string summary() const;  // "pass=.. drop_before_request=.. ..."

  private:
    void accept_loop();
    void handle(int client_fd);
    ScriptedFault decide();

    int listen_fd_ = -1;
    int port_ = 0;
    std::atomic<int> upstream_port_;
    std::atomic<bool> stopping_{false};
    std::mutex mutex_;  // guards rng_, rate_, script_, handlers_
    std::mt19937_64 rng_;
    double rate_ = 0.0;
    std::atomic<int> max_delay_ms_{300};
    std::deque<ScriptedFault> script_;
    std::array<std::atomic<std::int64_t>, kFaultKinds> counts_{};
    std::thread acceptor_;
    std::vector<std::thread> handlers_;
};

}  // namespace fv::test
