// Routes, authentication, request bodies and logging of the central store over cpp-httplib 0.11.
#include "sync/central/server.hpp"

#include <httplib.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>
#include <regex>
#include <stdexcept>
#include <thread>

#include "core/util/ids.hpp"
#include "sync/central/body.hpp"
#include "sync/central/console.hpp"
#include "sync/central/outcomes.hpp"
#include "sync/central/service.hpp"
#include "sync/protocol/protocol.hpp"

namespace fv::central {

namespace code = protocol::code;

namespace {

// What the log line and the body reader need to know about the request in hand. cpp-httplib runs
// pre-routing, the handler and the logger of one request on the same worker thread.
struct RequestContext {
    std::chrono::steady_clock::time_point start;
    std::string content_encoding;
    std::string device_id;
};
thread_local RequestContext t_request;

void send(httplib::Response& res, const Reply& reply) {
    res.status = reply.status;
    for (const auto& [name, value] : reply.headers) res.set_header(name.c_str(), value);
    if (!reply.body.empty()) res.set_content(reply.body, reply.content_type.c_str());
}

std::string bearer_token(const httplib::Request& req) {
    const std::string header = req.get_header_value("Authorization");
    constexpr std::string_view kScheme = "bearer ";
    if (header.size() <= kScheme.size()) return {};
    for (std::size_t i = 0; i < kScheme.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(header[i])) != kScheme[i]) return {};
    }
    std::string token = header.substr(kScheme.size());
    while (!token.empty() && token.back() == ' ') token.pop_back();
    return token;
}

std::string regex_escape(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (std::string_view(".^$|()[]{}*+?\\").find(c) != std::string_view::npos) out += '\\';
        out += c;
    }
    return out;
}

const char* default_code(int status) {
    switch (status) {
        case 400:
            return "invalid_request";
        case 401:
            return "missing_token";
        case 403:
            return "forbidden";
        case 404:
            return "not_found";
        case 405:
            return "method_not_allowed";
        case 413:
            return "body_too_large";
        case 414:
            return "uri_too_long";
        case 415:
            return "bad_content_encoding";
        case 429:
            return "rate_limited";
        case 503:
            return "shutting_down";
        default:
            return status >= 500 ? "internal_error" : "http_error";
    }
}

std::string default_message(int status) {
    switch (status) {
        case 400:
            return "The request could not be read.";
        case 404:
            return "There is no such endpoint on this store; check the store URL.";
        case 413:
            return "The request body is larger than 8 MiB; send a smaller batch.";
        default:
            return status >= 500 ? "The store failed to handle the request; try again later."
                                 : "The request was refused (HTTP " + std::to_string(status) + ").";
    }
}

// True when nothing accepts connections on host:port. A probe *bind* would not do: connections
// of a store killed a moment ago linger (FIN_WAIT, TIME_WAIT) with httplib's SO_REUSEPORT and
// would block a restart on the same port, which fault tests and operators both need.
bool nothing_listening(const std::string& host, int port) {
    std::string target = host;
    if (target == "0.0.0.0" || target.empty()) target = "127.0.0.1";
    if (target == "::") target = "::1";
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV;
    addrinfo* found = nullptr;
    if (::getaddrinfo(target.c_str(), std::to_string(port).c_str(), &hints, &found) != 0) {
        return true;  // let httplib report the bad address
    }
    bool listening = false;
    for (addrinfo* a = found; a != nullptr && !listening; a = a->ai_next) {
        const int fd =
            ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, a->ai_protocol);
        if (fd < 0) continue;
        if (::connect(fd, a->ai_addr, a->ai_addrlen) == 0) {
            listening = true;
        } else if (errno == EINPROGRESS) {
            pollfd p{fd, POLLOUT, 0};
            int error = 0;
            socklen_t len = sizeof error;
            if (::poll(&p, 1, 1000) == 1 &&
                ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &len) == 0 && error == 0) {
                listening = true;
            }
        }
        ::close(fd);
    }
    ::freeaddrinfo(found);
    return !listening;
}

}  // namespace

bool valid_prefix(const std::string& prefix) {
    static const std::regex kPrefix(R"((/[A-Za-z0-9._-]+)*)");
    return std::regex_match(prefix, kPrefix);
}

// cpp-httplib 0.11 listens with a backlog of 5: 50 devices connecting at once overflow it and
// wait a whole SYN retransmission (1 s) or see their connection reset. Linux lets listen() be
// called again on the bound socket to widen the backlog, which needs the protected socket.
struct ListeningSocket : httplib::Server {
    static void widen_backlog(httplib::Server& server, int backlog) {
        const auto sock = (server.*(&ListeningSocket::svr_sock_)).load();
        if (sock != INVALID_SOCKET) ::listen(sock, backlog);
    }
};

// Plain HTTP, or HTTPS when the options name a certificate and key (both checked here, so a
// wrong path or a key that does not match says so before anything listens).
std::unique_ptr<httplib::Server> make_server(const ServerOptions& options) {
    if (options.tls_cert.empty() && options.tls_key.empty()) {
        return std::make_unique<httplib::Server>();
    }
    if (options.tls_cert.empty() || options.tls_key.empty()) {
        throw std::runtime_error("TLS needs both a certificate and its private key");
    }
    for (const auto& file : {options.tls_cert, options.tls_key}) {
        if (::access(file.c_str(), R_OK) != 0) {
            throw std::runtime_error("cannot read the TLS file " + file + ": " +
                                     std::strerror(errno));
        }
    }
    auto server =
        std::make_unique<httplib::SSLServer>(options.tls_cert.c_str(), options.tls_key.c_str());
    if (!server->is_valid()) {
        throw std::runtime_error("cannot use the TLS certificate " + options.tls_cert +
                                 " with the key " + options.tls_key +
                                 " (not PEM, or the key does not match the certificate)");
    }
    return server;
}

// Batches are validated and stored a few at a time, in the order they arrived, not by every
// connection's thread at once: dozens of threads sharing two cores only slow each other (and the
// allocator) down, and an unfair semaphore starves some devices. Tickets keep it first come,
// first served, so every device's latency stays near the mean.
class UploadSlots {
  public:
    explicit UploadSlots(std::uint64_t slots) : admitted_(slots) {}
    void enter() {
        std::unique_lock lock(mutex_);
        const std::uint64_t ticket = next_ticket_++;
        turn_.wait(lock, [&] { return ticket < admitted_; });
    }
    void leave() {
        {
            std::lock_guard lock(mutex_);
            ++admitted_;
        }
        turn_.notify_all();
    }

  private:
    std::mutex mutex_;
    std::condition_variable turn_;
    std::uint64_t next_ticket_ = 0;
    std::uint64_t admitted_;
};

class Admission {
  public:
    explicit Admission(UploadSlots& slots) : slots_(slots) { slots_.enter(); }
    ~Admission() { slots_.leave(); }
    Admission(const Admission&) = delete;
    Admission& operator=(const Admission&) = delete;

  private:
    UploadSlots& slots_;
};

struct CentralServer::Impl {
    CentralDb& db;
    ServerOptions options;
    std::unique_ptr<httplib::Server> owned_server;
    httplib::Server& server;
    UploadSlots uploads;
    EnrolLimiter limiter;
    Console console;
    // Known paths and the methods they answer, to tell 405 from 404.
    std::vector<std::pair<std::regex, std::string>> known;

    Impl(CentralDb& d, ServerOptions o)
        : db(d),
          options(std::move(o)),
          owned_server(make_server(options)),
          server(*owned_server),
          uploads(static_cast<std::uint64_t>(
              options.upload_slots > 0
                  ? options.upload_slots
                  : std::clamp(static_cast<int>(std::thread::hardware_concurrency()) * 2, 2, 64))),
          console(d,
                  ConsoleOptions{options.prefix,
                                 options.web_dir.empty() ? default_web_dir()
                                                         : std::filesystem::path(options.web_dir),
                                 !options.tls_cert.empty(), 8 * 3600, options.log_requests}) {}

    std::string route(const std::string& path, const char* methods) {
        std::string pattern =
            options.prefix.empty() ? path : "(?:" + regex_escape(options.prefix) + ")?" + path;
        known.emplace_back(std::regex(pattern), methods);
        return pattern;
    }

    // Authenticates the caller; on failure fills `res` and returns nullopt.
    std::optional<Caller> authorise(const httplib::Request& req, httplib::Response& res,
                                    std::optional<Role> needed) {
        const std::string token = bearer_token(req);
        if (token.empty()) {
            send(res, error_reply(401, code::kMissingToken,
                                  "This endpoint needs \"Authorization: Bearer <token>\"; enrol "
                                  "the device first."));
            res.set_header("WWW-Authenticate", "Bearer");
            return std::nullopt;
        }
        auto caller = db.authenticate(token);
        if (!caller) {
            send(res, error_reply(401, code::kInvalidToken,
                                  "This token is unknown or has been revoked; the device must be "
                                  "enrolled again."));
            res.set_header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            return std::nullopt;
        }
        t_request.device_id = caller->device_id;
        if (needed && caller->role != *needed) {
            send(res, error_reply(403, code::kForbidden,
                                  *needed == Role::Officer
                                      ? "Only an officer token may call this endpoint."
                                      : "Only an enrolled device may upload to this endpoint."));
            return std::nullopt;
        }
        return caller;
    }

    // Reads the request body with the raw cap, then inflates it with the same cap.
    std::optional<std::string> read_body(const httplib::ContentReader* reader,
                                         const httplib::Request& req, httplib::Response& res) {
        std::string raw;
        if (reader) {
            bool too_large = false;
            const bool ok = (*reader)([&](const char* data, std::size_t n) {
                if (raw.size() + n > protocol::kMaxBodyBytes) {
                    too_large = true;
                    return false;
                }
                raw.append(data, n);
                return true;
            });
            if (!ok) {
                const bool large = too_large || res.status == 413;
                // The rest of the body was left unread: this connection cannot carry another
                // request.
                send(res, large ? error_reply(413, code::kBodyTooLarge,
                                              "The request body is larger than 8 MiB; send a "
                                              "smaller batch.")
                                : error_reply(400, code::kInvalidRequest,
                                              "The request body could not be read."));
                res.set_header("Connection", "close");
                return std::nullopt;
            }
        } else {
            raw = req.body;
        }
        const std::string& encoding = t_request.content_encoding;
        if (encoding.empty() || encoding == "identity") return raw;
        if (encoding != "gzip" && encoding != "x-gzip") {
            send(res, error_reply(415, code::kBadEncoding,
                                  "Content-Encoding \"" + encoding +
                                      "\" is not supported; send gzip or no encoding."));
            return std::nullopt;
        }
        std::string inflated;
        switch (inflate_capped(raw, protocol::kMaxBodyBytes, inflated)) {
            case InflateResult::Ok:
                return inflated;
            case InflateResult::TooLarge:
                send(res, error_reply(413, code::kBodyTooLarge,
                                      "The gzip body inflates past 8 MiB; send a smaller batch."));
                return std::nullopt;
            case InflateResult::Damaged:
                break;
        }
        send(res, error_reply(400, code::kBadEncoding,
                              "The body is marked gzip but is not a complete gzip stream."));
        return std::nullopt;
    }

    void post(
        const std::string& path,
        std::function<void(const httplib::Request&, httplib::Response&, std::string_view)> fn) {
        const std::string pattern = route(path, "POST");
        server.Post(pattern, [this, fn](const httplib::Request& req, httplib::Response& res,
                                        const httplib::ContentReader& reader) {
            if (auto body = read_body(&reader, req, res)) fn(req, res, *body);
        });
        server.Post(pattern, [this, fn](const httplib::Request& req, httplib::Response& res) {
            if (auto body = read_body(nullptr, req, res)) fn(req, res, *body);
        });
    }

    void install_routes() {
        server.Get(
            route("/api/v1/health", "GET"), [](const httplib::Request&, httplib::Response& res) {
                protocol::Health health;
                health.server_time = now_rfc3339();
                send(res, Reply{200, protocol::to_json(health).dump(), "application/json", {}});
            });
        post("/api/v1/devices/enrol",
             [this](const httplib::Request& req, httplib::Response& res, std::string_view body) {
                 send(res, handle_enrol(db, limiter, req.remote_addr, options.store_name, body));
             });
        server.Get(route("/api/v1/consultations", "GET"),
                   [this](const httplib::Request& req, httplib::Response& res) {
                       if (!authorise(req, res, std::nullopt)) return;
                       send(res, handle_consultations(db, req.get_header_value("If-None-Match")));
                   });
        server.Get(route("/api/v1/outcomes", "GET"),
                   [this](const httplib::Request& req, httplib::Response& res) {
                       if (!authorise(req, res, std::nullopt)) return;
                       send(res, handle_outcomes(db, req.get_header_value("If-None-Match")));
                   });
        server.Get(route("/api/v1/erasures", "GET"), [this](const httplib::Request& req,
                                                            httplib::Response& res) {
            if (auto caller = authorise(req, res, Role::Device)) {
                send(res, handle_erasures(db, *caller, req.get_header_value("If-None-Match")));
            }
        });
        post("/api/v1/responses",
             [this](const httplib::Request& req, httplib::Response& res, std::string_view body) {
                 if (auto caller = authorise(req, res, Role::Device)) {
                     Admission admitted(uploads);
                     send(res, handle_responses(db, *caller, body));
                     if (res.status == 200) console.stored();
                 }
             });
        post("/api/v1/sessions",
             [this](const httplib::Request& req, httplib::Response& res, std::string_view body) {
                 if (auto caller = authorise(req, res, Role::Device)) {
                     Admission admitted(uploads);
                     send(res, handle_sessions(db, *caller, body));
                     if (res.status == 200) console.stored();
                 }
             });
        post("/api/v1/devices/status",
             [this](const httplib::Request& req, httplib::Response& res, std::string_view body) {
                 if (auto caller = authorise(req, res, Role::Device)) {
                     send(res, handle_device_status(db, *caller, body));
                 }
             });
        const std::string id = "([^/]+)";
        server.Get(route("/api/v1/consultations/" + id + "/responses", "GET"),
                   [this](const httplib::Request& req, httplib::Response& res) {
                       if (!authorise(req, res, Role::Officer)) return;
                       send(res,
                            handle_responses_page(db, req.matches[1], req.get_param_value("after"),
                                                  req.get_param_value("limit")));
                   });
        server.Get(route("/api/v1/consultations/" + id + "/summary", "GET"),
                   [this](const httplib::Request& req, httplib::Response& res) {
                       if (!authorise(req, res, Role::Officer)) return;
                       send(res, handle_summary(db, req.matches[1]));
                   });
        server.Get(route("/api/v1/consultations/" + id + "/export\\.csv", "GET"),
                   [this](const httplib::Request& req, httplib::Response& res) {
                       if (!authorise(req, res, Role::Officer)) return;
                       send(res, handle_export_csv(db, req.matches[1]));
                   });
        console.install(server, [this](const std::string& path, const char* methods) {
            return route(path, methods);
        });
    }

    void install_hooks() {
        // cpp-httplib 0.11 inflates gzip bodies itself with no limit on the inflated size. The
        // encoding is taken off the request before the body is read, so that read_body inflates
        // it with the cap. (The Request is a non-const object of httplib's; only the handler
        // signature is const.)
        server.set_pre_routing_handler([](const httplib::Request& req, httplib::Response&) {
            t_request = RequestContext{std::chrono::steady_clock::now(), {}, {}};
            auto& mutable_req = const_cast<httplib::Request&>(req);
            auto it = mutable_req.headers.find("Content-Encoding");
            if (it != mutable_req.headers.end()) {
                t_request.content_encoding = it->second;
                for (auto& c : t_request.content_encoding) c = static_cast<char>(std::tolower(c));
                mutable_req.headers.erase("Content-Encoding");
            }
            return httplib::Server::HandlerResponse::Unhandled;
        });
        // Every non-2xx carries the error body, including httplib's own 404, 400 and 413.
        server.set_error_handler([this](const httplib::Request& req, httplib::Response& res) {
            if (!res.body.empty()) return;
            if (res.status == 404) {
                for (const auto& [pattern, methods] : known) {
                    if (std::regex_match(req.path, pattern)) {
                        res.status = 405;
                        res.set_header("Allow", methods);
                        break;
                    }
                }
            }
            if (console.error_page(req, res)) return;
            std::string message = res.status == 405
                                      ? "This endpoint does not answer " + req.method +
                                            "; it answers " + res.get_header_value("Allow") + "."
                                      : default_message(res.status);
            res.set_content(protocol::error_body(default_code(res.status), message),
                            "application/json");
        });
        server.set_exception_handler(
            [](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
                std::string what = "unknown exception";
                try {
                    std::rethrow_exception(ep);
                } catch (const std::exception& e) {
                    what = e.what();
                } catch (...) {
                }
                std::fprintf(stderr, "%s %s failed: %s\n", req.method.c_str(), req.path.c_str(),
                             what.c_str());
                res.status = 500;
                res.set_content(protocol::error_body(code::kInternal,
                                                     "The store failed to handle the request; "
                                                     "nothing of it was stored. Try again later."),
                                "application/json");
            });
        if (options.log_requests) {
            // Method, path, status, duration and device only: never headers, bodies or queries.
            server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
                const auto ms = std::chrono::duration<double, std::milli>(
                                    std::chrono::steady_clock::now() - t_request.start)
                                    .count();
                std::fprintf(stderr, "%s %s %s %d %.1fms device=%s\n", now_rfc3339().c_str(),
                             req.method.c_str(), req.path.c_str(), res.status, ms,
                             t_request.device_id.empty() ? "-" : t_request.device_id.c_str());
            });
        }
    }
};

CentralServer::CentralServer(CentralDb& db, ServerOptions options)
    : impl_(std::make_unique<Impl>(db, std::move(options))) {
    if (!valid_prefix(impl_->options.prefix)) {
        throw std::runtime_error("--prefix must look like /fieldvoice (letters, digits, - _ .)");
    }
    auto& server = impl_->server;
    const int threads = impl_->options.threads;
    server.new_task_queue = [threads] {
        return new httplib::ThreadPool(static_cast<std::size_t>(threads));
    };
    // Replies are written as headers then body: without this, Nagle's algorithm and the client's
    // delayed ACK add ~40 ms to every request on a keep-alive connection.
    server.set_tcp_nodelay(true);
    server.set_payload_max_length(protocol::kMaxBodyBytes);
    server.set_keep_alive_max_count(100000);
    server.set_read_timeout(30);
    server.set_write_timeout(30);
    impl_->install_hooks();
    impl_->install_routes();
}

CentralServer::~CentralServer() = default;

int CentralServer::bind() {
    auto& o = impl_->options;
    if (o.port == 0) {
        const int port = impl_->server.bind_to_any_port(o.host);
        if (port < 0) throw std::runtime_error("cannot listen on " + o.host + " (any port)");
        o.port = port;
        ListeningSocket::widen_backlog(impl_->server, SOMAXCONN);
        return port;
    }
    // cpp-httplib 0.11 (Debian's build) binds with SO_REUSEPORT and ignores set_socket_options,
    // so a second store on the same port would silently share it: refuse when one answers there.
    if (!nothing_listening(o.host, o.port) || !impl_->server.bind_to_port(o.host, o.port)) {
        throw std::runtime_error("cannot listen on " + o.host + ":" + std::to_string(o.port) +
                                 " (in use, or not an address of this machine?)");
    }
    ListeningSocket::widen_backlog(impl_->server, SOMAXCONN);
    return o.port;
}

void CentralServer::run() {
    impl_->server.listen_after_bind();
}

void CentralServer::stop() {
    impl_->server.stop();
}

}  // namespace fv::central
