// Console pages of consultations: the list with every version, publishing by upload, downloading
// a version's definition, and the results page with its filters and its CSV and XLSX downloads.
#include <algorithm>
#include <cstdio>
#include <regex>

#include "core/util/ids.hpp"
#include "sync/central/console_results.hpp"
#include "sync/central/console_web.hpp"
#include "sync/central/service.hpp"
#include "sync/central/xlsx.hpp"

namespace fv::central {

namespace {

const std::vector<std::string> kModes = {"kiosk", "assisted", "meeting", "partner"};

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

bool valid_date(const std::string& text) {
    static const std::regex kDate(R"((\d{4})-(\d{2})-(\d{2}))");
    std::smatch m;
    if (!std::regex_match(text, m, kDate)) return false;
    const int month = std::stoi(m[2]), day = std::stoi(m[3]);
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

std::string join(const std::vector<std::string>& items, const std::string& sep) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? sep : "") + items[i];
    return out;
}

// Filters from the query string, each checked against what exists; problems name the field.
struct FilterChoice {
    ResponseFilter filter;
    std::vector<std::pair<std::string, std::string>> problems;  // field id, message
    std::string query;  // the same filter as a query string, for the CSV link
};

FilterChoice read_filter(const httplib::Request& req, const std::vector<Consultation>& versions,
                         const std::vector<std::string>& divisions,
                         const std::vector<std::string>& languages) {
    FilterChoice out;
    auto param = [&](const char* name) {
        std::string value = req.get_param_value(name);
        if (!value.empty()) {
            out.query += std::string(out.query.empty() ? "" : "&") + name + "=" +
                         query_escape(value);
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
            {"division", "Division: no device carries the division \"" + out.filter.division +
                             "\"" +
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
    for (auto [field, value, name] : {std::tuple{"from", &out.filter.from, "From"},
                                      std::tuple{"to", &out.filter.to, "To"}}) {
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

void consultations_list(const ConsoleParts& parts, Visit& v, int status,
                        const mustache::data* upload_result) {
    mustache::data list = mustache::data::type::list;
    const bool officer = v.session.user.role >= UserRole::Officer;
    for (const auto& stats : parts.console.consultation_stats(std::chrono::system_clock::now())) {
        auto latest = parts.db.consultation(stats.id, stats.versions.back().version);
        mustache::data item;
        item.set("id", stats.id);
        item.set("title", latest ? title_of(*latest) : stats.id);
        item.set("link", parts.link("/consultations/" + stats.id));
        item.set("all", grouped(stats.all));
        item.set("last_7_days", grouped(stats.last_7_days));
        item.set("devices", grouped(stats.devices));
        mustache::data versions = mustache::data::type::list;
        for (auto it = stats.versions.rbegin(); it != stats.versions.rend(); ++it) {
            mustache::data row;
            row.set("version", std::to_string(it->version));
            row.set("published_at", it->published_at.substr(0, 16).replace(10, 1, " "));
            row.set("responses", grouped(it->responses));
            if (officer) {
                row.set("download", parts.link("/consultations/" + stats.id + "/versions/" +
                                               std::to_string(it->version) + ".json"));
            }
            versions.push_back(row);
        }
        item.set("versions", versions);
        list.push_back(item);
    }
    mustache::data data;
    data.set("consultations", list);
    data.set("none", list.is_empty_list());
    data.set("can_publish", officer);
    if (upload_result) data.set("upload", *upload_result);
    parts.page(v.res, status, "Consultations", "consultations", data, &v.session,
               "consultations");
}

}  // namespace

void consultations_page(const ConsoleParts& parts, Visit& visit) {
    consultations_list(parts, visit, 200, nullptr);
}

void publish_upload(const ConsoleParts& parts, Visit& v) {
    const Form form = read_form(v.req);
    if (!parts.csrf_ok(v, form)) return;
    mustache::data result;
    auto file = form.files.find("definition");
    if (file == form.files.end() || file->second.content.empty()) {
        result.set("error", "Choose a definition file (JSON) to upload.");
        consultations_list(parts, v, 400, &result);
        return;
    }
    const std::string& name = file->second.filename;
    result.set("file", name);
    auto parsed = parse_consultation(std::string_view(file->second.content));
    if (!parsed.ok()) {
        mustache::data problems = mustache::data::type::list;
        for (const auto& p : parsed.problems) problems.push_back(mustache::data(p.to_line()));
        result.set("problems", problems);
        result.set("has_problems", true);
        result.set("count", std::to_string(parsed.problems.size()) +
                                (parsed.problems.size() == 1 ? " problem" : " problems"));
        parts.audit(v, "publish refused",
                    name + ": " + std::to_string(parsed.problems.size()) + " problems");
        consultations_list(parts, v, 400, &result);
        return;
    }
    const Consultation& c = *parsed.consultation;
    const std::string what = c.id + " version " + std::to_string(c.version);
    switch (parts.db.publish(c)) {
        case PublishOutcome::Stored:
            parts.audit(v, "publish", what + " from " + name);
            result.set("published", "Published " + what + ".");
            consultations_list(parts, v, 200, &result);
            return;
        case PublishOutcome::AlreadyPublished:
            result.set("published", what + " was already published, unchanged.");
            consultations_list(parts, v, 200, &result);
            return;
        case PublishOutcome::ConflictingVersion:
            result.set("error", what +
                                    " is already published with different content; devices may "
                                    "hold it, so give the changed definition a higher version.");
            consultations_list(parts, v, 400, &result);
            return;
    }
}

void download_definition(const ConsoleParts& parts, Visit& v, const std::string& id,
                         const std::string& version) {
    int number = 0;
    try {
        number = version.size() < 9 ? std::stoi(version) : 0;
    } catch (const std::exception&) {
    }
    auto definition = parts.console.definition(id, number);
    if (!definition) {
        parts.message(v.res, 404, "Page not found",
                      "There is no version " + version + " of " + id + " on this store.",
                      &v.session, "/consultations", "Go to the consultations");
        return;
    }
    parts.audit(v, "download definition", id + " version " + version);
    v.res.set_header("Content-Disposition",
                     "attachment; filename=\"" + id + "-v" + version + ".json\"");
    v.res.set_header("Cache-Control", "no-store");
    v.res.set_content(*definition, "application/json");
}

void results_page(const ConsoleParts& parts, Visit& v, const std::string& id) {
    const auto versions = parts.db.versions(id);
    if (versions.empty()) {
        parts.message(v.res, 404, "Page not found",
                      "No consultation \"" + id + "\" is published on this store.", &v.session,
                      "/consultations", "Go to the consultations");
        return;
    }
    const auto divisions = parts.console.divisions();
    const auto languages = languages_of(versions);
    const FilterChoice choice = read_filter(v.req, versions, divisions, languages);

    mustache::data data;
    data.set("id", id);
    data.set("title", title_of(versions.back()));
    data.set("action", parts.link("/consultations/" + id));
    std::vector<std::string> version_numbers;
    for (const auto& c : versions) version_numbers.push_back(std::to_string(c.version));
    data.set("versions", choices(version_numbers,
                                 choice.filter.version ? std::to_string(choice.filter.version) : "",
                                 "All versions"));
    data.set("divisions", choices(divisions, choice.filter.division, "All divisions"));
    data.set("modes", choices(kModes, choice.filter.mode, "All modes"));
    data.set("languages", choices(languages, choice.filter.language, "All languages"));
    data.set("from", v.req.get_param_value("from"));
    data.set("to", v.req.get_param_value("to"));

    if (!choice.problems.empty()) {
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
        parts.page(v.res, 400, "Error: Results of " + title_of(versions.back()), "results", data,
                   &v.session, "consultations");
        return;
    }

    const Results results = compute_results(parts.console, id, versions, choice.filter);
    data.set("filter_text", describe(choice.filter));
    data.set("responses", grouped(results.responses));
    data.set("show_results", true);
    if (v.session.user.role >= UserRole::Officer) {
        const std::string query = choice.query.empty() ? "" : "?" + choice.query;
        data.set("csv_link", parts.link("/consultations/" + id + "/results.csv" + query));
        data.set("xlsx_link", parts.link("/consultations/" + id + "/results.xlsx" + query));
    }
    mustache::data questions = mustache::data::type::list;
    for (const auto& q : results.questions) {
        mustache::data item;
        item.set("id", q.id);
        item.set("prompt", q.prompt);
        item.set("answered", grouped(q.answered));
        item.set("counted", q.counted);
        if (q.counted) {
            item.set("chart", bar_chart_svg(q, "chart-title-" + q.id));
            mustache::data rows = mustache::data::type::list;
            for (const auto& o : q.options) {
                mustache::data row;
                row.set("label", o.label);
                row.set("key", o.key);
                row.set("count", grouped(o.count));
                row.set("percent", percent(o.count, q.answered));
                rows.push_back(row);
            }
            item.set("rows", rows);
        }
        questions.push_back(item);
    }
    data.set("questions", questions);
    parts.page(v.res, 200, "Results of " + title_of(versions.back()), "results", data, &v.session,
               "consultations");
}

namespace {

// What a results download is of: every version and a filter read from the query. nullopt after
// answering with the page that says what was wrong (an unknown consultation or filter value).
struct Download {
    std::vector<Consultation> versions;
    FilterChoice choice;
};
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

}  // namespace

void results_csv(const ConsoleParts& parts, Visit& v, const std::string& id) {
    const auto d = download_of(parts, v, id);
    if (!d) return;
    const std::string csv = export_csv(
        d->versions,
        [&](const RowVisitor& fn) { parts.console.for_each_response(id, d->choice.filter, fn); },
        std::nullopt);
    parts.audit(v, "download results CSV", id + ": " + describe(d->choice.filter));
    attach(v, id + ".csv", csv, "text/csv; charset=utf-8");
}

void results_xlsx(const ConsoleParts& parts, Visit& v, const std::string& id) {
    const auto d = download_of(parts, v, id);
    if (!d) return;
    XlsxBook book;
    // The results page's numbers, then every response as the CSV has it.
    book.sheet("Results");
    book.row({"Filter", describe(d->choice.filter)});
    const Results results = compute_results(parts.console, id, d->versions, d->choice.filter);
    book.row({"Responses", std::to_string(results.responses)});
    book.row({});
    book.row({"question", "prompt", "answer", "answer_key", "count",
              "percent_of_those_who_answered"},
             true);
    auto share = [](std::int64_t part, std::int64_t whole) -> std::string {
        if (whole == 0) return "";
        char text[32];
        std::snprintf(text, sizeof text, "%.1f", 100.0 * static_cast<double>(part) /
                                                     static_cast<double>(whole));
        return text;
    };
    for (const auto& q : results.questions) {
        if (!q.counted) {
            book.row({q.id, q.prompt, "(answered)", "", std::to_string(q.answered), ""});
            continue;
        }
        for (const auto& o : q.options) {
            book.row({q.id, q.prompt, o.label, o.key, std::to_string(o.count),
                      share(o.count, q.answered)});
        }
    }
    book.sheet("Responses");
    bool header = true;
    export_table(d->versions,
                 export_rows(
                     d->versions,
                     [&](const RowVisitor& fn) {
                         parts.console.for_each_response(id, d->choice.filter, fn);
                     },
                     std::nullopt),
                 [&](const std::vector<std::string>& cells) {
                     book.row(cells, header);
                     header = false;
                 });
    const std::string bytes = book.finish();
    parts.audit(v, "download results XLSX", id + ": " + describe(d->choice.filter));
    attach(v, id + ".xlsx", bytes,
           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}

}  // namespace fv::central
