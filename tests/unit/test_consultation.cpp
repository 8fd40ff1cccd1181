// The consultation model's pieces, and the bundled sample consultations: they parse, their
// translations are complete, and together they use every question type and rule.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "core/model/answers.hpp"
#include "core/model/consultation.hpp"
#include "core/util/seal.hpp"

namespace fv {
namespace {

using nlohmann::json;

const std::string kSamples = std::string(FIELDVOICE_ASSETS_DIR) + "/consultations/";

Consultation load_sample(const std::string& name) {
    ParseResult result = load_consultation_file(kSamples + name);
    for (const auto& p : result.problems) ADD_FAILURE() << name << ": " << p.to_line();
    if (!result.consultation) throw std::runtime_error("sample does not parse: " + name);
    return *result.consultation;
}

std::string read_key(const std::string& id) {
    std::ifstream in(std::string(FIELDVOICE_ASSETS_DIR) + "/keys/" + id + ".private.key");
    std::string key;
    in >> key;
    return key;
}

TEST(QuestionType, NamesRoundTrip) {
    const std::vector<std::string> names = {"single_choice", "multi_choice", "smiley",   "scale",
                                            "text",          "number",       "postcode", "ranking",
                                            "statements",    "email",        "phone",    "info"};
    for (const auto& name : names) {
        auto type = question_type_from_string(name);
        ASSERT_TRUE(type.has_value()) << name;
        EXPECT_EQ(to_string(*type), name);
    }
    EXPECT_FALSE(question_type_from_string("dropdown").has_value());
    EXPECT_FALSE(question_type_from_string("").has_value());
    EXPECT_FALSE(question_type_from_string("Smiley").has_value());
}

TEST(LocalText, FallsBackToDefaultLanguageThenEmpty) {
    LocalText text;
    text.by_lang = {{"en", "Hello"}, {"pl", "Cześć"}};
    EXPECT_EQ(text.in("pl", "en"), "Cześć");
    EXPECT_EQ(text.in("cy", "en"), "Hello");
    EXPECT_EQ(text.in("cy", "ga"), "");
    EXPECT_FALSE(text.empty());
    EXPECT_TRUE(LocalText{}.empty());
}

TEST(LoadConsultationFile, UnreadableFileIsAProblemNotACrash) {
    ParseResult missing = load_consultation_file("/nonexistent/definition.json");
    ASSERT_EQ(missing.problems.size(), 1u);
    EXPECT_EQ(missing.problems[0].rule, "unreadable_file");
    EXPECT_EQ(missing.problems[0].where, "/nonexistent/definition.json");

    ParseResult folder = load_consultation_file(kSamples);
    ASSERT_EQ(folder.problems.size(), 1u);
    EXPECT_EQ(folder.problems[0].rule, "unreadable_file");

    const auto empty = std::filesystem::temp_directory_path() / "fieldvoice_empty_definition.json";
    std::ofstream(empty).close();
    ParseResult empty_file = load_consultation_file(empty.string());
    std::filesystem::remove(empty);
    ASSERT_EQ(empty_file.problems.size(), 1u);
    EXPECT_EQ(empty_file.problems[0].rule, "invalid_json");
    EXPECT_EQ(empty_file.problems[0].where, "line 1, column 1");
}

TEST(Samples, BothParse) {
    for (const char* name : {"libraries-2027.json", "adult-day-services-2027.json"}) {
        Consultation c = load_sample(name);
        EXPECT_EQ(c.id + ".json", name);
        EXPECT_GE(c.questions.size(), 8u) << name;
        EXPECT_LE(c.questions.size(), 14u) << name;
        EXPECT_FALSE(c.privacy_notice.in("en", "en").empty());
        EXPECT_FALSE(c.themes.empty());
        EXPECT_FALSE(c.public_key.empty());
        EXPECT_TRUE(c.has_personal_questions());
    }
}

// Issue 13: a sample's welcome and notice say nothing the questions contradict ("you can skip
// any question" above required ones), partners have questions of their own, and the notice a
// named partner reads promises no anonymity, in every language.
TEST(Samples, SayWhatTheirQuestionsDoAndAskPartnersTheirOwn) {
    for (const char* name : {"libraries-2027.json", "adult-day-services-2027.json"}) {
        Consultation c = load_sample(name);
        std::vector<const Question*> required, for_partners;
        for (const Question& q : c.questions) {
            if (q.required) required.push_back(&q);
            if (asked_of(q, "partner") && !asked_of(q, "resident")) for_partners.push_back(&q);
        }
        EXPECT_TRUE(c.asks("partner")) << name;
        EXPECT_GE(for_partners.size(), 1u) << name;
        ASSERT_FALSE(required.empty()) << name;
        const std::string welcome =
            c.questions[0].prompt.in("en", "en") + " " + c.privacy_notice.in("en", "en");
        for (const char* promise :
             {"skip any question.", "skip any question,", "do not have to answer any question"}) {
            EXPECT_EQ(welcome.find(promise), std::string::npos) << name << ": " << promise;
        }
        for (const std::string& lang : c.languages) {
            ASSERT_TRUE(c.partner_privacy_notice.by_lang.count(lang)) << name << " " << lang;
        }
        const std::string partner = c.partner_privacy_notice.in("en", "en");
        EXPECT_EQ(partner.find("We do not ask your name"), std::string::npos) << name;
        EXPECT_EQ(partner.find("cannot identify you"), std::string::npos) << name;
        EXPECT_NE(partner.find("your name"), std::string::npos) << name << ": says it is kept";
    }
}

// Every text of the libraries sample exists in English and Polish.
TEST(Samples, LibrariesIsCompleteInEnglishAndPolish) {
    Consultation c = load_sample("libraries-2027.json");
    ASSERT_EQ(c.languages, (std::vector<std::string>{"en", "pl"}));
    std::vector<std::pair<std::string, const LocalText*>> texts = {
        {"title", &c.title},
        {"intro", &c.intro},
        {"privacy_notice", &c.privacy_notice},
        {"partner_privacy_notice", &c.partner_privacy_notice}};
    for (const auto& q : c.questions) {
        texts.push_back({q.id + ".prompt", &q.prompt});
        for (const auto& o : q.options) texts.push_back({q.id + "." + o.id, &o.label});
        for (const auto& s : q.statements) texts.push_back({q.id + "." + s.id, &s.text});
        if (!q.min_label.empty()) texts.push_back({q.id + ".min_label", &q.min_label});
        if (!q.max_label.empty()) texts.push_back({q.id + ".max_label", &q.max_label});
    }
    for (const auto& [where, text] : texts) {
        EXPECT_EQ(text->by_lang.size(), 2u) << where;
        EXPECT_TRUE(text->by_lang.count("en")) << where;
        EXPECT_TRUE(text->by_lang.count("pl")) << where;
        if (text->by_lang.count("en") && text->by_lang.count("pl") &&
            where.find(".prompt") != std::string::npos) {
            EXPECT_NE(text->by_lang.at("en"), text->by_lang.at("pl")) << where << " not translated";
        }
    }
}

TEST(Samples, TogetherUseEveryTypeAndRule) {
    std::set<QuestionType> types;
    bool multi_with_other = false, likert = false, zero_to_ten = false, district = false;
    bool any_of = false, none_of = false, required = false, personal_email = false;
    bool personal_phone = false;
    std::set<std::string> equalities;
    for (const char* name : {"libraries-2027.json", "adult-day-services-2027.json"}) {
        for (const auto& q : load_sample(name).questions) {
            types.insert(q.type);
            multi_with_other |= q.type == QuestionType::MultiChoice && q.other;
            likert |= q.type == QuestionType::Scale && q.scale_min == 1 && q.scale_max == 5;
            zero_to_ten |= q.type == QuestionType::Scale && q.scale_min == 0 && q.scale_max == 10;
            district |=
                q.type == QuestionType::Postcode && q.precision == PostcodePrecision::District;
            any_of |= q.show_if && q.show_if->any_of;
            none_of |= q.show_if && !q.show_if->any_of;
            required |= q.required;
            personal_email |= q.type == QuestionType::Email && q.personal;
            personal_phone |= q.type == QuestionType::Phone && q.personal;
            if (q.category == "equalities") {
                equalities.insert(q.id);
                EXPECT_FALSE(q.required) << q.id;
            }
        }
    }
    EXPECT_EQ(types.size(), 12u);
    EXPECT_TRUE(multi_with_other);
    EXPECT_TRUE(likert);
    EXPECT_TRUE(zero_to_ten);
    EXPECT_TRUE(district);
    EXPECT_TRUE(any_of);
    EXPECT_TRUE(none_of);
    EXPECT_TRUE(required);
    EXPECT_TRUE(personal_email);
    EXPECT_TRUE(personal_phone);
    EXPECT_GE(equalities.size(), 3u);
    EXPECT_TRUE(equalities.count("age-band"));
    EXPECT_TRUE(equalities.count("disability"));
    EXPECT_TRUE(equalities.count("ethnicity"));
}

// The sample private keys open what is sealed to the samples' public keys.
TEST(Samples, PrivateKeysOpenSealedAnswers) {
    for (const char* id : {"libraries-2027", "adult-day-services-2027"}) {
        Consultation c = load_sample(std::string(id) + ".json");
        const std::string private_key = read_key(id);
        ASSERT_FALSE(private_key.empty()) << id;
        auto box = seal_to("{\"email\":\"a@b.org\"}", c.public_key);
        ASSERT_TRUE(box.has_value());
        auto opened = open_sealed(*box, c.public_key, private_key);
        ASSERT_TRUE(opened.has_value()) << id << ": sample key pair does not match";
        EXPECT_EQ(*opened, "{\"email\":\"a@b.org\"}");
    }
}

TEST(Consultation, FindAndPersonal) {
    Consultation c = load_sample("adult-day-services-2027.json");
    ASSERT_NE(c.find("phone"), nullptr);
    EXPECT_TRUE(c.find("phone")->personal);
    EXPECT_EQ(c.find("nope"), nullptr);
    EXPECT_EQ(c.default_language(), "en");
    c.questions.erase(std::remove_if(c.questions.begin(), c.questions.end(),
                                     [](const Question& q) { return q.personal; }),
                      c.questions.end());
    EXPECT_FALSE(c.has_personal_questions());
}

TEST(Consultation, SourceKeepsTheDefinitionUnchanged) {
    std::ifstream in(kSamples + "libraries-2027.json");
    json given = json::parse(in);
    ParseResult result = parse_consultation(given);
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.consultation->source, given);
}

}  // namespace
}  // namespace fv
