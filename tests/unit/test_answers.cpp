// Answers: show_if, every question type's value rules (DESIGN.md's table), whole-response checks
// as the kiosk and the store make them, sealing of personal answers, and utf8_length.
#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "core/model/answers.hpp"
#include "core/model/consultation.hpp"
#include "core/model/response.hpp"
#include "core/util/seal.hpp"

namespace fv {
namespace {

using nlohmann::json;

Consultation consultation() {
    ParseResult result = parse_consultation(R"({
      "id": "answers-test", "version": 3, "title": {"en": "T"}, "languages": ["en"],
      "privacy_notice": {"en": "P"},
      "public_key": "MD0qEL+F6BuUYd+lJp4WEPv08PuBUxFJrFxqhiKKfh0=",
      "questions": [
        {"id": "rating", "type": "smiley", "prompt": {"en": "?"}, "required": true},
        {"id": "why", "type": "text", "prompt": {"en": "?"}, "max_length": 5,
         "show_if": {"question": "rating", "any_of": [1, 2]}},
        {"id": "pick", "type": "single_choice", "prompt": {"en": "?"}, "other": true,
         "options": [{"id": "yes", "label": {"en": "Y"}}, {"id": "no", "label": {"en": "N"}}]},
        {"id": "unless-no", "type": "number", "prompt": {"en": "?"}, "min": 0, "max": 7,
         "show_if": {"question": "pick", "none_of": ["no"]}},
        {"id": "when-other", "type": "text", "prompt": {"en": "?"},
         "show_if": {"question": "pick", "any_of": ["other"]}},
        {"id": "used", "type": "multi_choice", "prompt": {"en": "?"}, "max": 2, "other": true,
         "options": [{"id": "books", "label": {"en": "B"}}, {"id": "wifi", "label": {"en": "W"}},
                     {"id": "pcs", "label": {"en": "P"}}]},
        {"id": "if-wifi", "type": "smiley", "prompt": {"en": "?"}, "required": true,
         "show_if": {"question": "used", "any_of": ["wifi"]}},
        {"id": "nps", "type": "scale", "prompt": {"en": "?"}, "min": 0, "max": 10},
        {"id": "area", "type": "postcode", "prompt": {"en": "?"}, "precision": "district"},
        {"id": "home", "type": "postcode", "prompt": {"en": "?"}},
        {"id": "order", "type": "ranking", "prompt": {"en": "?"}, "top": 2,
         "options": [{"id": "a", "label": {"en": "A"}}, {"id": "b", "label": {"en": "B"}},
                     {"id": "c", "label": {"en": "C"}}]},
        {"id": "views", "type": "statements", "prompt": {"en": "?"},
         "statements": [{"id": "s1", "text": {"en": "1"}}, {"id": "s2", "text": {"en": "2"}}]},
        {"id": "carer", "type": "multi_choice", "category": "equalities", "prompt": {"en": "?"},
         "options": [{"id": "yes", "label": {"en": "Y"}},
                     {"id": "prefer-not-to-say", "label": {"en": "PNS"}}]},
        {"id": "email", "type": "email", "personal": true, "prompt": {"en": "?"}, "required": true},
        {"id": "phone", "type": "phone", "personal": true, "prompt": {"en": "?"}},
        {"id": "thanks", "type": "info", "prompt": {"en": "Thanks"}}
      ]})");
    for (const auto& p : result.problems) ADD_FAILURE() << p.to_line();
    return *result.consultation;
}

const Consultation& c() {
    static const Consultation instance = consultation();
    return instance;
}

const Question& question(const char* id) {
    const Question* q = c().find(id);
    if (!q) throw std::runtime_error(std::string("no question ") + id);
    return *q;
}

TEST(ShowIf, AnyOfNoneOfAndMultiChoice) {
    EXPECT_TRUE(is_shown(question("rating"), json::object()));  // no show_if
    EXPECT_FALSE(is_shown(question("why"), json::object()));    // any_of, unanswered
    EXPECT_TRUE(is_shown(question("why"), {{"rating", 1}}));
    EXPECT_TRUE(is_shown(question("why"), {{"rating", 2}}));
    EXPECT_FALSE(is_shown(question("why"), {{"rating", 3}}));
    EXPECT_TRUE(is_shown(question("why"), {{"rating", 2.0}}));  // numbers compare by value

    EXPECT_TRUE(is_shown(question("unless-no"), json::object()));  // none_of, unanswered
    EXPECT_TRUE(is_shown(question("unless-no"), {{"pick", "yes"}}));
    EXPECT_FALSE(is_shown(question("unless-no"), {{"pick", "no"}}));

    EXPECT_TRUE(is_shown(question("when-other"), {{"pick", "other:my own words"}}));
    EXPECT_FALSE(is_shown(question("when-other"), {{"pick", "yes"}}));

    EXPECT_TRUE(is_shown(question("if-wifi"), {{"used", {"books", "wifi"}}}));
    EXPECT_FALSE(is_shown(question("if-wifi"), {{"used", {"books"}}}));
    EXPECT_FALSE(is_shown(question("if-wifi"), json::array()));  // not an object at all
}

struct ValueCase {
    const char* question;
    json value;
    const char* rule;  // nullptr: acceptable
};

TEST(CheckAnswer, EveryTypeGoodAndBadValues) {
    const std::vector<ValueCase> cases = {
        {"rating", 1, nullptr},
        {"rating", 5, nullptr},
        {"rating", 0, "out_of_range"},
        {"rating", 6, "out_of_range"},
        {"rating", 3.5, "wrong_type"},
        {"rating", "3", "wrong_type"},
        {"rating", nullptr, "wrong_type"},
        {"why", "short", nullptr},
        {"why", "zażó", nullptr},  // 4 characters, 7 bytes: the limit counts characters
        {"why", "zażółć", "too_long"},
        {"why", "", "empty_answer"},
        {"why", 5, "wrong_type"},
        {"pick", "yes", nullptr},
        {"pick", "other:a bus pass", nullptr},
        {"pick", "other:  ", "empty_answer"},
        {"pick", "maybe", "unknown_option"},
        {"pick", json::array({"yes"}), "wrong_type"},
        {"unless-no", 0, nullptr},
        {"unless-no", 6.5, nullptr},
        {"unless-no", 8, "out_of_range"},
        {"unless-no", -1, "out_of_range"},
        {"unless-no", "7", "wrong_type"},
        {"used", {"books"}, nullptr},
        {"used", {"books", "other:films"}, nullptr},
        {"used", {"books", "wifi", "pcs"}, "too_many_choices"},
        {"used", {"books", "books"}, "duplicate_choice"},
        {"used", {"films"}, "unknown_option"},
        {"used", json::array(), "empty_answer"},
        {"used", "books", "wrong_type"},
        {"used", {1}, "wrong_type"},
        {"carer", {"prefer-not-to-say"}, nullptr},
        {"carer", {"yes", "prefer-not-to-say"}, "exclusive_option"},
        {"nps", 0, nullptr},
        {"nps", 10, nullptr},
        {"nps", 11, "out_of_range"},
        {"nps", -1, "out_of_range"},
        {"area", "OX1", nullptr},
        {"area", "OX1 1AA", "invalid_postcode"},  // district keeps only the outward code
        {"area", "ox1", "invalid_postcode"},      // stored normalised
        {"home", "OX1 1AA", nullptr},
        {"home", "OX11AA", "invalid_postcode"},
        {"home", "OX1", "invalid_postcode"},
        {"home", "12345", "invalid_postcode"},
        {"order", {"b", "a"}, nullptr},
        {"order", {"a"}, "wrong_count"},
        {"order", {"a", "b", "c"}, "wrong_count"},
        {"order", {"a", "a"}, "duplicate_choice"},
        {"order", {"a", "z"}, "unknown_option"},
        {"order", {"a", "other:x"}, "unknown_option"},
        {"views", {{"s1", "agree"}, {"s2", "pass"}}, nullptr},
        {"views", {{"s1", "disagree"}}, nullptr},
        {"views", {{"s1", "maybe"}}, "invalid_verdict"},
        {"views", {{"s3", "agree"}}, "unknown_statement"},
        {"views", json::object(), "empty_answer"},
        {"views", {"agree"}, "wrong_type"},
        {"email", "resident@example.org", nullptr},
        {"email", "first.last+tag@mail.example.co.uk", nullptr},
        {"email", "not an email", "invalid_email"},
        {"email", "a@b", "invalid_email"},
        {"email", "@example.org", "invalid_email"},
        {"email", "a@@example.org", "invalid_email"},
        {"phone", "01865 792422", nullptr},
        {"phone", "+44 7700 900123", nullptr},
        {"phone", "(01865) 792-422", nullptr},
        {"phone", "123", "invalid_phone"},
        {"phone", "call me", "invalid_phone"},
        {"phone", "01865+792422", "invalid_phone"},
        {"thanks", true, "no_value"},
    };
    for (const auto& vc : cases) {
        auto problem = check_answer(question(vc.question), vc.value);
        if (vc.rule == nullptr) {
            EXPECT_FALSE(problem.has_value())
                << vc.question << " = " << vc.value.dump() << ": " << problem->to_line();
        } else {
            ASSERT_TRUE(problem.has_value()) << vc.question << " = " << vc.value.dump();
            EXPECT_EQ(problem->rule, vc.rule) << vc.question << " = " << vc.value.dump();
            EXPECT_EQ(problem->where, vc.question);
            EXPECT_FALSE(problem->message.empty());
        }
    }
}

TEST(CheckAnswer, TextWithoutMaxLengthHasACeiling) {
    Question q;
    q.id = "free";
    q.type = QuestionType::Text;
    EXPECT_FALSE(check_answer(q, std::string(10000, 'a')).has_value());
    EXPECT_EQ(check_answer(q, std::string(10001, 'a'))->rule, "too_long");
}

std::set<std::string> rules_of(const std::vector<Problem>& problems) {
    std::set<std::string> rules;
    for (const auto& p : problems) rules.insert(p.where + "/" + p.rule);
    return rules;
}

TEST(CheckAnswers, AcceptsACompleteResponse) {
    json answers = {{"rating", 2},
                    {"why", "slow"},
                    {"pick", "yes"},
                    {"unless-no", 3},
                    {"used", {"wifi"}},
                    {"if-wifi", 4},
                    {"views", {{"s1", "agree"}}}};
    EXPECT_TRUE(check_answers(c(), answers, true).empty())
        << rules_of(check_answers(c(), answers, true)).size();
    answers["email"] = "a@example.org";
    EXPECT_TRUE(check_answers(c(), answers, false).empty());  // on the device, before sealing
}

TEST(CheckAnswers, ReportsEachKindOfProblem) {
    json answers = {{"rating", 4},      {"why", "hidden answer"},   {"nope", 1},
                    {"used", {"wifi"}}, {"email", "a@example.org"}, {"nps", 42}};
    auto rules = rules_of(check_answers(c(), answers, true));
    EXPECT_TRUE(rules.count("why/answered_but_hidden"));
    EXPECT_TRUE(rules.count("nope/unknown_question"));
    EXPECT_TRUE(rules.count("email/personal_in_clear"));
    EXPECT_TRUE(rules.count("nps/out_of_range"));
    EXPECT_TRUE(rules.count("if-wifi/required_missing"));  // shown by "wifi", required, absent
    EXPECT_EQ(rules.size(), 5u);

    auto missing = rules_of(check_answers(c(), json::object(), false));
    EXPECT_TRUE(missing.count("rating/required_missing"));
    EXPECT_TRUE(missing.count("email/required_missing"));     // personal, checked before sealing
    EXPECT_FALSE(missing.count("if-wifi/required_missing"));  // hidden, so not required
    EXPECT_FALSE(
        rules_of(check_answers(c(), json::object(), true)).count("email/required_missing"));

    auto not_object = check_answers(c(), json::array(), true);
    ASSERT_EQ(not_object.size(), 1u);
    EXPECT_EQ(not_object[0].rule, "wrong_type");
}

TEST(AnswerInWords, EveryTypeReadsAsAPersonWouldSayIt) {
    using nlohmann::json;
    EXPECT_EQ(answer_in_words(question("rating"), 4, "en"), "4 (happy)");
    EXPECT_EQ(answer_in_words(question("pick"), "no", "en"), "N");
    EXPECT_EQ(answer_in_words(question("pick"), "other:Cafe", "en"), "Other: Cafe");
    EXPECT_EQ(answer_in_words(question("used"), json::array({"wifi", "books"}), "en"), "W, B");
    EXPECT_EQ(answer_in_words(question("order"), json::array({"c", "a"}), "en"), "1. C, 2. A");
    EXPECT_EQ(answer_in_words(question("views"), json{{"s2", "agree"}, {"s1", "pass"}}, "en"),
              "1: pass; 2: agree");
    EXPECT_EQ(answer_in_words(question("nps"), 7, "en"), "7");
    EXPECT_EQ(answer_in_words(question("why"), "Late", "en"), "Late");
    EXPECT_EQ(answer_in_words(question("unless-no"), 3, "en"), "3");
    EXPECT_EQ(answer_in_words(question("pick"), nullptr, "en"), "");
    EXPECT_EQ(answer_in_words(question("pick"), "gone", "en"), "gone");  // an option since removed
}

TEST(SealPersonalAnswers, MovesPersonalAnswersIntoTheBox) {
    json answers = {{"rating", 5}, {"email", "a@example.org"}, {"phone", "01865 792422"}};
    auto box = seal_personal_answers(c(), answers);
    ASSERT_TRUE(box.has_value());
    EXPECT_EQ(answers, json({{"rating", 5}}));
    std::ifstream key_file(std::string(FIELDVOICE_ASSETS_DIR) + "/keys/libraries-2027.private.key");
    std::string private_key;
    key_file >> private_key;
    auto opened = open_sealed(*box, c().public_key, private_key);
    ASSERT_TRUE(opened.has_value());
    EXPECT_EQ(json::parse(*opened), json({{"email", "a@example.org"}, {"phone", "01865 792422"}}));
    EXPECT_TRUE(check_answers(c(), answers, true).empty());
}

TEST(SealPersonalAnswers, NothingPersonalGivesNoBox) {
    json answers = {{"rating", 5}};
    EXPECT_FALSE(seal_personal_answers(c(), answers).has_value());
    EXPECT_EQ(answers, json({{"rating", 5}}));
}

TEST(SealPersonalAnswers, NoUsableKeyThrowsAndKeepsAnswers) {
    Consultation broken = c();
    broken.public_key = "";
    json answers = {{"rating", 5}, {"email", "a@example.org"}};
    EXPECT_THROW(seal_personal_answers(broken, answers), std::runtime_error);
    EXPECT_EQ(answers.size(), 2u);
}

TEST(Utf8Length, CountsCharactersNotBytes) {
    EXPECT_EQ(utf8_length(""), 0u);
    EXPECT_EQ(utf8_length("abc"), 3u);
    EXPECT_EQ(utf8_length("zażółć"), 6u);
    EXPECT_EQ(utf8_length("€"), 1u);
    EXPECT_EQ(utf8_length("😀😀"), 2u);            // four-byte sequences
    EXPECT_EQ(utf8_length("\xFF\xFE"), 2u);      // invalid bytes count one each
    EXPECT_EQ(utf8_length("a\xE2\x82"), 3u);     // truncated sequence: each byte counts
    EXPECT_EQ(utf8_length("\xC5\x82\x80"), 2u);  // stray continuation byte
}

// The store's check of a partner's submission (docs/format.md, "Audiences"): a resident's
// required question does not bind a partner, nor a partner's a resident; an answer to a
// question of another audience is kept (a device from before audiences asks everything).
TEST(Answers, AudienceDecidesWhichQuestionsCountAndWhichMayBeAnswered) {
    ParseResult parsed = parse_consultation(R"({
      "id": "audience-test", "version": 1, "title": {"en": "T"}, "languages": ["en"],
      "audience": ["resident", "partner"],
      "privacy_notice": {"en": "P"}, "partner_privacy_notice": {"en": "Your name is kept."},
      "questions": [
        {"id": "visit", "type": "smiley", "prompt": {"en": "?"}, "required": true,
         "audience": "resident"},
        {"id": "offer", "type": "text", "prompt": {"en": "?"}, "required": true,
         "audience": "partner"},
        {"id": "both", "type": "smiley", "prompt": {"en": "?"}}
      ]})");
    ASSERT_TRUE(parsed.consultation.has_value());
    const Consultation& a = *parsed.consultation;
    const json partner_answers = {{"offer", "Our hall on Tuesdays"}, {"both", 4}};
    EXPECT_TRUE(check_answers(a, partner_answers, true, "partner").empty());
    EXPECT_EQ(rules_of(check_answers(a, partner_answers, true, "resident")),
              (std::set<std::string>{"visit/required_missing"}));
    EXPECT_TRUE(check_answers(a, {{"visit", 5}}, true, "resident").empty());
    EXPECT_EQ(rules_of(check_answers(a, {{"visit", 5}}, true, "partner")),
              (std::set<std::string>{"offer/required_missing"}));
    EXPECT_TRUE(check_answers(a, {{"visit", 5}, {"offer", "x"}}, true, "partner").empty());
    // Without an audience (the old call), every required question counts.
    EXPECT_EQ(rules_of(check_answers(a, partner_answers, true)),
              (std::set<std::string>{"visit/required_missing"}));

    Response r;
    r.mode = CaptureMode::Partner;
    EXPECT_EQ(r.audience(), "partner");
    r.mode = CaptureMode::Meeting;
    r.participant = {{"kind", "partner"}, {"organisation", "Age UK"}};
    EXPECT_EQ(r.audience(), "partner");
    r.participant = {{"kind", "resident"}};
    EXPECT_EQ(r.audience(), "resident");
    r.mode = CaptureMode::Assisted;
    r.participant = nullptr;
    EXPECT_EQ(r.audience(), "resident");
}

// A consultation that names no partner audience checks a partner's response against every
// question, as before audiences (an old device's queued submission is not refused).
TEST(Answers, AnAudienceTheConsultationDoesNotNameIsCheckedAgainstEveryQuestion) {
    EXPECT_EQ(rules_of(check_answers(c(), json::object(), false, "partner")),
              rules_of(check_answers(c(), json::object(), false)));
}

}  // namespace

}  // namespace fv
