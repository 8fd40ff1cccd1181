// UI strings from translation files (assets/i18n/<lang>.json, a flat object key -> text).
// A key missing in a language falls back to English; a key missing everywhere shows the key,
// so a gap is visible rather than blank.
#pragma once

#include <filesystem>
#include <map>
#include <string>

namespace fv::ui {

class Strings {
public:
    // Loads `lang` with English underneath. Throws std::runtime_error naming the file and the
    // JSON problem when a file is unreadable or malformed.
    static Strings load(const std::filesystem::path& i18n_dir, const std::string& lang);

    const std::string& language() const { return language_; }
    const std::string& get(const std::string& key) const;
    const std::string& operator()(const std::string& key) const { return get(key); }
    // get(key) with "{0}", "{1}" replaced by the arguments.
    std::string format(const std::string& key, const std::string& a0,
                       const std::string& a1 = {}) const;

private:
    std::string language_;
    std::map<std::string, std::string> texts_;
};

}  // namespace fv::ui
