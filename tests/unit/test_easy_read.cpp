// Easy Read without the UI: the one-idea-a-line rule, the image path rule, the check of picture
// files in an assets folder (real files in a temporary folder), and the Easy Read sample.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/model/easy_read.hpp"
#include "test_store_support.hpp"

namespace fv {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

const fs::path kAssets = FIELDVOICE_ASSETS_DIR;
const fs::path kRealPicture = kAssets / "easy-read/adult-day-services/bus.png";

using Lines = std::vector<std::string>;

TEST(EasyReadLines, OneIdeaALine) {
    EXPECT_EQ(easy_read_lines("Who are you today?\nChoose one."),
              (Lines{"Who are you today?", "Choose one."}));
    // Sentence ends cut a line even without a line break.
    EXPECT_EQ(easy_read_lines("Leave your number. We will call you! Is that OK?"),
              (Lines{"Leave your number.", "We will call you!", "Is that OK?"}));
    // A closing quote or bracket, or "?!" and "...", stays with its sentence.
    EXPECT_EQ(easy_read_lines("She said \"yes.\" Then (we left.) Really?! Wait... Go"),
              (Lines{"She said \"yes.\"", "Then (we left.)", "Really?!", "Wait...", "Go"}));
    EXPECT_EQ(easy_read_lines("It\xE2\x80\x99s \xE2\x80\x9Cgood.\xE2\x80\x9D Next"),
              (Lines{"It\xE2\x80\x99s \xE2\x80\x9Cgood.\xE2\x80\x9D", "Next"}));
}

TEST(EasyReadLines, KeepsNumbersAndDropsBlankLines) {
    // A full stop not followed by a space is not a sentence end: 2.5, a web address.
    EXPECT_EQ(easy_read_lines("Pay 2.50 pounds at www.example.org today."),
              (Lines{"Pay 2.50 pounds at www.example.org today."}));
    EXPECT_EQ(easy_read_lines("  One.  \n\n   \nTwo  "), (Lines{"One.", "Two"}));
    EXPECT_EQ(easy_read_lines("\r\nWindows line.\r\nNext"), (Lines{"Windows line.", "Next"}));
    EXPECT_TRUE(easy_read_lines("").empty());
    EXPECT_TRUE(easy_read_lines(" \n ").empty());
    EXPECT_EQ(easy_read_lines("Yes"), (Lines{"Yes"}));
}

// Easy Read in the visit's language; else the ordinary text in that language, rather than
// Easy Read in another one; Easy Read in the default language only when neither exists.
TEST(EasyReadText, PrefersTheVisitLanguage) {
    LocalText prompt{{{"en", "Which of these best describes you?"}, {"pl", "Kim jesteś?"}}};
    LocalText easy{{{"en", "Who are you?"}}};
    EXPECT_EQ(easy_read_text(easy, prompt, "en", "en"), "Who are you?");
    EXPECT_EQ(easy_read_text(easy, prompt, "pl", "en"), "") << "show the Polish prompt";
    EXPECT_EQ(easy_read_text(easy, prompt, "cy", "en"), "Who are you?");
    easy.by_lang["pl"] = "Kim jesteś dzisiaj?";
    EXPECT_EQ(easy_read_text(easy, prompt, "pl", "en"), "Kim jesteś dzisiaj?");
    EXPECT_EQ(easy_read_text(LocalText{}, prompt, "en", "en"), "");
}

TEST(ImagePath, SafeRelativePngPathsOnly) {
    for (const char* good : {"bus.png", "easy-read/adult-day-services/bus.png", "a/B_2.c/x.PNG"}) {
        EXPECT_FALSE(check_image_path(good, "q.image").has_value()) << good;
    }
    struct Bad {
        const char* path;
        const char* rule;
    };
    for (const Bad& bad :
         {Bad{"../bus.png", "invalid_image_path"},
          Bad{"easy-read/../../bus.png", "invalid_image_path"},
          Bad{"/etc/bus.png", "invalid_image_path"},
          Bad{"easy-read//bus.png", "invalid_image_path"}, Bad{"easy-read/", "invalid_image_path"},
          Bad{"./bus.png", "invalid_image_path"}, Bad{"C:\\bus.png", "invalid_image_path"},
          Bad{"bus picture.png", "invalid_image_path"}, Bad{"b\xC3\xBCs.png", "invalid_image_path"},
          Bad{"", "invalid_image_path"}, Bad{"bus.svg", "image_not_png"},
          Bad{"png", "image_not_png"}}) {
        const auto problem = check_image_path(bad.path, "q.image");
        ASSERT_TRUE(problem.has_value()) << bad.path;
        EXPECT_EQ(problem->rule, bad.rule) << bad.path;
        EXPECT_EQ(problem->where, "q.image");
    }
    EXPECT_TRUE(check_image_path(std::string(201, 'a'), "q.image").has_value());
}

// A consultation naming pictures, checked against a real folder.
class ImageFiles : public ::testing::Test {
  protected:
    void SetUp() override {
        fs::create_directories(assets_ / "pics");
        fs::copy_file(kRealPicture, assets_ / "pics/good.png");
        std::ofstream(assets_ / "pics/text.png") << "I am a text file, not a picture.\n";
        // A PNG header claiming 9000x9000 pixels: too large to upload to a kiosk's GPU.
        std::string huge = testing::read_file(kRealPicture);
        huge[16] = 0, huge[17] = 0, huge[18] = 0x23, huge[19] = 0x28;
        huge[20] = 0, huge[21] = 0, huge[22] = 0x23, huge[23] = 0x28;
        std::ofstream(assets_ / "pics/huge.png", std::ios::binary) << huge;
        fs::create_symlink(outside_.path(), assets_ / "pics/link");
        fs::copy_file(kRealPicture, outside_ / "secret.png");
    }
    Consultation with_images(const std::string& prompt_image,
                             const std::vector<std::string>& option_images) {
        Consultation c;
        c.id = "pictures";
        c.languages = {"en"};
        Question q;
        q.id = "choice";
        q.type = QuestionType::SingleChoice;
        q.image = prompt_image;
        for (std::size_t i = 0; i < option_images.size(); ++i) {
            Option o;
            o.id = "o" + std::to_string(i);
            o.image = option_images[i];
            q.options.push_back(o);
        }
        c.questions.push_back(q);
        return c;
    }
    TempDir dir_, outside_;
    fs::path assets_ = dir_ / "assets";
};

TEST_F(ImageFiles, EachBadPictureIsNamedWithItsRule) {
    const auto problems = check_image_files(
        with_images("pics/good.png", {"pics/good.png", "pics/missing.png", "pics/text.png",
                                      "pics/huge.png", "pics/link/secret.png", ""}),
        assets_);
    std::vector<std::pair<std::string, std::string>> got;
    for (const Problem& p : problems) got.emplace_back(p.where, p.rule);
    EXPECT_EQ(got, (std::vector<std::pair<std::string, std::string>>{
                       {"choice.options[1].image", "image_missing"},
                       {"choice.options[2].image", "image_not_png"},
                       {"choice.options[3].image", "image_too_large"},
                       {"choice.options[4].image", "invalid_image_path"}}));
    // Each message says what to do, and where it looked.
    EXPECT_NE(problems[0].message.find((assets_ / "pics/missing.png").string()), std::string::npos)
        << problems[0].message;
    EXPECT_NE(problems[1].message.find("not a PNG"), std::string::npos) << problems[1].message;
    EXPECT_NE(problems[2].message.find("9000x9000"), std::string::npos) << problems[2].message;
}

TEST_F(ImageFiles, AGoodPictureAndNoPicturesPass) {
    EXPECT_TRUE(
        check_image_files(with_images("pics/good.png", {"pics/good.png"}), assets_).empty());
    EXPECT_TRUE(check_image_files(with_images("", {"", ""}), assets_).empty());
    EXPECT_EQ(resolve_image(assets_, "pics/good.png"), assets_ / "pics/good.png");
    EXPECT_FALSE(resolve_image(assets_, "../good.png").has_value());
    EXPECT_FALSE(resolve_image(assets_, "pics/link/secret.png").has_value());
}

// The adult day services sample has an Easy Read version: Easy Read text for every prompt,
// option and statement, a picture for every prompt, and every picture a real PNG.
TEST(EasyReadSample, AdultDayServicesIsCompleteAndItsPicturesExist) {
    ParseResult result =
        load_consultation_file((kAssets / "consultations/adult-day-services-2027.json").string());
    for (const auto& p : result.problems) ADD_FAILURE() << p.to_line();
    ASSERT_TRUE(result.consultation.has_value());
    const Consultation& c = *result.consultation;
    EXPECT_TRUE(c.has_easy_read());
    int pictures = 0;
    for (const Question& q : c.questions) {
        EXPECT_FALSE(q.easy_read.in("en", "en").empty()) << q.id;
        EXPECT_FALSE(q.image.empty()) << q.id;
        pictures += !q.image.empty();
        for (const Option& o : q.options) {
            EXPECT_FALSE(o.easy_read.in("en", "en").empty()) << q.id << "." << o.id;
            pictures += !o.image.empty();
        }
        for (const Statement& s : q.statements) {
            EXPECT_FALSE(s.easy_read.in("en", "en").empty()) << q.id << "." << s.id;
        }
        // Easy Read keeps lines short: no idea past 60 characters.
        for (const std::string& line : easy_read_lines(q.easy_read.in("en", "en"))) {
            EXPECT_LE(line.size(), 60u) << q.id << ": " << line;
        }
    }
    EXPECT_GE(pictures, 35);
    for (const Problem& p : check_image_files(c, kAssets)) ADD_FAILURE() << p.to_line();
    // Kept small: a pictogram is a few KB.
    for (const auto& entry : fs::directory_iterator(kAssets / "easy-read/adult-day-services")) {
        EXPECT_LE(fs::file_size(entry.path()), 8u * 1024) << entry.path();
    }
}

}  // namespace
}  // namespace fv
