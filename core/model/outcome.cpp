#include "core/model/outcome.hpp"

namespace fv {

using nlohmann::json;

namespace {

bool read_texts(const json& j, const char* key, std::map<std::string, std::string>& out,
                std::string* problem) {
    auto it = j.find(key);
    if (it == j.end()) return true;
    if (!it->is_object()) {
        if (problem) *problem = std::string(key) + ": not an object";
        return false;
    }
    for (const auto& [lang, text] : it->items()) {
        if (!text.is_string()) {
            if (problem) *problem = std::string(key) + "." + lang + ": not a string";
            return false;
        }
        out[lang] = text.get<std::string>();
    }
    return true;
}

std::string string_field(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::string Outcome::text_in(const std::string& lang, const std::string& fallback_lang,
                             bool easy) const {
    for (const std::string* l : {&lang, &fallback_lang}) {
        if (easy) {
            auto e = easy_read.find(*l);
            if (e != easy_read.end() && !e->second.empty()) return e->second;
        }
        auto t = text.find(*l);
        if (t != text.end() && !t->second.empty()) return t->second;
    }
    return text.empty() ? std::string() : text.begin()->second;
}

json Outcome::to_json() const {
    json j{{"id", id}, {"consultation_id", consultation_id}, {"text", text}, {"date", date}};
    if (!easy_read.empty()) j["easy_read"] = easy_read;
    if (!theme.empty()) j["theme"] = theme;
    if (!picture_png_b64.empty()) j["picture_png"] = picture_png_b64;
    return j;
}

std::optional<Outcome> Outcome::from_json(const json& j, std::string* problem) {
    if (!j.is_object()) {
        if (problem) *problem = "not an object";
        return std::nullopt;
    }
    Outcome o;
    o.id = string_field(j, "id");
    o.consultation_id = string_field(j, "consultation_id");
    if (o.id.empty() || o.consultation_id.empty()) {
        if (problem) *problem = o.id.empty() ? "id: missing" : "consultation_id: missing";
        return std::nullopt;
    }
    if (!read_texts(j, "text", o.text, problem) ||
        !read_texts(j, "easy_read", o.easy_read, problem)) {
        return std::nullopt;
    }
    if (o.text.empty()) {
        if (problem) *problem = "text: missing";
        return std::nullopt;
    }
    o.theme = string_field(j, "theme");
    o.date = string_field(j, "date");
    o.picture_png_b64 = string_field(j, "picture_png");
    return o;
}

}  // namespace fv
