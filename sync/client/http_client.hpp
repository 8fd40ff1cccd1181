// The sync engine's HTTP transport: one libcurl easy handle reused for every request, so the
// connection stays alive between batches (keep-alive), with TLS verification always on.
#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace fv {

// How a request failed before any HTTP status came back. Expected in the field, so a value.
enum class TransportError {
    None,        // an HTTP status came back (any status)
    Timeout,     // connect or transfer took too long
    Connection,  // could not resolve, connect, or the connection broke mid-way
    Tls,         // the certificate or TLS handshake failed (wrong CA, wrong host name)
    Cancelled,   // the cancel flag was raised during the transfer
    Other,       // a local problem (bad URL, out of memory, ...)
};

struct HttpResponse {
    TransportError error = TransportError::None;
    std::string error_message;  // libcurl's words, when error != None
    long status = 0;
    std::map<std::string, std::string> headers;  // lower-case names, last value wins
    std::string body;                            // already decompressed by libcurl

    bool ok() const { return error == TransportError::None; }
    std::optional<std::string> header(const std::string& lower_name) const;
};

struct HttpOptions {
    std::string ca_bundle;  // PEM file of extra trusted CAs; "" uses the system's
    std::chrono::milliseconds connect_timeout{15000};
    std::chrono::milliseconds request_timeout{120000};  // whole transfer
    // A transfer slower than this many bytes/s for `low_speed_time` is cut (throttled links).
    long low_speed_limit = 16;
    std::chrono::seconds low_speed_time{30};
    std::string user_agent = "fieldvoice-sync/1";
};

class HttpClient {
  public:
    explicit HttpClient(HttpOptions options = {});
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    void set_options(const HttpOptions& options) { options_ = options; }
    const HttpOptions& options() const { return options_; }
    // Checked by libcurl's progress callback: raising it aborts the transfer in hand.
    void set_cancel_flag(const std::atomic<bool>* flag) { cancel_ = flag; }

    // `headers` are full lines ("Authorization: Bearer ..."). A POST body given with
    // `gzip_body` true is compressed here and sent with Content-Encoding: gzip.
    HttpResponse get(const std::string& url, const std::map<std::string, std::string>& headers);
    HttpResponse post_json(const std::string& url,
                           const std::map<std::string, std::string>& headers,
                           std::string_view json_body, bool gzip_body);
    // A JSON body the caller has already gzipped (so it can be prepared off this thread).
    HttpResponse post_gzipped_json(const std::string& url,
                                   const std::map<std::string, std::string>& headers,
                                   const std::string& gzip_body);

    // Number of TCP connections libcurl opened so far (keep-alive keeps this low).
    long connections_opened() const { return connections_opened_; }

  private:
    HttpResponse perform(const std::string& url, const std::map<std::string, std::string>& headers,
                         const std::string* body, bool gzipped);
    HttpOptions options_;
    void* curl_ = nullptr;  // CURL*, kept out of the header
    const std::atomic<bool>* cancel_ = nullptr;
    long connections_opened_ = 0;
};

// The gzip form the client sends request bodies in (zlib level 1).
std::string gzip_request_body(std::string_view json_body);

// Joins the configured base URL (which may carry a path prefix, with or without a trailing
// slash) and an API path: ("https://h/fieldvoice/", "api/v1/health") ->
// "https://h/fieldvoice/api/v1/health".
std::string join_url(std::string_view base, std::string_view path);

// Checks a store URL typed by an officer; returns a plain-words problem, or nullopt when usable.
std::optional<std::string> check_store_url(std::string_view url);

}  // namespace fv
