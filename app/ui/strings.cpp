// Loading of the UI translation files (assets/i18n/<lang>.json).
#include "app/ui/strings.hpp"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace fv::ui {
namespace {

void merge_file(const std::filesystem::path& file, std::map<std::string, std::string>& into) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read the translation file " + file.string());
    std::stringstream buffer;
    buffer << in.rdbuf();
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(buffer.str());
    } catch (const nlohmann::json::parse_error& e) {
        throw std::runtime_error("the translation file " + file.string() +
                                 " is not valid JSON: " + e.what());
    }
    if (!doc.is_object()) {
        throw std::runtime_error("the translation file " + file.string() +
                                 " must hold one JSON object of key -> text");
    }
    for (const auto& [key, value] : doc.items()) {
        if (!value.is_string()) {
            throw std::runtime_error("the translation file " + file.string() + ": \"" + key +
                                     "\" must be a string");
        }
        into[key] = value.get<std::string>();
    }
}

// One language's files: <lang>.json (screens) and every <part>.<lang>.json beside it (such as
// widgets.<lang>.json, kept by the widgets' authors), in name order.
void merge_language(const std::filesystem::path& dir, const std::string& lang,
                    std::map<std::string, std::string>& into) {
    const std::string suffix = "." + lang + ".json";
    std::vector<std::filesystem::path> parts;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.size() > suffix.size() && name.ends_with(suffix)) parts.push_back(entry.path());
    }
    std::sort(parts.begin(), parts.end());
    const auto main_file = dir / (lang + ".json");
    // A consultation may offer a language the kiosk's own texts do not have yet: its
    // questions still show in that language, the buttons in English. English must be there.
    if (lang == "en" || std::filesystem::exists(main_file, ec)) merge_file(main_file, into);
    for (const auto& part : parts) merge_file(part, into);
}

}  // namespace

Strings Strings::load(const std::filesystem::path& i18n_dir, const std::string& lang) {
    Strings s;
    s.language_ = lang;
    merge_language(i18n_dir, "en", s.texts_);
    if (lang != "en") merge_language(i18n_dir, lang, s.texts_);
    return s;
}

const std::string& Strings::get(const std::string& key) const {
    auto it = texts_.find(key);
    if (it != texts_.end()) return it->second;
    // A missing key shows itself; kept in a node-based set so the reference stays valid.
    static std::set<std::string> missing;
    return *missing.insert(key).first;
}

std::string Strings::format(const std::string& key, const std::string& a0,
                            const std::string& a1) const {
    std::string out = get(key);
    auto replace = [&out](const std::string& marker, const std::string& value) {
        for (std::size_t at = out.find(marker); at != std::string::npos;
             at = out.find(marker, at + value.size())) {
            out.replace(at, marker.size(), value);
        }
    };
    replace("{0}", a0);
    replace("{1}", a1);
    return out;
}

const char* plural_category(const std::string& lang, long long n) {
    const long long a = n < 0 ? -n : n;
    const std::string base = lang.substr(0, lang.find('-'));
    if (base == "pl") {
        if (a == 1) return "one";
        const long long ten = a % 10, hundred = a % 100;
        if (ten >= 2 && ten <= 4 && !(hundred >= 12 && hundred <= 14)) return "few";
        return "many";
    }
    return a == 1 ? "one" : "other";
}

std::string Strings::plural(const std::string& key, long long n) const {
    const std::string count = std::to_string(n);
    for (const std::string& form :
         {key + "." + plural_category(language_, n), key + ".other", key}) {
        if (texts_.count(form)) return format(form, count);
    }
    return format(key, count);  // shows the key: a missing text stays visible
}

}  // namespace fv::ui
