// The filter of the pages over a consultation's responses, and the downloads' checks.
#include "sync/central/console_filter.hpp"

#include <algorithm>
#include <regex>
#include <tuple>

namespace fv::central {

const std::vector<std::string> kModes = {"kiosk", "assisted", "meeting", "partner", "pulse"};

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

bool valid_date(const std::string& text) {
    static const std::regex kDate(R"((\d{4})-(\d{2})-(\d{2}))");
    std::smatch m;
    if (!std::regex_match(text, m, kDate)) return false;
    const int month = std::stoi(m[2]), day = std::stoi(m[3]);
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
    if (!out.filter.mode.empty() &&
        std::find(kModes.begin(), kModes.end(), out.filter.mode) == kModes.end()) {
        out.problems.push_back({"mode", "Mode: \"" + out.filter.mode + "\" is not one of " +
                                            join(kModes, ", ") + "."});
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
    data.set("modes", choices(kModes, choice.filter.mode, "All modes"));
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

void set_filter_form(mustache::data& data, const std::string& action, const httplib::Request& req,
                     const std::vector<Consultation>& versions,
                     const std::vector<std::string>& divisions,
                     const std::vector<std::string>& languages, const FilterChoice& choice) {
    data.set("action", action);
    set_filter_fields(data, req, choice, versions, divisions, languages);
}

std::optional<Download> download_of(const ConsoleParts& parts, Visit& v, const std::string& id) {
    auto versions = parts.db.versions(id);
    if (versions.empty()) {
        parts.message(v.res, 404, "Page not found",
                      "No consultation \"" + id + "\" is published on this store.", &v.session,
                      "/consultations", "Go to the consultations");
        return std::nullopt;
    }
    FilterChoice choice =
        read_filter(v.req, versions, parts.console.divisions(), languages_of(versions));
    if (!choice.problems.empty()) {
        std::string text;
        for (const auto& [field, problem] : choice.problems) text += problem + " ";
        parts.message(v.res, 400, "The filter is wrong", text + "Nothing was downloaded.",
                      &v.session, "/consultations/" + id, "Back to the results");
        return std::nullopt;
    }
    return Download{std::move(versions), std::move(choice)};
}

void attach(Visit& v, const std::string& filename, const std::string& body,
            const char* content_type) {
    v.res.set_header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
    v.res.set_header("Cache-Control", "no-store");
    v.res.set_content(body, content_type);
}

}  // namespace fv::central
