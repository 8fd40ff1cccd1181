// Endonyms of the languages councils most often offer.
#include "app/languages.hpp"

#include <map>

namespace fv {

std::string language_name(const std::string& code) {
    static const std::map<std::string, std::string> names = {
        {"ar", "العربية"},    {"bg", "Български"},  {"bn", "বাংলা"},     {"cs", "Čeština"},
        {"cy", "Cymraeg"},    {"de", "Deutsch"},    {"el", "Ελληνικά"},  {"en", "English"},
        {"es", "Español"},    {"fr", "Français"},   {"ga", "Gaeilge"},   {"gd", "Gàidhlig"},
        {"hu", "Magyar"},     {"it", "Italiano"},   {"lt", "Lietuvių"},  {"lv", "Latviešu"},
        {"pa", "ਪੰਜਾਬੀ"},      {"pl", "Polski"},     {"pt", "Português"}, {"ro", "Română"},
        {"ru", "Русский"},    {"sk", "Slovenčina"}, {"so", "Soomaali"},  {"tr", "Türkçe"},
        {"uk", "Українська"}, {"ur", "اردو"},
    };
    auto it = names.find(code);
    return it != names.end() ? it->second : code;
}

}  // namespace fv
