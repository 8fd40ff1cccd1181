// Definition validation: a table of bad definitions, each with the exact place and rule it must
// be refused for, and the check that every problem is reported, not only the first.
#include <gtest/gtest.h>

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "core/model/consultation.hpp"

namespace fv {
namespace {

using nlohmann::json;

// A small definition that uses every question type and is valid; each case breaks one rule.
json good_definition() {
    return json::parse(R"({
      "id": "test-consultation", "version": 1,
      "title": {"en": "Test", "pl": "Test po polsku"},
      "languages": ["en", "pl"],
      "privacy_notice": {"en": "We keep answers for two years."},
      "themes": ["digital", "children"],
      "public_key": "MD0qEL+F6BuUYd+lJp4WEPv08PuBUxFJrFxqhiKKfh0=",
      "questions": [
        {"id": "rating", "type": "smiley", "prompt": {"en": "How was it?"}, "required": true},
        {"id": "used", "type": "multi_choice", "prompt": {"en": "What did you use?"},
         "options": [{"id": "books", "label": {"en": "Books"}}, {"id": "wifi", "label": {"en": "Wi-Fi"}}],
         "max": 2, "other": true},
        {"id": "why", "type": "text", "prompt": {"en": "Why?"}, "max_length": 500,
         "show_if": {"question": "rating", "any_of": [1, 2]}},
        {"id": "nps", "type": "scale", "prompt": {"en": "Recommend?"}, "min": 0, "max": 10},
        {"id": "age", "type": "number", "prompt": {"en": "Age?"}, "min": 0, "max": 120},
        {"id": "area", "type": "postcode", "prompt": {"en": "Postcode?"}, "precision": "district"},
        {"id": "order", "type": "ranking", "prompt": {"en": "Rank these"}, "top": 2,
         "options": [{"id": "a", "label": {"en": "A"}}, {"id": "b", "label": {"en": "B"}},
                     {"id": "c", "label": {"en": "C"}}]},
        {"id": "views", "type": "statements", "prompt": {"en": "Agree?"},
         "statements": [{"id": "s1", "text": {"en": "One"}}, {"id": "s2", "text": {"en": "Two"}}]},
        {"id": "age-band", "type": "single_choice", "category": "equalities", "prompt": {"en": "Age band?"},
         "options": [{"id": "young", "label": {"en": "Under 25"}},
                     {"id": "prefer-not-to-say", "label": {"en": "Prefer not to say"}}]},
        {"id": "email", "type": "email", "personal": true, "prompt": {"en": "Email?"}},
        {"id": "phone", "type": "phone", "personal": true, "prompt": {"en": "Phone?"}},
        {"id": "thanks", "type": "info", "prompt": {"en": "Thank you"}}
      ]
    })");
}

// Index of each question in good_definition(), to keep the table readable.
enum Q {
    kRating,
    kUsed,
    kWhy,
    kNps,
    kAge,
    kArea,
    kOrder,
    kViews,
    kAgeBand,
    kEmail,
    kPhone,
    kThanks
};

struct BadCase {
    std::string name;
    std::function<void(json&)> breaks;
    std::string where;
    std::string rule;
    std::string phrase;  // a key phrase the message must hold
};

json& q(json& d, Q index) {
    return d["questions"][static_cast<std::size_t>(index)];
}

std::vector<BadCase> bad_cases() {
    return {
        {"missing_id", [](json& d) { d.erase("id"); }, "id", "missing_field", "\"id\" is required"},
        {"id_with_spaces", [](json& d) { d["id"] = "Libraries 2027"; }, "id", "invalid_id",
         "lower-case letters"},
        {"id_not_string", [](json& d) { d["id"] = 7; }, "id", "invalid_id", "lower-case"},
        {"version_zero", [](json& d) { d["version"] = 0; }, "version", "invalid_version",
         "positive whole number"},
        {"version_string", [](json& d) { d["version"] = "2"; }, "version", "invalid_version",
         "positive"},
        {"version_fraction", [](json& d) { d["version"] = 1.5; }, "version", "invalid_version",
         "whole number"},
        {"version_huge", [](json& d) { d["version"] = 18446744073709551615ULL; }, "version",
         "invalid_version", "positive"},
        {"missing_title", [](json& d) { d.erase("title"); }, "title", "missing_field", "required"},
        {"title_plain_string", [](json& d) { d["title"] = "Test"; }, "title", "wrong_type",
         "language code"},
        {"title_without_default_language",
         [](json& d) {
             d["title"] = {{"pl", "Test"}};
         },
         "title", "missing_default_language", "\"en\""},
        {"missing_languages", [](json& d) { d.erase("languages"); }, "languages", "missing_field",
         "required"},
        {"empty_languages", [](json& d) { d["languages"] = json::array(); }, "languages",
         "no_languages", "non-empty list"},
        {"bad_language_code",
         [](json& d) {
             d["languages"] = {"en", "Polish"};
         },
         "languages[1]", "invalid_language", "\"pt-BR\""},
        {"duplicate_language",
         [](json& d) {
             d["languages"] = {"en", "pl", "en"};
         },
         "languages[2]", "duplicate_language", "listed twice"},
        {"missing_privacy_notice", [](json& d) { d.erase("privacy_notice"); }, "privacy_notice",
         "missing_field", "required"},
        {"text_in_unlisted_language", [](json& d) { d["title"]["fr"] = "Essai"; }, "title.fr",
         "unknown_language", "not in the definition's \"languages\""},
        {"empty_translation", [](json& d) { d["title"]["pl"] = "  "; }, "title.pl", "empty_text",
         "empty"},
        {"translation_not_string", [](json& d) { q(d, kRating)["prompt"]["en"] = 5; },
         "rating.prompt.en", "wrong_type", "must be a string"},
        {"unknown_top_level_field", [](json& d) { d["descripton"] = "x"; }, "descripton",
         "unknown_field", "not a known field"},
        {"empty_key", [](json& d) { d[""] = 1; }, "\"\"", "unknown_field", "not a known field"},
        {"top_level_typo_suggests", [](json& d) { d["privacy_notise"] = d["privacy_notice"]; },
         "privacy_notise", "unknown_field", "Did you mean \"privacy_notice\""},
        {"retention_negative", [](json& d) { d["retention_days"] = -1; }, "retention_days",
         "invalid_retention", "1 to 36500"},
        {"retention_not_number", [](json& d) { d["retention_days"] = "two years"; },
         "retention_days", "wrong_type", "whole number"},
        {"duplicate_theme",
         [](json& d) {
             d["themes"] = {"digital", "digital"};
         },
         "themes[1]", "duplicate_name", "twice"},
        {"public_key_not_base64", [](json& d) { d["public_key"] = "not a key!"; }, "public_key",
         "invalid_public_key", "32-byte"},
        {"public_key_31_bytes",
         [](json& d) { d["public_key"] = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg=="; },
         "public_key", "invalid_public_key", "base64"},
        {"personal_without_public_key", [](json& d) { d.erase("public_key"); }, "public_key",
         "missing_public_key", "email, phone"},
        {"missing_questions", [](json& d) { d.erase("questions"); }, "questions", "missing_field",
         "required"},
        {"no_questions", [](json& d) { d["questions"] = json::array(); }, "questions",
         "no_questions", "at least one"},
        {"question_not_object", [](json& d) { q(d, kRating) = "rating"; }, "questions[0]",
         "wrong_type", "JSON object"},
        {"question_without_id", [](json& d) { q(d, kRating).erase("id"); }, "questions[0].id",
         "missing_field", "required"},
        {"question_id_with_space", [](json& d) { q(d, kRating)["id"] = "my rating"; },
         "questions[0].id", "invalid_question_id", "letters, digits"},
        {"duplicate_question_id", [](json& d) { q(d, kUsed)["id"] = "rating"; }, "questions[1].id",
         "duplicate_question_id", "\"rating\""},
        {"unknown_type", [](json& d) { q(d, kRating)["type"] = "dropdown"; }, "rating.type",
         "unknown_type", "type \"dropdown\"; use one of single_choice"},
        {"missing_type", [](json& d) { q(d, kRating).erase("type"); }, "rating.type",
         "missing_field", "required"},
        {"typo_requried", [](json& d) { q(d, kNps)["requried"] = true; }, "nps.requried",
         "unknown_field", "Did you mean \"required\""},
        {"field_of_another_type", [](json& d) { q(d, kRating)["max_length"] = 10; },
         "rating.max_length", "field_not_allowed", "smiley questions"},
        {"required_not_bool", [](json& d) { q(d, kRating)["required"] = "yes"; }, "rating.required",
         "wrong_type", "true or false"},
        {"missing_prompt", [](json& d) { q(d, kNps).erase("prompt"); }, "nps.prompt",
         "missing_field", "required"},
        {"prompt_without_default_language",
         [](json& d) {
             q(d, kNps)["prompt"] = {{"pl", "?"}};
         },
         "nps.prompt", "missing_default_language", "default language"},
        {"no_options", [](json& d) { q(d, kUsed)["options"] = json::array(); }, "used.options",
         "no_options", "non-empty"},
        {"options_not_list", [](json& d) { q(d, kUsed)["options"] = "books"; }, "used.options",
         "wrong_type", "list"},
        {"duplicate_option_id", [](json& d) { q(d, kUsed)["options"][1]["id"] = "books"; },
         "used.options[1].id", "duplicate_option_id", "\"books\""},
        {"empty_option_id", [](json& d) { q(d, kUsed)["options"][0]["id"] = ""; },
         "used.options[0].id", "invalid_option_id", "1 to 64"},
        {"option_without_label", [](json& d) { q(d, kUsed)["options"][0].erase("label"); },
         "used.options[0].label", "missing_field", "required"},
        {"option_id_other_reserved", [](json& d) { q(d, kUsed)["options"][0]["id"] = "other"; },
         "used.options[0].id", "reserved_option_id", "reserved"},
        {"multi_max_zero", [](json& d) { q(d, kUsed)["max"] = 0; }, "used.max", "invalid_max",
         "at least 1"},
        {"multi_max_above_options", [](json& d) { q(d, kUsed)["max"] = 4; }, "used.max",
         "invalid_max", "(3, counting \"other\")"},
        {"multi_max_not_integer", [](json& d) { q(d, kUsed)["max"] = 2.5; }, "used.max",
         "wrong_type", "whole number"},
        {"scale_min_equals_max", [](json& d) { q(d, kNps)["min"] = 10; }, "nps.min", "scale_range",
         "below \"max\""},
        {"scale_too_wide", [](json& d) { q(d, kNps)["max"] = 1000; }, "nps.min", "scale_range",
         "100 apart"},
        {"text_max_length_zero", [](json& d) { q(d, kWhy)["max_length"] = 0; }, "why.max_length",
         "invalid_max_length", "positive"},
        {"number_min_above_max", [](json& d) { q(d, kAge)["min"] = 200; }, "age.min",
         "number_range", "not be above"},
        {"number_bound_not_number", [](json& d) { q(d, kAge)["max"] = "old"; }, "age.max",
         "wrong_type", "number"},
        {"postcode_precision_sector", [](json& d) { q(d, kArea)["precision"] = "sector"; },
         "area.precision", "invalid_precision", "\"district\""},
        {"ranking_top_above_options", [](json& d) { q(d, kOrder)["top"] = 4; }, "order.top",
         "invalid_top", "between 1 and the number of options (3)"},
        {"ranking_top_zero", [](json& d) { q(d, kOrder)["top"] = 0; }, "order.top", "invalid_top",
         "between 1"},
        {"ranking_one_option",
         [](json& d) {
             q(d, kOrder)["options"] = json::parse(R"([{"id": "a", "label": {"en": "A"}}])");
             q(d, kOrder).erase("top");
         },
         "order.options", "too_few_options", "at least two"},
        {"duplicate_statement_id", [](json& d) { q(d, kViews)["statements"][1]["id"] = "s1"; },
         "views.statements[1].id", "duplicate_statement_id", "\"s1\""},
        {"empty_statement_id", [](json& d) { q(d, kViews)["statements"][0]["id"] = ""; },
         "views.statements[0].id", "invalid_statement_id", "statement id"},
        {"no_statements", [](json& d) { q(d, kViews)["statements"] = json::array(); },
         "views.statements", "no_statements", "non-empty"},
        {"show_if_later_question",
         [](json& d) {
             q(d, kRating)["show_if"] = {{"question", "nps"}, {"any_of", {1}}};
         },
         "rating.show_if.question", "show_if_not_earlier", "earlier question"},
        {"show_if_itself", [](json& d) { q(d, kWhy)["show_if"]["question"] = "why"; },
         "why.show_if.question", "show_if_not_earlier", "earlier question"},
        {"show_if_unknown_question", [](json& d) { q(d, kWhy)["show_if"]["question"] = "ratng"; },
         "why.show_if.question", "show_if_unknown_question", "\"ratng\""},
        {"show_if_smiley_value_out_of_range",
         [](json& d) {
             q(d, kWhy)["show_if"]["any_of"] = {1, 7};
         },
         "why.show_if.any_of[1]", "show_if_bad_value", "1 to 5"},
        {"show_if_not_an_option",
         [](json& d) {
             q(d, kAge)["show_if"] = {{"question", "used"}, {"none_of", {"films"}}};
         },
         "age.show_if.none_of[0]", "show_if_bad_value", "(books, wifi, other)"},
        {"show_if_scale_value_out_of_range",
         [](json& d) {
             q(d, kAge)["show_if"] = {{"question", "nps"}, {"any_of", {11}}};
         },
         "age.show_if.any_of[0]", "show_if_bad_value", "0 to 10"},
        {"show_if_both_lists", [](json& d) { q(d, kWhy)["show_if"]["none_of"] = {3}; },
         "why.show_if", "show_if_invalid", "exactly one"},
        {"show_if_empty_list", [](json& d) { q(d, kWhy)["show_if"]["any_of"] = json::array(); },
         "why.show_if.any_of", "show_if_invalid", "non-empty"},
        {"show_if_on_personal",
         [](json& d) {
             q(d, kThanks)["show_if"] = {{"question", "email"}, {"any_of", {"a@b.org"}}};
         },
         "thanks.show_if.question", "show_if_bad_target", "sealed"},
        {"show_if_on_info_page",
         [](json& d) {
             d["questions"].push_back(json::parse(
                 R"({"id": "after", "type": "text", "prompt": {"en": "?"},
                     "show_if": {"question": "thanks", "any_of": ["x"]}})"));
         },
         "after.show_if.question", "show_if_bad_target", "no single value"},
        {"show_if_typo_field", [](json& d) { q(d, kWhy)["show_if"]["questoin"] = "rating"; },
         "why.show_if.questoin", "unknown_field", "Did you mean \"question\""},
        {"email_not_personal", [](json& d) { q(d, kEmail).erase("personal"); }, "email.personal",
         "must_be_personal", "\"personal\": true"},
        {"phone_personal_false", [](json& d) { q(d, kPhone)["personal"] = false; },
         "phone.personal", "must_be_personal", "sealed"},
        {"equalities_required", [](json& d) { q(d, kAgeBand)["required"] = true; },
         "age-band.required", "equalities_required", "never be required"},
        {"equalities_without_prefer_not_to_say",
         [](json& d) { q(d, kAgeBand)["options"].erase(1); }, "age-band.options",
         "equalities_prefer_not_to_say", "\"prefer-not-to-say\""},
        {"unknown_category", [](json& d) { q(d, kAgeBand)["category"] = "equality"; },
         "age-band.category", "invalid_category", "\"equalities\""},
        {"info_required", [](json& d) { q(d, kThanks)["required"] = true; }, "thanks.required",
         "info_required", "cannot be required"},
        {"info_personal", [](json& d) { q(d, kThanks)["personal"] = true; }, "thanks.personal",
         "info_personal", "no answer"},
        {"definition_not_object", [](json& d) { d = json::array(); }, "definition", "wrong_type",
         "JSON object"},
        // Easy Read (docs/format.md): easy_read is a text like any other, image a safe PNG path.
        {"easy_read_plain_string", [](json& d) { q(d, kRating)["easy_read"] = "How was it?"; },
         "rating.easy_read", "wrong_type", "language code"},
        {"easy_read_blank",
         [](json& d) {
             q(d, kRating)["easy_read"] = {{"en", " "}};
         },
         "rating.easy_read.en", "empty_text", "empty"},
        {"easy_read_empty_object", [](json& d) { q(d, kRating)["easy_read"] = json::object(); },
         "rating.easy_read", "missing_default_language", "\"en\""},
        {"option_easy_read_number", [](json& d) { q(d, kUsed)["options"][1]["easy_read"] = 3; },
         "used.options[1].easy_read", "wrong_type", "language code"},
        {"statement_easy_read_unknown_language",
         [](json& d) {
             q(d, kViews)["statements"][0]["easy_read"] = {{"en", "One"}, {"fr", "Un"}};
         },
         "views.statements[0].easy_read.fr", "unknown_language", "\"languages\""},
        {"image_escapes_assets", [](json& d) { q(d, kRating)["image"] = "../../etc/passwd.png"; },
         "rating.image", "invalid_image_path", "out of the assets folder"},
        {"image_escapes_midway",
         [](json& d) { q(d, kViews)["statements"][1]["image"] = "easy-read/../../x.png"; },
         "views.statements[1].image", "invalid_image_path", "\"..\""},
        {"image_absolute",
         [](json& d) { q(d, kUsed)["options"][0]["image"] = "/usr/share/pixmaps/debian.png"; },
         "used.options[0].image", "invalid_image_path", "absolute"},
        {"image_backslash", [](json& d) { q(d, kRating)["image"] = "easy-read\\face.png"; },
         "rating.image", "invalid_image_path", "other than letters"},
        {"image_hidden_file", [](json& d) { q(d, kRating)["image"] = "easy-read/.face.png"; },
         "rating.image", "invalid_image_path", "starting with '.'"},
        {"image_empty", [](json& d) { q(d, kRating)["image"] = ""; }, "rating.image",
         "invalid_image_path", "empty"},
        {"image_not_png_name", [](json& d) { q(d, kOrder)["options"][2]["image"] = "c.jpg"; },
         "order.options[2].image", "image_not_png", ".png"},
        {"image_not_string", [](json& d) { q(d, kRating)["image"] = 5; }, "rating.image",
         "wrong_type", "path of a PNG"},
        {"image_typo_suggests", [](json& d) { q(d, kUsed)["options"][0]["imgae"] = "a.png"; },
         "used.options[0].imgae", "unknown_field", "Did you mean \"image\""},
        // Audiences (docs/format.md, "Audiences").
        {"question_audience_unknown", [](json& d) { q(d, kUsed)["audience"] = "visitor"; },
         "used.audience", "unknown_audience", "\"visitor\" is not one of"},
        {"question_audience_unknown_in_list",
         [](json& d) {
             q(d, kNps)["audience"] = {"resident", "partners"};
         },
         "nps.audience", "unknown_audience", "\"partners\""},
        {"question_audience_not_in_consultation", [](json& d) { q(d, kWhy)["audience"] = "staff"; },
         "why.audience", "audience_not_in_consultation", "does not name it"},
        {"question_audience_empty_list", [](json& d) { q(d, kAge)["audience"] = json::array(); },
         "age.audience", "wrong_type", "or a list of them"},
        {"question_audience_number", [](json& d) { q(d, kAge)["audience"] = 3; }, "age.audience",
         "wrong_type", "one of"},
        {"consultation_audience_unknown",
         [](json& d) {
             d["audience"] = {"resident", "councillor"};
         },
         "audience", "unknown_audience", "\"councillor\""},
        {"partner_audience_without_partner_notice",
         [](json& d) {
             d["audience"] = {"resident", "partner"};
         },
         "partner_privacy_notice", "missing_partner_privacy_notice", "must not promise anonymity"},
        // The one-tap pulse: a smiley, asked at the kiosk, depending on nothing, not personal.
        {"pulse_not_smiley", [](json& d) { d["pulse"] = "nps"; }, "pulse (nps)", "pulse_not_smiley",
         "is a scale question; a pulse is answered with one tap"},
        {"pulse_unknown_question", [](json& d) { d["pulse"] = "ratng"; }, "pulse",
         "unknown_pulse_question", "no question has that id"},
        {"pulse_not_a_name", [](json& d) { d["pulse"] = 3; }, "pulse", "wrong_type",
         "the id of a smiley question"},
        {"pulse_with_show_if",
         [](json& d) {
             q(d, kWhy)["type"] = "smiley";
             q(d, kWhy).erase("max_length");
             d["pulse"] = "why";
         },
         "pulse (why)", "pulse_has_show_if", "cannot depend on another answer"},
        {"pulse_personal",
         [](json& d) {
             q(d, kRating)["personal"] = true;
             d["pulse"] = "rating";
         },
         "pulse (rating)", "pulse_personal", "must ask nothing personal"},
        {"pulse_not_for_the_kiosk",
         [](json& d) {
             d["audience"] = {"resident", "staff"};
             q(d, kRating)["audience"] = "staff";
             d["pulse"] = "rating";
         },
         "pulse (rating)", "pulse_not_asked_at_kiosk", "who answer at the kiosk"},
    };
}

class BadDefinition : public testing::TestWithParam<BadCase> {};

TEST_P(BadDefinition, IsRefusedNamingPlaceAndRule) {
    const BadCase& c = GetParam();
    json definition = good_definition();
    c.breaks(definition);
    ParseResult result = parse_consultation(definition);
    EXPECT_FALSE(result.ok());
    EXPECT_FALSE(result.consultation.has_value());
    bool found = false;
    std::string all;
    for (const auto& p : result.problems) {
        all += "  " + p.to_line() + "\n";
        if (p.where == c.where && p.rule == c.rule) {
            found = true;
            EXPECT_NE(p.message.find(c.phrase), std::string::npos)
                << "message lacks \"" << c.phrase << "\": " << p.message;
        }
    }
    EXPECT_TRUE(found) << "expected " << c.where << " / " << c.rule << ", got:\n" << all;
    // The same definition as text gives the same verdict (the path fieldvoice validate takes).
    ParseResult from_text = parse_consultation(definition.dump());
    ASSERT_EQ(from_text.problems.size(), result.problems.size());
    EXPECT_EQ(from_text.problems.front().rule, result.problems.front().rule);
}

INSTANTIATE_TEST_SUITE_P(Table, BadDefinition, testing::ValuesIn(bad_cases()),
                         [](const testing::TestParamInfo<BadCase>& param_info) {
                             return param_info.param.name;
                         });

TEST(Validation, TableHasAtLeastThirtyFiveCases) {
    EXPECT_GE(bad_cases().size(), 35u);
}

TEST(Validation, GoodDefinitionParses) {
    ParseResult result = parse_consultation(good_definition());
    for (const auto& p : result.problems) ADD_FAILURE() << p.to_line();
    ASSERT_TRUE(result.consultation.has_value());
    const Consultation& c = *result.consultation;
    EXPECT_EQ(c.id, "test-consultation");
    EXPECT_EQ(c.audience, std::vector<std::string>{"resident"});  // the default
    EXPECT_EQ(c.retention_days, 730);                             // the default
    EXPECT_EQ(c.questions.size(), 12u);
    const Question* used = c.find("used");
    ASSERT_NE(used, nullptr);
    EXPECT_EQ(used->type, QuestionType::MultiChoice);
    EXPECT_EQ(used->max_choices, 2);
    EXPECT_TRUE(used->other);
    EXPECT_EQ(c.find("nps")->scale_min, 0);
    EXPECT_EQ(c.find("nps")->scale_max, 10);
    EXPECT_EQ(c.find("area")->precision, PostcodePrecision::District);
    EXPECT_EQ(c.find("order")->top, 2);
    EXPECT_EQ(c.find("views")->statements.size(), 2u);
    EXPECT_EQ(c.find("age-band")->category, "equalities");
    ASSERT_TRUE(c.find("why")->show_if.has_value());
    EXPECT_EQ(c.find("why")->show_if->question, "rating");
    EXPECT_EQ(c.source, good_definition());
    EXPECT_FALSE(c.has_easy_read());
}

TEST(Validation, APulseAndAStaffAudienceReachTheModel) {
    json d = good_definition();
    EXPECT_EQ(parse_consultation(d).consultation->pulse_question(), nullptr);
    d["pulse"] = "rating";
    ParseResult result = parse_consultation(d);
    for (const auto& p : result.problems) ADD_FAILURE() << p.to_line();
    ASSERT_TRUE(result.ok());
    ASSERT_NE(result.consultation->pulse_question(), nullptr);
    EXPECT_EQ(result.consultation->pulse_question()->id, "rating");
    EXPECT_EQ(result.consultation->kiosk_audience(), "resident");

    // A staff pulse survey: the kiosk's visitors are staff, and the pulse is asked of them.
    d["audience"] = {"staff"};
    result = parse_consultation(d);
    for (const auto& p : result.problems) ADD_FAILURE() << p.to_line();
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.consultation->kiosk_audience(), "staff");
    EXPECT_EQ(result.consultation->pulse, "rating");
}

TEST(Validation, EasyReadTextAndPicturesReachTheModel) {
    json d = good_definition();
    q(d, kRating)["easy_read"] = {{"en", "Was it good?"}, {"pl", "Czy było dobrze?"}};
    q(d, kRating)["image"] = "easy-read/faces.png";
    q(d, kUsed)["options"][1]["easy_read"] = {{"en", "The internet"}};
    q(d, kUsed)["options"][1]["image"] = "easy-read/wifi.png";
    q(d, kViews)["statements"][0]["easy_read"] = {{"en", "Number one."}};
    ParseResult result = parse_consultation(d);
    for (const auto& p : result.problems) ADD_FAILURE() << p.to_line();
    ASSERT_TRUE(result.consultation.has_value());
    const Consultation& c = *result.consultation;
    EXPECT_TRUE(c.has_easy_read());
    EXPECT_EQ(c.find("rating")->easy_read.in("pl", "en"), "Czy było dobrze?");
    EXPECT_EQ(c.find("rating")->image, "easy-read/faces.png");
    EXPECT_TRUE(c.find("used")->options[0].easy_read.empty());
    EXPECT_EQ(c.find("used")->options[1].easy_read.in("en", "en"), "The internet");
    EXPECT_EQ(c.find("used")->options[1].image, "easy-read/wifi.png");
    EXPECT_EQ(c.find("views")->statements[0].easy_read.in("en", "en"), "Number one.");
    EXPECT_EQ(c.find("nps")->image, "");
}

// Variations that are valid and must stay accepted (a validator that refuses too much is as
// broken as one that refuses too little).
TEST(Validation, AcceptsValidVariations) {
    const std::vector<std::pair<std::string, std::function<void(json&)>>> variations = {
        {"show_if on other",
         [](json& d) {
             q(d, kAge)["show_if"] = {{"question", "used"}, {"any_of", {"other", "wifi"}}};
         }},
        {"show_if on a number",
         [](json& d) {
             q(d, kArea)["show_if"] = {{"question", "age"}, {"none_of", {0, 120, 17.5}}};
         }},
        {"show_if on a scale",
         [](json& d) {
             q(d, kAge)["show_if"] = {{"question", "nps"}, {"any_of", {0, 10}}};
         }},
        {"scale without min and max (1..5)",
         [](json& d) {
             q(d, kNps).erase("min");
             q(d, kNps).erase("max");
         }},
        {"no public key without personal questions",
         [](json& d) {
             d.erase("public_key");
             d["questions"].erase(static_cast<std::size_t>(kPhone));
             d["questions"].erase(static_cast<std::size_t>(kEmail));
         }},
        {"language subtag",
         [](json& d) {
             std::string text = d.dump();
             for (auto at = text.find("\"en\":"); at != std::string::npos;
                  at = text.find("\"en\":", at)) {
                 text.replace(at, 5, "\"en-GB\":");
             }
             d = json::parse(text);
             d["languages"] = {"en-GB", "pl"};
         }},
        {"equalities number, not required", [](json& d) { q(d, kAge)["category"] = "equalities"; }},
        {"multi max equal to options plus other", [](json& d) { q(d, kUsed)["max"] = 3; }},
        {"ranking without top ranks all", [](json& d) { q(d, kOrder).erase("top"); }},
        {"easy read on a prompt, an option and a statement, pictures alone or with text",
         [](json& d) {
             q(d, kRating)["easy_read"] = {{"en", "Was it good?"}, {"pl", "Czy było dobrze?"}};
             q(d, kRating)["image"] = "easy-read/faces.png";
             q(d, kUsed)["options"][0]["easy_read"] = {{"en", "Books"}};
             q(d, kUsed)["options"][1]["image"] = "easy-read/Wi-Fi_2.PNG";
             q(d, kViews)["statements"][0]["easy_read"] = {{"en", "One."}};
             q(d, kThanks)["image"] = "thanks.png";
         }},
    };
    for (const auto& [name, change] : variations) {
        json d = good_definition();
        change(d);
        ParseResult result = parse_consultation(d);
        for (const auto& p : result.problems) ADD_FAILURE() << name << ": " << p.to_line();
    }
}

TEST(Validation, ReportsEveryProblemNotOnlyTheFirst) {
    json d = good_definition();
    d["version"] = -3;
    d["colour"] = "blue";
    q(d, kRating)["type"] = "stars";
    q(d, kUsed)["options"][1]["id"] = "books";
    q(d, kThanks)["required"] = true;
    q(d, kEmail)["personal"] = false;
    ParseResult result = parse_consultation(d);
    std::set<std::string> rules;
    for (const auto& p : result.problems) rules.insert(p.rule);
    for (const char* rule : {"invalid_version", "unknown_field", "unknown_type",
                             "duplicate_option_id", "info_required", "must_be_personal"}) {
        EXPECT_TRUE(rules.count(rule)) << "missing " << rule;
    }
}

TEST(Validation, DuplicateKeyInTextIsReportedWithQuestionId) {
    json d = good_definition();
    std::string text = d.dump();
    // Give "required" twice in the first question: nlohmann would silently keep the last.
    auto at = text.find("\"required\":true");
    ASSERT_NE(at, std::string::npos);
    text.insert(at, "\"required\":false,");
    ParseResult result = parse_consultation(text);
    ASSERT_EQ(result.problems.size(), 1u) << result.problems.front().to_line();
    EXPECT_EQ(result.problems[0].where, "rating.required");
    EXPECT_EQ(result.problems[0].rule, "duplicate_key");
}

TEST(Validation, ProblemLineHasPlaceMessageAndRule) {
    Problem p{"rating.type", "unknown_type", "Unknown question type."};
    EXPECT_EQ(p.to_line(), "rating.type: Unknown question type. (unknown_type)");
}

TEST(Validation, QuestionAudienceDefaultsToTheConsultationsAndMayNarrowIt) {
    json d = good_definition();
    d["audience"] = {"resident", "partner"};
    d["partner_privacy_notice"] = {{"en", "Your organisation's name and yours are kept."}};
    q(d, kUsed)["audience"] = "partner";
    q(d, kNps)["audience"] = {"resident", "partner", "resident"};
    ParseResult result = parse_consultation(d);
    for (const auto& p : result.problems) ADD_FAILURE() << p.to_line();
    ASSERT_TRUE(result.consultation.has_value());
    const Consultation& c = *result.consultation;
    EXPECT_EQ(c.find("rating")->audience, (std::vector<std::string>{"resident", "partner"}));
    EXPECT_EQ(c.find("used")->audience, std::vector<std::string>{"partner"});
    EXPECT_EQ(c.find("nps")->audience, (std::vector<std::string>{"resident", "partner"}));
    EXPECT_TRUE(asked_of(*c.find("used"), "partner"));
    EXPECT_FALSE(asked_of(*c.find("used"), "resident"));
    EXPECT_EQ(c.privacy_notice_for("partner").in("en", "en"),
              "Your organisation's name and yours are kept.");
    EXPECT_EQ(c.privacy_notice_for("resident").in("en", "en"), "We keep answers for two years.");
    // Without an audience of its own, a definition asks residents every question.
    ParseResult plain = parse_consultation(good_definition());
    ASSERT_TRUE(plain.consultation.has_value());
    EXPECT_EQ(plain.consultation->find("used")->audience, std::vector<std::string>{"resident"});
}

TEST(Validation, AnUnknownQuestionAudienceIsRefusedAsValidatePrintsIt) {
    json d = good_definition();
    q(d, kUsed)["audience"] = "visitors";
    ParseResult result = parse_consultation(d);
    ASSERT_EQ(result.problems.size(), 1u);
    EXPECT_EQ(result.problems[0].to_line(),
              "used.audience: The audience \"visitors\" is not one of \"resident\", \"partner\" or "
              "\"staff\". (unknown_audience)");
}

}  // namespace

}  // namespace fv
