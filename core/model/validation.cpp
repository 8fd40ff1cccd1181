// Validation of a definition's top level (DESIGN.md, "Consultation definitions"), and the field
// helpers shared with validation_questions.cpp. Every problem is reported, never just the first.
#include <sodium.h>

#include <algorithm>
#include <climits>
#include <cmath>

#include "core/model/consultation.hpp"
#include "core/model/definition_checker.hpp"
#include "core/model/easy_read.hpp"

namespace fv {

using nlohmann::json;

namespace detail {

std::optional<long long> whole_number(const json& value) {
    if (value.is_number_unsigned()) {
        auto v = value.get<json::number_unsigned_t>();
        return v > static_cast<json::number_unsigned_t>(LLONG_MAX) ? LLONG_MAX
                                                                   : static_cast<long long>(v);
    }
    if (value.is_number_integer()) return value.get<json::number_integer_t>();
    return std::nullopt;
}

bool is_question_id(std::string_view text) {
    if (text.empty() || text.size() > 64) return false;
    return std::all_of(text.begin(), text.end(), [](char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
               ch == '-' || ch == '_';
    });
}

namespace {

bool is_definition_id(std::string_view text) {
    if (text.empty() || text.size() > 64) return false;
    return std::all_of(text.begin(), text.end(), [](char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-';
    });
}

// A BCP 47 style tag as translators write them: "en", "pl", "cy", "pt-BR", "zh-Hant".
bool is_language_code(std::string_view code) {
    auto is_lower = [](char ch) { return ch >= 'a' && ch <= 'z'; };
    auto is_alnum = [](char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
    };
    std::size_t i = 0;
    while (i < code.size() && is_lower(code[i])) ++i;
    if (i < 2 || i > 3) return false;
    while (i < code.size()) {
        if (code[i] != '-') return false;
        std::size_t start = ++i;
        while (i < code.size() && is_alnum(code[i])) ++i;
        if (i - start < 2 || i - start > 8) return false;
    }
    return true;
}

bool blank(const std::string& text) {
    return std::all_of(text.begin(), text.end(),
                       [](char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r'; });
}

// Edit distance, to suggest "required" for "requried".
std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::string in_quotes(std::string_view text) {
    return "\"" + std::string(text) + "\"";
}

// A key as it may appear in a message: invalid UTF-8 would make the message unprintable as JSON.
std::string printable(const std::string& key) {
    if (key.empty()) return "\"\"";  // an empty key still needs a visible place
    std::string out;
    for (char ch : key.substr(0, 64)) {
        auto byte = static_cast<unsigned char>(ch);
        out += (byte < 0x20 || byte >= 0x7F) ? '?' : ch;
    }
    return out;
}

}  // namespace

bool is_known_audience(std::string_view name) {
    const auto& known = known_audiences();
    return std::find(known.begin(), known.end(), name) != known.end();
}

std::string audience_list() {
    std::string out;
    const auto& known = known_audiences();
    for (std::size_t i = 0; i < known.size(); ++i) {
        out += (i == 0 ? "" : i + 1 == known.size() ? " or " : ", ") + in_quotes(known[i]);
    }
    return out;
}

void DefinitionChecker::problem(std::string where, std::string rule, std::string message) {
    result_.problems.push_back({std::move(where), std::move(rule), std::move(message)});
}

bool DefinitionChecker::require_field(const json& obj, const std::string& key,
                                      const std::string& parent) {
    if (obj.contains(key)) return true;
    problem(parent.empty() ? key : parent + "." + key, "missing_field",
            "The field " + in_quotes(key) + " is required and missing.");
    return false;
}

bool DefinitionChecker::check_text(const json& value, const std::string& where, LocalText& out) {
    if (!value.is_object()) {
        problem(where, "wrong_type",
                "A text must be an object from language code to text, e.g. {\"en\": \"Hello\"}.");
        return false;
    }
    bool ok = true;
    for (const auto& [lang, text] : value.items()) {
        if (!text.is_string()) {
            problem(where + "." + printable(lang), "wrong_type", "A translation must be a string.");
            ok = false;
            continue;
        }
        if (languages_ok_ && !languages_.count(lang)) {
            problem(where + "." + printable(lang), "unknown_language",
                    "The language " + in_quotes(printable(lang)) +
                        " is not in the definition's \"languages\"; add it there or remove "
                        "this translation.");
            ok = false;
            continue;
        }
        if (blank(text.get_ref<const std::string&>())) {
            problem(where + "." + printable(lang), "empty_text",
                    "This translation is empty; write the text or leave the language out.");
            ok = false;
            continue;
        }
        out.by_lang[lang] = text.get<std::string>();
    }
    if (languages_ok_ && !value.contains(c_.languages.front())) {
        problem(where, "missing_default_language",
                "The text has no " + in_quotes(c_.languages.front()) +
                    " version; every text needs the default language (the first of "
                    "\"languages\").");
        ok = false;
    }
    return ok;
}

bool DefinitionChecker::text_field(const json& obj, const std::string& key,
                                   const std::string& where, bool required, LocalText& out) {
    if (!obj.contains(key)) {
        if (required) require_field(obj, key, where);
        return !required;
    }
    return check_text(obj[key], where.empty() ? key : where + "." + key, out);
}

bool DefinitionChecker::bool_field(const json& obj, const std::string& key,
                                   const std::string& where, bool& out) {
    if (!obj.contains(key)) return true;
    if (!obj[key].is_boolean()) {
        problem(where + "." + key, "wrong_type", in_quotes(key) + " must be true or false.");
        return false;
    }
    out = obj[key].get<bool>();
    return true;
}

std::optional<long long> DefinitionChecker::int_field(const json& obj, const std::string& key,
                                                      const std::string& where) {
    if (!obj.contains(key)) return std::nullopt;
    auto value = whole_number(obj[key]);
    if (!value) {
        problem(where.empty() ? key : where + "." + key, "wrong_type",
                in_quotes(key) + " must be a whole number, written without a decimal point.");
    }
    return value;
}

void DefinitionChecker::easy_read_fields(const json& obj, const std::string& where,
                                         LocalText& easy_read, std::string& image) {
    text_field(obj, "easy_read", where, false, easy_read);
    if (!obj.contains("image")) return;
    const std::string image_where = where + ".image";
    const json& value = obj["image"];
    if (!value.is_string()) {
        problem(image_where, "wrong_type",
                "\"image\" must be the path of a PNG file in the assets folder, e.g. "
                "\"easy-read/my-consultation/bus.png\".");
        return;
    }
    const std::string& path = value.get_ref<const std::string&>();
    if (auto bad = check_image_path(path, image_where)) {
        result_.problems.push_back(std::move(*bad));
        return;
    }
    image = path;
}

void DefinitionChecker::unknown_fields(const json& obj, const std::set<std::string>& allowed,
                                       const std::string& where,
                                       const std::set<std::string>& elsewhere,
                                       std::string_view elsewhere_note) {
    for (const auto& [key, value] : obj.items()) {
        if (allowed.count(key)) continue;
        std::string path = where.empty() ? printable(key) : where + "." + printable(key);
        if (elsewhere.count(key)) {
            problem(path, "field_not_allowed",
                    in_quotes(printable(key)) + " is not a field of " +
                        std::string(elsewhere_note) + "; remove it.");
            continue;
        }
        std::string suggestion;
        for (const auto& known : allowed) {
            if (edit_distance(key, known) <= 2) {
                suggestion = " Did you mean " + in_quotes(known) + "?";
                break;
            }
        }
        problem(path, "unknown_field",
                in_quotes(printable(key)) + " is not a known field." +
                    (suggestion.empty() ? " Check its spelling, or remove it." : suggestion));
    }
}

void DefinitionChecker::check_languages() {
    if (!require_field(def_, "languages", "")) return;
    const json& langs = def_["languages"];
    if (!langs.is_array() || langs.empty()) {
        problem("languages", langs.is_array() ? "no_languages" : "wrong_type",
                "\"languages\" must be a non-empty list of language codes, the default first, "
                "e.g. [\"en\", \"pl\"].");
        return;
    }
    bool ok = true;
    for (std::size_t i = 0; i < langs.size(); ++i) {
        std::string where = "languages[" + std::to_string(i) + "]";
        if (!langs[i].is_string() || !is_language_code(langs[i].get_ref<const std::string&>())) {
            problem(where, "invalid_language",
                    "A language must be a code such as \"en\", \"pl\", \"cy\" or \"pt-BR\".");
            ok = false;
            continue;
        }
        const auto& code = langs[i].get_ref<const std::string&>();
        if (!languages_.insert(code).second) {
            problem(where, "duplicate_language",
                    "The language " + in_quotes(code) + " is listed twice.");
            ok = false;
        }
        c_.languages.push_back(code);
    }
    languages_ok_ = ok;
}

void DefinitionChecker::check_id_list(const json& obj, const std::string& key,
                                      std::vector<std::string>& out) {
    if (!obj.contains(key)) return;
    const json& list = obj[key];
    if (!list.is_array()) {
        problem(key, "wrong_type", in_quotes(key) + " must be a list of names.");
        return;
    }
    std::set<std::string> seen;
    for (std::size_t i = 0; i < list.size(); ++i) {
        std::string where = key + "[" + std::to_string(i) + "]";
        if (!list[i].is_string() || !is_definition_id(list[i].get_ref<const std::string&>())) {
            problem(where, "invalid_name",
                    "Each entry must be a name of lower-case letters, digits and hyphens, e.g. "
                    "\"opening-hours\".");
            continue;
        }
        if (!seen.insert(list[i].get<std::string>()).second) {
            problem(where, "duplicate_name", "This entry is listed twice.");
            continue;
        }
        out.push_back(list[i].get<std::string>());
    }
}

void DefinitionChecker::check_public_key() {
    if (!def_.contains("public_key")) return;
    const json& key = def_["public_key"];
    bool ok = false;
    if (key.is_string()) {
        const auto& text = key.get_ref<const std::string&>();
        unsigned char raw[64] = {};
        std::size_t length = 0;
        const char* end = nullptr;
        if (sodium_base642bin(raw, sizeof raw, text.data(), text.size(), nullptr, &length, &end,
                              sodium_base64_VARIANT_ORIGINAL) == 0 &&
            end == text.data() + text.size() && length == 32) {
            ok = !sodium_is_zero(raw, 32);
        }
    }
    if (!ok) {
        problem("public_key", "invalid_public_key",
                "\"public_key\" must be the standard base64 of a 32-byte X25519 public key, as "
                "printed by `fieldvoice-central keygen`.");
        return;
    }
    c_.public_key = key.get<std::string>();
}

void DefinitionChecker::check_top_level() {
    static const std::set<std::string> allowed = {
        "id",        "version",    "title",          "intro",
        "languages", "audience",   "privacy_notice", "retention_days",
        "themes",    "public_key", "questions",      "partner_privacy_notice",
        "pulse"};
    unknown_fields(def_, allowed, "");

    if (require_field(def_, "id", "")) {
        const json& id = def_["id"];
        if (!id.is_string() || !is_definition_id(id.get_ref<const std::string&>())) {
            problem("id", "invalid_id",
                    "\"id\" must be 1 to 64 lower-case letters, digits and hyphens, e.g. "
                    "\"libraries-2027\".");
        } else {
            c_.id = id.get<std::string>();
        }
    }
    if (require_field(def_, "version", "")) {
        auto version = whole_number(def_["version"]);
        if (!version || *version < 1 || *version > INT_MAX) {
            problem("version", "invalid_version",
                    "\"version\" must be a positive whole number, e.g. 1.");
        } else {
            c_.version = static_cast<int>(*version);
        }
    }
    check_languages();
    text_field(def_, "title", "", true, c_.title);
    text_field(def_, "intro", "", false, c_.intro);
    text_field(def_, "privacy_notice", "", true, c_.privacy_notice);

    if (def_.contains("audience")) {
        std::vector<std::string> named;
        check_id_list(def_, "audience", named);
        if (def_["audience"].is_array() && def_["audience"].empty()) {
            problem("audience", "empty_audience",
                    "\"audience\" must name at least one audience, or be left out.");
        }
        for (std::size_t i = 0; i < named.size(); ++i) {
            if (is_known_audience(named[i])) {
                c_.audience.push_back(named[i]);
            } else {
                problem("audience", "unknown_audience",
                        "The audience " + in_quotes(named[i]) + " is not one of " +
                            audience_list() + ".");
            }
        }
    } else {
        c_.audience = {"resident"};
    }
    // A partner's submitter gives their name: the resident notice ("we do not ask your
    // name") would mislead them, so a definition that asks partners has a notice of its own.
    const bool asks_partners =
        std::find(c_.audience.begin(), c_.audience.end(), "partner") != c_.audience.end();
    text_field(def_, "partner_privacy_notice", "", false, c_.partner_privacy_notice);
    if (asks_partners && !def_.contains("partner_privacy_notice")) {
        problem("partner_privacy_notice", "missing_partner_privacy_notice",
                "The consultation asks partner organisations (\"audience\" names \"partner\"), so "
                "it needs a \"partner_privacy_notice\" for the person who submits for one: they "
                "give their name, so it must not promise anonymity.");
    }
    check_id_list(def_, "themes", c_.themes);
    if (auto days = int_field(def_, "retention_days", "")) {
        if (*days < 1 || *days > 36500) {
            problem("retention_days", "invalid_retention",
                    "\"retention_days\" must be a whole number of days from 1 to 36500.");
        } else {
            c_.retention_days = static_cast<int>(*days);
        }
    }
    check_public_key();
}

ParseResult DefinitionChecker::run() {
    if (sodium_init() < 0) {
        problem("definition", "internal_error", "libsodium could not start.");
        return std::move(result_);
    }
    if (!def_.is_object()) {
        problem("definition", "wrong_type",
                "A consultation definition must be a JSON object ({ ... }).");
        return std::move(result_);
    }
    check_top_level();
    check_questions();
    check_pulse();

    if (c_.has_personal_questions() && c_.public_key.empty() && !def_.contains("public_key")) {
        std::string names;
        for (const auto& q : c_.questions) {
            if (q.personal) names += (names.empty() ? "" : ", ") + q.id;
        }
        problem("public_key", "missing_public_key",
                "Personal questions (" + names +
                    ") need a \"public_key\" to seal their answers; make one with "
                    "`fieldvoice-central keygen`.");
    }
    if (result_.problems.empty()) {
        c_.source = def_;
        result_.consultation = std::move(c_);
    }
    return std::move(result_);
}

void DefinitionChecker::check_questions() {
    if (!require_field(def_, "questions", "")) return;
    const json& questions = def_["questions"];
    if (!questions.is_array()) {
        problem("questions", "wrong_type", "\"questions\" must be a list of questions.");
        return;
    }
    if (questions.empty()) {
        problem("questions", "no_questions", "A consultation needs at least one question.");
        return;
    }
    for (const auto& q : questions) {
        if (q.is_object() && q.contains("id") && q["id"].is_string()) {
            all_question_ids_.insert(q["id"].get<std::string>());
        }
    }
    for (std::size_t i = 0; i < questions.size(); ++i) {
        Question parsed;
        check_question(questions[i], i, parsed);
        c_.questions.push_back(std::move(parsed));
    }
}

// "pulse": one question, named by id, whose single tap on the attract screen is a whole
// response with no consent step (docs/format.md). So it must be a smiley (one tap, nothing
// typed), asked of whoever uses the kiosk, shown whatever came before it, and not personal.
void DefinitionChecker::check_pulse() {
    if (!def_.contains("pulse")) return;
    const json& given = def_["pulse"];
    if (!given.is_string()) {
        problem("pulse", "wrong_type",
                "\"pulse\" must be the id of a smiley question, e.g. \"visit-rating\".");
        return;
    }
    const std::string id = given.get<std::string>();
    if (all_question_ids_.count(id) == 0) {
        problem(
            "pulse", "unknown_pulse_question",
            "\"pulse\" names " + in_quotes(id.substr(0, 64)) + ", but no question has that id.");
        return;
    }
    const Question* q = nullptr;
    for (const auto& each : c_.questions) {
        if (each.id == id) q = &each;
    }
    if (q == nullptr) return;  // that question has problems of its own, reported already
    const std::string where = "pulse (" + id + ")";
    if (q->type != QuestionType::Smiley) {
        problem(where, "pulse_not_smiley",
                "The pulse question " + in_quotes(id) + " is a " + std::string(to_string(q->type)) +
                    " question; a pulse is answered with one tap, so it must be a smiley.");
    }
    if (q->show_if) {
        problem(where, "pulse_has_show_if",
                "The pulse question " + in_quotes(id) +
                    " has a \"show_if\"; a pulse is asked before anything else, so it cannot "
                    "depend on another answer.");
    }
    if (q->personal || q->category == "equalities") {
        problem(where, "pulse_personal",
                "The pulse question " + in_quotes(id) +
                    " is personal or an equalities question; a pulse is stored without a "
                    "consent step, so it must ask nothing personal.");
    }
    if (!asked_of(*q, c_.kiosk_audience())) {
        problem(where, "pulse_not_asked_at_kiosk",
                "The pulse question " + in_quotes(id) + " is not asked of " +
                    in_quotes(std::string(c_.kiosk_audience())) +
                    ", who answer at the kiosk; give it that audience or pick another question.");
    }
    c_.pulse = id;
}

}  // namespace detail

ParseResult parse_consultation(const json& definition) {
    try {
        detail::DefinitionChecker checker(definition);
        return checker.run();
    } catch (const std::exception& e) {
        ParseResult result;
        result.problems.push_back(
            {"definition", "internal_error",
             std::string("The definition could not be checked: ") + e.what()});
        return result;
    }
}

}  // namespace fv
