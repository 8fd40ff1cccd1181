// The typed widgets (text, number, postcode, email, phone) and the on-screen keyboard: text
// typed by tapping keys, including Polish letters, and by a physical keyboard, edits one
// buffer; values and problems follow DESIGN.md.
#include <gtest/gtest.h>

#include "app/widgets/email_widget.hpp"
#include "app/widgets/phone_widget.hpp"
#include "app/widgets/postcode_widget.hpp"
#include "test_widget_driver.hpp"

namespace fv::widgets::testing {
namespace {

using nlohmann::json;

Question text_question(int max_length) {
    Question q = question(QuestionType::Text);
    q.max_length = max_length;
    return q;
}

TEST(OnScreenKeyboard, KeysReportTheirLabelsAndTypeIntoTheValue) {
    WidgetHarness h(question(QuestionType::Text));
    for (const char* label : {"q", "a", "m", ",", "."}) EXPECT_NE(h.find(label), nullptr) << label;
    for (const char* key : {"widget.keyboard.space", "widget.keyboard.backspace",
                            "widget.keyboard.shift", "widget.keyboard.symbols"}) {
        const ui::ShownItem* item = h.find(h.str(key));
        ASSERT_NE(item, nullptr) << key;
        EXPECT_GE(item->y1 - item->y0, 64.0f) << key;
    }
    EXPECT_FALSE(h.find(h.str("widget.keyboard.backspace"))->enabled) << "nothing to delete yet";
    h.type("Hi there");
    EXPECT_EQ(h.value, json("Hi there"));
    EXPECT_TRUE(h.shows_text("Hi there"));
    h.tap(h.str("widget.keyboard.backspace"));
    h.tap(h.str("widget.keyboard.backspace"));
    EXPECT_EQ(h.value, json("Hi the"));
}

TEST(OnScreenKeyboard, ShiftCapitalisesOneLetterOnly) {
    WidgetHarness h(question(QuestionType::Text));
    h.tap(h.str("widget.keyboard.shift"));
    EXPECT_TRUE(h.find(h.str("widget.keyboard.shift"))->selected);
    EXPECT_NE(h.find("Q"), nullptr);
    EXPECT_EQ(h.find("q"), nullptr);
    h.tap("Q");
    h.tap("q");
    EXPECT_EQ(h.value, json("Qq"));
}

TEST(OnScreenKeyboard, SymbolsPageTypesDigitsAndComesBack) {
    WidgetHarness h(question(QuestionType::Text));
    h.tap(h.str("widget.keyboard.symbols"));
    EXPECT_EQ(h.find("q"), nullptr);
    h.tap("4");
    h.tap("2");
    h.tap("?");
    h.tap(h.str("widget.keyboard.letters"));
    h.tap("a");
    EXPECT_EQ(h.value, json("42?a"));
}

TEST(OnScreenKeyboard, PolishVisitShowsPolishLettersAndCountsCharactersNotBytes) {
    WidgetHarness h(text_question(10), "pl");
    for (const char* letter : {"ą", "ć", "ę", "ł", "ń", "ó", "ś", "ź", "ż"}) {
        EXPECT_NE(h.find(letter), nullptr) << letter;
    }
    EXPECT_EQ(h.str("widget.keyboard.space"), "Spacja");
    h.type("Zażółć gęś");  // 10 characters, 16 bytes
    EXPECT_EQ(h.value, json("Zażółć gęś"));
    EXPECT_TRUE(h.shows_text(h.strings().format("widget.text.counter", "10", "10")));
    EXPECT_EQ(h.problem(), "");
    // At the limit the letter keys stop typing.
    EXPECT_FALSE(h.find("a")->enabled);
    EXPECT_FALSE(h.find("ą")->enabled);
    h.physical_type("x");
    EXPECT_EQ(h.value, json("Zażółć gęś"));
    h.tap(h.str("widget.keyboard.backspace"));
    EXPECT_EQ(h.value, json("Zażółć gę")) << "backspace removes a whole Polish letter";
    h.tap(h.str("widget.keyboard.shift"));
    h.tap("Ś");
    EXPECT_EQ(h.value, json("Zażółć gęŚ"));
}

TEST(OnScreenKeyboard, EnglishVisitReachesPolishLettersThroughTheAccentsKey) {
    WidgetHarness h(question(QuestionType::Text));
    EXPECT_EQ(h.find("ł"), nullptr);
    h.tap(h.str("widget.keyboard.accents"));
    h.tap("ł");
    h.tap("ó");
    EXPECT_EQ(h.value, json("łó"));
}

TEST(OnScreenKeyboard, PhysicalTypingAndTapsEditTheSameText) {
    WidgetHarness h(question(QuestionType::Text));
    h.physical_type("Dzień");
    h.tap("a");
    h.physical_type(" dobry");
    EXPECT_EQ(h.value, json("Dzieńa dobry"));
    h.physical_backspace();
    EXPECT_EQ(h.value, json("Dzieńa dobr"));
    h.tap(h.str("widget.keyboard.backspace"));
    EXPECT_EQ(h.value, json("Dzieńa dob"));
}

TEST(OnScreenKeyboard, KeysFitTheScreenAtTheLargestText) {
    WidgetHarness h(question(QuestionType::Text), "pl", 1280, 2000, 2.0f);
    for (const auto& item : h.items()) {
        EXPECT_LE(item.x1, 1280.0f) << item.label;
        EXPECT_GE(item.x0, 0.0f) << item.label;
        EXPECT_GE(item.y1 - item.y0, 128.0f) << item.label;
    }
    h.type("ok");
    EXPECT_EQ(h.value, json("ok"));
}

TEST(TextWidget, OnlySpacesIsNoAnswerAndTooLongIsAProblem) {
    WidgetHarness h(text_question(5));
    h.type(" ");
    EXPECT_TRUE(h.value.is_null());
    h.value = "sześćset";  // 8 characters, e.g. restored from an older definition
    h.frame();
    EXPECT_EQ(h.problem(), h.strings().format("widget.text.too_long", "5"));
    h.value = "pięć!";
    EXPECT_EQ(h.problem(), "");
}

TEST(TextWidget, ProblemIsInTheVisitLanguage) {
    WidgetHarness h(text_question(3), "pl");
    h.value = "abcd";
    EXPECT_EQ(h.problem(), "Odpowiedź jest za długa. Skróć ją do 3 znaków.");
}

TEST(NumberWidget, KeypadTypesANumberAndChecksTheRange) {
    Question q = question(QuestionType::Number);
    q.number_min = 0;
    q.number_max = 120;
    WidgetHarness h(q);
    EXPECT_EQ(h.find("q"), nullptr) << "a keypad, not a keyboard";
    h.tap("4");
    h.tap("2");
    EXPECT_EQ(h.value, json(42));
    EXPECT_TRUE(h.value.is_number_integer());
    EXPECT_EQ(h.problem(), "");
    h.tap("5");
    EXPECT_EQ(h.value, json(425));
    EXPECT_EQ(h.problem(), h.strings().format("widget.number.out_of_range", "0", "120"));
    h.tap(h.str("widget.keyboard.backspace"));
    h.tap(".");
    EXPECT_FALSE(h.find(".")->enabled) << "one decimal point only";
    h.tap("5");
    EXPECT_EQ(h.value, json(42.5));
    EXPECT_FALSE(h.find("-")->enabled) << "minus only first";
}

TEST(NumberWidget, MinusAloneIsNotANumberYet) {
    Question q = question(QuestionType::Number);
    q.number_min = -10;
    WidgetHarness h(q);
    h.tap("-");
    EXPECT_TRUE(h.value.is_null());
    h.tap("2");
    h.tap("0");
    EXPECT_EQ(h.value, json(-20));
    EXPECT_EQ(h.problem(), h.strings().format("widget.number.below_min", "-10"));
}

TEST(PostcodeWidget, NormalisesAndShowsTheNormalisedForm) {
    WidgetHarness h(question(QuestionType::Postcode));
    EXPECT_NE(h.find("Q"), nullptr) << "capital letters";
    EXPECT_NE(h.find("7"), nullptr) << "and digits on one page";
    h.type("OX11AA");
    EXPECT_EQ(h.value, json("OX1 1AA"));
    EXPECT_EQ(h.problem(), "");
    EXPECT_TRUE(h.shows_text(h.strings().format("widget.postcode.saved_as", "OX1 1AA")));
}

TEST(PostcodeWidget, PhysicalLowerCaseTypingIsCapitalised) {
    WidgetHarness h(question(QuestionType::Postcode));
    h.physical_type("sw1a 2aa");
    EXPECT_EQ(h.value, json("SW1A 2AA"));
    EXPECT_TRUE(h.shows_text("SW1A 2AA"));
}

TEST(PostcodeWidget, AnInvalidPostcodeIsAProblemInTheVisitLanguage) {
    WidgetHarness h(question(QuestionType::Postcode), "pl");
    h.type("OX1");
    EXPECT_EQ(h.value, json("OX1"));
    // Half typed: a hint of what a whole one looks like, not "that is wrong".
    EXPECT_EQ(h.problem(), h.str("widget.postcode.incomplete"));
    EXPECT_NE(h.problem().find("kod pocztowy"), std::string::npos);
    h.type("1A1");
    EXPECT_EQ(h.problem(), h.str("widget.postcode.invalid"));
    EXPECT_NE(h.problem().find("kod pocztowy"), std::string::npos);
    h.tap(h.str("widget.keyboard.backspace"));
    h.type("A");
    EXPECT_EQ(h.problem(), "");
}

TEST(PostcodeWidget, DistrictPrecisionStoresTheOutwardCodeOnly) {
    Question q = question(QuestionType::Postcode);
    q.precision = PostcodePrecision::District;
    WidgetHarness h(q);
    h.type("OX4 2JZ");
    EXPECT_EQ(h.value, json("OX4"));
    EXPECT_EQ(h.problem(), "");
    EXPECT_TRUE(h.shows_text(h.strings().format("widget.postcode.district_only", "OX4")));
    EXPECT_TRUE(h.shows_text("OX4 2JZ")) << "the field still shows what was typed";
}

TEST(PostcodeWidget, DistrictAcceptsTheOutwardCodeAlone) {
    Question q = question(QuestionType::Postcode);
    q.precision = PostcodePrecision::District;
    WidgetHarness h(q);
    h.type("SW1A");
    EXPECT_EQ(h.value, json("SW1A"));
    EXPECT_EQ(h.problem(), "");
    EXPECT_EQ(normalise_outward_code("m1"), "M1");
    EXPECT_EQ(normalise_outward_code("1AB"), std::nullopt);
    EXPECT_EQ(normalise_outward_code("OX12A"), std::nullopt);
}

TEST(EmailWidget, KeyboardHasAtAndDotKeysAndChecksTheForm) {
    WidgetHarness h(question(QuestionType::Email));
    ASSERT_NE(h.find("@"), nullptr);
    ASSERT_NE(h.find("."), nullptr);
    EXPECT_EQ(h.find(h.str("widget.keyboard.space")), nullptr) << "no spaces in an address";
    h.type("ann");
    EXPECT_EQ(h.problem(), h.str("widget.email.invalid"));
    h.type("@example");
    EXPECT_NE(h.problem(), "");
    h.tap(".co.uk");
    EXPECT_EQ(h.value, json("ann@example.co.uk"));
    EXPECT_EQ(h.problem(), "");
    EXPECT_FALSE(looks_like_email("a@b@c.org"));
    EXPECT_FALSE(looks_like_email("@example.org"));
    EXPECT_FALSE(looks_like_email("ann@example."));
    EXPECT_TRUE(looks_like_email("łucja@przykład.pl"));
}

TEST(PhoneWidget, KeypadWithPlusAndALightDigitCheck) {
    WidgetHarness h(question(QuestionType::Phone));
    h.tap("+");
    EXPECT_FALSE(h.find("+")->enabled) << "+ only first";
    h.type("44 1865");
    EXPECT_EQ(h.value, json("+44 1865"));
    EXPECT_EQ(h.problem(), h.str("widget.phone.invalid"));
    h.type("792000");
    EXPECT_EQ(h.value, json("+44 1865792000"));
    EXPECT_EQ(h.problem(), "");
    EXPECT_FALSE(looks_like_phone("12345"));
    EXPECT_FALSE(looks_like_phone("01865 79x000"));
    EXPECT_TRUE(looks_like_phone("(01865) 792-000"));
}

TEST(KeyboardEntryWidgets, AValueSetFromOutsideIsShownAndAWipeClearsIt) {
    WidgetHarness h(question(QuestionType::Text));
    h.value = "restored after Back";
    h.frame();
    EXPECT_TRUE(h.shows_text("restored after Back"));
    h.type("!");
    h.value = nullptr;  // the inactivity wipe
    h.frame();
    EXPECT_FALSE(h.shows_text("restored"));
    h.type("new");
    EXPECT_EQ(h.value, json("new"));
}

}  // namespace
}  // namespace fv::widgets::testing
