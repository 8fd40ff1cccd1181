// Console pages of consultations: the list with every version, publishing by upload, downloading
// a version's definition, and the results page with its filters and its CSV and XLSX downloads.
#include <algorithm>
#include <cstdio>

#include "core/util/ids.hpp"
#include "sync/central/console_equality.hpp"
#include "sync/central/console_filter.hpp"
#include "sync/central/console_results.hpp"
#include "sync/central/console_web.hpp"
#include "sync/central/service.hpp"
#include "sync/central/xlsx.hpp"

namespace fv::central {

namespace {

// "residents and staff": a consultation's audience (DESIGN.md, docs/format.md) in words.
std::string audience_words(const std::vector<std::string>& audience) {
    std::vector<std::string> words;
    for (const auto& a : audience) {
        words.push_back(a == "resident"  ? "residents"
                        : a == "partner" ? "partner organisations"
                                         : a);  // "staff" reads as it is
    }
    if (words.size() <= 1) return words.empty() ? "residents" : words[0];
    const std::string last = words.back();
    words.pop_back();
    return join(words, ", ") + " and " + last;
}

void consultations_list(const ConsoleParts& parts, Visit& v, int status,
                        const mustache::data* upload_result) {
    mustache::data list = mustache::data::type::list;
    const bool officer = v.session.user.role >= UserRole::Officer;
    // The audience filter: one of the known audiences, or all.
    const std::string audience = v.req.get_param_value("audience");
    const auto& known = known_audiences();
    mustache::data data;
    const bool wrong =
        !audience.empty() && std::find(known.begin(), known.end(), audience) == known.end();
    if (wrong) {
        const std::string problem = "Audience: \"" + audience + "\" is not one of " +
                                    join(known, ", ") + "; choose one of them or all audiences.";
        data.set("error_audience", problem);
        status = 400;
    }
    data.set("audiences", choices(known, audience, "All audiences"));
    int shown = 0, all = 0;
    for (const auto& stats : parts.console.consultation_stats(std::chrono::system_clock::now())) {
        auto latest = parts.db.consultation(stats.id, stats.versions.back().version);
        // A definition names its audience, ["resident"] when it does not (parsed, never empty).
        const std::vector<std::string> of =
            latest ? latest->audience : std::vector<std::string>{"resident"};
        ++all;
        if (wrong) continue;  // the error says what to choose; no list until then
        if (!audience.empty() && std::find(of.begin(), of.end(), audience) == of.end()) continue;
        ++shown;
        mustache::data item;
        item.set("id", stats.id);
        item.set("title", latest ? title_of(*latest) : stats.id);
        item.set("audience", audience_words(of));
        item.set("audience_ids", join(of, " "));
        item.set("link", parts.link("/consultations/" + stats.id));
        item.set("words_link", parts.link("/consultations/" + stats.id + "/words"));
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
    data.set("consultations", list);
    data.set("none", all == 0);
    if (all > 0 && shown == 0 && !wrong) {
        data.set("none_for_audience", "No consultation on this store asks " +
                                          audience_words({audience}) + ".");
    }
    if (!audience.empty() && !wrong) data.set("audience_filter", audience_words({audience}));
    data.set("can_publish", officer);
    if (upload_result) data.set("upload", *upload_result);
    parts.page(v.res, status, wrong ? "Error: Consultations" : "Consultations", "consultations",
               data, &v.session, "consultations");
}

// The counts a person must read apart from the totals (docs/pulse.md): how many were flagged as
// rapid repeats, how many pulse responses are counted with the full response that continues them,
// and the responses by how they were given.
void set_counted_apart(mustache::data& data, const Results& results) {
    data.set("flagged", grouped(results.flagged));
    data.set("any_flagged", results.flagged > 0);
    if (results.left_out > 0) {
        data.set("left_out", grouped(results.left_out));
        data.set("left_out_one", results.left_out == 1);
    }
    mustache::data modes = mustache::data::type::list;
    ModeCount total;
    bool pulse = false;
    for (const auto& m : results.modes) {
        mustache::data row;
        row.set("mode", m.mode);
        row.set("label", mode_label(m.mode));
        row.set("responses", grouped(m.responses));
        row.set("counted", grouped(m.counted));
        row.set("flagged", grouped(m.flagged));
        row.set("told_more", m.mode == "pulse" ? grouped(m.told_more) : std::string("–"));
        pulse = pulse || m.mode == "pulse";
        total.responses += m.responses;
        total.counted += m.counted;
        total.flagged += m.flagged;
        total.told_more += m.told_more;
        modes.push_back(row);
    }
    data.set("mode_rows", modes);
    data.set("has_modes", !results.modes.empty());
    data.set("has_pulse", pulse);
    data.set("modes_responses", grouped(total.responses));
    data.set("modes_counted", grouped(total.counted));
    data.set("modes_flagged", grouped(total.flagged));
    data.set("modes_told_more", grouped(total.told_more));
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
    set_filter_form(data, parts.link("/consultations/" + id), v.req, versions, divisions,
                    languages, choice);
    data.set("equality_link", parts.link("/consultations/" + id + "/equality" +
                                         (choice.query.empty() ? "" : "?" + choice.query)));
    data.set("words_link", parts.link("/consultations/" + id + "/words"));
    data.set("outcomes_link", parts.link("/consultations/" + id + "/outcomes"));
    if (!choice.problems.empty()) {
        parts.page(v.res, 400, "Error: Results of " + title_of(versions.back()), "results", data,
                   &v.session, "consultations");
        return;
    }

    const Results results = compute_results(parts.console, &parts.answers, id, versions, choice.filter);
    data.set("filter_text", describe(choice.filter));
    data.set("responses", grouped(results.responses));
    set_counted_apart(data, results);
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
        if (q.answered_flagged > 0) item.set("answered_flagged", grouped(q.answered_flagged));
        item.set("counted", q.counted);
        if (q.counted) {
            item.set("chart", bar_chart_svg(q, "chart-title-" + q.id));
            mustache::data rows = mustache::data::type::list;
            for (const auto& o : q.options) {
                mustache::data row;
                row.set("label", o.label);
                row.set("key", o.key);
                row.set("count", grouped(o.count));
                row.set("flagged", grouped(o.flagged));
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
    const Results results = compute_results(parts.console, &parts.answers, id, d->versions, d->choice.filter,
                                            every_cross_tab(results_shape(d->versions)));
    // Counted as the page counts them (docs/pulse.md): each person once, flagged ones apart.
    book.row({"Responses", std::to_string(results.responses)});
    book.row({"Of which flagged as rapid repeats", std::to_string(results.flagged)});
    book.row({"Pulse responses counted in the full response that continues them",
              std::to_string(results.left_out)});
    book.row({});
    book.row({"mode", "responses", "told_us_more", "counted", "flagged"}, true);
    for (const auto& m : results.modes) {
        book.row({m.mode, std::to_string(m.responses),
                  m.mode == "pulse" ? std::to_string(m.told_more) : "", std::to_string(m.counted),
                  std::to_string(m.flagged)});
    }
    book.row({});
    book.row({"question", "prompt", "answer", "answer_key", "count",
              "percent_of_those_who_answered", "flagged"},
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
            book.row({q.id, q.prompt, "(answered)", "", std::to_string(q.answered), "",
                      std::to_string(q.answered_flagged)});
            continue;
        }
        for (const auto& o : q.options) {
            book.row({q.id, q.prompt, o.label, o.key, std::to_string(o.count),
                      share(o.count, q.answered), std::to_string(o.flagged)});
        }
    }
    std::optional<Representation> reference;
    if (auto file = parts.console.reference(id)) {
        reference = representation(results, *file, d->versions.back(), d->choice.filter.division);
    }
    equality_sheets(book, results, reference);
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
