// The console's equality page, for the service and community impact assessment: who answered each
// equalities question, any question broken down by one (with small-count suppression), and the
// representation table against the reference population an officer uploads; its CSV download and
// the equality sheets of the XLSX download.
#include "sync/central/console_equality.hpp"

#include <cstdio>

#include "core/stats/representation.hpp"
#include "core/stats/suppression.hpp"
#include "core/store/export.hpp"
#include "sync/central/console_filter.hpp"
#include "sync/central/xlsx.hpp"

namespace fv::central {

namespace {

std::string display(std::int64_t count, CellDisplay how) {
    switch (how) {
        case CellDisplay::fewer_than_5:
            return "fewer than 5";
        case CellDisplay::hidden:
            return "hidden";
        case CellDisplay::shown:
            break;
    }
    return grouped(count);
}

std::string share_text(double share) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f%%", 100.0 * share);
    return text;
}

std::string ratio_text(double ratio) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", ratio);
    return text;
}

}  // namespace

std::vector<WhoAnswered> who_answered(const Results& results) {
    std::vector<WhoAnswered> out;
    for (const auto& q : results.questions) {
        if (!q.equalities || !q.counted) continue;
        WhoAnswered w;
        w.question = &q;
        w.total = results.responses;
        std::vector<std::int64_t> counts;
        for (const auto& o : q.options) {
            w.rows.push_back(o);
            counts.push_back(o.count);
        }
        w.rows.push_back({"", "No answer", results.responses - q.answered});
        counts.push_back(w.rows.back().count);
        w.display = suppress_counts(counts);
        out.push_back(std::move(w));
    }
    return out;
}

std::vector<CrossTabSpec> every_cross_tab(const Results& results) {
    std::vector<CrossTabSpec> out;
    for (const auto& by : results.questions) {
        if (!by.equalities || !by.counted) continue;
        for (const auto& q : results.questions) {
            if (q.counted && q.id != by.id) out.push_back({q.id, by.id});
        }
    }
    return out;
}

Representation representation(const Results& results, const ReferenceFile& file,
                              const Consultation& newest, const std::string& division) {
    Representation out;
    const ReferenceParse parsed = parse_reference_csv(file.csv, newest);
    for (const auto& p : parsed.problems) {
        out.problems.push_back((p.line ? "line " + std::to_string(p.line) + ": " : "") + p.message);
    }
    bool has_division = false, has_county = false;
    for (const auto& s : parsed.shares) {
        if (s.division.empty()) has_county = true;
        if (!division.empty() && s.division == division) has_division = true;
    }
    out.area = has_division ? division : "";
    out.area_missing = !has_division && !has_county && !parsed.shares.empty();
    for (const auto& q : results.questions) {
        if (!q.equalities || !q.counted) continue;
        std::vector<ReferenceShare> shares;
        for (const auto& s : parsed.shares) {
            if (s.question_id == q.id && s.division == out.area) shares.push_back(s);
        }
        if (shares.empty()) continue;
        std::vector<std::pair<std::string, std::int64_t>> heard;
        for (const auto& o : q.options) heard.emplace_back(o.key, o.count);
        RepresentationTable table;
        table.question = &q;
        table.rows = compare_representation(heard, shares);
        std::vector<std::int64_t> counts;
        for (const auto& r : table.rows) counts.push_back(r.heard);
        table.display = suppress_counts(counts);
        out.tables.push_back(std::move(table));
    }
    return out;
}

namespace {

std::string label_of(const QuestionResult& q, const std::string& key) {
    for (const auto& o : q.options) {
        if (o.key == key) return o.label;
    }
    return key;
}

// The cross-tab's data for the template, suppressed.
mustache::data cross_tab_data(const CrossTab& t, const Results& results) {
    const SuppressedCrossTab s = suppress_cross_tab(t.counts);
    const QuestionResult* q = results.find(t.question);
    const QuestionResult* by = results.find(t.by);
    mustache::data data;
    data.set("question", t.question);
    data.set("prompt", q ? q->prompt : t.question);
    data.set("by", t.by);
    data.set("by_prompt", by ? by->prompt : t.by);
    data.set("multi", (q && !q->single) || (by && !by->single));
    mustache::data columns = mustache::data::type::list;
    for (const auto& c : t.columns) columns.push_back(mustache::data("label", c.label));
    data.set("columns", columns);
    mustache::data rows = mustache::data::type::list;
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        mustache::data row;
        row.set("label", t.rows[r].label);
        row.set("key", t.rows[r].key);
        mustache::data cells = mustache::data::type::list;
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
            mustache::data cell;
            cell.set("row", t.rows[r].key);
            cell.set("column", t.columns[c].key.empty() ? "none" : t.columns[c].key);
            cell.set("text", display(s.counts[r][c], s.cells[r][c]));
            cell.set("suppressed", s.cells[r][c] != CellDisplay::shown);
            cells.push_back(cell);
        }
        row.set("cells", cells);
        row.set("total", display(s.row_totals[r], s.row_total_display[r]));
        row.set("total_suppressed", s.row_total_display[r] != CellDisplay::shown);
        rows.push_back(row);
    }
    data.set("rows", rows);
    mustache::data totals = mustache::data::type::list;
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
        mustache::data cell;
        cell.set("column", t.columns[c].key.empty() ? "none" : t.columns[c].key);
        cell.set("text", display(s.column_totals[c], s.column_total_display[c]));
        cell.set("suppressed", s.column_total_display[c] != CellDisplay::shown);
        totals.push_back(cell);
    }
    data.set("column_totals", totals);
    data.set("grand_total", display(s.total, s.total_display));
    return data;
}

mustache::data choice_list(const std::vector<std::pair<std::string, std::string>>& items,
                           const std::string& selected) {
    mustache::data list = mustache::data::type::list;
    for (const auto& [value, label] : items) {
        mustache::data item;
        item.set("value", value);
        item.set("label", label);
        item.set("selected", value == selected);
        list.push_back(item);
    }
    return list;
}

std::string area_text(const Representation& r) {
    return r.area.empty() ? "compared county-wide" : "compared with the division " + r.area;
}

}  // namespace

void equality_page(const ConsoleParts& parts, Visit& v, const std::string& id,
                   const EqualityUpload* upload) {
    const auto versions = parts.db.versions(id);
    if (versions.empty()) {
        parts.message(v.res, 404, "Page not found",
                      "No consultation \"" + id + "\" is published on this store.", &v.session,
                      "/consultations", "Go to the consultations");
        return;
    }
    const auto divisions = parts.console.divisions();
    const auto languages = languages_of(versions);
    FilterChoice choice = read_filter(v.req, versions, divisions, languages);
    const std::string action = parts.link("/consultations/" + id + "/equality");

    // The questions the breakdown may use, from the newest wording (the same as compute_results).
    const Results shape = results_shape(versions);
    std::vector<std::pair<std::string, std::string>> question_items, by_items;
    for (const auto& q : shape.questions) {
        if (!q.counted) continue;
        question_items.emplace_back(q.id, q.id + ": " + q.prompt);
        if (q.equalities) by_items.emplace_back(q.id, q.id + ": " + q.prompt);
    }
    std::string question = v.req.get_param_value("question");
    std::string by = v.req.get_param_value("by");
    auto known = [](const auto& items, const std::string& value) {
        for (const auto& [key, label] : items) {
            if (key == value) return true;
        }
        return false;
    };
    auto keys_of = [](const auto& items) {
        std::vector<std::string> keys;
        for (const auto& [key, label] : items) keys.push_back(key);
        return join(keys, ", ");
    };
    if (!question.empty() && !known(question_items, question)) {
        choice.problems.push_back({"question", "Question: \"" + question +
                                                   "\" is not a question with counted answers; "
                                                   "choose one of " +
                                                   keys_of(question_items) + "."});
    }
    if (!by.empty() && !known(by_items, by)) {
        choice.problems.push_back(
            {"by", "Broken down by: \"" + by + "\" is not an equalities question; choose one of " +
                       (by_items.empty() ? std::string("none (it asks none)") : keys_of(by_items)) +
                       "."});
    }
    if (!by_items.empty()) {
        if (by.empty() || !known(by_items, by)) by = by_items.front().first;
        if (question.empty() || !known(question_items, question) || question == by) {
            for (const auto& [key, label] : question_items) {
                if (key != by && !known(by_items, key)) {
                    question = key;
                    break;
                }
            }
        }
    }

    mustache::data data;
    data.set("id", id);
    data.set("title", title_of(versions.back()));
    set_filter_form(data, action, v.req, versions, divisions, languages, choice);
    mustache::data keep = mustache::data::type::list;
    for (const char* name : {"question", "by"}) {
        const std::string value = v.req.get_param_value(name);
        if (!value.empty()) {
            mustache::data item;
            item.set("name", name);
            item.set("value", value);
            keep.push_back(item);
        }
    }
    data.set("keep", keep);
    data.set("can_upload", v.session.user.role >= UserRole::Officer);
    // The upload keeps the page's filter and breakdown: the page shown after it is the same one.
    std::string query = choice.query;
    for (const char* name : {"question", "by"}) {
        const std::string value = v.req.get_param_value(name);
        if (value.empty()) continue;
        query += (query.empty() ? "" : "&") + std::string(name) + "=" + query_escape(value);
    }
    data.set("upload_action", action + "/reference" + (query.empty() ? "" : "?" + query));
    if (upload) {
        data.set("upload_file", upload->file);
        if (!upload->problems.empty()) {
            mustache::data problems = mustache::data::type::list;
            for (const auto& p : upload->problems) problems.push_back(mustache::data(p));
            data.set("upload_problems", problems);
            data.set("upload_problems_count",
                     std::to_string(upload->problems.size()) +
                         (upload->problems.size() == 1 ? " problem" : " problems"));
        }
        if (!upload->done.empty()) data.set("upload_done", upload->done);
    }
    const std::string page_title = "Equality: " + title_of(versions.back());
    if (!choice.problems.empty()) {
        parts.page(v.res, 400, "Error: " + page_title, "equality", data, &v.session,
                   "consultations");
        return;
    }

    std::vector<CrossTabSpec> specs;
    if (!question.empty() && !by.empty() && question != by) specs.push_back({question, by});
    const Results results = compute_results(parts.console, &parts.answers, id, versions, choice.filter, specs);
    data.set("show_results", true);
    data.set("filter_text", describe(choice.filter));
    data.set("responses", grouped(results.responses));
    if (v.session.user.role >= UserRole::Officer) {
        data.set("csv_link", parts.link("/consultations/" + id + "/equality.csv" +
                                        (choice.query.empty() ? "" : "?" + choice.query)));
    }

    mustache::data who = mustache::data::type::list;
    for (const auto& w : who_answered(results)) {
        mustache::data table;
        table.set("id", w.question->id);
        table.set("prompt", w.question->prompt);
        table.set("total", grouped(w.total));
        mustache::data rows = mustache::data::type::list;
        for (std::size_t i = 0; i < w.rows.size(); ++i) {
            mustache::data row;
            row.set("label", w.rows[i].label);
            row.set("key", w.rows[i].key.empty() ? "none" : w.rows[i].key);
            row.set("count", display(w.rows[i].count, w.display[i]));
            row.set("suppressed", w.display[i] != CellDisplay::shown);
            row.set("share", w.display[i] != CellDisplay::shown || w.total == 0
                                 ? std::string("–")
                                 : percent(w.rows[i].count, w.total));
            rows.push_back(row);
        }
        table.set("rows", rows);
        who.push_back(table);
    }
    data.set("equalities", who);

    data.set("has_cross", !by_items.empty() && question_items.size() > 1);
    data.set("action", action);
    mustache::data keep_filter = mustache::data::type::list;
    for (const auto& [name, value] : std::vector<std::pair<std::string, std::string>>{
             {"version", choice.filter.version ? std::to_string(choice.filter.version) : ""},
             {"division", choice.filter.division},
             {"mode", choice.filter.mode},
             {"language", choice.filter.language},
             {"from", choice.filter.from},
             {"to", choice.filter.to}}) {
        if (value.empty()) continue;
        mustache::data item;
        item.set("name", name);
        item.set("value", value);
        keep_filter.push_back(item);
    }
    data.set("keep_filter", keep_filter);
    data.set("question_choices", choice_list(question_items, question));
    data.set("by_choices", choice_list(by_items, by));
    if (!results.cross_tabs.empty())
        data.set("cross", cross_tab_data(results.cross_tabs[0], results));

    if (auto file = parts.console.reference(id)) {
        const Representation r =
            representation(results, *file, versions.back(), choice.filter.division);
        mustache::data ref;
        ref.set("file_name", file->file_name);
        ref.set("uploaded_by", file->uploaded_by);
        ref.set("uploaded_at", file->uploaded_at.substr(0, 10));
        ref.set("area_text", area_text(r));
        ref.set("threshold", share_text(kUnderRepresentedRatio));
        ref.set("area_missing", r.area_missing);
        mustache::data problems = mustache::data::type::list;
        for (const auto& p : r.problems) problems.push_back(mustache::data(p));
        ref.set("reference_problems", problems);
        mustache::data tables = mustache::data::type::list;
        for (const auto& t : r.tables) {
            mustache::data table;
            table.set("id", t.question->id);
            table.set("prompt", t.question->prompt);
            mustache::data rows = mustache::data::type::list;
            for (std::size_t i = 0; i < t.rows.size(); ++i) {
                const auto& row = t.rows[i];
                const bool hide = t.display[i] != CellDisplay::shown;
                mustache::data item;
                item.set("id", t.question->id);
                item.set("key", row.option_key);
                item.set("label", label_of(*t.question, row.option_key));
                item.set("heard", display(row.heard, t.display[i]));
                item.set("suppressed", hide);
                item.set("heard_share", hide ? std::string("–") : share_text(row.heard_share));
                item.set("reference_share", share_text(row.reference_share));
                item.set("ratio", hide || !row.ratio ? std::string("–") : ratio_text(*row.ratio));
                item.set("under", row.under_represented);
                item.set("lowest", row.lowest);
                rows.push_back(item);
            }
            table.set("rows", rows);
            tables.push_back(table);
        }
        ref.set("representation", tables);
        data.set("reference", ref);
    }
    parts.page(v.res, upload && !upload->problems.empty() ? 400 : 200, page_title, "equality", data,
               &v.session, "consultations");
}

void upload_reference(const ConsoleParts& parts, Visit& v, const std::string& id) {
    const Form form = read_form(v.req);
    if (!parts.csrf_ok(v, form)) return;
    const auto versions = parts.db.versions(id);
    if (versions.empty()) {
        parts.message(v.res, 404, "Page not found",
                      "No consultation \"" + id + "\" is published on this store.", &v.session,
                      "/consultations", "Go to the consultations");
        return;
    }
    EqualityUpload upload;
    auto file = form.files.find("reference");
    if (file == form.files.end() || file->second.content.empty()) {
        upload.file = "The upload";
        upload.problems.push_back("Choose a reference population file (CSV) to upload.");
        equality_page(parts, v, id, &upload);
        return;
    }
    upload.file = file->second.filename;
    const ReferenceParse parsed = parse_reference_csv(file->second.content, versions.back());
    for (const auto& p : parsed.problems) {
        upload.problems.push_back((p.line ? "Line " + std::to_string(p.line) + ": " : "") +
                                  p.message);
    }
    if (!upload.problems.empty()) {
        parts.audit(
            v, "reference refused",
            id + ": " + upload.file + ", " + std::to_string(upload.problems.size()) + " problems");
        equality_page(parts, v, id, &upload);
        return;
    }
    parts.console.set_reference(
        id, ReferenceFile{file->second.content, upload.file, v.session.user.email, ""});
    parts.audit(v, "upload reference",
                id + ": " + upload.file + ", " + std::to_string(parsed.shares.size()) + " shares");
    upload.done = "Stored the reference population " + upload.file + " (" +
                  std::to_string(parsed.shares.size()) + " shares).";
    equality_page(parts, v, id, &upload);
}

void equality_rows(const Results& results, const std::optional<Representation>& reference,
                   const std::function<void(const std::vector<std::string>&)>& row) {
    row({"table", "question", "by", "answer_key", "answer", "by_key", "by_answer", "count",
         "share"});
    for (const auto& w : who_answered(results)) {
        for (std::size_t i = 0; i < w.rows.size(); ++i) {
            const bool hide = w.display[i] != CellDisplay::shown;
            row({"who answered", w.question->id, "", w.rows[i].key, w.rows[i].label, "", "",
                 display(w.rows[i].count, w.display[i]),
                 hide || w.total == 0 ? "" : percent(w.rows[i].count, w.total)});
        }
        row({"who answered", w.question->id, "", "all", "All responses", "", "",
             std::to_string(w.total), ""});
    }
    for (const auto& t : results.cross_tabs) {
        const SuppressedCrossTab s = suppress_cross_tab(t.counts);
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            for (std::size_t c = 0; c < t.columns.size(); ++c) {
                row({"breakdown", t.question, t.by, t.rows[r].key, t.rows[r].label,
                     t.columns[c].key.empty() ? "none" : t.columns[c].key, t.columns[c].label,
                     display(s.counts[r][c], s.cells[r][c]), ""});
            }
            row({"breakdown", t.question, t.by, t.rows[r].key, t.rows[r].label, "all", "All",
                 display(s.row_totals[r], s.row_total_display[r]), ""});
        }
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
            row({"breakdown", t.question, t.by, "all", "All",
                 t.columns[c].key.empty() ? "none" : t.columns[c].key, t.columns[c].label,
                 display(s.column_totals[c], s.column_total_display[c]), ""});
        }
        row({"breakdown", t.question, t.by, "all", "All", "all", "All",
             display(s.total, s.total_display), ""});
    }
    if (!reference) return;
    for (const auto& t : reference->tables) {
        for (std::size_t i = 0; i < t.rows.size(); ++i) {
            const auto& r = t.rows[i];
            const bool hide = t.display[i] != CellDisplay::shown;
            const std::string area = reference->area.empty() ? "county" : reference->area;
            row({"representation (" + area + ")", t.question->id, "", r.option_key,
                 label_of(*t.question, r.option_key), "heard share / population share",
                 hide || !r.ratio ? "" : ratio_text(*r.ratio), display(r.heard, t.display[i]),
                 (hide ? std::string() : share_text(r.heard_share)) + " of " +
                     share_text(r.reference_share) +
                     (r.under_represented ? ", heard from least" : "")});
        }
    }
}

void equality_sheets(XlsxBook& book, const Results& results,
                     const std::optional<Representation>& reference) {
    for (const auto& w : who_answered(results)) {
        book.sheet("Who answered " + w.question->id);
        book.row({w.question->prompt});
        book.row({"answer", "answer_key", "people", "percent_of_all_responses"}, true);
        for (std::size_t i = 0; i < w.rows.size(); ++i) {
            const bool hide = w.display[i] != CellDisplay::shown;
            std::string share;
            if (!hide && w.total > 0) {
                share = percent(w.rows[i].count, w.total);
                if (!share.empty() && share.back() == '%') share.pop_back();
            }
            book.row(
                {w.rows[i].label, w.rows[i].key.empty() ? "none" : w.rows[i].key,
                 hide ? display(w.rows[i].count, w.display[i]) : std::to_string(w.rows[i].count),
                 share});
        }
        book.row({"All responses", "all", std::to_string(w.total), "100"});
    }
    for (const auto& t : results.cross_tabs) {
        const SuppressedCrossTab s = suppress_cross_tab(t.counts);
        auto cell = [](std::int64_t n, CellDisplay how) {
            return how == CellDisplay::shown ? std::to_string(n) : display(n, how);
        };
        book.sheet(t.question + " by " + t.by);
        const QuestionResult* q = results.find(t.question);
        const QuestionResult* by = results.find(t.by);
        book.row({(q ? q->prompt : t.question) + ", by " + (by ? by->prompt : t.by)});
        std::vector<std::string> header{"answer"};
        for (const auto& c : t.columns) header.push_back(c.label);
        header.push_back("All");
        book.row(header, true);
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            std::vector<std::string> line{t.rows[r].label};
            for (std::size_t c = 0; c < t.columns.size(); ++c) {
                line.push_back(cell(s.counts[r][c], s.cells[r][c]));
            }
            line.push_back(cell(s.row_totals[r], s.row_total_display[r]));
            book.row(line);
        }
        std::vector<std::string> totals{"All"};
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
            totals.push_back(cell(s.column_totals[c], s.column_total_display[c]));
        }
        totals.push_back(cell(s.total, s.total_display));
        book.row(totals);
    }
    if (!reference || reference->tables.empty()) return;
    book.sheet("Representation");
    book.row({"Compared " + (reference->area.empty() ? std::string("county-wide")
                                                     : "with the division " + reference->area)});
    book.row({"question", "group", "group_key", "people_heard", "percent_heard",
              "percent_of_population", "heard_over_population", "heard_from_least"},
             true);
    for (const auto& t : reference->tables) {
        for (std::size_t i = 0; i < t.rows.size(); ++i) {
            const auto& r = t.rows[i];
            const bool hide = t.display[i] != CellDisplay::shown;
            char heard[32], population[32];
            std::snprintf(heard, sizeof heard, "%.1f", 100.0 * r.heard_share);
            std::snprintf(population, sizeof population, "%.1f", 100.0 * r.reference_share);
            book.row({t.question->id, label_of(*t.question, r.option_key), r.option_key,
                      hide ? display(r.heard, t.display[i]) : std::to_string(r.heard),
                      hide ? "" : heard, population, hide || !r.ratio ? "" : ratio_text(*r.ratio),
                      r.under_represented ? "yes" : "no"});
        }
    }
}

void equality_csv(const ConsoleParts& parts, Visit& v, const std::string& id) {
    const auto d = download_of(parts, v, id);
    if (!d) return;
    const Results shape = results_shape(d->versions);
    const Results results =
        compute_results(parts.console, &parts.answers, id, d->versions, d->choice.filter, every_cross_tab(shape));
    std::optional<Representation> reference;
    if (auto file = parts.console.reference(id)) {
        reference = representation(results, *file, d->versions.back(), d->choice.filter.division);
    }
    std::string csv;
    equality_rows(results, reference, [&](const std::vector<std::string>& cells) {
        for (std::size_t i = 0; i < cells.size(); ++i) csv += (i ? "," : "") + csv_escape(cells[i]);
        csv += "\r\n";
    });
    parts.audit(v, "download equality CSV", id + ": " + describe(d->choice.filter));
    attach(v, id + "-equality.csv", csv, "text/csv; charset=utf-8");
}

}  // namespace fv::central
