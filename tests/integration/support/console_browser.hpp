// Test support for the store's web console: a browser without a screen over cpp-httplib. It keeps
// cookies as a browser does, reads each page's CSRF token, sends forms (url-encoded and
// multipart) and can save a page with its stylesheets for headless Chromium to photograph.
#pragma once

#include <httplib.h>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "central_process.hpp"

namespace fv::test {

class ConsoleBrowser {
  public:
    explicit ConsoleBrowser(const CentralProcess& central);

    // GET and POST as a browser: "Accept: text/html", the cookies kept so far, redirects not
    // followed (the test looks at them). Each remembers the page's CSRF token when it has one.
    httplib::Result get(const std::string& path);
    httplib::Result post(const std::string& path,
                         std::vector<std::pair<std::string, std::string>> fields,
                         bool add_csrf = true);
    // A multipart form (enctype="multipart/form-data") with text fields, files and the CSRF token.
    struct FilePart {
        std::string field, filename, content, content_type;
    };
    httplib::Result post_multipart(const std::string& path,
                                   const std::vector<std::pair<std::string, std::string>>& fields,
                                   const std::vector<FilePart>& files, bool add_csrf = true);
    // A multipart form with one file field ("definition" by default) and the CSRF token.
    httplib::Result upload(const std::string& path, const std::string& filename,
                           const std::string& content, bool add_csrf = true,
                           const std::string& field = "definition");

    // Signs in (GET the form, POST it); returns the POST's result.
    httplib::Result sign_in(const std::string& email, const std::string& password);
    // Signs in with a one-time password and changes it to `new_password`; fails the test when a
    // step does not answer as it should.
    void first_sign_in(const std::string& email, const std::string& one_time,
                       const std::string& new_password);

    // How long a request waits for its answer (60 s unless set: a benchmark's big store needs
    // more).
    void set_read_timeout(int seconds) { read_timeout_ = seconds; }

    const std::string& csrf() const { return csrf_; }
    void set_csrf(const std::string& token) { csrf_ = token; }
    std::string cookie(const std::string& name) const;
    void set_cookie(const std::string& name, const std::string& value) { cookies_[name] = value; }
    // Every Set-Cookie header of the last answer.
    const std::vector<std::string>& last_set_cookies() const { return set_cookies_; }

    // Writes `html` to DIR/NAME.html with a <base> at the store, so that Chromium opened on the
    // file fetches the stylesheets from the store; returns the file's path.
    std::filesystem::path save_page(const std::string& html, const std::filesystem::path& dir,
                                    const std::string& name) const;

    // The store's path for a console page ("/consultations" with the prefix, if any).
    std::string path(const std::string& page) const;

  private:
    httplib::Headers headers() const;
    void take(const httplib::Result& result);

    const CentralProcess& central_;
    std::map<std::string, std::string> cookies_;
    std::vector<std::string> set_cookies_;
    std::string csrf_;
    int read_timeout_ = 60;
};

// Text of an HTML page with tags removed and entities decoded, spaces collapsed: what a person
// reads.
std::string visible_text(const std::string& html);
// Decodes &amp; &lt; &gt; &quot; &#39; &apos;.
std::string html_unescape(const std::string& text);
// The count cell of the results table for QUESTION:KEY (data-count attribute), or nullopt.
std::optional<long> result_count(const std::string& html, const std::string& question_and_key);
// Parses CSV (RFC 4180, optional BOM) into rows of cells.
std::vector<std::vector<std::string>> parse_csv(const std::string& text);

// Renders a saved page with headless Chromium into a PNG next to it, when chromium is
// installed; returns the PNG's path or "" when there is no chromium.
std::filesystem::path screenshot(const std::filesystem::path& html_file, int width = 1280,
                                 int height = 1400);

}  // namespace fv::test
