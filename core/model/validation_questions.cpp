// Validation of each question of a definition: its type and the fields that type takes, option
// and statement ids, show_if, and the rules on personal, info and equalities questions.
#include <algorithm>
#include <cmath>

#include "core/model/consultation.hpp"
#include "core/model/definition_checker.hpp"

namespace fv::detail {

using nlohmann::json;

namespace {

const std::set<std::string> kCommonFields = {"id",      "type",     "prompt",   "required",
                                             "show_if", "personal", "category", "easy_read",
                                             "image",   "audience"};
const std::set<std::string> kTypeFields = {"options",   "other",     "max",        "min",
                                           "min_label", "max_label", "max_length", "precision",
                                           "top",       "statements"};

std::set<std::string> own_fields(QuestionType type) {
    switch (type) {
        case QuestionType::SingleChoice:
            return {"options", "other"};
        case QuestionType::MultiChoice:
            return {"options", "max", "other"};
        case QuestionType::Scale:
            return {"min", "max", "min_label", "max_label"};
        case QuestionType::Text:
            return {"max_length"};
        case QuestionType::Number:
            return {"min", "max"};
        case QuestionType::Postcode:
            return {"precision"};
        case QuestionType::Ranking:
            return {"options", "top"};
        case QuestionType::Statements:
            return {"statements"};
        default:
            return {};
    }
}

bool is_choice(QuestionType type) {
    return type == QuestionType::SingleChoice || type == QuestionType::MultiChoice ||
           type == QuestionType::Ranking;
}

std::string in_quotes(std::string_view text) {
    return "\"" + std::string(text) + "\"";
}

std::string option_list(const Question& q) {
    std::string list;
    for (const auto& option : q.options) list += (list.empty() ? "" : ", ") + option.id;
    if (q.other) list += (list.empty() ? "" : ", ") + std::string("other");
    return list;
}

}  // namespace

void DefinitionChecker::check_question(const json& q, std::size_t index, Question& out) {
    const std::string slot = "questions[" + std::to_string(index) + "]";
    if (!q.is_object()) {
        problem(slot, "wrong_type", "Each question must be a JSON object ({ ... }).");
        return;
    }
    std::string name = slot;
    if (require_field(q, "id", slot)) {
        const json& id = q["id"];
        if (!id.is_string() || !is_question_id(id.get_ref<const std::string&>())) {
            problem(slot + ".id", "invalid_question_id",
                    "A question id must be 1 to 64 letters, digits, hyphens or underscores.");
        } else if (earlier_.count(id.get<std::string>())) {
            problem(slot + ".id", "duplicate_question_id",
                    "The question id " + in_quotes(id.get<std::string>()) +
                        " is already used by an earlier question; question ids must be unique.");
        } else {
            out.id = id.get<std::string>();
            name = out.id;
        }
    }

    std::optional<QuestionType> type;
    if (require_field(q, "type", name)) {
        if (q["type"].is_string()) type = question_type_from_string(q["type"].get<std::string>());
        if (!type) {
            const std::string given =
                q["type"].is_string() ? " " + in_quotes(q["type"].get<std::string>()) : "";
            problem(name + ".type", "unknown_type",
                    "Unknown question type" + given +
                        "; use one of single_choice, multi_choice, smiley, scale, text, number, "
                        "postcode, ranking, statements, email, phone, info.");
        }
    }
    if (type) {
        out.type = *type;
        std::set<std::string> allowed = kCommonFields;
        auto own = own_fields(*type);
        allowed.insert(own.begin(), own.end());
        std::set<std::string> elsewhere;
        for (const auto& field : kTypeFields) {
            if (!own.count(field)) elsewhere.insert(field);
        }
        unknown_fields(q, allowed, name, elsewhere, std::string(to_string(*type)) + " questions");
    } else {
        std::set<std::string> allowed = kCommonFields;
        allowed.insert(kTypeFields.begin(), kTypeFields.end());
        unknown_fields(q, allowed, name);
    }

    text_field(q, "prompt", name, true, out.prompt);
    easy_read_fields(q, name, out.easy_read, out.image);
    bool_field(q, "required", name, out.required);
    bool_field(q, "personal", name, out.personal);
    if (q.contains("category")) {
        if (!q["category"].is_string() || q["category"].get<std::string>() != "equalities") {
            problem(name + ".category", "invalid_category",
                    "The only category is \"equalities\" (equalities monitoring); leave it out "
                    "otherwise.");
        } else {
            out.category = "equalities";
        }
    }
    if (type) check_type_fields(q, name, out);
    if (q.contains("show_if")) check_show_if(q, name, out);
    check_audience(q, name, out);
    if (type) check_question_rules(name, out);

    if (!out.id.empty()) earlier_.emplace(out.id, c_.questions.size());
}

bool DefinitionChecker::check_options(const json& q, const std::string& name, Question& out) {
    if (!require_field(q, "options", name)) return false;
    const json& options = q["options"];
    if (!options.is_array() || options.empty()) {
        problem(name + ".options", options.is_array() ? "no_options" : "wrong_type",
                "\"options\" must be a non-empty list of {\"id\": ..., \"label\": {...}}.");
        return false;
    }
    bool ok = true;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < options.size(); ++i) {
        const std::string where = name + ".options[" + std::to_string(i) + "]";
        const json& option = options[i];
        if (!option.is_object()) {
            problem(where, "wrong_type",
                    "An option must be an object {\"id\": ..., \"label\": {...}}.");
            ok = false;
            continue;
        }
        unknown_fields(option, {"id", "label", "easy_read", "image"}, where);
        Option parsed;
        if (require_field(option, "id", where)) {
            const json& id = option["id"];
            if (!id.is_string() || !is_question_id(id.get_ref<const std::string&>())) {
                problem(where + ".id", "invalid_option_id",
                        "An option id must be 1 to 64 letters, digits, hyphens or underscores "
                        "(no spaces or colons).");
                ok = false;
            } else if (!seen.insert(id.get<std::string>()).second) {
                problem(where + ".id", "duplicate_option_id",
                        "The option id " + in_quotes(id.get<std::string>()) +
                            " is used twice in this question.");
                ok = false;
            } else if (out.other && id.get<std::string>() == "other") {
                problem(where + ".id", "reserved_option_id",
                        "With \"other\": true the id \"other\" is reserved for the free-text "
                        "answer; give this option another id.");
                ok = false;
            } else {
                parsed.id = id.get<std::string>();
            }
        } else {
            ok = false;
        }
        if (!text_field(option, "label", where, true, parsed.label)) ok = false;
        easy_read_fields(option, where, parsed.easy_read, parsed.image);
        if (!parsed.id.empty()) out.options.push_back(std::move(parsed));
    }
    return ok;
}

void DefinitionChecker::check_statements(const json& q, const std::string& name, Question& out) {
    if (!require_field(q, "statements", name)) return;
    const json& statements = q["statements"];
    if (!statements.is_array() || statements.empty()) {
        problem(name + ".statements", statements.is_array() ? "no_statements" : "wrong_type",
                "\"statements\" must be a non-empty list of {\"id\": ..., \"text\": {...}}.");
        return;
    }
    std::set<std::string> seen;
    for (std::size_t i = 0; i < statements.size(); ++i) {
        const std::string where = name + ".statements[" + std::to_string(i) + "]";
        const json& statement = statements[i];
        if (!statement.is_object()) {
            problem(where, "wrong_type",
                    "A statement must be an object {\"id\": ..., \"text\": {...}}.");
            continue;
        }
        unknown_fields(statement, {"id", "text", "easy_read", "image"}, where);
        Statement parsed;
        if (require_field(statement, "id", where)) {
            const json& id = statement["id"];
            if (!id.is_string() || !is_question_id(id.get_ref<const std::string&>())) {
                problem(where + ".id", "invalid_statement_id",
                        "A statement id must be 1 to 64 letters, digits, hyphens or underscores.");
            } else if (!seen.insert(id.get<std::string>()).second) {
                problem(where + ".id", "duplicate_statement_id",
                        "The statement id " + in_quotes(id.get<std::string>()) +
                            " is used twice in this question.");
            } else {
                parsed.id = id.get<std::string>();
            }
        }
        text_field(statement, "text", where, true, parsed.text);
        easy_read_fields(statement, where, parsed.easy_read, parsed.image);
        if (!parsed.id.empty()) out.statements.push_back(std::move(parsed));
    }
}

void DefinitionChecker::check_type_fields(const json& q, const std::string& name, Question& out) {
    switch (out.type) {
        case QuestionType::SingleChoice:
        case QuestionType::MultiChoice: {
            bool_field(q, "other", name, out.other);
            bool options_ok = check_options(q, name, out);
            if (out.type == QuestionType::MultiChoice) {
                if (auto max = int_field(q, "max", name)) {
                    auto limit = static_cast<long long>(out.options.size() + (out.other ? 1 : 0));
                    if (*max < 1 || (options_ok && *max > limit)) {
                        problem(name + ".max", "invalid_max",
                                "\"max\" must be at least 1 and at most the number of options "
                                "(" +
                                    std::to_string(limit) + ", counting \"other\").");
                    } else {
                        out.max_choices = static_cast<int>(*max);
                    }
                }
            }
            break;
        }
        case QuestionType::Ranking: {
            bool options_ok = check_options(q, name, out);
            if (options_ok && out.options.size() < 2) {
                problem(name + ".options", "too_few_options",
                        "A ranking needs at least two options to put in order.");
            }
            out.top = static_cast<int>(out.options.size());
            if (auto top = int_field(q, "top", name)) {
                if (*top < 1 || (options_ok && *top > static_cast<long long>(out.options.size()))) {
                    problem(name + ".top", "invalid_top",
                            "\"top\" (how many to rank) must be between 1 and the number of "
                            "options (" +
                                std::to_string(out.options.size()) + ").");
                } else {
                    out.top = static_cast<int>(*top);
                }
            }
            break;
        }
        case QuestionType::Scale: {
            auto min = q.contains("min") ? int_field(q, "min", name) : std::optional<long long>(1);
            auto max = q.contains("max") ? int_field(q, "max", name) : std::optional<long long>(5);
            if (min && max) {
                if (*min >= *max || *min < -1000 || *max > 1000 || *max - *min > 100) {
                    problem(name + ".min", "scale_range",
                            "A scale needs \"min\" below \"max\", both within -1000..1000 and at "
                            "most 100 apart (e.g. 1..5, or 0..10).");
                } else {
                    out.scale_min = static_cast<int>(*min);
                    out.scale_max = static_cast<int>(*max);
                }
            }
            text_field(q, "min_label", name, false, out.min_label);
            text_field(q, "max_label", name, false, out.max_label);
            break;
        }
        case QuestionType::Text:
            if (auto max_length = int_field(q, "max_length", name)) {
                if (*max_length < 1 || *max_length > 100000) {
                    problem(name + ".max_length", "invalid_max_length",
                            "\"max_length\" must be a positive number of characters, at most "
                            "100000.");
                } else {
                    out.max_length = static_cast<int>(*max_length);
                }
            }
            break;
        case QuestionType::Number:
            for (const char* key : {"min", "max"}) {
                if (!q.contains(key)) continue;
                const json& bound = q[key];
                if (!bound.is_number() || !std::isfinite(bound.get<double>())) {
                    problem(name + "." + key, "wrong_type", in_quotes(key) + " must be a number.");
                    continue;
                }
                (std::string(key) == "min" ? out.number_min : out.number_max) = bound.get<double>();
            }
            if (out.number_min && out.number_max && *out.number_min > *out.number_max) {
                problem(name + ".min", "number_range", "\"min\" must not be above \"max\".");
            }
            break;
        case QuestionType::Postcode:
            if (q.contains("precision")) {
                const json& precision = q["precision"];
                if (precision == "full") {
                    out.precision = PostcodePrecision::Full;
                } else if (precision == "district") {
                    out.precision = PostcodePrecision::District;
                } else {
                    problem(
                        name + ".precision", "invalid_precision",
                        "\"precision\" must be \"full\" or \"district\" (the outward code only, "
                        "e.g. \"OX1\").");
                }
            }
            break;
        case QuestionType::Statements:
            check_statements(q, name, out);
            break;
        default:
            break;
    }
}

void DefinitionChecker::check_show_if(const json& q, const std::string& name, Question& out) {
    const std::string where = name + ".show_if";
    const json& show_if = q["show_if"];
    if (!show_if.is_object()) {
        problem(where, "wrong_type",
                "\"show_if\" must be an object such as {\"question\": \"rating\", \"any_of\": [1, "
                "2]}.");
        return;
    }
    unknown_fields(show_if, {"question", "any_of", "none_of"}, where);
    ShowIf parsed;
    bool ok = true;
    const Question* target = nullptr;
    if (require_field(show_if, "question", where)) {
        const json& ref = show_if["question"];
        if (!ref.is_string()) {
            problem(where + ".question", "wrong_type", "\"question\" must be a question id.");
            ok = false;
        } else if (auto it = earlier_.find(ref.get<std::string>()); it != earlier_.end()) {
            target = &c_.questions[it->second];
            parsed.question = target->id;
        } else if (all_question_ids_.count(ref.get<std::string>())) {
            problem(where + ".question", "show_if_not_earlier",
                    "show_if must refer to an earlier question; " +
                        in_quotes(ref.get<std::string>()) + " is this one or comes after it.");
            ok = false;
        } else {
            problem(where + ".question", "show_if_unknown_question",
                    "show_if refers to " + in_quotes(ref.get<std::string>()) +
                        ", which is not a question of this consultation.");
            ok = false;
        }
    } else {
        ok = false;
    }
    if (target) {
        if (target->type == QuestionType::Info || target->type == QuestionType::Statements) {
            problem(where + ".question", "show_if_bad_target",
                    "show_if cannot depend on " + in_quotes(target->id) + ": " +
                        std::string(to_string(target->type)) + " questions have no single value.");
            ok = false;
            target = nullptr;
        } else if (target->personal) {
            problem(where + ".question", "show_if_bad_target",
                    "show_if cannot depend on the personal question " + in_quotes(target->id) +
                        ": its answer is sealed, so the store could not check it.");
            ok = false;
            target = nullptr;
        }
    }
    const bool has_any = show_if.contains("any_of"), has_none = show_if.contains("none_of");
    if (has_any == has_none) {
        problem(where, "show_if_invalid",
                "show_if needs exactly one of \"any_of\" or \"none_of\".");
        ok = false;
    } else {
        const std::string key = has_any ? "any_of" : "none_of";
        parsed.any_of = has_any;
        const json& values = show_if[key];
        if (!values.is_array() || values.empty()) {
            problem(
                where + "." + key, "show_if_invalid",
                in_quotes(key) + " must be a non-empty list of values of the earlier question.");
            ok = false;
        } else {
            for (std::size_t i = 0; i < values.size(); ++i) {
                const std::string value_where = where + "." + key + "[" + std::to_string(i) + "]";
                if (!values[i].is_primitive() || values[i].is_null()) {
                    problem(value_where, "show_if_bad_value",
                            "A show_if value must be a single answer value (text or number).");
                    ok = false;
                    continue;
                }
                std::size_t before = result_.problems.size();
                if (target) check_show_if_value(values[i], *target, value_where);
                if (result_.problems.size() != before) ok = false;
                parsed.values.push_back(values[i]);
            }
        }
    }
    if (ok) out.show_if = std::move(parsed);
}

void DefinitionChecker::check_show_if_value(const json& value, const Question& target,
                                            const std::string& where) {
    auto bad = [&](const std::string& expected) {
        problem(where, "show_if_bad_value",
                "This value can never be an answer to " + in_quotes(target.id) + "; expected " +
                    expected + ".");
    };
    switch (target.type) {
        case QuestionType::SingleChoice:
        case QuestionType::MultiChoice:
        case QuestionType::Ranking: {
            bool found = false;
            if (value.is_string()) {
                const auto& text = value.get_ref<const std::string&>();
                found = (target.other && text == "other") ||
                        std::any_of(target.options.begin(), target.options.end(),
                                    [&](const Option& o) { return o.id == text; });
            }
            if (!found) bad("one of its option ids (" + option_list(target) + ")");
            break;
        }
        case QuestionType::Smiley: {
            auto v = whole_number(value);
            if (!v || *v < 1 || *v > 5) bad("a whole number from 1 to 5");
            break;
        }
        case QuestionType::Scale: {
            auto v = whole_number(value);
            if (!v || *v < target.scale_min || *v > target.scale_max) {
                bad("a whole number from " + std::to_string(target.scale_min) + " to " +
                    std::to_string(target.scale_max));
            }
            break;
        }
        case QuestionType::Number:
            if (!value.is_number() ||
                (target.number_min && value.get<double>() < *target.number_min) ||
                (target.number_max && value.get<double>() > *target.number_max)) {
                bad("a number within its min and max");
            }
            break;
        default:
            if (!value.is_string()) bad("text");
            break;
    }
}

// Rules across fields: what info, email/phone and equalities questions must and must not be.
void DefinitionChecker::check_question_rules(const std::string& name, const Question& out) {
    if (out.type == QuestionType::Info && out.required) {
        problem(name + ".required", "info_required",
                "An info page has no answer, so it cannot be required; remove \"required\".");
    }
    if (out.type == QuestionType::Info && out.personal) {
        problem(name + ".personal", "info_personal",
                "An info page has no answer to keep personal; remove \"personal\".");
    }
    if ((out.type == QuestionType::Email || out.type == QuestionType::Phone) && !out.personal) {
        problem(name + ".personal", "must_be_personal",
                std::string(to_string(out.type)) +
                    " questions collect personal data and must say \"personal\": true, so that "
                    "their answers are sealed.");
    }
    if (out.category == "equalities") {
        if (out.required) {
            problem(name + ".required", "equalities_required",
                    "Equalities monitoring questions must never be required; remove "
                    "\"required\".");
        }
        // For choice questions "prefer not to say" must be an option a person can pick, with
        // the fixed id "prefer-not-to-say"; other types decline by skipping (never required).
        if (is_choice(out.type) &&
            std::none_of(out.options.begin(), out.options.end(),
                         [](const Option& o) { return o.id == kPreferNotToSay; })) {
            problem(name + ".options", "equalities_prefer_not_to_say",
                    "Equalities monitoring questions must offer \"prefer not to say\": add an "
                    "option with the id \"prefer-not-to-say\".");
        }
    }
}

// "audience": one name or a list of names, each known and each among the consultation's own
// audience; left out, the question is asked of the consultation's whole audience.
void DefinitionChecker::check_audience(const json& q, const std::string& name, Question& out) {
    if (!q.contains("audience")) {
        out.audience = c_.audience;
        return;
    }
    const std::string where = name + ".audience";
    const json& given = q["audience"];
    std::vector<json> names;
    if (given.is_string()) {
        names.push_back(given);
    } else if (given.is_array() && !given.empty()) {
        names.assign(given.begin(), given.end());
    } else {
        problem(where, "wrong_type",
                "\"audience\" must be one of " + audience_list() +
                    ", or a list of them, e.g. \"partner\" or [\"resident\", \"partner\"].");
        return;
    }
    for (const json& entry : names) {
        if (!entry.is_string()) {
            problem(where, "wrong_type", "Each audience must be a name, e.g. \"partner\".");
            continue;
        }
        const std::string audience = entry.get<std::string>();
        if (!is_known_audience(audience)) {
            problem(where, "unknown_audience",
                    "The audience " + in_quotes(audience.substr(0, 64)) + " is not one of " +
                        audience_list() + ".");
            continue;
        }
        if (std::find(c_.audience.begin(), c_.audience.end(), audience) == c_.audience.end()) {
            problem(where, "audience_not_in_consultation",
                    "The question is for " + in_quotes(audience) +
                        ", but the consultation's \"audience\" does not name it; add it there.");
            continue;
        }
        if (std::find(out.audience.begin(), out.audience.end(), audience) == out.audience.end()) {
            out.audience.push_back(audience);
        }
    }
}

}  // namespace fv::detail
