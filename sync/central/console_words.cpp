// The console's words page: texts in people's own words (free-text and "other" answers, meeting
// notes, partner feedback), searched with FTS5, filtered like the results, counted by theme and
// tagged by officers with the consultation's themes.
#include <algorithm>
#include <cctype>
#include <map>

#include "sync/central/console_filter.hpp"
#include "sync/central/console_web.hpp"

namespace fv::central {

namespace {

constexpr int kWordsAPage = 50;

struct Kind {
    std::string key, label, plural;
};

const std::vector<Kind>& kinds() {
    static const std::vector<Kind> list = {{"answer", "Free-text answer", "free-text answers"},
                                           {"other", "“Other” answer", "“other” answers"},
                                           {"note", "Meeting note", "meeting notes"}};
    return list;
}

const Kind* find_kind(const std::string& key) {
    for (const auto& k : kinds()) {
        if (k.key == key) return &k;
    }
    return nullptr;
}

std::string kind_label(const std::string& key) {
    const Kind* k = find_kind(key);
    return k ? k->label : key;
}

// Every theme of every version, in the order first given.
std::vector<std::string> themes_of(const std::vector<Consultation>& versions) {
    std::vector<std::string> out;
    for (const auto& c : versions) {
        for (const auto& t : c.themes) {
            if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
        }
    }
    return out;
}

// The themes a text may carry: those of its own version, else of the newest.
std::vector<std::string> themes_for(const std::vector<Consultation>& versions, int version) {
    for (const auto& c : versions) {
        if (c.version == version) return c.themes;
    }
    return versions.back().themes;
}

// A question's prompt in the newest version that has it, with its id.
std::string question_text(const std::vector<Consultation>& versions, const std::string& id) {
    if (id.empty()) return "";
    for (auto it = versions.rbegin(); it != versions.rend(); ++it) {
        if (const Question* q = it->find(id)) {
            return q->prompt.in(it->default_language(), it->default_language()) + " (" + id + ")";
        }
    }
    return id;
}

// A query string we made (percent-encoded pairs), so that a redirect can carry it back; anything
// else is dropped rather than put in a Location header.
bool plain_query(const std::string& query) {
    return query.size() < 2000 && std::all_of(query.begin(), query.end(), [](unsigned char c) {
               return std::isalnum(c) || c == '%' || c == '&' || c == '=' || c == '-' || c == '_' ||
                      c == '.' || c == '~';
           });
}

std::string add_param(const std::string& query, const std::string& name, const std::string& value) {
    if (value.empty()) return query;
    return query + (query.empty() ? "" : "&") + name + "=" + query_escape(value);
}

std::string with_query(const std::string& path, const std::string& query) {
    return query.empty() ? path : path + "?" + query;
}

void not_found(const ConsoleParts& parts, Visit& v, const std::string& id) {
    parts.message(v.res, 404, "Page not found",
                  "No consultation \"" + id + "\" is published on this store.", &v.session,
                  "/consultations", "Go to the consultations");
}

}  // namespace

void words_page(const ConsoleParts& parts, Visit& v, const std::string& id) {
    const auto versions = parts.db.versions(id);
    if (versions.empty()) return not_found(parts, v, id);
    const auto divisions = parts.console.divisions();
    const auto languages = languages_of(versions);
    const auto themes = themes_of(versions);
    FilterChoice choice = read_filter(v.req, versions, divisions, languages);

    WordFilter filter;
    filter.responses = choice.filter;
    const std::string typed = v.req.get_param_value("q");
    filter.match = words_match_query(typed);
    filter.theme = v.req.get_param_value("theme");
    if (!filter.theme.empty() &&
        std::find(themes.begin(), themes.end(), filter.theme) == themes.end()) {
        choice.problems.push_back(
            {"theme", "Theme: \"" + filter.theme + "\" is not one of this consultation's themes" +
                          (themes.empty() ? std::string(" (it has none).")
                                          : " (" + join(themes, ", ") + ").")});
    }
    filter.kind = v.req.get_param_value("kind");
    if (!filter.kind.empty() && !find_kind(filter.kind)) {
        choice.problems.push_back(
            {"kind", "Kind of text: \"" + filter.kind + "\" is not one of answer, other, note."});
    }
    std::int64_t page = 1;
    const std::string page_text = v.req.get_param_value("page");
    if (!page_text.empty()) {
        const bool digits =
            page_text.size() < 10 && std::all_of(page_text.begin(), page_text.end(),
                                                 [](unsigned char c) { return std::isdigit(c); });
        page = digits ? std::stoll(page_text) : 0;
        if (page < 1) {
            choice.problems.push_back(
                {"q", "Page: \"" + page_text + "\" is not a page number; pages count from 1."});
            page = 1;
        }
    }

    // The filter as a query string, for the page links, the theme links and the tag forms.
    std::string query = add_param(choice.query, "q", typed);
    query = add_param(query, "kind", filter.kind);
    const std::string query_but_theme = query;
    query = add_param(query, "theme", filter.theme);

    const std::string words_path = "/consultations/" + id + "/words";
    mustache::data data;
    data.set("id", id);
    data.set("title", title_of(versions.back()));
    data.set("action", parts.link(words_path));
    data.set("results_link", parts.link(with_query("/consultations/" + id, choice.query)));
    data.set("q", typed);
    data.set("theme_choices", choices(themes, filter.theme, "All themes"));
    mustache::data kind_choices = mustache::data::type::list;
    {
        mustache::data all;
        all.set("value", "");
        all.set("label", "All kinds");
        all.set("selected", filter.kind.empty());
        kind_choices.push_back(all);
        for (const auto& k : kinds()) {
            mustache::data item;
            item.set("value", k.key);
            item.set("label", k.label);
            item.set("selected", k.key == filter.kind);
            kind_choices.push_back(item);
        }
    }
    data.set("kind_choices", kind_choices);
    set_filter_fields(data, v.req, choice, versions, divisions, languages);
    const std::string page_title = "In their own words: " + title_of(versions.back());
    if (!choice.problems.empty()) {
        parts.page(v.res, 400, "Error: " + page_title, "words", data, &v.session, "consultations");
        return;
    }

    const WordPage found =
        parts.console.own_words(id, filter, (page - 1) * kWordsAPage, kWordsAPage);
    const std::int64_t page_count =
        std::max<std::int64_t>(1, (found.total + kWordsAPage - 1) / kWordsAPage);
    data.set("show_words", true);
    data.set("total", grouped(found.total));
    data.set("total_noun", found.total == 1 ? "text" : "texts");
    std::vector<std::string> said;  // "5 texts: from responses of version 2, with the words …"
    if (const std::string responses = describe(choice.filter); responses != "all responses") {
        said.push_back(responses);
    }
    if (!filter.match.empty()) said.push_back("with the words “" + typed + "”");
    if (const Kind* k = find_kind(filter.kind)) said.push_back(k->plural + " only");
    if (!filter.theme.empty()) said.push_back("tagged " + filter.theme);
    data.set("filter_text", said.empty() ? std::string("all of them") : join(said, ", "));

    mustache::data counts = mustache::data::type::list;
    std::map<std::string, std::int64_t> by_theme(found.by_theme.begin(), found.by_theme.end());
    for (const auto& t : themes) {
        mustache::data row;
        row.set("theme", t);
        row.set("key", t);
        row.set("count", grouped(by_theme.count(t) ? by_theme[t] : 0));
        row.set("link", parts.link(with_query(words_path, add_param(query_but_theme, "theme", t))));
        counts.push_back(row);
    }
    {
        mustache::data row;
        row.set("theme", "Not tagged");
        row.set("key", "");
        row.set("count", grouped(found.untagged));
        counts.push_back(row);
    }
    data.set("theme_counts", counts);

    const bool can_tag = v.session.user.role >= UserRole::Officer;
    const std::string return_query = add_param(query, "page", page > 1 ? std::to_string(page) : "");
    mustache::data words = mustache::data::type::list;
    for (const auto& w : found.rows) {
        const std::string word_path = words_path + "/" + std::to_string(w.id);
        mustache::data item;
        item.set("word_id", std::to_string(w.id));
        item.set("kind", w.kind);
        item.set("kind_label", kind_label(w.kind));
        item.set("text", w.text);
        item.set("quotable", w.quotable);
        item.set("mode", w.mode);
        // Mustache takes any string as true, so a part of the source that is not known is
        // left out rather than set to "".
        if (!w.question_id.empty()) item.set("question", question_text(versions, w.question_id));
        if (!w.session_title.empty()) item.set("session_title", w.session_title);
        if (!w.organisation.empty()) item.set("organisation", w.organisation);
        item.set("division", w.division.empty() ? std::string("none given") : w.division);
        item.set("date",
                 w.said_at.size() >= 16 ? w.said_at.substr(0, 16).replace(10, 1, " ") : w.said_at);
        item.set("version", w.consultation_version ? std::to_string(w.consultation_version)
                                                   : std::string("not given"));
        mustache::data tags = mustache::data::type::list;
        for (const auto& t : w.themes) {
            mustache::data tag;
            tag.set("theme", t);
            tag.set("untag_action", parts.link(word_path + "/untag"));
            tags.push_back(tag);
        }
        item.set("themes", tags);
        if (can_tag) {
            item.set("can_tag", true);
            item.set("tag_action", parts.link(word_path + "/tag"));
            item.set("return_query", return_query);
            mustache::data untagged = mustache::data::type::list;
            for (const auto& t : themes_for(versions, w.consultation_version)) {
                if (std::find(w.themes.begin(), w.themes.end(), t) == w.themes.end()) {
                    untagged.push_back(mustache::data(t));
                }
            }
            item.set("has_untagged_themes", !untagged.is_empty_list());
            item.set("untagged_themes", untagged);
        }
        words.push_back(item);
    }
    data.set("none", found.rows.empty());
    data.set("words", words);
    data.set("first", std::to_string((page - 1) * kWordsAPage + 1));
    data.set("last", std::to_string((page - 1) * kWordsAPage +
                                    static_cast<std::int64_t>(found.rows.size())));

    if (page_count > 1 || page > 1) {
        auto page_link = [&](std::int64_t n) {
            return parts.link(
                with_query(words_path, add_param(query, "page", n > 1 ? std::to_string(n) : "")));
        };
        data.set("paged", true);
        data.set("page", std::to_string(page));
        data.set("page_count", std::to_string(page_count));
        if (page > 1) data.set("prev_link", page_link(std::min(page - 1, page_count)));
        if (page < page_count) data.set("next_link", page_link(page + 1));
        mustache::data pages = mustache::data::type::list;
        bool gap = false;
        for (std::int64_t n = 1; n <= page_count; ++n) {
            const bool shown = n == 1 || n == page_count || (n >= page - 1 && n <= page + 1);
            if (!shown) {
                if (!gap) {
                    mustache::data e;
                    e.set("ellipsis", true);
                    pages.push_back(e);
                }
                gap = true;
                continue;
            }
            gap = false;
            mustache::data p;
            p.set("number", std::to_string(n));
            p.set("link", page_link(n));
            p.set("current", n == page);
            pages.push_back(p);
        }
        data.set("pages", pages);
    }
    parts.page(v.res, 200, page_title, "words", data, &v.session, "consultations");
}

void tag_words(const ConsoleParts& parts, Visit& v, const std::string& id,
               const std::string& word_id, bool add) {
    const Form form = read_form(v.req);
    if (!parts.csrf_ok(v, form)) return;
    const std::string words_path = "/consultations/" + id + "/words";
    const std::string what = add ? "tagged" : "untagged";
    std::optional<WordRef> word;
    if (word_id.size() < 18) word = parts.console.own_word(std::stoll(word_id));
    if (!word || word->consultation_id != id) {
        parts.message(v.res, 404, "There is no such text",
                      "There is no text number " + word_id +
                          " among the texts in people's own words for " + id +
                          " on this store, so nothing was " + what +
                          ". It may have been a link from another store.",
                      &v.session, words_path, "Go to the texts of " + id);
        return;
    }
    const auto versions = parts.db.versions(id);
    const std::string theme = form.get("theme");
    const auto allowed = versions.empty() ? std::vector<std::string>{}
                                          : themes_for(versions, word->consultation_version);
    if (std::find(allowed.begin(), allowed.end(), theme) == allowed.end()) {
        parts.message(
            v.res, 400, "That theme is not this consultation's",
            (theme.empty() ? std::string("No theme was chosen")
                           : "The theme \"" + theme + "\" is not one of " + id + "'s themes") +
                ", so text " + word_id + " was not " + what + ". " +
                (allowed.empty() ? std::string("This consultation has no themes.")
                                 : "Its themes are: " + join(allowed, ", ") + "."),
            &v.session, words_path, "Go to the texts of " + id);
        return;
    }
    const std::string who = v.session.user.email;
    const bool changed = add ? parts.console.tag_own_word(word->id, theme, who)
                             : parts.console.untag_own_word(word->id, theme);
    if (changed) {
        parts.audit(v, add ? "tag text" : "untag text",
                    id + " text " + word_id + " (" + word->kind + "): " + theme);
    }
    std::string back = form.get("return");
    if (!plain_query(back)) back.clear();
    parts.redirect(v.res, with_query(words_path, back) + "#word-" + word_id);
}

}  // namespace fv::central
