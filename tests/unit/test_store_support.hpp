// Helpers shared by the store, export and CLI tests: a temporary folder that cleans up after
// itself (tests/support/temp_dir.hpp), a realistic consultation and responses to it.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/model/consultation.hpp"
#include "core/model/response.hpp"
#include "core/util/ids.hpp"
#include "support/temp_dir.hpp"

namespace fv::testing {

// The store tests' folders (fv-store-XXXXXX).
class TempDir : public test::TempDir {
  public:
    TempDir() : test::TempDir("fv-store") {}
};

// A library consultation using the question types the export must spread over columns.
inline std::string library_definition(int version = 1, int retention_days = 730,
                                      bool with_statements = true) {
    std::string def = R"({
      "id": "libraries-2027", "version": )" +
                      std::to_string(version) + R"(,
      "title": {"en": "Your library, your say", "pl": "Twoja biblioteka, Twój głos"},
      "languages": ["en", "pl"],
      "privacy_notice": {"en": "We keep your answers safe.", "pl": "Chronimy Twoje odpowiedzi."},
      "retention_days": )" +
                      std::to_string(retention_days) + R"(,
      "questions": [
        {"id": "rating", "type": "smiley", "prompt": {"en": "How was your visit?", "pl": "Jak było?"},
         "required": true},
        {"id": "used", "type": "multi_choice", "prompt": {"en": "What did you use?", "pl": "Co?"},
         "options": [{"id": "books", "label": {"en": "Books", "pl": "Książki"}},
                     {"id": "wifi", "label": {"en": "Wi-Fi", "pl": "Wi-Fi"}},
                     {"id": "events", "label": {"en": "Events", "pl": "Wydarzenia"}}],
         "max": 3, "other": true},
        {"id": "priority", "type": "ranking", "prompt": {"en": "Rank these", "pl": "Uszereguj"},
         "options": [{"id": "hours", "label": {"en": "Longer hours", "pl": "Dłużej"}},
                     {"id": "staff", "label": {"en": "More staff", "pl": "Więcej osób"}},
                     {"id": "space", "label": {"en": "Quiet space", "pl": "Cisza"}}],
         "top": 2},
        {"id": "why", "type": "text", "prompt": {"en": "What could be better?", "pl": "Co lepiej?"},
         "max_length": 1000})";
    if (with_statements) {
        def += R"(,
        {"id": "views", "type": "statements", "prompt": {"en": "Do you agree?", "pl": "Zgoda?"},
         "statements": [{"id": "quiet", "text": {"en": "Libraries should be quiet", "pl": "Cisza"}},
                        {"id": "cafe", "text": {"en": "A cafe would help", "pl": "Kawiarnia"}}]})";
    }
    def += "]}";
    return def;
}

inline Consultation parse_or_fail(const std::string& text) {
    ParseResult parsed = parse_consultation(std::string_view(text));
    if (!parsed.ok()) {
        std::string all;
        for (const auto& p : parsed.problems) all += p.to_line() + "\n";
        throw std::runtime_error("test definition is invalid:\n" + all);
    }
    return *parsed.consultation;
}

inline Response make_response(const std::string& consultation_id = "libraries-2027",
                              int version = 1) {
    Response r;
    r.id = new_uuid();
    r.consultation_id = consultation_id;
    r.consultation_version = version;
    r.mode = CaptureMode::Kiosk;
    r.language = "pl";
    r.started_at = now_rfc3339();
    r.submitted_at = now_rfc3339();
    r.answers = {{"rating", 4},
                 {"used", {"books", "other:czytelnia dla dzieci"}},
                 {"priority", {"staff", "hours"}},
                 {"why", "Zażółć gęślą jaźń, \"proszę\"\nwięcej godzin, dziękuję"},
                 {"views", {{"quiet", "agree"}, {"cafe", "pass"}}}};
    r.consent.privacy_notice = true;
    return r;
}

inline void write_file(const std::filesystem::path& p, const std::string& content) {
    std::ofstream out(p, std::ios::binary);
    out << content;
}

inline std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace fv::testing
