// The filter of the console's results and words pages (version, division, mode, language and a
// date range), read from the query string and checked against what exists, and the form fields
// that show it. Internal to sync/central.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/model/consultation.hpp"
#include "sync/central/console_web.hpp"

namespace fv::central {

// kiosk, assisted, meeting, partner
const std::vector<std::string>& capture_modes();

std::string title_of(const Consultation& c);
// Percent-encodes everything but unreserved characters, for a query string.
std::string query_escape(const std::string& text);
std::string join(const std::vector<std::string>& items, const std::string& sep);
std::vector<std::string> languages_of(const std::vector<Consultation>& versions);

// Filters from the query string, each checked against what exists; problems name the field.
struct FilterChoice {
    ResponseFilter filter;
    std::vector<std::pair<std::string, std::string>> problems;  // field id, message
    std::string query;  // the same filter as a query string, for links
};
FilterChoice read_filter(const httplib::Request& req, const std::vector<Consultation>& versions,
                         const std::vector<std::string>& divisions,
                         const std::vector<std::string>& languages);

// A <select>'s options: "all" first, then each value, `selected` marked.
mustache::data choices(const std::vector<std::string>& values, const std::string& selected,
                       const std::string& all_label);
// "version 2, division Witney" or "all responses".
std::string describe(const ResponseFilter& f);

// Sets the filter form's fields (versions, divisions, modes, languages, from, to) and, when the
// choice has problems, has_problems, problems and error_FIELD, as results.mustache reads them.
void set_filter_fields(mustache::data& data, const httplib::Request& req,
                       const FilterChoice& choice, const std::vector<Consultation>& versions,
                       const std::vector<std::string>& divisions,
                       const std::vector<std::string>& languages);

}  // namespace fv::central
