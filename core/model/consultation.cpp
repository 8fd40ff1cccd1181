// The consultation model's small pieces, and the reading of definition text: JSON syntax errors
// become one Problem at "line L, column C", duplicate keys are reported, files are read safely.
#include "core/model/consultation.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>

#include "core/model/answers.hpp"

namespace fv {

using nlohmann::json;

const std::string& LocalText::in(const std::string& lang, const std::string& fallback) const {
    static const std::string empty_text;
    if (auto it = by_lang.find(lang); it != by_lang.end()) return it->second;
    if (auto it = by_lang.find(fallback); it != by_lang.end()) return it->second;
    return empty_text;
}

namespace {

constexpr std::array<std::pair<QuestionType, std::string_view>, 12> kTypeNames{{
    {QuestionType::SingleChoice, "single_choice"},
    {QuestionType::MultiChoice, "multi_choice"},
    {QuestionType::Smiley, "smiley"},
    {QuestionType::Scale, "scale"},
    {QuestionType::Text, "text"},
    {QuestionType::Number, "number"},
    {QuestionType::Postcode, "postcode"},
    {QuestionType::Ranking, "ranking"},
    {QuestionType::Statements, "statements"},
    {QuestionType::Email, "email"},
    {QuestionType::Phone, "phone"},
    {QuestionType::Info, "info"},
}};

}  // namespace

std::string_view to_string(QuestionType type) {
    for (const auto& [t, name] : kTypeNames) {
        if (t == type) return name;
    }
    return "unknown";
}

std::optional<QuestionType> question_type_from_string(std::string_view name) {
    for (const auto& [t, type_name] : kTypeNames) {
        if (type_name == name) return t;
    }
    return std::nullopt;
}

const Question* Consultation::find(std::string_view question_id) const {
    for (const auto& q : questions) {
        if (q.id == question_id) return &q;
    }
    return nullptr;
}

bool Consultation::has_personal_questions() const {
    for (const auto& q : questions) {
        if (q.personal) return true;
    }
    return false;
}

bool Consultation::has_easy_read() const {
    auto has = [](const LocalText& text, const std::string& image) {
        return !text.empty() || !image.empty();
    };
    for (const auto& q : questions) {
        if (has(q.easy_read, q.image)) return true;
        for (const auto& o : q.options) {
            if (has(o.easy_read, o.image)) return true;
        }
        for (const auto& s : q.statements) {
            if (has(s.easy_read, s.image)) return true;
        }
    }
    return false;
}

const LocalText& Consultation::privacy_notice_for(std::string_view who) const {
    if (who == "partner" && !partner_privacy_notice.empty()) return partner_privacy_notice;
    return privacy_notice;
}

bool Consultation::asks(std::string_view who) const {
    return std::find(audience.begin(), audience.end(), who) != audience.end();
}

std::string_view Consultation::kiosk_audience() const {
    return !asks("resident") && asks("staff") ? "staff" : "resident";
}

const std::vector<std::string>& known_audiences() {
    static const std::vector<std::string> names = {"resident", "partner", "staff"};
    return names;
}

bool asked_of(const Question& question, std::string_view audience) {
    // A question made in code rather than parsed names no audience: it is everyone's.
    if (question.audience.empty()) return true;
    return std::find(question.audience.begin(), question.audience.end(), audience) !=
           question.audience.end();
}

std::string Problem::to_line() const {
    return where + ": " + message + " (" + rule + ")";
}

namespace {

// Builds the DOM like nlohmann's own parser, but keeps the byte offset of a syntax error (which
// nlohmann's number-overflow exception lacks) and notices keys given twice in one object, which
// nlohmann would silently resolve to the last one (a "required" given twice must not pass).
class DomBuilder {
  public:
    json root;
    bool failed = false;
    std::size_t error_offset = 0;  // 0-based byte offset of the offending token
    std::string error_text;
    std::vector<std::string> duplicate_keys;  // paths like "questions[2].required"

    bool null() { return put(json(nullptr)); }
    bool boolean(bool v) { return put(json(v)); }
    bool number_integer(json::number_integer_t v) { return put(json(v)); }
    bool number_unsigned(json::number_unsigned_t v) { return put(json(v)); }
    bool number_float(json::number_float_t v, const std::string& /*text*/) { return put(json(v)); }
    bool string(json::string_t& v) { return put(json(std::move(v))); }
    bool binary(json::binary_t& v) { return put(json::binary(std::move(v))); }

    bool start_object(std::size_t /*size*/) { return open(json::object()); }
    bool start_array(std::size_t /*size*/) { return open(json::array()); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }

    bool key(json::string_t& k) {
        if (open_.back()->contains(k)) duplicate_keys.push_back(path_of(&k));
        pending_key_ = std::move(k);
        return true;
    }

    bool parse_error(std::size_t position, const std::string& /*last_token*/,
                     const nlohmann::detail::exception& ex) {
        failed = true;
        // nlohmann counts the bytes read up to and including the one it could not accept.
        error_offset = position == 0 ? 0 : position - 1;
        error_text = ex.what();
        return false;
    }

  private:
    // Containers still open, innermost last. Pointers stay valid: only the innermost one grows.
    // Each has the path segment it was reached by (".key" or "[3]"); the full path is joined
    // only when needed, so that deeply nested input costs linear time, not quadratic.
    std::vector<json*> open_;
    std::vector<std::string> segments_;
    std::string pending_key_;

    std::string path_of(const std::string* last_key) const {
        std::string path;
        for (const auto& segment : segments_) path += segment;
        if (last_key) path += "." + *last_key;
        return path.empty() ? path : path.substr(path[0] == '.' ? 1 : 0);
    }

    // Places `value` where the parser is, returning it and the segment it was placed at.
    json* place(json value, std::string& segment) {
        if (open_.empty()) {
            root = std::move(value);
            segment.clear();
            return &root;
        }
        json* parent = open_.back();
        if (parent->is_object()) {
            segment = "." + pending_key_;
            json& slot = (*parent)[pending_key_];
            slot = std::move(value);
            return &slot;
        }
        segment = "[" + std::to_string(parent->size()) + "]";
        parent->push_back(std::move(value));
        return &parent->back();
    }
    bool put(json value) {
        std::string segment;
        place(std::move(value), segment);
        return true;
    }
    bool open(json container) {
        std::string segment;
        json* slot = place(std::move(container), segment);
        segments_.push_back(std::move(segment));
        open_.push_back(slot);
        return true;
    }
    bool close() {
        open_.pop_back();
        segments_.pop_back();
        return true;
    }
};

// "line L, column C" of the byte at `offset` (0-based); columns count characters, not bytes.
std::string line_and_column(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < offset; ++i) {
        auto byte = static_cast<unsigned char>(text[i]);
        if (byte == '\n') {
            ++line;
            column = 1;
        } else if ((byte & 0xC0) != 0x80) {  // not a UTF-8 continuation byte
            ++column;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// Keeps valid UTF-8 and replaces any other byte with '?': a message quoting the bad input must
// itself stay printable and serialisable as JSON (the store sends problems back as JSON).
std::string valid_utf8(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t n = utf8_sequence(text, i);
        if (n > 0 && static_cast<unsigned char>(text[i]) >= 0x20) {
            out.append(text.substr(i, n));
            i += n;
        } else {
            out += '?';
            ++i;
        }
    }
    return out;
}

// nlohmann's what() reads "[json.exception.parse_error.101] parse error at line 1, column 2:
// syntax error while parsing value - ..."; keep only the part a person needs.
std::string syntax_detail(const std::string& what) {
    std::string detail = valid_utf8(what);
    if (auto pos = detail.find("] "); pos != std::string::npos) detail = detail.substr(pos + 2);
    if (detail.rfind("parse error", 0) == 0) {
        if (auto pos = detail.find(": "); pos != std::string::npos) detail = detail.substr(pos + 2);
    }
    return detail;
}

// "questions[2].required" -> "rating.required" when question 2 has a usable id, so that every
// problem names the question the way the rest of validation does.
std::string question_path(const json& definition, const std::string& path) {
    static const std::string prefix = "questions[";
    if (path.rfind(prefix, 0) != 0) return path;
    auto close = path.find(']');
    if (close == std::string::npos) return path;
    std::size_t index = 0;
    for (std::size_t i = prefix.size(); i < close; ++i) index = index * 10 + (path[i] - '0');
    const json* questions = definition.is_object() && definition.contains("questions")
                                ? &definition["questions"]
                                : nullptr;
    if (!questions || !questions->is_array() || index >= questions->size()) return path;
    const json& q = (*questions)[index];
    if (!q.is_object() || !q.contains("id") || !q["id"].is_string()) return path;
    const std::string& id = q["id"].get_ref<const std::string&>();
    if (id.empty()) return path;
    return id + path.substr(close + 1);
}

}  // namespace

ParseResult parse_consultation(std::string_view json_text) {
    ParseResult result;
    try {
        DomBuilder builder;
        json::sax_parse(json_text.begin(), json_text.end(), &builder, json::input_format_t::json,
                        /*strict=*/true, /*ignore_comments=*/false);
        if (builder.failed) {
            const std::size_t offset = builder.error_offset;  // 0-based
            std::string message =
                json_text.empty()
                    ? "The file is empty; a consultation definition is a JSON object."
                    : "This is not valid JSON: " + syntax_detail(builder.error_text) +
                          ". Fix the JSON at this place (a missing comma, quote or bracket is "
                          "the usual cause).";
            result.problems.push_back(
                {line_and_column(json_text, offset), "invalid_json", message});
            return result;
        }
        result = parse_consultation(builder.root);
        for (const auto& path : builder.duplicate_keys) {
            result.problems.push_back(
                {question_path(builder.root, path), "duplicate_key",
                 "This field is given more than once; keep only one of them."});
        }
        if (!result.problems.empty()) result.consultation.reset();
    } catch (const std::exception& e) {
        // Nothing above should throw; if it does, the definition is still refused, not a crash.
        result.consultation.reset();
        result.problems.push_back(
            {"definition", "internal_error",
             std::string("The definition could not be checked: ") + e.what()});
    }
    return result;
}

ParseResult parse_consultation(const std::string& json_text) {
    return parse_consultation(std::string_view(json_text));
}

ParseResult parse_consultation(const char* json_text) {
    return parse_consultation(std::string_view(json_text ? json_text : ""));
}

ParseResult load_consultation_file(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        ParseResult result;
        result.problems.push_back(
            {path, "unreadable_file", "This is a folder; give the path of a definition file."});
        return result;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        ParseResult result;
        result.problems.push_back({path, "unreadable_file",
                                   "The file cannot be opened; check that it exists and that "
                                   "this user may read it."});
        return result;
    }
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) {
        ParseResult result;
        result.problems.push_back(
            {path, "unreadable_file", "The file could not be read to the end; check the disk."});
        return result;
    }
    const std::string contents = text.str();
    return parse_consultation(std::string_view(contents));
}

}  // namespace fv
