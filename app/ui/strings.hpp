// UI strings from translation files (assets/i18n/<lang>.json, a flat object key -> text).
// A key missing in a language falls back to English; a key missing everywhere shows the key,
// so a gap is visible rather than blank.
#pragma once

#include <filesystem>
#include <map>
#include <string>

namespace fv::ui {

// CLDR's plural category of a whole number in `lang`: "one", "few", "many" or "other". English
// (and any language without rules here): one for 1, else other. Polish: one for 1; few when
// n % 10 is 2-4 and n % 100 is not 12-14; many for every other whole number (0, 5-21, 25...).
const char* plural_category(const std::string& lang, long long n);

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
    // The text for `n` of something, with "{0}" replaced by n: the key's plural form for n in
    // this language ("KEY.one", "KEY.few", "KEY.many", "KEY.other"; see plural_category),
    // else "KEY.other", else KEY itself.
    std::string plural(const std::string& key, long long n) const;

  private:
    std::string language_;
    std::map<std::string, std::string> texts_;
};

}  // namespace fv::ui
