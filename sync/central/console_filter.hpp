// What the pages over a consultation's responses share: the filter read from the query string
// (checked against what exists, each problem naming its field), the filter form's data, and the
// downloads' checks and headers. Internal to sync/central.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sync/central/console_web.hpp"

namespace fv::central {

extern const std::vector<std::string> kModes;  // kiosk, assisted, meeting, partner, pulse
inline const std::vector<std::string>& capture_modes() {
    return kModes;
}

std::string title_of(const Consultation& c);
std::string query_escape(const std::string& text);
std::string join(const std::vector<std::string>& items, const std::string& sep);
std::vector<std::string> languages_of(const std::vector<Consultation>& versions);

struct FilterChoice {
    ResponseFilter filter;
    std::vector<std::pair<std::string, std::string>> problems;  // field id, message
    std::string query;  // the same filter as a query string, for download links
};

FilterChoice read_filter(const httplib::Request& req, const std::vector<Consultation>& versions,
                         const std::vector<std::string>& divisions,
                         const std::vector<std::string>& languages);

// "version 2, division North": the filter in words, "all responses" when it selects all.
std::string describe(const ResponseFilter& f);

// A <select>'s options: "all" first, then each value, `selected` marked.
mustache::data choices(const std::vector<std::string>& values, const std::string& selected,
                       const std::string& all_label);

// Sets the filter's fields in `data` (the _filter_fields partial: the selects, from, to) and,
// when the choice has problems, has_problems, problems and error_FIELD.
void set_filter_fields(mustache::data& data, const httplib::Request& req,
                       const FilterChoice& choice, const std::vector<Consultation>& versions,
                       const std::vector<std::string>& divisions,
                       const std::vector<std::string>& languages);

// Sets the filter form's fields in `data` (the _filters partial: action, the selects, from, to,
// and any problems with has_problems and error_FIELD).
void set_filter_form(mustache::data& data, const std::string& action, const httplib::Request& req,
                     const std::vector<Consultation>& versions,
                     const std::vector<std::string>& divisions,
                     const std::vector<std::string>& languages, const FilterChoice& choice);

// What a download is of: every version and the filter read from the query. nullopt after
// answering with the page that says what was wrong (an unknown consultation or filter value).
struct Download {
    std::vector<Consultation> versions;
    FilterChoice choice;
};
std::optional<Download> download_of(const ConsoleParts& parts, Visit& v, const std::string& id);

// Answers with `body` as a file to save, never cached.
void attach(Visit& v, const std::string& filename, const std::string& body,
            const char* content_type);

}  // namespace fv::central
