// The public page of a consultation, /c/<id>, which the kiosk's receipt links to with a QR code:
// no sign-in and no cookie. It shows what the consultation is for, about how many responses it
// has had (rounded to the nearest 10, "fewer than 10" below that, so that no one answer can be
// told from the count changing) and its "you said, we did" entries that are not withdrawn. It
// shows no answer and nothing per device or division. One count query a view: the count is read
// through the responses_by_consultation index, never by reading the responses.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>

#include "core/util/seal.hpp"
#include "sync/central/console_web.hpp"

namespace fv::central {

namespace {

// The page's own words in the languages the county's consultations use; English for the others
// (the consultation's own texts are still in the language chosen).
struct PageWords {
    const char* lang;
    const char* service;
    const char* skip;
    const char* purpose;
    const char* about;  // "{n}" is the rounded count
    const char* fewer;
    const char* counted;
    const char* you_said;
    const char* none;
    const char* easy_read;
    const char* dated;
    const char* languages;
    const char* missing_title;
    const char* missing_text;  // "{id}" is what was asked for
    const char* footer;
};

const PageWords kEnglish{
    "en",
    "Fieldvoice: what residents said",
    "Skip to main content",
    "What this consultation is for",
    "The council has had about {n} responses so far.",
    "The council has had fewer than 10 responses so far.",
    "Counted over every kiosk and meeting, and rounded to the nearest 10. No one's answers are "
    "shown here.",
    "You said, we did",
    "Nothing to report yet. What the council does about what people said will be shown here.",
    "Easy Read",
    "Done on",
    "Read this page in",
    "Consultation not found",
    "There is no consultation \"{id}\" on this council's store. Check the address on your "
    "receipt.",
    "Your answers are kept safe by the council and reported only as totals."};

const PageWords kPolish{
    "pl",
    "Fieldvoice: co powiedzieli mieszkańcy",
    "Przejdź do treści",
    "Czego dotyczą te konsultacje",
    "Rada otrzymała dotąd około {n} odpowiedzi.",
    "Rada otrzymała dotąd mniej niż 10 odpowiedzi.",
    "Liczone ze wszystkich kiosków i spotkań i zaokrąglone do 10. Nie pokazujemy tu niczyich "
    "odpowiedzi.",
    "Powiedzieliście, zrobiliśmy",
    "Na razie nie ma nic do przekazania. Tu pokażemy, co rada zrobiła z tym, co Państwo "
    "powiedzieli.",
    "Tekst łatwy do czytania",
    "Zrobione",
    "Przeczytaj tę stronę po",
    "Nie znaleziono konsultacji",
    "W systemie rady nie ma konsultacji „{id}”. Sprawdź adres na swoim potwierdzeniu.",
    "Rada bezpiecznie przechowuje Twoje odpowiedzi i podaje je wyłącznie jako sumy."};

const PageWords& words_for(const std::string& lang) {
    return lang == "pl" ? kPolish : kEnglish;
}

// Each language by its own name, for the links between them.
std::string endonym(const std::string& lang) {
    static const std::map<std::string, std::string> kNames{
        {"en", "English"}, {"pl", "Polski"}, {"cy", "Cymraeg"}, {"ur", "اردو"},
        {"ar", "العربية"}, {"pa", "ਪੰਜਾਬੀ"},  {"ro", "Română"},  {"fa", "فارسی"}};
    auto it = kNames.find(lang);
    return it == kNames.end() ? lang : it->second;
}

std::string replace(std::string text, const std::string& what, const std::string& with) {
    const auto at = text.find(what);
    return at == std::string::npos ? text : text.replace(at, what.size(), with);
}

// "1 February 2027" (GOV.UK's style) or "1 lutego 2027" from YYYY-MM-DD; as given when it is not
// one.
std::string long_date(const std::string& day, const std::string& lang) {
    static const char* const kEnglishMonths[] = {"January",   "February", "March",    "April",
                                                 "May",       "June",     "July",     "August",
                                                 "September", "October",  "November", "December"};
    static const char* const kPolishMonths[] = {"stycznia", "lutego",       "marca",     "kwietnia",
                                                "maja",     "czerwca",      "lipca",     "sierpnia",
                                                "września", "października", "listopada", "grudnia"};
    if (day.size() != 10 || day[4] != '-' || day[7] != '-') return day;
    const int month = std::atoi(day.substr(5, 2).c_str()), d = std::atoi(day.substr(8, 2).c_str());
    if (month < 1 || month > 12 || d < 1) return day;
    const char* name = (lang == "pl" ? kPolishMonths : kEnglishMonths)[month - 1];
    return std::to_string(d) + " " + name + " " + day.substr(0, 4);
}

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// The consultation's language a browser asks for most (Accept-Language, RFC 9110: "pl-PL,
// pl;q=0.9, en;q=0.5"), or "" when it asks for none of them.
std::string from_accept_language(const std::string& header,
                                 const std::vector<std::string>& languages) {
    std::string best;
    double best_q = 0;
    std::size_t pos = 0;
    while (pos < header.size()) {
        std::size_t end = header.find(',', pos);
        if (end == std::string::npos) end = header.size();
        std::string item = header.substr(pos, end - pos);
        pos = end + 1;
        double q = 1;
        if (const auto semi = item.find(';'); semi != std::string::npos) {
            const auto q_at = item.find("q=", semi);
            if (q_at != std::string::npos) q = std::atof(item.c_str() + q_at + 2);
            item = item.substr(0, semi);
        }
        item.erase(0, item.find_first_not_of(" \t"));
        item.erase(item.find_last_not_of(" \t") + 1);
        const std::string primary = lower(item.substr(0, item.find('-')));
        if (q <= best_q) continue;
        if (std::find(languages.begin(), languages.end(), primary) != languages.end()) {
            best = primary;
            best_q = q;
        }
    }
    return best;
}

std::string text_in(const std::map<std::string, std::string>& texts, const std::string& lang,
                    const std::string& fallback, std::string* shown_lang) {
    for (const auto& l : {lang, fallback}) {
        auto it = texts.find(l);
        if (it != texts.end() && !it->second.empty()) {
            if (shown_lang) *shown_lang = l;
            return it->second;
        }
    }
    if (shown_lang) *shown_lang = fallback;
    return "";
}

void send(const ConsoleParts& parts, httplib::Response& res, int status,
          const mustache::data& data) {
    res.status = status;
    // Public, but the count and the entries change: a browser asks again each time.
    res.set_header("Cache-Control", "no-cache");
    res.set_header("Vary", "Accept-Language");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                   "form-action 'none'; frame-ancestors 'none'");
    res.set_content(parts.templates.render("public", data), "text/html; charset=utf-8");
}

}  // namespace

std::string rounded_count_words(std::int64_t responses, const std::string& lang) {
    const PageWords& w = words_for(lang);
    if (responses < 10) return w.fewer;
    const std::int64_t rounded = (responses + 5) / 10 * 10;
    return replace(w.about, "{n}", grouped(rounded));
}

void public_consultation_page(const ConsoleParts& parts, const httplib::Request& req,
                              httplib::Response& res, const std::string& id) {
    const auto versions = parts.db.versions(id);
    mustache::data data;
    data.set("base", parts.options.prefix);
    if (versions.empty()) {
        const PageWords& w = kEnglish;
        data.set("lang", std::string(w.lang));
        data.set("page_title", std::string(w.missing_title));
        data.set("service", std::string(w.service));
        data.set("skip", std::string(w.skip));
        data.set("missing_title", std::string(w.missing_title));
        data.set("missing_text", replace(w.missing_text, "{id}", id));
        data.set("footer", std::string(w.footer));
        send(parts, res, 404, data);
        return;
    }
    const Consultation& c = versions.back();
    const std::string& first = c.languages.front();
    std::string lang = req.get_param_value("lang");
    if (std::find(c.languages.begin(), c.languages.end(), lang) == c.languages.end()) {
        lang = from_accept_language(req.get_header_value("Accept-Language"), c.languages);
    }
    if (lang.empty()) lang = first;
    const PageWords& w = words_for(lang);

    std::string title_lang, purpose_lang;
    const std::string title = text_in(c.title.by_lang, lang, first, &title_lang);
    data.set("found", true);
    data.set("lang", std::string(w.lang));
    data.set("page_title", title);
    data.set("service", std::string(w.service));
    data.set("skip", std::string(w.skip));
    data.set("footer", std::string(w.footer));
    data.set("title", title);
    data.set("title_lang", title_lang);
    const std::string purpose = text_in(c.intro.by_lang, lang, first, &purpose_lang);
    if (!purpose.empty()) {
        data.set("purpose_heading", std::string(w.purpose));
        data.set("purpose", purpose);
        data.set("purpose_lang", purpose_lang);
    }
    data.set("count_text", rounded_count_words(parts.console.response_count(id), lang));
    data.set("counted", std::string(w.counted));
    data.set("you_said", std::string(w.you_said));
    data.set("none", std::string(w.none));
    data.set("dated", std::string(w.dated));

    mustache::data languages = mustache::data::type::list;
    for (const auto& l : c.languages) {
        mustache::data item;
        item.set("code", l);
        item.set("name", endonym(l));
        item.set("current", l == lang);
        item.set("href", parts.link("/c/" + id + "?lang=" + l));
        languages.push_back(item);
    }
    data.set("languages_label", std::string(w.languages));
    data.set("languages", languages);
    data.set("has_languages", c.languages.size() > 1);

    mustache::data entries = mustache::data::type::list;
    for (const auto& e : parts.db.outcomes(id, false)) {
        mustache::data item;
        std::string text_lang;
        item.set("text", text_in(e.text, lang, first, &text_lang));
        item.set("text_lang", text_lang);
        // Easy Read only in the language the text is shown in.
        auto easy = e.easy_read.find(text_lang);
        if (easy != e.easy_read.end() && !easy->second.empty()) {
            item.set("easy", easy->second);
            item.set("easy_label", std::string(w.easy_read));
        }
        if (!e.picture_png.empty()) {
            item.set("picture", "data:image/png;base64," + base64_encode(e.picture_png));
        }
        item.set("day", e.day);
        item.set("day_text", long_date(e.day, w.lang));
        entries.push_back(item);
    }
    data.set("has_entries", !entries.is_empty_list());
    data.set("entries", entries);
    send(parts, res, 200, data);
}

}  // namespace fv::central
