// The HTTP face of the central store (cpp-httplib): routes of PROTOCOL.md under /api/v1/ (and
// under an optional path prefix), bearer tokens, gzip bodies with the 8 MiB cap, the error body on
// every non-2xx, and a log line per request that never holds a token or an answer. The web
// console's pages (console.hpp) answer on the same port.
#pragma once

#include <memory>
#include <string>

#include "sync/central/central_db.hpp"

namespace fv::central {

struct ServerOptions {
    std::string host = "127.0.0.1";
    int port = 8080;  // 0: any free port (see CentralServer::bind)
    // Also answer under this prefix ("/fieldvoice" serves /fieldvoice/api/v1/...), for reverse
    // proxies that pass the path through unchanged. /api/v1/ always answers too.
    std::string prefix;
    std::string store_name = "Fieldvoice central store";
    int threads = 64;      // one a keep-alive connection: 50 devices syncing at once each hold one
    int upload_slots = 0;  // batches validated and stored at once; 0: twice the cores
    bool log_requests = true;
    // When both are set, the store answers HTTPS itself (cpp-httplib with OpenSSL) with this PEM
    // certificate chain and private key; otherwise plain HTTP, for a TLS-terminating proxy.
    std::string tls_cert, tls_key;
    // The web console's folder (templates, console.css, node_modules/govuk-frontend); "" is the
    // source tree's sync/central/web.
    std::string web_dir;
};

class CentralServer {
  public:
    CentralServer(CentralDb& db, ServerOptions options);
    ~CentralServer();
    CentralServer(const CentralServer&) = delete;
    CentralServer& operator=(const CentralServer&) = delete;

    // Binds the listening socket; returns the port (useful with port 0). Throws
    // std::runtime_error saying why it could not.
    int bind();
    // Serves until stop(): requests in hand are finished and answered before it returns.
    void run();
    // Stops accepting; safe from any thread.
    void stop();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Checks a --prefix value: "" or "/" + path segments of letters, digits, '-', '_', '.'.
bool valid_prefix(const std::string& prefix);

}  // namespace fv::central
