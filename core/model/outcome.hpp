// "You said, we did" on the device: an entry the store publishes about what the council did with
// what people said (docs/outcomes.md), as the device keeps it until the store withdraws it.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace fv {

struct Outcome {
    std::string id, consultation_id;
    std::map<std::string, std::string> text, easy_read;  // by language
    std::string theme, date;                             // date YYYY-MM-DD
    std::string picture_png_b64;                         // standard base64 of a PNG, or ""

    // The text to show in `lang` (Easy Read when asked and written), falling back to
    // `fallback_lang`, then to any; "" when there is none.
    std::string text_in(const std::string& lang, const std::string& fallback_lang, bool easy) const;

    nlohmann::json to_json() const;
    // nullopt, with `problem` saying which field, when `j` is not an entry.
    static std::optional<Outcome> from_json(const nlohmann::json& j, std::string* problem);
};

}  // namespace fv
