// Reading and showing the console's response filter (console_filter.hpp).
#include "sync/central/console_filter.hpp"

#include <algorithm>
#include <cctype>
#include <tuple>

namespace fv::central {

const std::vector<std::string>& capture_modes() {
    static const std::vector<std::string> modes = {"kiosk", "assisted", "meeting", "partner"};
    return modes;
}

std::string title_of(const Consultation& c) {
    return c.title.in(c.default_language(), c.default_language());
}

std::string query_escape(const std::string& text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

namespace {

// YYYY-MM-DD with a month from 1 to 12 and a day from 1 to 31. Read by hand: GCC 12 warns
// (wrongly) inside std::regex when built with the sanitizers, and -Werror stops the build.
bool valid_date(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    }
    const int month = (text[5] - '0') * 10 + (text[6] - '0');
    const int day = (text[8] - '0') * 10 + (text[9] - '0');
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

}  // namespace

std::string join(const std::vector<std::string>& items, const std::string& sep) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? sep : "") + items[i];
    return out;
}

FilterChoice read_filter(const httplib::Request& req, const std::vector<Consultation>& versions,
                         const std::vector<std::string>& divisions,
                         const std::vector<std::string>& languages) {
    FilterChoice out;
    auto param = [&](const char* name) {
        std::string value = req.get_param_value(name);
        if (!value.empty()) {
            out.query +=
                std::string(out.query.empty() ? "" : "&") + name + "=" + query_escape(value);
        }
        return value;
    };
    const std::string version = param("version");
    if (!version.empty()) {
        std::vector<std::string> known;
        for (const auto& c : versions) {
            known.push_back(std::to_string(c.version));
            if (known.back() == version) out.filter.version = c.version;
        }
        if (out.filter.version == 0) {
            out.problems.push_back({"version", "Version: there is no version \"" + version +
                                                   "\"; choose one of " + join(known, ", ") + "."});
        }
    }
    out.filter.division = param("division");
    if (!out.filter.division.empty() &&
        std::find(divisions.begin(), divisions.end(), out.filter.division) == divisions.end()) {
        out.problems.push_back(
            {"division",
             "Division: no device carries the division \"" + out.filter.division + "\"" +
                 (divisions.empty() ? std::string("; no device has a division yet.")
                                    : "; choose one of " + join(divisions, ", ") + ".")});
    }
    out.filter.mode = param("mode");
    if (!out.filter.mode.empty() && std::find(capture_modes().begin(), capture_modes().end(),
                                              out.filter.mode) == capture_modes().end()) {
        out.problems.push_back({"mode", "Mode: \"" + out.filter.mode + "\" is not one of " +
                                            join(capture_modes(), ", ") + "."});
    }
    out.filter.language = param("language");
    if (!out.filter.language.empty() &&
        std::find(languages.begin(), languages.end(), out.filter.language) == languages.end()) {
        out.problems.push_back({"language", "Language: \"" + out.filter.language +
                                                "\" is not one of this consultation's (" +
                                                join(languages, ", ") + ")."});
    }
    out.filter.from = param("from");
    out.filter.to = param("to");
    for (auto [field, value, name] :
         {std::tuple{"from", &out.filter.from, "From"}, std::tuple{"to", &out.filter.to, "To"}}) {
        if (!value->empty() && !valid_date(*value)) {
            out.problems.push_back({field, std::string(name) + ": \"" + *value +
                                               "\" is not a date; write it as 2026-11-23."});
        }
    }
    if (out.problems.empty() && !out.filter.from.empty() && !out.filter.to.empty() &&
        out.filter.from > out.filter.to) {
        out.problems.push_back({"from", "From: the first day comes after the last day."});
    }
    return out;
}

mustache::data choices(const std::vector<std::string>& values, const std::string& selected,
                       const std::string& all_label) {
    mustache::data list = mustache::data::type::list;
    mustache::data all;
    all.set("value", "");
    all.set("label", all_label);
    all.set("selected", selected.empty());
    list.push_back(all);
    for (const auto& v : values) {
        mustache::data item;
        item.set("value", v);
        item.set("label", v);
        item.set("selected", v == selected);
        list.push_back(item);
    }
    return list;
}

std::string describe(const ResponseFilter& f) {
    std::vector<std::string> parts;
    if (f.version) parts.push_back("version " + std::to_string(f.version));
    if (!f.division.empty()) parts.push_back("division " + f.division);
    if (!f.mode.empty()) parts.push_back("mode " + f.mode);
    if (!f.language.empty()) parts.push_back("language " + f.language);
    if (!f.from.empty()) parts.push_back("from " + f.from);
    if (!f.to.empty()) parts.push_back("to " + f.to);
    return parts.empty() ? "all responses" : join(parts, ", ");
}

std::vector<std::string> languages_of(const std::vector<Consultation>& versions) {
    std::vector<std::string> out;
    for (const auto& c : versions) {
        for (const auto& l : c.languages) {
            if (std::find(out.begin(), out.end(), l) == out.end()) out.push_back(l);
        }
    }
    return out;
}

void set_filter_fields(mustache::data& data, const httplib::Request& req,
                       const FilterChoice& choice, const std::vector<Consultation>& versions,
                       const std::vector<std::string>& divisions,
                       const std::vector<std::string>& languages) {
    std::vector<std::string> version_numbers;
    for (const auto& c : versions) version_numbers.push_back(std::to_string(c.version));
    data.set("versions", choices(version_numbers,
                                 choice.filter.version ? std::to_string(choice.filter.version) : "",
                                 "All versions"));
    data.set("divisions", choices(divisions, choice.filter.division, "All divisions"));
    data.set("modes", choices(capture_modes(), choice.filter.mode, "All modes"));
    data.set("languages", choices(languages, choice.filter.language, "All languages"));
    data.set("from", req.get_param_value("from"));
    data.set("to", req.get_param_value("to"));
    if (choice.problems.empty()) return;
    mustache::data problems = mustache::data::type::list;
    for (const auto& [field, text] : choice.problems) {
        mustache::data p;
        p.set("field", field);
        p.set("text", text);
        problems.push_back(p);
        data.set("error_" + field, text);
    }
    data.set("problems", problems);
    data.set("has_problems", true);
}

}  // namespace fv::central
