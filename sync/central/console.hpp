// The store's web console for officers and councillors: HTML pages made on the server from the
// Mustache templates in sync/central/web/templates, on the same port as the API, working with
// JavaScript off. Sign-in with roles (viewer, officer, admin), CSRF tokens on every form, and an
// audit log of every change and download.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace fv::central {

class CentralDb;

struct ConsoleOptions {
    std::string prefix;              // as ServerOptions::prefix
    std::filesystem::path web_dir;   // templates/, console.css and node_modules/govuk-frontend
    bool tls = false;                // cookies are Secure when the store answers HTTPS itself
    std::int64_t idle_seconds = 8 * 3600;
    bool log = false;  // a line on stderr when the background reads many stored responses
};

class Console {
  public:
    // Opens the console's connection and reads the templates; throws std::runtime_error saying
    // what is missing.
    Console(CentralDb& db, ConsoleOptions options);
    ~Console();
    Console(const Console&) = delete;
    Console& operator=(const Console&) = delete;

    // Adds the pages' routes. `route(path, methods)` gives the server's pattern for a path (with
    // the optional prefix) and records the methods it answers.
    void install(httplib::Server& server,
                 const std::function<std::string(const std::string&, const char*)>& route);
    // For the server's error handler: fills `res` with an HTML error page and returns true when
    // the request is a browser's (or a page's) rather than the API's.
    bool error_page(const httplib::Request& req, httplib::Response& res);
    // Responses or sessions were stored: the background reads them for the pages once uploads
    // go quiet (console_warmer.hpp).
    void stored();
    // True when the govuk-frontend stylesheet is installed (install-web-assets.sh).
    bool has_stylesheet() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// The web directory built in (the source tree's sync/central/web).
std::filesystem::path default_web_dir();

}  // namespace fv::central
