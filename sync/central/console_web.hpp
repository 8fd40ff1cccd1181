// What the console's page files share: the templates, the signed-in request in hand, forms, and
// the replies pages give. Internal to sync/central.
#pragma once

#include <httplib.h>

#include <filesystem>
#include <kainjow/mustache.hpp>
#include <map>
#include <optional>
#include <string>

#include "sync/central/answer_index.hpp"
#include "sync/central/central_db.hpp"
#include "sync/central/console.hpp"
#include "sync/central/console_db.hpp"

namespace fv::central {

namespace mustache = kainjow::mustache;

// A whole file, or std::runtime_error naming it.
std::string read_text(const std::filesystem::path& path);
// True when two secrets (tokens) are equal, in time that does not tell where they differ.
bool same_secret(const std::string& a, const std::string& b);

// The templates of web/templates, read once at start. A page is its own template rendered into
// layout.mustache's {{{content}}}.
class Templates {
  public:
    explicit Templates(const std::filesystem::path& dir);  // throws naming a missing or bad file
    std::string render(const std::string& name, const mustache::data& data) const;

  private:
    std::map<std::string, std::string> text_;
};

// A form's fields, from application/x-www-form-urlencoded or multipart/form-data (file fields
// are in `files`).
struct Form {
    std::map<std::string, std::string> fields;
    std::map<std::string, httplib::MultipartFormData> files;
    std::string get(const std::string& name) const {
        auto it = fields.find(name);
        return it == fields.end() ? std::string() : it->second;
    }
};
Form read_form(const httplib::Request& req);

// The request in hand, once the caller is known.
struct Visit {
    const httplib::Request& req;
    httplib::Response& res;
    WebSession session;
    std::string token;  // the session cookie's value
};

// Shared by the page files: the databases, templates and options.
struct ConsoleParts {
    CentralDb& db;
    ConsoleDb& console;
    AnswerIndex& answers;  // what the results and equality pages count
    Templates templates;
    ConsoleOptions options;

    // "/fieldvoice" + path, for links and redirects.
    std::string link(const std::string& path) const { return options.prefix + path; }
    // A full page: the layout around `page`, with the caller's name, role, navigation and CSRF.
    void page(httplib::Response& res, int status, const std::string& title,
              const std::string& template_name, mustache::data data, const WebSession* session,
              const std::string& nav = "") const;
    // A page that only says what happened (errors, refusals), with a link onwards.
    void message(httplib::Response& res, int status, const std::string& title,
                 const std::string& text, const WebSession* session,
                 const std::string& next_link = "", const std::string& next_text = "") const;
    void redirect(httplib::Response& res, const std::string& path) const;
    // True when the form's CSRF token is the session's; otherwise answers 403 and changes nothing.
    bool csrf_ok(const Visit& visit, const Form& form) const;
    void audit(const Visit& visit, const std::string& action, const std::string& detail) const;
};

// Pages of consultations and results (console_consultations.cpp).
void consultations_page(const ConsoleParts& parts, Visit& visit);
void publish_upload(const ConsoleParts& parts, Visit& visit);
void download_definition(const ConsoleParts& parts, Visit& visit, const std::string& id,
                         const std::string& version);
void results_page(const ConsoleParts& parts, Visit& visit, const std::string& id);
void results_csv(const ConsoleParts& parts, Visit& visit, const std::string& id);
void results_xlsx(const ConsoleParts& parts, Visit& visit, const std::string& id);

// The equality page (console_equality.cpp); `upload` is what a reference upload just gave.
struct EqualityUpload;
void equality_page(const ConsoleParts& parts, Visit& visit, const std::string& id,
                   const EqualityUpload* upload = nullptr);
void upload_reference(const ConsoleParts& parts, Visit& visit, const std::string& id);
void equality_csv(const ConsoleParts& parts, Visit& visit, const std::string& id);

// Pages of meetings and partners (console_meetings.cpp).
void sessions_page(const ConsoleParts& parts, Visit& visit);
void session_page(const ConsoleParts& parts, Visit& visit, const std::string& id);
void partners_page(const ConsoleParts& parts, Visit& visit);

// Pages of devices (console_devices.cpp).
void devices_page(const ConsoleParts& parts, Visit& visit);
void set_device_division(const ConsoleParts& parts, Visit& visit, const std::string& id);
void revoke_device_page(const ConsoleParts& parts, Visit& visit, const std::string& id);
void make_enrol_code_page(const ConsoleParts& parts, Visit& visit);

// The words page: texts in people's own words, searched, filtered and tagged (console_words.cpp).
void words_page(const ConsoleParts& parts, Visit& visit, const std::string& id);

// "You said, we did" (console_outcomes.cpp): the entries, writing one, withdrawing one.
void outcomes_page(const ConsoleParts& parts, Visit& visit, const std::string& id);
void add_outcome(const ConsoleParts& parts, Visit& visit, const std::string& id);
void withdraw_outcome(const ConsoleParts& parts, Visit& visit, const std::string& id,
                      const std::string& entry);
// `add` true tags the text with the form's theme; false takes the tag off.
void tag_words(const ConsoleParts& parts, Visit& visit, const std::string& id,
               const std::string& word_id, bool add);

// Erasing a response by its receipt's reference (console_erase.cpp): the page (finding it by
// ?reference=), and the erasure itself.
void erase_page(const ConsoleParts& parts, Visit& visit);
void erase_response(const ConsoleParts& parts, Visit& visit, const std::string& response_id);

// The public page of a consultation, /c/ID (public_page.cpp): no sign-in, no cookie.
void public_consultation_page(const ConsoleParts& parts, const httplib::Request& req,
                              httplib::Response& res, const std::string& id);
// "The council has had about 40 responses so far." in `lang` (English when it has no words of
// its own), "fewer than 10" below 10.
std::string rounded_count_words(std::int64_t responses, const std::string& lang);

// Helpers for the templates: a number with thousands separators, a percentage to one decimal.
std::string grouped(std::int64_t n);
std::string percent(std::int64_t part, std::int64_t whole);

}  // namespace fv::central
