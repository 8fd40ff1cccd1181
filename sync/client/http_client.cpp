// libcurl easy interface, one handle for the client's life. curl_easy_reset between requests
// clears options but keeps live connections, so keep-alive survives.
#include "sync/client/http_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>

#include "sync/client/gzip.hpp"

namespace fv {
namespace {

std::once_flag curl_init_once;

size_t on_body(char* data, size_t size, size_t count, void* user) {
    static_cast<std::string*>(user)->append(data, size * count);
    return size * count;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
    auto* headers = static_cast<std::map<std::string, std::string>*>(user);
    std::string_view line(data, size * count);
    const auto colon = line.find(':');
    if (line.rfind("HTTP/", 0) == 0) headers->clear();  // a new response (after 100 Continue)
    if (colon != std::string_view::npos) {
        std::string name(line.substr(0, colon));
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
            value.remove_prefix(1);
        }
        while (!value.empty() &&
               (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) {
            value.remove_suffix(1);
        }
        (*headers)[name] = std::string(value);
    }
    return size * count;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    const auto* cancel = static_cast<const std::atomic<bool>*>(user);
    return (cancel != nullptr && cancel->load()) ? 1 : 0;  // non-zero aborts the transfer
}

TransportError classify(CURLcode rc) {
    switch (rc) {
        case CURLE_OK:
            return TransportError::None;
        case CURLE_OPERATION_TIMEDOUT:
            return TransportError::Timeout;
        case CURLE_ABORTED_BY_CALLBACK:
            return TransportError::Cancelled;
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_ISSUER_ERROR:
        case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            return TransportError::Tls;
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_RESOLVE_PROXY:
        case CURLE_COULDNT_CONNECT:
        case CURLE_SEND_ERROR:
        case CURLE_RECV_ERROR:
        case CURLE_GOT_NOTHING:
        case CURLE_PARTIAL_FILE:
        case CURLE_HTTP2:
        case CURLE_HTTP2_STREAM:
        case CURLE_WEIRD_SERVER_REPLY:
        case CURLE_BAD_CONTENT_ENCODING:
            return TransportError::Connection;
        default:
            return TransportError::Other;
    }
}

}  // namespace

std::optional<std::string> HttpResponse::header(const std::string& lower_name) const {
    const auto it = headers.find(lower_name);
    if (it == headers.end()) return std::nullopt;
    return it->second;
}

HttpClient::HttpClient(HttpOptions options) : options_(std::move(options)) {
    std::call_once(curl_init_once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    curl_ = curl_easy_init();
}

HttpClient::~HttpClient() {
    if (curl_ != nullptr) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

HttpResponse HttpClient::get(const std::string& url,
                             const std::map<std::string, std::string>& headers) {
    return perform(url, headers, nullptr, false);
}

HttpResponse HttpClient::post_json(const std::string& url,
                                   const std::map<std::string, std::string>& headers,
                                   std::string_view json_body, bool gzip_body) {
    // Level 1: most of the saving for a fraction of the time; a batch is mostly repeated keys.
    if (gzip_body) return post_gzipped_json(url, headers, gzip_request_body(json_body));
    const std::string body(json_body);
    return perform(url, headers, &body, false);
}

HttpResponse HttpClient::post_gzipped_json(const std::string& url,
                                           const std::map<std::string, std::string>& headers,
                                           const std::string& gzip_body) {
    return perform(url, headers, &gzip_body, true);
}

std::string gzip_request_body(std::string_view json_body) {
    // Level 1: most of the saving for a fraction of the time; a batch is mostly repeated keys.
    return gzip_compress(json_body, 1);
}

HttpResponse HttpClient::perform(const std::string& url,
                                 const std::map<std::string, std::string>& headers,
                                 const std::string* body, bool gzipped) {
    HttpResponse out;
    auto* curl = static_cast<CURL*>(curl_);
    if (curl == nullptr) {
        out.error = TransportError::Other;
        out.error_message = "libcurl could not start (out of memory?)";
        return out;
    }
    curl_easy_reset(curl);  // keeps the connection cache: keep-alive across requests
    char error_buffer[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // we run on a worker thread
    // TLS verification is always on; the only knob is an extra CA bundle. Proxies come from
    // the usual environment variables (http_proxy, https_proxy, no_proxy), libcurl's default.
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!options_.ca_bundle.empty()) {
        curl_easy_setopt(curl, CURLOPT_CAINFO, options_.ca_bundle.c_str());
    }
    // gzip only: cpp-httplib answers "br" with Brotli at its slowest setting, which takes
    // seconds on a large reply, and PROTOCOL.md names gzip.
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "gzip");
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(options_.connect_timeout.count()));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.request_timeout.count()));
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, options_.low_speed_limit);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME,
                     static_cast<long>(options_.low_speed_time.count()));
    curl_easy_setopt(curl, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, options_.user_agent.c_str());
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &out.body);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &out.headers);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, const_cast<std::atomic<bool>*>(cancel_));

    curl_slist* list = nullptr;
    for (const auto& [name, value] : headers) {
        list = curl_slist_append(list, (name + ": " + value).c_str());
    }
    if (body != nullptr) {
        curl_easy_setopt(curl, CURLOPT_POST, 1L);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body->data());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body->size()));
        list = curl_slist_append(list, "Content-Type: application/json");
        if (gzipped) list = curl_slist_append(list, "Content-Encoding: gzip");
        list = curl_slist_append(list, "Expect:");  // no 100-continue round trip per batch
    } else {
        curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    }
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);

    if (cancel_ != nullptr && cancel_->load()) {
        curl_slist_free_all(list);
        out.error = TransportError::Cancelled;
        out.error_message = "cancelled";
        return out;
    }
    const CURLcode rc = curl_easy_perform(curl);
    curl_slist_free_all(list);
    long connects = 0;
    curl_easy_getinfo(curl, CURLINFO_NUM_CONNECTS, &connects);
    connections_opened_ += connects;
    out.error = classify(rc);
    if (rc != CURLE_OK) {
        out.error_message = error_buffer[0] != 0 ? error_buffer : curl_easy_strerror(rc);
        out.headers.clear();
        out.body.clear();
        return out;
    }
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &out.status);
    return out;
}

std::string join_url(std::string_view base, std::string_view path) {
    while (!base.empty() && base.back() == '/') base.remove_suffix(1);
    while (!path.empty() && path.front() == '/') path.remove_prefix(1);
    std::string url(base);
    url += '/';
    url += path;
    return url;
}

std::optional<std::string> check_store_url(std::string_view url) {
    const bool https = url.rfind("https://", 0) == 0;
    const bool http = url.rfind("http://", 0) == 0;
    if (!https && !http) {
        return "The store address must start with https:// (for example "
               "https://engage.example.gov.uk/fieldvoice/).";
    }
    const std::string_view rest = url.substr(https ? 8 : 7);
    if (rest.empty() || rest.front() == '/') return "The store address has no host name.";
    if (url.find_first_of(" \t\r\n?#") != std::string_view::npos) {
        return "The store address must not contain spaces, '?' or '#'.";
    }
    return std::nullopt;
}

}  // namespace fv
