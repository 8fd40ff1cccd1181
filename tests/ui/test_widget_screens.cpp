// Every widget type on the real question screen of the kiosk, at the two screen sizes a kiosk
// has: each is answered by taps alone (every key and option within reach on the screen), its
// screenshot is written for a person to look at, and the stored response holds the values
// DESIGN.md gives.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "support/kiosk_harness.hpp"

namespace fv::testing {
namespace {

using nlohmann::json;

json text(const std::string& en) {
    return json{{"en", en}};
}

json every_type_definition() {
    std::ifstream sample(sample_consultation("libraries-2027"));
    const json library = json::parse(sample);
    json q = json::array();
    q.push_back(
        {{"id", "welcome"}, {"type", "info"}, {"prompt", text("Every widget, one by one")}});
    q.push_back({{"id", "single"},
                 {"type", "single_choice"},
                 {"prompt", text("How did you get here?")},
                 {"options",
                  {{{"id", "walk"}, {"label", text("Walked")}},
                   {{"id", "bus"}, {"label", text("Bus")}},
                   {{"id", "car"}, {"label", text("Car")}}}},
                 {"other", true}});
    q.push_back({{"id", "multi"},
                 {"type", "multi_choice"},
                 {"prompt", text("What did you use?")},
                 {"options",
                  {{{"id", "books"}, {"label", text("Books")}},
                   {{"id", "wifi"}, {"label", text("Wi-Fi")}},
                   {{"id", "print"}, {"label", text("Printing")}}}},
                 {"max", 2}});
    q.push_back({{"id", "smiley"}, {"type", "smiley"}, {"prompt", text("How was your visit?")}});
    q.push_back({{"id", "scale"},
                 {"type", "scale"},
                 {"prompt", text("How likely are you to recommend us?")},
                 {"min", 0},
                 {"max", 10},
                 {"min_label", text("Not at all likely")},
                 {"max_label", text("Extremely likely")}});
    q.push_back({{"id", "text"},
                 {"type", "text"},
                 {"prompt", text("What could be better?")},
                 {"max_length", 40}});
    q.push_back({{"id", "number"},
                 {"type", "number"},
                 {"prompt", text("How many visits a month?")},
                 {"min", 0},
                 {"max", 31}});
    q.push_back({{"id", "postcode"},
                 {"type", "postcode"},
                 {"prompt", text("Your postcode")},
                 {"precision", "district"}});
    q.push_back({{"id", "ranking"},
                 {"type", "ranking"},
                 {"prompt", text("What matters most?")},
                 {"options",
                  {{{"id", "hours"}, {"label", text("Opening hours")}},
                   {{"id", "pcs"}, {"label", text("Computers")}},
                   {{"id", "quiet"}, {"label", text("Quiet space")}}}},
                 {"top", 2}});
    q.push_back({{"id", "statements"},
                 {"type", "statements"},
                 {"prompt", text("Do you agree?")},
                 {"statements",
                  {{{"id", "sunday"}, {"text", text("Open on Sundays")}},
                   {{"id", "cafe"}, {"text", text("Add a cafe")}}}}});
    q.push_back({{"id", "email"},
                 {"type", "email"},
                 {"personal", true},
                 {"prompt", text("Email, if you want a reply")}});
    q.push_back({{"id", "phone"},
                 {"type", "phone"},
                 {"personal", true},
                 {"prompt", text("Phone, if you prefer a call")}});
    return {{"id", "every-widget"},
            {"version", 1},
            {"title", text("Every widget")},
            {"languages", {"en"}},
            {"privacy_notice", text("We keep your answers safe.")},
            {"public_key", library["public_key"]},
            {"questions", q}};
}

class WidgetScreens : public ::testing::TestWithParam<std::pair<int, int>> {};

TEST_P(WidgetScreens, EveryTypeIsAnsweredByTapsAndStored) {
    const auto [width, height] = GetParam();
    const std::string size = std::to_string(width) + "x" + std::to_string(height);
    const auto file =
        std::filesystem::temp_directory_path() / ("fv-every-widget-" + size + ".json");
    std::ofstream(file) << every_type_definition().dump(2);
    HarnessOptions options;
    options.width = width;
    options.height = height;
    options.consultation = file.string();
    KioskHarness h(options);
    h.tap("Touch to start");
    h.tap("I agree, start");
    ASSERT_EQ(h.app().screen(), ScreenId::Question) << h.describe();
    auto shot = [&](const std::string& type) {
        h.screenshot("widget-" + type + "-" + size + ".png");
    };
    auto keys = [&](const std::string& chars) {
        for (char c : chars) h.tap(c == ' ' ? std::string("Space") : std::string(1, c));
    };

    shot("info");
    h.tap("Next");
    h.tap("Other");
    keys("tram");
    shot("single-choice");
    h.tap("Next");
    h.tap("Books");
    h.tap("Printing");
    EXPECT_FALSE(h.item("Wi-Fi")->enabled) << h.describe();
    shot("multi-choice");
    h.tap("Next");
    h.tap("Very happy");
    shot("smiley");
    h.tap("Next");
    h.tap("10");
    shot("scale");
    h.tap("Next");
    h.tap("Shift");
    keys("More books");
    shot("text");
    h.tap("Next");
    keys("12");
    shot("number");
    h.tap("Next");
    keys("OX4 2JZ");
    EXPECT_TRUE(h.shows_part("OX4")) << h.describe();
    shot("postcode");
    h.tap("Next");
    h.tap("Quiet space");
    h.tap("Opening hours");
    shot("ranking");
    h.tap("Next");
    h.tap("Agree", 0);
    h.tap("Pass", 1);
    shot("statements");
    h.tap("Next");
    keys("ann");
    h.tap("@");
    keys("example");
    h.tap(".co.uk");
    shot("email");
    h.tap("Next");
    keys("01865792000");
    shot("phone");
    ASSERT_TRUE(h.item("Send my answers")) << h.describe();
    h.tap("Send my answers");
    ASSERT_EQ(h.app().screen(), ScreenId::Thanks) << h.describe();

    const auto stored = h.store().responses();
    ASSERT_EQ(stored.size(), 1u);
    const json& answers = stored[0].response.answers;
    EXPECT_EQ(answers.value("single", json()), json("other:tram"));
    EXPECT_EQ(answers.value("multi", json()), json({"books", "print"}));
    EXPECT_EQ(answers.value("smiley", json()), json(5));
    EXPECT_EQ(answers.value("scale", json()), json(10));
    EXPECT_EQ(answers.value("text", json()), json("More books"));
    EXPECT_EQ(answers.value("number", json()), json(12));
    EXPECT_EQ(answers.value("postcode", json()), json("OX4"));
    EXPECT_EQ(answers.value("ranking", json()), json({"quiet", "hours"}));
    EXPECT_EQ(answers.value("statements", json()), json({{"sunday", "agree"}, {"cafe", "pass"}}));
    EXPECT_FALSE(answers.contains("email")) << "personal answers are sealed, never in clear";
    EXPECT_FALSE(answers.contains("phone"));
    EXPECT_TRUE(stored[0].response.sealed.has_value());
}

INSTANTIATE_TEST_SUITE_P(KioskSizes, WidgetScreens,
                         ::testing::Values(std::make_pair(1280, 800), std::make_pair(1920, 1080)),
                         [](const ::testing::TestParamInfo<std::pair<int, int>>& p) {
                             return std::to_string(p.param.first) + "x" +
                                    std::to_string(p.param.second);
                         });

}  // namespace
}  // namespace fv::testing
