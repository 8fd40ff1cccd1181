// The tap-only widgets (single and multi choice, smiley, scale, ranking, statements, info):
// taps on what the Probe shows must give exactly the values DESIGN.md lists for each type.
#include <gtest/gtest.h>

#include "test_widget_driver.hpp"

namespace fv::widgets::testing {
namespace {

using nlohmann::json;

Question choices(QuestionType type) {
    Question q = question(type);
    q.options = {option("books", "Books"), option("wifi", "Wi-Fi"), option("events", "Events")};
    return q;
}

TEST(SingleChoiceWidget, TapChoosesTheOptionIdAndHighlightsIt) {
    WidgetHarness h(choices(QuestionType::SingleChoice));
    EXPECT_TRUE(h.value.is_null());
    h.tap("Wi-Fi");
    EXPECT_EQ(h.value, json("wifi"));
    EXPECT_TRUE(h.find("Wi-Fi")->selected);
    EXPECT_FALSE(h.find("Books")->selected);
    h.tap("Books");
    EXPECT_EQ(h.value, json("books"));
    EXPECT_FALSE(h.find("Wi-Fi")->selected);
    EXPECT_EQ(h.changes, 2);
}

TEST(SingleChoiceWidget, OptionsAreFullWidthTouchTargets) {
    WidgetHarness h(choices(QuestionType::SingleChoice));
    for (const char* label : {"Books", "Wi-Fi", "Events"}) {
        const ui::ShownItem* item = h.find(label);
        ASSERT_NE(item, nullptr) << label;
        EXPECT_GE(item->y1 - item->y0, 64.0f) << label;
        EXPECT_GE(item->x1 - item->x0, 1000.0f) << label;
    }
}

TEST(SingleChoiceWidget, OtherOpensTheKeyboardAndStoresOtherText) {
    Question q = choices(QuestionType::SingleChoice);
    q.other = true;
    WidgetHarness h(q);
    EXPECT_EQ(h.find(h.str("widget.keyboard.space")), nullptr) << "keyboard shown before Other";
    h.tap(h.str("widget.other"));
    EXPECT_EQ(h.value, json("other:"));
    EXPECT_NE(h.problem(), "") << "an empty Other must not pass";
    ASSERT_NE(h.find(h.str("widget.keyboard.space")), nullptr);
    h.type("Bus Pass");
    EXPECT_EQ(h.value, json("other:Bus Pass"));
    EXPECT_EQ(h.problem(), "");
    EXPECT_TRUE(h.find(h.str("widget.other"))->selected);
    // Choosing a listed option replaces the other answer and closes the keyboard.
    h.tap("Events");
    EXPECT_EQ(h.value, json("events"));
    EXPECT_EQ(h.find(h.str("widget.keyboard.space")), nullptr);
    // Coming back to Other keeps what was typed.
    h.tap(h.str("widget.other"));
    EXPECT_EQ(h.value, json("other:Bus Pass"));
}

TEST(SingleChoiceWidget, ShowsAValueSetFromOutsideAndForgetsItWhenWiped) {
    Question q = choices(QuestionType::SingleChoice);
    q.other = true;
    WidgetHarness h(q);
    h.value = "other:Allotments";
    h.frame();
    EXPECT_TRUE(h.find(h.str("widget.other"))->selected);
    EXPECT_TRUE(h.shows_text("Allotments"));
    h.value = nullptr;  // the inactivity wipe
    h.frame();
    EXPECT_FALSE(h.shows_text("Allotments"));
    h.tap(h.str("widget.other"));
    EXPECT_EQ(h.value, json("other:"));
}

TEST(MultiChoiceWidget, TogglesInDefinitionOrderAndEmptyIsUnanswered) {
    WidgetHarness h(choices(QuestionType::MultiChoice));
    h.tap("Events");
    h.tap("Books");
    EXPECT_EQ(h.value, json({"books", "events"}));
    EXPECT_TRUE(h.find("Books")->selected);
    EXPECT_FALSE(h.find("Wi-Fi")->selected);
    h.tap("Books");
    EXPECT_EQ(h.value, json({"events"}));
    h.tap("Events");
    EXPECT_TRUE(h.value.is_null());
}

TEST(MultiChoiceWidget, RespectsMaxAndSaysSo) {
    Question q = choices(QuestionType::MultiChoice);
    q.max_choices = 2;
    q.other = true;
    WidgetHarness h(q);
    EXPECT_TRUE(h.shows_text(h.strings().format("widget.multi.choose_up_to", "2")));
    h.tap("Books");
    h.tap("Wi-Fi");
    EXPECT_EQ(h.value, json({"books", "wifi"}));
    EXPECT_FALSE(h.find("Events")->enabled);
    EXPECT_FALSE(h.find(h.str("widget.other"))->enabled);
    EXPECT_TRUE(h.find("Books")->enabled) << "a chosen option must stay tappable to undo it";
    // A tap on the disabled option changes nothing.
    const ui::ShownItem events = *h.find("Events");
    h.tap_at(ImVec2((events.x0 + events.x1) / 2, (events.y0 + events.y1) / 2));
    EXPECT_EQ(h.value, json({"books", "wifi"}));
    h.tap("Books");
    EXPECT_TRUE(h.find("Events")->enabled);
    h.tap(h.str("widget.other"));
    h.type("Maps");
    EXPECT_EQ(h.value, json({"wifi", "other:Maps"}));
    EXPECT_EQ(h.problem(), "");
}

TEST(SmileyWidget, FiveLargeFacesGiveOneToFive) {
    WidgetHarness h(question(QuestionType::Smiley));
    for (int level = 1; level <= 5; ++level) {
        const std::string label = h.str("widget.smiley." + std::to_string(level));
        const ui::ShownItem* face = h.find(label);
        ASSERT_NE(face, nullptr) << label;
        EXPECT_GE(face->x1 - face->x0, 120.0f) << label;
        EXPECT_GE(face->y1 - face->y0, 120.0f) << label;
        EXPECT_TRUE(h.shows_text(label)) << "each face has its name under it";
    }
    // Left to right, very unhappy to very happy.
    EXPECT_LT(h.find(h.str("widget.smiley.1"))->x0, h.find(h.str("widget.smiley.5"))->x0);
    for (int level : {5, 1, 3}) {
        const std::string label = h.str("widget.smiley." + std::to_string(level));
        h.tap(label);
        EXPECT_EQ(h.value, json(level));
        EXPECT_TRUE(h.find(label)->selected);
    }
    EXPECT_FALSE(h.find(h.str("widget.smiley.5"))->selected);
}

TEST(ScaleWidget, ZeroToTenFitsOneRowOf1280AndGivesTheNumber) {
    Question q = question(QuestionType::Scale);
    q.scale_min = 0;
    q.scale_max = 10;
    q.min_label = en("Not at all likely");
    q.max_label = en("Extremely likely");
    WidgetHarness h(q, "en", 1280, 800);
    const float y = h.find("0")->y0;
    for (int n = 0; n <= 10; ++n) {
        const ui::ShownItem* b = h.find(std::to_string(n));
        ASSERT_NE(b, nullptr) << n;
        EXPECT_EQ(b->y0, y) << n << " is not on the first row";
        EXPECT_LE(b->x1, 1280.0f) << n;
        EXPECT_GE(b->x1 - b->x0, 64.0f) << n;
        EXPECT_GE(b->y1 - b->y0, 64.0f) << n;
    }
    EXPECT_TRUE(h.shows_text("Not at all likely"));
    EXPECT_TRUE(h.shows_text("Extremely likely"));
    h.tap("0");
    EXPECT_EQ(h.value, json(0));
    h.tap("10");
    EXPECT_EQ(h.value, json(10));
    EXPECT_TRUE(h.find("10")->selected);
    EXPECT_FALSE(h.find("0")->selected);
}

TEST(ScaleWidget, LargerTextWrapsRatherThanShrinkingTargets) {
    Question q = question(QuestionType::Scale);
    q.scale_min = 0;
    q.scale_max = 10;
    WidgetHarness h(q, "en", 1280, 1200, 2.0f);
    for (int n = 0; n <= 10; ++n) {
        const ui::ShownItem* b = h.find(std::to_string(n));
        ASSERT_NE(b, nullptr) << n;
        EXPECT_LE(b->x1, 1280.0f) << n;
        EXPECT_GE(b->x1 - b->x0, 128.0f) << n;
    }
    h.tap("7");
    EXPECT_EQ(h.value, json(7));
}

TEST(RankingWidget, TapsInOrderFillPlacesAndTapOnAPlacedOneRemovesIt) {
    Question q = question(QuestionType::Ranking);
    q.options = {option("a", "Opening hours"), option("b", "Computers"),
                 option("c", "Quiet space")};
    q.top = 2;
    WidgetHarness h(q);
    h.tap("Computers");
    EXPECT_EQ(h.value, json({"b"}));
    EXPECT_NE(h.problem(), "") << "one of two places filled";
    h.tap("Opening hours");
    EXPECT_EQ(h.value, json({"b", "a"}));
    EXPECT_EQ(h.problem(), "");
    EXPECT_TRUE(h.shows_text(h.strings().format("widget.ranking.place", "1", "Computers")));
    EXPECT_TRUE(h.shows_text(h.strings().format("widget.ranking.place", "2", "Opening hours")));
    EXPECT_FALSE(h.find("Quiet space")->enabled) << "both places are filled";
    // Taking out the first moves the second up.
    h.tap("Computers");
    EXPECT_EQ(h.value, json({"a"}));
    EXPECT_TRUE(h.shows_text(h.strings().format("widget.ranking.place", "1", "Opening hours")));
    h.tap("Quiet space");
    EXPECT_EQ(h.value, json({"a", "c"}));
    h.tap(h.str("widget.ranking.clear"));
    EXPECT_TRUE(h.value.is_null());
    EXPECT_FALSE(h.find(h.str("widget.ranking.clear"))->enabled);
}

TEST(RankingWidget, WithoutTopEveryOptionIsRanked) {
    Question q = question(QuestionType::Ranking);
    q.options = {option("a", "A"), option("b", "B"), option("c", "C")};
    WidgetHarness h(q);
    h.tap("C");
    h.tap("A");
    EXPECT_EQ(h.problem(), h.strings().format("widget.ranking.more", "1"));
    h.tap("B");
    EXPECT_EQ(h.value, json({"c", "a", "b"}));
    EXPECT_EQ(h.problem(), "");
}

TEST(StatementsWidget, EachStatementGetsAgreeDisagreeOrPass) {
    Question q = question(QuestionType::Statements);
    q.statements = {{"s1", en("The library should open on Sundays"), {}, {}},
                    {"s2", en("Late opening matters more than early opening"), {}, {}},
                    {"s3", en("Wi-Fi should be free"), {}, {}}};
    WidgetHarness h(q);
    EXPECT_TRUE(h.shows_text("The library should open on Sundays"));
    const std::string agree = h.str("widget.statements.agree");
    const std::string disagree = h.str("widget.statements.disagree");
    const std::string pass = h.str("widget.statements.pass");
    // The nth Agree belongs to the nth statement, top to bottom.
    EXPECT_LT(h.find(agree, 0)->y0, h.find(agree, 1)->y0);
    h.tap(agree, 0);
    h.tap(disagree, 1);
    h.tap(pass, 2);
    EXPECT_EQ(h.value, json({{"s1", "agree"}, {"s2", "disagree"}, {"s3", "pass"}}));
    EXPECT_TRUE(h.find(agree, 0)->selected);
    EXPECT_FALSE(h.find(agree, 1)->selected);
    h.tap(agree, 1);
    EXPECT_EQ(h.value["s2"], "agree");
    // Tapping the chosen answer again takes it back.
    h.tap(pass, 2);
    EXPECT_EQ(h.value, json({{"s1", "agree"}, {"s2", "agree"}}));
}

TEST(InfoWidget, HasNothingToAnswer) {
    WidgetHarness h(question(QuestionType::Info));
    EXPECT_TRUE(h.items().empty());
    EXPECT_TRUE(h.value.is_null());
    EXPECT_EQ(h.changes, 0);
}

TEST(ChoiceWidgets, ShowOptionLabelsInTheVisitLanguage) {
    Question q = question(QuestionType::SingleChoice);
    q.options = {Option{"books", LocalText{{{"en", "Books"}, {"pl", "Książki"}}}, {}, {}},
                 Option{"wifi", en("Wi-Fi"), {}, {}}};
    q.other = true;
    WidgetHarness h(q, "pl");
    EXPECT_NE(h.find("Książki"), nullptr);
    EXPECT_NE(h.find("Wi-Fi"), nullptr) << "no Polish label: the default language shows";
    EXPECT_NE(h.find("Inne"), nullptr);
}

}  // namespace
}  // namespace fv::widgets::testing
