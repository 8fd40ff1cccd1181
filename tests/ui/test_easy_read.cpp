// Easy Read mode through the real kiosk screens, headless: chosen on the attract screen, each
// prompt's Easy Read lines and picture shown, options with their pictures inside their buttons,
// answers stored exactly as without it; pictures decoded once; a missing or broken picture
// leaves its text on screen. Screenshots at 1280x800, normal and high contrast, 100% and 150%.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "app/ui/pictures.hpp"
#include "core/model/easy_read.hpp"
#include "support/kiosk_harness.hpp"

namespace fv::testing {
namespace {

namespace fs = std::filesystem;

const std::string kPics = "easy-read/adult-day-services/";

Consultation adult_day_services() {
    ParseResult r = load_consultation_file(sample_consultation("adult-day-services-2027"));
    if (!r.consultation) throw std::runtime_error("the sample does not parse");
    return *r.consultation;
}

// Scrolls down until an enabled item labelled `label` is in view, then taps it.
void tap_in_view(KioskHarness& h, const std::string& label) {
    for (int i = 0; i < 12 && h.item(label) == nullptr; ++i) h.scroll(2);
    ASSERT_TRUE(h.tap(label)) << h.describe();
}

bool inside(const ui::ShownItem& inner, const ui::ShownItem& outer) {
    return inner.x0 >= outer.x0 && inner.x1 <= outer.x1 && inner.y0 >= outer.y0 &&
           inner.y1 <= outer.y1;
}

// The question's Easy Read lines are all shown, its picture too, and not its ordinary prompt.
void expect_easy_read_prompt(KioskHarness& h, const Question& q) {
    for (const std::string& line : easy_read_lines(q.easy_read.in("en", "en"))) {
        EXPECT_TRUE(h.shows(line)) << q.id << ": \"" << line << "\" is not shown\n" << h.describe();
    }
    const auto lines = easy_read_lines(q.easy_read.in("en", "en"));
    const std::string& prompt = q.prompt.in("en", "en");
    if (std::find(lines.begin(), lines.end(), prompt) == lines.end()) {
        EXPECT_FALSE(h.shows(prompt)) << q.id << " shows its ordinary prompt";
    }
    const ui::ShownItem* pic = h.image(q.image);
    ASSERT_NE(pic, nullptr) << q.id << ": no picture " << q.image << "\n" << h.describe();
    EXPECT_GE(pic->x1 - pic->x0, 100.0f) << q.id << ": the picture is too small to see";
    EXPECT_GE(pic->y1 - pic->y0, 100.0f);
}

// An option's button shows its Easy Read text, with its picture inside the button.
void expect_option_picture(KioskHarness& h, const std::string& label, const std::string& image) {
    const ui::ShownItem* button = h.item(label);
    ASSERT_NE(button, nullptr) << label << "\n" << h.describe();
    const ui::ShownItem* pic = h.image(kPics + image);
    ASSERT_NE(pic, nullptr) << image << "\n" << h.describe();
    EXPECT_TRUE(inside(*pic, *button)) << image << " is not inside \"" << label << "\"";
    EXPECT_GE(pic->x1 - pic->x0, 64.0f);
}

void choose_easy_read(KioskHarness& h) {
    ASSERT_TRUE(h.item("Easy Read: off")) << h.describe();
    EXPECT_FALSE(h.item("Easy Read: off")->selected);
    h.tap("Easy Read: off");
    ASSERT_TRUE(h.item("Easy Read: on")) << h.describe();
    EXPECT_TRUE(h.item("Easy Read: on")->selected);
    EXPECT_TRUE(h.app().look().easy_read);
}

TEST(EasyRead, OfferedOnlyByAConsultationThatHasIt) {
    KioskHarness libraries(on_sample("libraries-2027"));
    EXPECT_FALSE(libraries.shows_part("Easy Read")) << libraries.describe();
}

TEST(EasyRead, FullVisitShowsEasyReadTextAndPicturesAndStoresTheSameAnswers) {
    const Consultation c = adult_day_services();
    KioskHarness h(on_sample("adult-day-services-2027"));
    choose_easy_read(h);
    h.screenshot("01-attract.png");
    h.tap("Touch to start");
    h.tap("I agree, start");
    ASSERT_EQ(h.app().screen(), ScreenId::Question);

    expect_easy_read_prompt(h, *c.find("about-today"));
    EXPECT_TRUE(h.shows("What works now?")) << "one idea a line: cut after the '?'";
    EXPECT_TRUE(h.shows("What should change?"));
    h.screenshot("02-info.png");
    h.tap("Next");

    expect_easy_read_prompt(h, *c.find("role"));
    EXPECT_TRUE(h.shows("Who are you today?"));
    expect_option_picture(h, "I look after someone in my family.", "family-carer.png");
    expect_option_picture(h, "I work in a day service.", "staff.png");
    // Two ideas, two lines, in one button.
    expect_option_picture(h, "I go to a day service.\nOr I would like to.", "uses-service.png");
    // "Other" has no Easy Read text of its own: the kiosk's own label, below the fold.
    for (int i = 0; i < 12 && h.item("Other") == nullptr; ++i) h.scroll(2);
    EXPECT_TRUE(h.item("Other")) << h.describe();
    h.scroll(-30);
    EXPECT_FALSE(h.shows("I am a family member or unpaid carer"));
    h.screenshot("03-role.png");
    const int decoded = ui::Pictures::current()->decodes();
    EXPECT_EQ(decoded, 6) << "talk, who and the four options' pictures, each decoded once";
    h.tap("I look after someone in my family.");
    EXPECT_TRUE(h.item("I look after someone in my family.")->selected);
    // Back and on again: the pictures come from the cache, not the disk.
    h.tap("Back");
    h.tap("Next");
    EXPECT_NE(h.image(kPics + "who.png"), nullptr);
    EXPECT_EQ(ui::Pictures::current()->decodes(), decoded);
    h.tap("Next");

    expect_easy_read_prompt(h, *c.find("current-use"));
    expect_option_picture(h, "Yes", "yes.png");
    expect_option_picture(h, "No, never", "no.png");
    h.tap("Yes");
    h.tap("Next");
    expect_easy_read_prompt(h, *c.find("days-a-week"));
    h.type_text("3");
    h.tap("Next");
    expect_easy_read_prompt(h, *c.find("meets-needs"));
    h.tap("4");
    h.tap("Next");

    expect_easy_read_prompt(h, *c.find("what-matters"));
    expect_option_picture(h, "Seeing my friends", "friends.png");
    h.screenshot("04-what-matters.png");
    h.tap("Seeing my friends");
    tap_in_view(h, "A bus or taxi there and back");
    expect_option_picture(h, "A bus or taxi there and back", "bus.png");
    h.screenshot("05-what-matters-scrolled.png");
    h.tap("Next");

    expect_easy_read_prompt(h, *c.find("future-models"));
    h.tap("Small groups in the library or community centre");
    tap_in_view(h, "Staff who help me at home and near home");
    tap_in_view(h, "Money to choose my own activities");
    expect_option_picture(h, "Money to choose my own activities", "money.png");
    EXPECT_TRUE(h.shows_part("Money to choose my own activities")) << h.describe();
    h.screenshot("06-ranking.png");
    h.tap("Next");

    expect_easy_read_prompt(h, *c.find("co-production"));
    EXPECT_TRUE(h.shows("I want to see the same staff every week.")) << h.describe();
    EXPECT_TRUE(h.shows("That matters more than lots of activities."));
    EXPECT_FALSE(h.shows_part("a wide choice of activities")) << "the ordinary statement";
    h.screenshot("07-statements.png");
    // The first two statements, in view without scrolling at 100%.
    ASSERT_TRUE(h.tap("Agree", 0));
    ASSERT_TRUE(h.tap("Agree", 1));
    h.tap("Next");

    expect_easy_read_prompt(h, *c.find("ideas"));
    h.type_text("Keep the same drivers.");
    h.tap("Next");
    expect_easy_read_prompt(h, *c.find("postcode"));
    h.type_text("ox26 6ab");
    h.tap("Next");
    expect_easy_read_prompt(h, *c.find("ethnicity"));
    EXPECT_TRUE(h.item("Mixed, or more than one group")) << "Easy Read text without a picture";
    h.screenshot("08-ethnicity.png");
    tap_in_view(h, "I do not want to say");
    expect_option_picture(h, "I do not want to say", "prefer-not-to-say.png");
    h.tap("Next");
    expect_easy_read_prompt(h, *c.find("unpaid-carer"));
    tap_in_view(h, "No");
    h.tap("Next");
    expect_easy_read_prompt(h, *c.find("phone"));
    h.type_text("01865 123456");
    h.screenshot("09-phone.png");
    h.tap("Send my answers");
    ASSERT_EQ(h.app().screen(), ScreenId::Thanks) << h.describe();

    const auto stored = h.store().responses();
    ASSERT_EQ(stored.size(), 1u);
    const nlohmann::json expected = {
        {"role", "family-carer"},
        {"current-use", "yes"},
        {"days-a-week", 3},
        {"meets-needs", 4},
        {"what-matters", {"friendship", "transport"}},
        {"future-models", {"community-hubs", "outreach", "personal-budgets"}},
        {"co-production", {{"same-staff", "agree"}, {"shared-transport", "agree"}}},
        {"ideas", "Keep the same drivers."},
        {"postcode", "OX26 6AB"},
        {"ethnicity", "prefer-not-to-say"},
        {"unpaid-carer", {"not-a-carer"}},
    };
    EXPECT_EQ(stored[0].response.answers, expected);
}

// A picture that is missing, or a .png that is not one, is logged and left out; its text
// and everything else on the screen are shown, and the visit goes on.
TEST(EasyRead, MissingOrBrokenPictureLeavesTheTextAndIsLogged) {
    const fs::path assets =
        fs::temp_directory_path() / ("fv-easy-read-" + std::to_string(::getpid()));
    fs::remove_all(assets);
    fs::create_directories(assets / "pics");
    fs::create_directory_symlink(fs::path(FIELDVOICE_ASSETS_DIR) / "i18n", assets / "i18n");
    const fs::path real = fs::path(FIELDVOICE_ASSETS_DIR) / (kPics + "bus.png");
    fs::copy_file(real, assets / "pics/good.png");
    // A real PNG cut short: its header passes, its pixels cannot be decoded.
    std::ifstream in(real, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::ofstream(assets / "pics/cut.png", std::ios::binary) << bytes.substr(0, 60);
    std::ofstream(assets / "pics/text.png") << "not a picture\n";
    std::ofstream(assets / "travel.json") << R"({
      "id": "travel", "version": 1, "title": {"en": "Getting here"}, "languages": ["en"],
      "privacy_notice": {"en": "We keep answers for two years."},
      "questions": [{"id": "how", "type": "single_choice", "prompt": {"en": "How did you travel?"},
        "easy_read": {"en": "How did you get here?"}, "image": "pics/missing.png",
        "options": [
          {"id": "bus", "label": {"en": "By bus"}, "easy_read": {"en": "On a bus"}, "image": "pics/good.png"},
          {"id": "car", "label": {"en": "By car"}, "easy_read": {"en": "In a car"}, "image": "pics/cut.png"},
          {"id": "walk", "label": {"en": "On foot"}, "easy_read": {"en": "I walked"}, "image": "pics/text.png"}]}]})";

    HarnessOptions options;
    options.consultation = (assets / "travel.json").string();
    options.assets_dir = assets;
    ::testing::internal::CaptureStderr();
    {
        KioskHarness h(options);
        choose_easy_read(h);
        h.tap("Touch to start");
        h.tap("I agree, start");
        EXPECT_TRUE(h.shows("How did you get here?")) << h.describe();
        ASSERT_TRUE(h.item("On a bus")) << h.describe();
        EXPECT_TRUE(h.item("In a car"));
        EXPECT_TRUE(h.item("I walked"));
        ASSERT_EQ(h.images().size(), 1u) << h.describe();
        EXPECT_EQ(h.images()[0].label, "pics/good.png");
        h.screenshot("broken-pictures.png");
        h.tap("In a car");
        h.tap("Send my answers");
        EXPECT_EQ(h.app().screen(), ScreenId::Thanks);
        ASSERT_EQ(h.store().responses().size(), 1u);
        EXPECT_EQ(h.store().responses()[0].response.answers, (nlohmann::json{{"how", "car"}}));
    }
    const std::string log = ::testing::internal::GetCapturedStderr();
    EXPECT_NE(log.find("\"pics/missing.png\" is not shown: There is no picture file"),
              std::string::npos)
        << log;
    EXPECT_NE(log.find("\"pics/cut.png\" is not shown"), std::string::npos) << log;
    EXPECT_NE(log.find("cannot be decoded"), std::string::npos) << log;
    EXPECT_NE(log.find("\"pics/text.png\" is not shown"), std::string::npos) << log;
    // Logged once each, however many frames were drawn.
    const std::string once = "\"pics/missing.png\" is not shown";
    EXPECT_EQ(log.find(once, log.find(once) + 1), std::string::npos);
    fs::remove_all(assets);
}

// The screens to look at: every combination of contrast and size, at 1280x800. Pictures stay
// inside the window and inside their buttons.
class EasyReadLook : public ::testing::TestWithParam<std::tuple<bool, const char*>> {};

TEST_P(EasyReadLook, Screenshots) {
    const auto [contrast, size] = GetParam();
    KioskHarness h(on_sample("adult-day-services-2027"));
    choose_easy_read(h);
    if (contrast) h.tap("High contrast: off");
    h.tap(size);
    const std::string tag = std::string(contrast ? "contrast-" : "normal-") +
                            (std::string(size).find("150") != std::string::npos ? "150" : "100");
    h.screenshot(tag + "-1-attract.png");
    h.tap("Touch to start");
    h.tap("I agree, start");
    h.screenshot(tag + "-2-info.png");
    h.tap("Next");
    h.screenshot(tag + "-3-role.png");
    for (const ui::ShownItem& pic : h.images()) {
        EXPECT_GE(pic.x0, 0.0f);
        EXPECT_LE(pic.x1, 1280.0f) << pic.label;
        EXPECT_LE(pic.y1, 800.0f) << pic.label;
    }
    h.tap("I work in a day service.");
    h.tap("Next");
    h.tap("No, never");
    h.screenshot(tag + "-4-current-use.png");
    h.tap("Next");
    h.tap("Seeing my friends");
    h.screenshot(tag + "-5-what-matters.png");
    h.tap("Next");
    h.screenshot(tag + "-6-ranking.png");
    h.tap("Next");
    h.screenshot(tag + "-7-statements.png");
}

INSTANTIATE_TEST_SUITE_P(
    Looks, EasyReadLook,
    ::testing::Combine(::testing::Bool(), ::testing::Values("A  100%", "A  150%")),
    [](const auto& look) {
        return std::string(std::get<0>(look.param) ? "HighContrast" : "Normal") +
               (std::string(std::get<1>(look.param)).find("150") != std::string::npos ? "150"
                                                                                      : "100");
    });

}  // namespace
}  // namespace fv::testing
