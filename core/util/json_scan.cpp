// Splitting JSON object and array texts into their parts.
#include "core/util/json_scan.hpp"

#include <cstddef>

namespace fv {
namespace {

class JsonScanner {
  public:
    explicit JsonScanner(std::string_view text) : text_(text) {}

    bool at_end() const { return pos_ >= text_.size(); }
    char peek() const { return at_end() ? '\0' : text_[pos_]; }

    void skip_space() {
        while (!at_end()) {
            const char c = text_[pos_];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
            ++pos_;
        }
    }

    bool take(char c) {
        if (peek() != c) return false;
        ++pos_;
        return true;
    }

    // A member name made only of [a-z0-9_], without its quotes.
    std::optional<std::string_view> plain_key() {
        if (!take('"')) return std::nullopt;
        const std::size_t start = pos_;
        while (!at_end() && text_[pos_] != '"') {
            const char c = text_[pos_];
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
                return std::nullopt;
            }
            ++pos_;
        }
        if (!take('"')) return std::nullopt;
        return text_.substr(start, pos_ - 1 - start);
    }

    // The text of one value: a string, an object or array (to its matching close), or a scalar.
    std::optional<std::string_view> value() {
        const std::size_t start = pos_;
        const char c = peek();
        if (c == '"') {
            if (!string()) return std::nullopt;
        } else if (c == '{' || c == '[') {
            int depth = 0;
            do {
                if (at_end()) return std::nullopt;
                const char d = text_[pos_];
                if (d == '"') {
                    if (!string()) return std::nullopt;
                    continue;
                }
                if (d == '{' || d == '[') ++depth;
                if (d == '}' || d == ']') --depth;
                ++pos_;
            } while (depth > 0);
        } else {
            while (!at_end()) {
                const char d = text_[pos_];
                if (d == ',' || d == '}' || d == ']' || d == ' ' || d == '\t' || d == '\n' ||
                    d == '\r') {
                    break;
                }
                ++pos_;
            }
            if (pos_ == start) return std::nullopt;
        }
        return text_.substr(start, pos_ - start);
    }

  private:
    // Past one string, escapes included; control characters are left to the parser's refusal.
    bool string() {
        ++pos_;  // the opening quote
        while (!at_end()) {
            const char c = text_[pos_];
            if (c == '\\') {
                pos_ += 2;
                continue;
            }
            if (static_cast<unsigned char>(c) < 0x20) return false;
            ++pos_;
            if (c == '"') return true;
        }
        return false;
    }

    std::string_view text_;
    std::size_t pos_ = 0;
};

}  // namespace

std::optional<std::vector<std::pair<std::string_view, std::string_view>>> split_plain_object(
    std::string_view text) {
    JsonScanner in(text);
    std::vector<std::pair<std::string_view, std::string_view>> members;
    in.skip_space();
    if (!in.take('{')) return std::nullopt;
    in.skip_space();
    if (!in.take('}')) {
        while (true) {
            in.skip_space();
            const auto key = in.plain_key();
            if (!key) return std::nullopt;
            in.skip_space();
            if (!in.take(':')) return std::nullopt;
            in.skip_space();
            const auto value = in.value();
            if (!value) return std::nullopt;
            members.emplace_back(*key, *value);
            in.skip_space();
            if (in.take(',')) continue;
            if (in.take('}')) break;
            return std::nullopt;
        }
    }
    in.skip_space();
    if (!in.at_end()) return std::nullopt;
    return members;
}

std::optional<std::vector<std::string_view>> split_array(std::string_view text) {
    JsonScanner in(text);
    std::vector<std::string_view> items;
    in.skip_space();
    if (!in.take('[')) return std::nullopt;
    in.skip_space();
    if (!in.take(']')) {
        while (true) {
            in.skip_space();
            const auto item = in.value();
            if (!item) return std::nullopt;
            items.push_back(*item);
            in.skip_space();
            if (in.take(',')) continue;
            if (in.take(']')) break;
            return std::nullopt;
        }
    }
    in.skip_space();
    if (!in.at_end()) return std::nullopt;
    return items;
}

}  // namespace fv
