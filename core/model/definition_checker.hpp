// Internal to core/model: the checker behind parse_consultation. validation.cpp checks the
// definition's top level, validation_questions.cpp each question; both report through it.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/consultation.hpp"

namespace fv::detail {

// The option id every equalities choice question must offer (DESIGN.md: "always offer prefer
// not to say"). Fixed, so that exports and equality impact assessments can count it.
inline constexpr std::string_view kPreferNotToSay = "prefer-not-to-say";

// Integer value of a JSON number that is written as a whole number, saturated to long long so
// that huge values fail range checks instead of wrapping. nullopt for anything else.
std::optional<long long> whole_number(const nlohmann::json& value);

// Question and option ids: 1..64 of ASCII letters, digits, '-' and '_'.
bool is_question_id(std::string_view text);

// "resident", "partner" or "staff" (known_audiences()); the list as messages print it.
bool is_known_audience(std::string_view name);
std::string audience_list();

class DefinitionChecker {
  public:
    explicit DefinitionChecker(const nlohmann::json& definition) : def_(definition) {}
    ParseResult run();

  private:
    const nlohmann::json& def_;
    ParseResult result_;
    Consultation c_;
    bool languages_ok_ = false;
    std::set<std::string> languages_;
    // Questions parsed so far, by id, for show_if's "earlier question" rule.
    std::map<std::string, std::size_t> earlier_;
    std::set<std::string> all_question_ids_;

    void problem(std::string where, std::string rule, std::string message);

    // Field helpers: each reports its own problems and returns whether the value is usable.
    // Reports "<parent>.<key>" (or "<key>" at the top level) as missing_field when absent.
    bool require_field(const nlohmann::json& obj, const std::string& key,
                       const std::string& parent);
    bool check_text(const nlohmann::json& value, const std::string& where, LocalText& out);
    bool text_field(const nlohmann::json& obj, const std::string& key, const std::string& where,
                    bool required, LocalText& out);
    bool bool_field(const nlohmann::json& obj, const std::string& key, const std::string& where,
                    bool& out);
    std::optional<long long> int_field(const nlohmann::json& obj, const std::string& key,
                                       const std::string& where);
    // "easy_read" (a text) and "image" (a safe .png path) of a prompt, option or statement.
    void easy_read_fields(const nlohmann::json& obj, const std::string& where,
                          LocalText& easy_read, std::string& image);
    void unknown_fields(const nlohmann::json& obj, const std::set<std::string>& allowed,
                        const std::string& where, const std::set<std::string>& elsewhere = {},
                        std::string_view elsewhere_note = {});

    void check_top_level();
    void check_languages();
    void check_id_list(const nlohmann::json& obj, const std::string& key,
                       std::vector<std::string>& out);
    void check_public_key();
    void check_questions();
    void check_pulse();

    // validation_questions.cpp
    void check_question(const nlohmann::json& q, std::size_t index, Question& out);
    void check_type_fields(const nlohmann::json& q, const std::string& name, Question& out);
    bool check_options(const nlohmann::json& q, const std::string& name, Question& out);
    void check_statements(const nlohmann::json& q, const std::string& name, Question& out);
    void check_show_if(const nlohmann::json& q, const std::string& name, Question& out);
    void check_audience(const nlohmann::json& q, const std::string& name, Question& out);
    void check_show_if_value(const nlohmann::json& value, const Question& target,
                             const std::string& where);
    void check_question_rules(const std::string& name, const Question& out);
};

}  // namespace fv::detail
