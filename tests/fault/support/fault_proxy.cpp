// Threads: one accepting, one per client connection (poll over the client and upstream
// sockets). Requests on a kept-alive connection each get their own decision.
#include "fault_proxy.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstring>
#include <sstream>
#include <stdexcept>

namespace fv::test {
namespace {

bool write_all(int fd, const char* data, std::size_t size) {
    while (size > 0) {
        const ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
        if (n <= 0) return false;
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

bool write_slowly(int fd, const char* data, std::size_t size) {
    constexpr std::size_t kPiece = 512;
    while (size > 0) {
        const std::size_t piece = std::min(size, kPiece);
        if (!write_all(fd, data, piece)) return false;
        data += piece;
        size -= piece;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return true;
}

int connect_upstream(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return -1;
    }
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

// True when `buffer` holds a whole HTTP request (headers and Content-Length bytes of body).
bool whole_request(const std::string& buffer) {
    const auto end = buffer.find("\r\n\r\n");
    if (end == std::string::npos) return false;
    std::string head = buffer.substr(0, end);
    std::transform(head.begin(), head.end(), head.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::size_t length = 0;
    const auto at = head.find("content-length:");
    if (at != std::string::npos) length = std::stoul(head.substr(at + 15));
    return buffer.size() >= end + 4 + length;
}

}  // namespace

const char* to_string(Fault fault) {
    switch (fault) {
        case Fault::Pass:
            return "pass";
        case Fault::DropBeforeRequest:
            return "drop_before_request";
        case Fault::DropAfterRequest:
            return "drop_after_request";
        case Fault::DropMidReply:
            return "drop_mid_reply";
        case Fault::Delay:
            return "delay";
        case Fault::Throttle:
            return "throttle";
        case Fault::CannedReply:
            return "canned_reply";
    }
    return "?";
}

FaultProxy::FaultProxy(int upstream_port, std::uint64_t seed)
    : upstream_port_(upstream_port), rng_(seed) {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listen_fd_ < 0) throw std::runtime_error("fault proxy: socket() failed");
    const int one = 1;
    ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = 0;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(listen_fd_, 64) != 0) {
        ::close(listen_fd_);
        throw std::runtime_error("fault proxy: cannot listen on 127.0.0.1");
    }
    socklen_t len = sizeof addr;
    ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    acceptor_ = std::thread([this] { accept_loop(); });
}

FaultProxy::~FaultProxy() {
    stopping_ = true;
    ::shutdown(listen_fd_, SHUT_RDWR);
    acceptor_.join();
    ::close(listen_fd_);
    std::vector<std::thread> handlers;
    {
        std::lock_guard lock(mutex_);
        handlers.swap(handlers_);
    }
    for (auto& t : handlers) t.join();
}

void FaultProxy::set_fault_rate(double rate) {
    std::lock_guard lock(mutex_);
    rate_ = std::clamp(rate, 0.0, 1.0);
}

void FaultProxy::script(std::vector<ScriptedFault> faults) {
    std::lock_guard lock(mutex_);
    for (auto& f : faults) script_.push_back(std::move(f));
}

std::int64_t FaultProxy::faults() const {
    std::int64_t total = 0;
    for (int i = 1; i < kFaultKinds; ++i) total += counts_[i].load();
    return total;
}

std::int64_t FaultProxy::requests() const {
    return faults() + counts_[0].load();
}

std::string FaultProxy::summary() const {
    std::ostringstream out;
    for (int i = 0; i < kFaultKinds; ++i) {
        out << (i ? " " : "") << to_string(static_cast<Fault>(i)) << '=' << counts_[i].load();
    }
    return out.str();
}

ScriptedFault FaultProxy::decide() {
    std::lock_guard lock(mutex_);
    ScriptedFault out;
    if (!script_.empty()) {
        out = std::move(script_.front());
        script_.pop_front();
    } else if (std::uniform_real_distribution<double>(0, 1)(rng_) < rate_) {
        // Uniform over the random kinds: DropBeforeRequest .. Throttle.
        out.fault = static_cast<Fault>(std::uniform_int_distribution<int>(1, 5)(rng_));
    }
    counts_[static_cast<int>(out.fault)]++;
    return out;
}

void FaultProxy::accept_loop() {
    while (!stopping_) {
        const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0) {
            if (stopping_) return;
            continue;
        }
        std::lock_guard lock(mutex_);
        handlers_.emplace_back([this, fd] { handle(fd); });
    }
}

void FaultProxy::handle(int client_fd) {
    const int upstream_fd = connect_upstream(upstream_port_);
    if (upstream_fd < 0) {  // the store is down: the client sees a closed connection
        ::close(client_fd);
        return;
    }
    std::mt19937_64 delay_rng;
    {
        std::lock_guard lock(mutex_);
        delay_rng.seed(rng_());
    }
    bool in_request = false;  // client bytes seen since the last reply started
    ScriptedFault action;
    std::string pending;  // request bytes held back for a canned reply
    char buffer[65536];
    pollfd fds[2] = {{client_fd, POLLIN, 0}, {upstream_fd, POLLIN, 0}};
    while (!stopping_) {
        const int ready = ::poll(fds, 2, 100);
        if (ready < 0) break;
        if (ready == 0) continue;
        if (fds[0].revents != 0) {
            const ssize_t n = ::recv(client_fd, buffer, sizeof buffer, 0);
            if (n <= 0) break;
            if (!in_request) {
                in_request = true;
                action = decide();
                if (action.fault == Fault::Delay) {
                    const int top = std::max(1, max_delay_ms_.load());
                    // In short steps, so that stopping the proxy never waits out a delay.
                    const auto until = std::chrono::steady_clock::now() +
                                       std::chrono::milliseconds(
                                           std::uniform_int_distribution<int>(0, top)(delay_rng));
                    while (!stopping_ && std::chrono::steady_clock::now() < until) {
                        std::this_thread::sleep_for(std::chrono::milliseconds(5));
                    }
                }
            }
            if (action.fault == Fault::DropBeforeRequest) break;
            if (action.fault == Fault::CannedReply) {
                pending.append(buffer, static_cast<std::size_t>(n));
                if (whole_request(pending)) {
                    write_all(client_fd, action.canned_reply.data(), action.canned_reply.size());
                    break;
                }
                continue;
            }
            const bool sent = action.fault == Fault::Throttle
                                  ? write_slowly(upstream_fd, buffer, static_cast<std::size_t>(n))
                                  : write_all(upstream_fd, buffer, static_cast<std::size_t>(n));
            if (!sent) break;
        }
        if (fds[1].revents != 0) {
            const ssize_t n = ::recv(upstream_fd, buffer, sizeof buffer, 0);
            if (n <= 0) break;
            in_request = false;
            if (action.fault == Fault::DropAfterRequest) break;
            if (action.fault == Fault::DropMidReply) {
                write_all(client_fd, buffer, static_cast<std::size_t>(n) / 2);
                break;
            }
            const bool sent = action.fault == Fault::Throttle
                                  ? write_slowly(client_fd, buffer, static_cast<std::size_t>(n))
                                  : write_all(client_fd, buffer, static_cast<std::size_t>(n));
            if (!sent) break;
        }
    }
    ::close(client_fd);
    ::close(upstream_fd);
}

}  // namespace fv::test
