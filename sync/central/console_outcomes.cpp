// The console's "You said, we did" page of a consultation: its entries (shown on the kiosks until
// withdrawn, outcomes.hpp), a form to write one in each of its languages, and withdrawing one.
#include <map>

#include "core/util/ids.hpp"
#include "core/util/seal.hpp"
#include "sync/central/console_filter.hpp"
#include "sync/central/outcomes.hpp"

namespace fv::central {

namespace {

// The page, with `form` (what was typed, when it is shown again) and `problems`.
void show(const ConsoleParts& parts, Visit& v, const std::string& id, int status,
          const OutcomeEntry* typed,
          const std::vector<std::pair<std::string, std::string>>& problems,
          const std::string& done) {
    const auto versions = parts.db.versions(id);
    const Consultation& c = versions.back();
    mustache::data data;
    data.set("id", id);
    data.set("title", title_of(c));
    data.set("results_link", parts.link("/consultations/" + id));
    data.set("action", parts.link("/consultations/" + id + "/outcomes"));
    data.set("can_write", v.session.user.role >= UserRole::Officer);
    data.set("max_chars", std::to_string(kOutcomeMaxChars));
    if (!done.empty()) data.set("done", done);
    std::map<std::string, bool> wrong;
    if (!problems.empty()) {
        mustache::data list = mustache::data::type::list;
        for (const auto& [field, text] : problems) {
            mustache::data p;
            p.set("field", field);
            p.set("text", text);
            list.push_back(p);
            wrong[field] = true;
        }
        data.set("problems", list);
        data.set("has_problems", true);
        data.set("problems_count", std::to_string(problems.size()) +
                                       (problems.size() == 1 ? " problem" : " problems") +
                                       ", nothing stored");
    }
    mustache::data languages = mustache::data::type::list;
    for (const auto& lang : c.languages) {
        mustache::data l;
        l.set("lang", lang);
        l.set("name", language_name(lang));
        auto get = [&](const std::map<std::string, std::string>& m) {
            auto it = m.find(lang);
            return typed && it != m.end() ? it->second : std::string();
        };
        l.set("text", get(typed ? typed->text : std::map<std::string, std::string>{}));
        l.set("easy", get(typed ? typed->easy_read : std::map<std::string, std::string>{}));
        if (wrong.count("text-" + lang)) l.set("text_error", true);
        if (wrong.count("easy-" + lang)) l.set("easy_error", true);
        languages.push_back(l);
    }
    data.set("languages", languages);
    std::vector<std::string> themes = c.themes;
    data.set("themes", choices(themes, typed ? typed->theme : "", "None"));
    data.set("has_themes", !themes.empty());
    data.set("day", typed ? typed->day : now_rfc3339().substr(0, 10));
    if (wrong.count("picture")) data.set("picture_error", true);
    if (wrong.count("theme")) data.set("theme_error", true);
    if (wrong.count("day")) data.set("day_error", true);

    mustache::data live = mustache::data::type::list, gone = mustache::data::type::list;
    for (const auto& e : parts.db.outcomes(id, true)) {
        mustache::data item;
        item.set("entry_id", std::to_string(e.id));
        item.set("day", e.day);
        item.set("theme", e.theme);
        mustache::data texts = mustache::data::type::list;
        for (const auto& lang : c.languages) {
            mustache::data t;
            t.set("name", language_name(lang));
            t.set("lang", lang);
            auto it = e.text.find(lang);
            t.set("text", it == e.text.end() ? std::string() : it->second);
            auto easy = e.easy_read.find(lang);
            if (easy != e.easy_read.end() && !easy->second.empty()) t.set("easy", easy->second);
            texts.push_back(t);
        }
        item.set("texts", texts);
        if (!e.picture_png.empty()) {
            item.set("picture", "data:image/png;base64," + base64_encode(e.picture_png));
        }
        item.set("created", e.created_by + ", " + e.created_at.substr(0, 10));
        if (e.withdrawn()) {
            item.set("withdrawn", e.withdrawn_by + ", " + e.withdrawn_at.substr(0, 10));
            gone.push_back(item);
        } else {
            item.set("withdraw_action", parts.link("/consultations/" + id + "/outcomes/" +
                                                   std::to_string(e.id) + "/withdraw"));
            live.push_back(item);
        }
    }
    data.set("live", live);
    data.set("has_live", !live.is_empty_list());
    data.set("gone", gone);
    data.set("has_gone", !gone.is_empty_list());
    parts.page(
        v.res, status,
        (problems.empty() ? "" : "Error: ") + std::string("You said, we did: ") + title_of(c),
        "outcomes", data, &v.session, "consultations");
}

bool known_consultation(const ConsoleParts& parts, Visit& v, const std::string& id) {
    if (!parts.db.versions(id).empty()) return true;
    parts.message(v.res, 404, "Page not found",
                  "No consultation \"" + id + "\" is published on this store.", &v.session,
                  "/consultations", "Go to the consultations");
    return false;
}

}  // namespace

void outcomes_page(const ConsoleParts& parts, Visit& v, const std::string& id) {
    if (!known_consultation(parts, v, id)) return;
    show(parts, v, id, 200, nullptr, {}, "");
}

void add_outcome(const ConsoleParts& parts, Visit& v, const std::string& id) {
    const Form form = read_form(v.req);
    if (!parts.csrf_ok(v, form)) return;
    if (!known_consultation(parts, v, id)) return;
    const auto versions = parts.db.versions(id);
    OutcomeEntry e;
    e.consultation_id = id;
    for (const auto& [name, value] : form.fields) {
        if (name.rfind("text-", 0) == 0) e.text[name.substr(5)] = value;
        if (name.rfind("easy-", 0) == 0 && !value.empty()) e.easy_read[name.substr(5)] = value;
    }
    auto picture = form.files.find("picture");
    if (picture != form.files.end()) e.picture_png = picture->second.content;
    e.theme = form.get("theme");
    e.day = form.get("day");
    e.created_by = v.session.user.email;
    const auto problems = check_outcome(versions.back(), e);
    if (!problems.empty()) {
        show(parts, v, id, 400, &e, problems, "");
        return;
    }
    const auto entry_id = parts.db.add_outcome(e);
    parts.audit(v, "add outcome", id + " entry " + std::to_string(entry_id) + " dated " + e.day);
    show(parts, v, id, 200, nullptr, {},
         "Entry " + std::to_string(entry_id) + " published: kiosks show it after their next sync.");
}

void withdraw_outcome(const ConsoleParts& parts, Visit& v, const std::string& id,
                      const std::string& entry) {
    const Form form = read_form(v.req);
    if (!parts.csrf_ok(v, form)) return;
    if (!known_consultation(parts, v, id)) return;
    const auto existing = entry.size() < 18 ? parts.db.outcome(std::stoll(entry)) : std::nullopt;
    if (!existing || existing->consultation_id != id) {
        parts.message(v.res, 404, "Page not found",
                      "There is no entry " + entry + " of " + id + "; nothing was changed.",
                      &v.session, "/consultations/" + id + "/outcomes", "Go to You said, we did");
        return;
    }
    if (!parts.db.withdraw_outcome(existing->id, v.session.user.email)) {
        show(parts, v, id, 200, nullptr, {},
             "Entry " + entry + " was withdrawn already; nothing was changed.");
        return;
    }
    parts.audit(v, "withdraw outcome", id + " entry " + entry);
    show(parts, v, id, 200, nullptr, {},
         "Entry " + entry + " withdrawn: it leaves the kiosks at their next sync.");
}

}  // namespace fv::central
