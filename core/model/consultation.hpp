// The consultation model: a parsed, validated definition (DESIGN.md, "Consultation definitions").
// Shared by the kiosk, the sync engine and fieldvoice-central; knows nothing of UI or network.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fv {

// A visible string in every language the definition gives it.
struct LocalText {
    std::map<std::string, std::string> by_lang;

    // Text in `lang`, else in `fallback` (the definition's default language), else "".
    const std::string& in(const std::string& lang, const std::string& fallback) const;
    bool empty() const { return by_lang.empty(); }
};

enum class QuestionType {
    SingleChoice,
    MultiChoice,
    Smiley,
    Scale,
    Text,
    Number,
    Postcode,
    Ranking,
    Statements,
    Email,
    Phone,
    Info,
};

// "single_choice" <-> QuestionType::SingleChoice, ...
std::string_view to_string(QuestionType type);
std::optional<QuestionType> question_type_from_string(std::string_view name);

enum class PostcodePrecision { Full, District };

// Easy Read (docs/format.md): a prompt, an option or a statement may give a plainer text,
// `easy_read`, shown large one idea a line, and an `image`, a PNG path relative to the kiosk's
// assets folder. Both are optional; either may come alone.
struct Option {
    std::string id;
    LocalText label;
    LocalText easy_read{};  // defaults given, so that Option{id, label} stays complete
    std::string image{};
};

struct Statement {
    std::string id;
    LocalText text;
    LocalText easy_read{};
    std::string image{};
};

// show_if: shown when the earlier question's value is (any_of) or is not (none_of) one of `values`.
// For a multi_choice question, "is one of" means any selected option is in `values`.
struct ShowIf {
    std::string question;
    bool any_of = true;  // false: none_of
    std::vector<nlohmann::json> values;
};

struct Question {
    std::string id;
    QuestionType type = QuestionType::Info;
    LocalText prompt;
    LocalText easy_read;  // the prompt in Easy Read
    std::string image;    // the prompt's picture
    bool required = false;
    bool personal = false;
    std::string category;  // "" or "equalities"
    std::optional<ShowIf> show_if;
    // Who is asked it: "resident", "partner" and/or "staff" (docs/format.md). Left out in the
    // definition, it is the consultation's whole audience; parsed, it is never empty.
    std::vector<std::string> audience;

    std::vector<Option> options;        // single_choice, multi_choice, ranking
    bool other = false;                 // single_choice, multi_choice
    std::optional<int> max_choices;     // multi_choice "max"
    int scale_min = 1, scale_max = 5;   // scale
    LocalText min_label, max_label;     // scale
    std::optional<int> max_length;      // text (characters)
    std::optional<double> number_min, number_max;  // number
    PostcodePrecision precision = PostcodePrecision::Full;  // postcode
    int top = 0;                        // ranking: how many to rank
    std::vector<Statement> statements;  // statements
};

struct Consultation {
    std::string id;
    int version = 0;
    LocalText title;
    LocalText intro;
    std::vector<std::string> languages;  // first is the default
    std::vector<std::string> audience;   // default {"resident"}
    LocalText privacy_notice;
    // What a partner organisation's submitter reads instead of privacy_notice: they give their
    // name, so it must not promise anonymity. Required when "partner" is in `audience`.
    LocalText partner_privacy_notice;
    int retention_days = 730;
    std::vector<std::string> themes;
    std::string public_key;  // standard base64 of a 32-byte X25519 key, or ""
    std::vector<Question> questions;
    // The one-tap pulse (docs/format.md, "pulse"): the id of a smiley question the attract
    // screen shows large, whose tap alone is a whole response; "" when there is none.
    std::string pulse;
    nlohmann::json source;  // the definition as given, kept to store and serve unchanged

    const std::string& default_language() const { return languages.front(); }
    const Question* find(std::string_view question_id) const;
    // The pulse question, or nullptr when the consultation has none.
    const Question* pulse_question() const { return pulse.empty() ? nullptr : find(pulse); }
    bool has_personal_questions() const;
    // True when any prompt, option or statement has Easy Read text or a picture.
    bool has_easy_read() const;
    // The notice a visit of `audience` reads before its questions.
    const LocalText& privacy_notice_for(std::string_view who) const;
    // Whether its `audience` names `audience`. A visit of an audience it does not name (a
    // partner on a residents' consultation, from before audiences) is asked every question.
    bool asks(std::string_view audience) const;
    // Who answers at the kiosk's own "Touch to start" and pulse: "resident", or "staff" for a
    // consultation that asks staff and not residents (a staff pulse survey in a depot).
    std::string_view kiosk_audience() const;
};

// The audiences a definition may name, in their order: "resident", "partner", "staff".
const std::vector<std::string>& known_audiences();
// Whether `question` is asked of `audience` (its own audience, or the consultation's).
bool asked_of(const Question& question, std::string_view audience);

// One thing wrong with a definition or an answer. `where` names the place: a question id
// ("rating"), a field path ("questions[3].options[1].id"), or "line 4, column 17" for bad JSON.
struct Problem {
    std::string where;
    std::string rule;     // short stable name of the rule broken, e.g. "unknown_type"
    std::string message;  // a sentence for a person

    // "where: message (rule)" -- one line, as `fieldvoice validate` prints it.
    std::string to_line() const;
};

struct ParseResult {
    std::optional<Consultation> consultation;  // set only when problems is empty
    std::vector<Problem> problems;
    bool ok() const { return problems.empty(); }
};

// Parses and validates a definition. Never throws, whatever the input holds.
ParseResult parse_consultation(std::string_view json_text);
// Text overloads, so that a std::string or a literal is read as JSON text, not as a JSON string.
ParseResult parse_consultation(const std::string& json_text);
ParseResult parse_consultation(const char* json_text);
ParseResult parse_consultation(const nlohmann::json& definition);
ParseResult load_consultation_file(const std::string& path);

}  // namespace fv
