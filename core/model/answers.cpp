// Answers against their consultation: show_if, the value rules of DESIGN.md's table for every
// question type, whole-response checks (as the kiosk and the store make them), and sealing.
#include "core/model/answers.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <set>
#include <stdexcept>

#include "core/util/seal.hpp"

namespace fv {

using nlohmann::json;

namespace {

// A text question with no max_length still has a ceiling, so one answer cannot fill a kiosk.
constexpr std::size_t kDefaultTextLimit = 10000;
constexpr std::size_t kOtherTextLimit = 1000;
constexpr std::string_view kOtherPrefix = "other:";
constexpr std::string_view kPreferNotToSay = "prefer-not-to-say";

std::string in_quotes(std::string_view text) {
    return "\"" + std::string(text) + "\"";
}

// A choice answer as show_if compares it: any "other:<text>" counts as "other".
json comparable(const json& value) {
    if (value.is_string() && value.get_ref<const std::string&>().rfind(kOtherPrefix, 0) == 0) {
        return "other";
    }
    return value;
}

bool is_whole(const json& value) {
    return value.is_number_integer();
}

long long whole(const json& value) {
    if (value.is_number_unsigned()) {
        auto v = value.get<json::number_unsigned_t>();
        return v > static_cast<json::number_unsigned_t>(LLONG_MAX) ? LLONG_MAX
                                                                   : static_cast<long long>(v);
    }
    return value.get<json::number_integer_t>();
}

bool is_blank(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r'; });
}

bool plausible_email(std::string_view text) {
    if (text.size() > 254) return false;
    auto at = text.find('@');
    if (at == std::string_view::npos || at == 0 || at > 64 || text.find('@', at + 1) != text.npos) {
        return false;
    }
    for (char ch : text) {
        auto byte = static_cast<unsigned char>(ch);
        if (byte <= 0x20 || byte == 0x7F || ch == ',' || ch == ';' || ch == '<' || ch == '>') {
            return false;
        }
    }
    std::string_view domain = text.substr(at + 1);
    auto dot = domain.rfind('.');
    if (dot == std::string_view::npos || dot == 0 || dot + 1 >= domain.size()) return false;
    return domain.find("..") == std::string_view::npos && domain.front() != '.';
}

// Digits with the usual separators; "+" only first. 7..15 digits covers UK and E.164 numbers.
bool plausible_phone(std::string_view text) {
    std::size_t digits = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char ch = text[i];
        if (ch >= '0' && ch <= '9') {
            ++digits;
        } else if (ch == '+') {
            if (i != 0) return false;
        } else if (ch != ' ' && ch != '-' && ch != '(' && ch != ')' && ch != '.') {
            return false;
        }
    }
    return digits >= 7 && digits <= 15;
}

class AnswerChecker {
  public:
    AnswerChecker(const Question& q, const json& value) : q_(q), value_(value) {}

    std::optional<Problem> run() {
        switch (q_.type) {
            case QuestionType::SingleChoice:
                if (!value_.is_string())
                    return fail("wrong_type", "The answer must be an option id.");
                return choice(value_.get_ref<const std::string&>());
            case QuestionType::MultiChoice:
                return multi();
            case QuestionType::Ranking:
                return ranking();
            case QuestionType::Smiley:
                return integer_in(1, 5);
            case QuestionType::Scale:
                return integer_in(q_.scale_min, q_.scale_max);
            case QuestionType::Text:
                return text();
            case QuestionType::Number:
                return number();
            case QuestionType::Postcode:
                return postcode();
            case QuestionType::Statements:
                return statements();
            case QuestionType::Email:
                if (auto p = nonempty_string()) return p;
                if (!plausible_email(value_.get_ref<const std::string&>())) {
                    return fail("invalid_email",
                                "This is not an email address (name@example.org).");
                }
                return std::nullopt;
            case QuestionType::Phone:
                if (auto p = nonempty_string()) return p;
                if (!plausible_phone(value_.get_ref<const std::string&>())) {
                    return fail("invalid_phone",
                                "This is not a phone number (7 to 15 digits, e.g. 01865 792422).");
                }
                return std::nullopt;
            case QuestionType::Info:
                return fail("no_value", "An info page takes no answer; leave it out of answers.");
        }
        return std::nullopt;
    }

  private:
    const Question& q_;
    const json& value_;

    std::optional<Problem> fail(std::string rule, std::string message) const {
        return Problem{q_.id, std::move(rule), std::move(message)};
    }

    bool is_option(std::string_view id) const {
        return std::any_of(q_.options.begin(), q_.options.end(),
                           [&](const Option& o) { return o.id == id; });
    }

    std::optional<Problem> choice(const std::string& id) const {
        if (q_.other && id.rfind(kOtherPrefix, 0) == 0) {
            std::string_view rest = std::string_view(id).substr(kOtherPrefix.size());
            if (is_blank(rest)) {
                return fail("empty_answer", "\"other:\" needs the person's own words after it.");
            }
            if (utf8_length(rest) > kOtherTextLimit) {
                return fail("too_long", "The \"other\" text is longer than " +
                                            std::to_string(kOtherTextLimit) + " characters.");
            }
            return std::nullopt;
        }
        if (!is_option(id)) {
            return fail("unknown_option", in_quotes(id) + " is not an option of this question.");
        }
        return std::nullopt;
    }

    // Shared by multi_choice and ranking: an array of distinct, valid option ids.
    std::optional<Problem> distinct_choices(bool allow_other) const {
        if (!value_.is_array())
            return fail("wrong_type", "The answer must be a list of option ids.");
        if (value_.empty()) {
            return fail("empty_answer", "An empty list is not an answer; leave the question out.");
        }
        std::set<std::string> seen;
        bool has_other = false;
        for (const auto& item : value_) {
            if (!item.is_string()) return fail("wrong_type", "Every choice must be an option id.");
            const auto& id = item.get_ref<const std::string&>();
            bool is_other = id.rfind(kOtherPrefix, 0) == 0;
            if (is_other && !allow_other) {
                return fail("unknown_option",
                            in_quotes(id) + " is not an option of this question.");
            }
            if (auto p = choice(id)) return p;
            if (is_other && has_other)
                return fail("duplicate_choice", "\"other\" is chosen twice.");
            has_other = has_other || is_other;
            if (!is_other && !seen.insert(id).second) {
                return fail("duplicate_choice", in_quotes(id) + " is chosen more than once.");
            }
        }
        return std::nullopt;
    }

    std::optional<Problem> multi() const {
        if (auto p = distinct_choices(q_.other)) return p;
        if (q_.max_choices && value_.size() > static_cast<std::size_t>(*q_.max_choices)) {
            return fail("too_many_choices",
                        "At most " + std::to_string(*q_.max_choices) + " may be chosen.");
        }
        // "Prefer not to say" cannot sit beside real answers: it would count twice in reports.
        if (value_.size() > 1 &&
            std::find(value_.begin(), value_.end(), json(kPreferNotToSay)) != value_.end()) {
            return fail("exclusive_option",
                        "\"prefer-not-to-say\" cannot be chosen together with other options.");
        }
        return std::nullopt;
    }

    std::optional<Problem> ranking() const {
        if (auto p = distinct_choices(false)) return p;
        if (value_.size() != static_cast<std::size_t>(q_.top)) {
            return fail("wrong_count", "The ranking must list exactly " + std::to_string(q_.top) +
                                           " options, most important first.");
        }
        return std::nullopt;
    }

    std::optional<Problem> integer_in(long long min, long long max) const {
        if (!is_whole(value_)) return fail("wrong_type", "The answer must be a whole number.");
        long long v = whole(value_);
        if (v < min || v > max) {
            return fail("out_of_range", "The answer must be from " + std::to_string(min) + " to " +
                                            std::to_string(max) + ".");
        }
        return std::nullopt;
    }

    std::optional<Problem> nonempty_string() const {
        if (!value_.is_string()) return fail("wrong_type", "The answer must be text.");
        if (is_blank(value_.get_ref<const std::string&>())) {
            return fail("empty_answer", "An empty text is not an answer; leave the question out.");
        }
        return std::nullopt;
    }

    std::optional<Problem> text() const {
        if (auto p = nonempty_string()) return p;
        std::size_t limit =
            q_.max_length ? static_cast<std::size_t>(*q_.max_length) : kDefaultTextLimit;
        if (utf8_length(value_.get_ref<const std::string&>()) > limit) {
            return fail("too_long",
                        "The answer is longer than " + std::to_string(limit) + " characters.");
        }
        return std::nullopt;
    }

    std::optional<Problem> number() const {
        if (!value_.is_number() || !std::isfinite(value_.get<double>())) {
            return fail("wrong_type", "The answer must be a number.");
        }
        double v = value_.get<double>();
        if ((q_.number_min && v < *q_.number_min) || (q_.number_max && v > *q_.number_max)) {
            return fail("out_of_range", "The number is outside the range this question allows.");
        }
        return std::nullopt;
    }

    std::optional<Problem> postcode() const {
        if (!value_.is_string()) return fail("wrong_type", "The answer must be a postcode.");
        const auto& text = value_.get_ref<const std::string&>();
        auto normal = normalise_postcode(text, q_.precision);
        if (!normal || *normal != text) {
            return fail("invalid_postcode",
                        q_.precision == PostcodePrecision::District
                            ? "The answer must be the outward code of a UK postcode, e.g. \"OX1\"."
                            : "The answer must be a UK postcode in normal form, e.g. \"OX1 1AA\".");
        }
        return std::nullopt;
    }

    std::optional<Problem> statements() const {
        if (!value_.is_object()) {
            return fail(
                "wrong_type",
                "The answer must map statement ids to \"agree\", \"disagree\" or \"pass\".");
        }
        if (value_.empty()) {
            return fail("empty_answer",
                        "An empty object is not an answer; leave the question out.");
        }
        for (const auto& [id, verdict] : value_.items()) {
            bool known = std::any_of(q_.statements.begin(), q_.statements.end(),
                                     [&](const Statement& s) { return s.id == id; });
            if (!known)
                return fail("unknown_statement", in_quotes(id) + " is not a statement here.");
            if (verdict != "agree" && verdict != "disagree" && verdict != "pass") {
                return fail("invalid_verdict",
                            "Each statement takes \"agree\", \"disagree\" or "
                            "\"pass\".");
            }
        }
        return std::nullopt;
    }
};

}  // namespace

bool is_shown(const Question& question, const json& answers) {
    if (!question.show_if) return true;
    const ShowIf& rule = *question.show_if;
    bool matches = false;
    if (answers.is_object()) {
        auto it = answers.find(rule.question);
        if (it != answers.end()) {
            auto in_values = [&](const json& v) {
                json c = comparable(v);
                return std::any_of(rule.values.begin(), rule.values.end(),
                                   [&](const json& wanted) { return wanted == c; });
            };
            if (it->is_array()) {
                matches = std::any_of(it->begin(), it->end(), in_values);
            } else {
                matches = in_values(*it);
            }
        }
    }
    return rule.any_of ? matches : !matches;
}

std::optional<Problem> check_answer(const Question& question, const json& value) {
    return AnswerChecker(question, value).run();
}

std::vector<Problem> check_pulse_answers(const Consultation& consultation,
                                         const nlohmann::json& answers) {
    const Question* pulse = consultation.pulse_question();
    if (pulse == nullptr) {
        return {{"mode", "no_pulse",
                 "This is a pulse response, but consultation " + consultation.id + " version " +
                     std::to_string(consultation.version) + " has no pulse question."}};
    }
    if (!answers.is_object() || answers.size() != 1 || !answers.contains(pulse->id)) {
        return {{"answers", "pulse_answers",
                 "A pulse response holds one answer, to the pulse question \"" + pulse->id +
                     "\", and nothing else."}};
    }
    if (auto problem = check_answer(*pulse, answers[pulse->id])) return {*problem};
    return {};
}

std::vector<Problem> check_answers(const Consultation& consultation, const json& answers,
                                   bool personal_sealed, std::optional<std::string_view> audience) {
    if (audience && !consultation.asks(*audience)) audience.reset();  // asked everything
    const auto asked = [&audience](const Question& q) {
        return !audience || asked_of(q, *audience);
    };
    std::vector<Problem> problems;
    if (!answers.is_object()) {
        problems.push_back({"answers", "wrong_type",
                            "Answers must be an object from question id "
                            "to value."});
        return problems;
    }
    for (const auto& [id, value] : answers.items()) {
        const Question* q = consultation.find(id);
        if (!q) {
            problems.push_back({id, "unknown_question",
                                "There is no question " + in_quotes(id) + " in " + consultation.id +
                                    " version " + std::to_string(consultation.version) + "."});
            continue;
        }
        if (q->personal && personal_sealed) {
            problems.push_back({id, "personal_in_clear",
                                "The answer to a personal question must travel sealed, never in "
                                "\"answers\"."});
            continue;
        }
        if (!is_shown(*q, answers)) {
            problems.push_back({id, "answered_but_hidden",
                                "This question was not shown (see its show_if) but has an "
                                "answer."});
            continue;
        }
        if (auto p = check_answer(*q, value)) problems.push_back(std::move(*p));
    }
    for (const auto& q : consultation.questions) {
        if (!q.required || answers.contains(q.id) || !asked(q) || !is_shown(q, answers)) continue;
        if (q.personal && personal_sealed) continue;  // it is in the sealed box, unseen here
        problems.push_back(
            {q.id, "required_missing", "This question is required but has no answer."});
    }
    return problems;
}

std::optional<std::string> seal_personal_answers(const Consultation& consultation, json& answers) {
    if (!answers.is_object()) return std::nullopt;
    json personal = json::object();
    for (const auto& q : consultation.questions) {
        if (!q.personal) continue;
        if (auto it = answers.find(q.id); it != answers.end()) personal[q.id] = *it;
    }
    if (personal.empty()) return std::nullopt;
    auto box = seal_to(personal.dump(-1, ' ', false, json::error_handler_t::replace),
                       consultation.public_key);
    if (!box) {
        throw std::runtime_error("Consultation " + consultation.id +
                                 " has personal answers to seal but no usable public key.");
    }
    for (const auto& [id, value] : personal.items()) answers.erase(id);
    return box;
}

std::size_t utf8_sequence(std::string_view text, std::size_t at) {
    const auto lead = static_cast<unsigned char>(text[at]);
    const std::size_t need = lead < 0x80           ? 0
                             : (lead >> 5) == 0x6  ? 1
                             : (lead >> 4) == 0xE  ? 2
                             : (lead >> 3) == 0x1E ? 3
                                                   : 99;
    if (need == 99) return 0;
    for (std::size_t j = 1; j <= need; ++j) {
        if (at + j >= text.size() || (static_cast<unsigned char>(text[at + j]) & 0xC0) != 0x80) {
            return 0;
        }
    }
    return need + 1;
}

std::size_t utf8_length(std::string_view text) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size(); ++count) {
        i += std::max<std::size_t>(utf8_sequence(text, i), 1);  // a bad byte counts as one
    }
    return count;
}

std::string answer_in_words(const Question& question, const nlohmann::json& value,
                            const std::string& language) {
    auto option = [&](const nlohmann::json& v) -> std::string {
        if (!v.is_string()) return v.dump();
        const auto& id = v.get_ref<const std::string&>();
        if (id.rfind("other:", 0) == 0) return "Other: " + id.substr(6);
        for (const auto& o : question.options) {
            if (o.id == id) return o.label.in(language, language);
        }
        return id;
    };
    auto joined = [](const std::vector<std::string>& parts, const char* sep) {
        std::string out;
        for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
        return out;
    };
    if (value.is_null()) return "";
    switch (question.type) {
        case QuestionType::SingleChoice:
            return option(value);
        case QuestionType::MultiChoice:
        case QuestionType::Ranking: {
            if (!value.is_array()) break;
            std::vector<std::string> parts;
            for (const auto& v : value) {
                parts.push_back((question.type == QuestionType::Ranking
                                     ? std::to_string(parts.size() + 1) + ". "
                                     : std::string()) +
                                option(v));
            }
            return joined(parts, ", ");
        }
        case QuestionType::Statements: {
            if (!value.is_object()) break;
            std::vector<std::string> parts;
            for (const auto& s : question.statements) {
                auto verdict = value.find(s.id);
                if (verdict != value.end() && verdict->is_string()) {
                    parts.push_back(s.text.in(language, language) + ": " +
                                    verdict->get<std::string>());
                }
            }
            return joined(parts, "; ");
        }
        case QuestionType::Smiley: {
            static const char* kFaces[] = {"very unhappy", "unhappy", "neither", "happy",
                                           "very happy"};
            if (!value.is_number_integer()) break;
            const int n = value.get<int>();
            if (n < 1 || n > 5) break;
            return std::to_string(n) + " (" + kFaces[n - 1] + ")";
        }
        case QuestionType::Scale: {
            if (!value.is_number_integer()) break;
            const int n = value.get<int>();
            const LocalText* end = n == question.scale_min   ? &question.min_label
                                   : n == question.scale_max ? &question.max_label
                                                             : nullptr;
            if (!end || end->empty()) break;
            return std::to_string(n) + " (" + end->in(language, language) + ")";
        }
        default:
            break;
    }
    return value.is_string() ? value.get<std::string>() : value.dump();
}

}  // namespace fv
