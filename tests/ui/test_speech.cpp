// The speech module on its own: espeak-ng into a buffer in English and Polish, the speed, the
// data folder check, and the speaker's worker and audio device (SDL's dummy driver, and no
// driver at all).
#include <gtest/gtest.h>

#include <cstdlib>

#include "app/speech/read_aloud.hpp"
#include "app/speech/speaker.hpp"
#include "app/speech/synthesizer.hpp"

namespace fv::speech {
namespace {

// Speech, not a click or a hiss: espeak-ng's voices sit well above this.
constexpr double kRmsFloor = 300.0;

std::size_t characters(const std::string& utf8) {
    std::size_t n = 0;
    for (unsigned char c : utf8) n += (c & 0xC0) != 0x80;
    return n;
}

Synthesizer& synth() {
    std::string error;
    Synthesizer* s = Synthesizer::open(error);
    if (s == nullptr) {
        ADD_FAILURE() << error;
        std::abort();
    }
    return *s;
}

class EnvVar {
  public:
    EnvVar(const char* name, const char* value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old;
        setenv(name, value, 1);
    }
    ~EnvVar() {
        if (old_) {
            setenv(name_, old_->c_str(), 1);
        } else {
            unsetenv(name_);
        }
    }

  private:
    const char* name_;
    std::optional<std::string> old_;
};

TEST(Speech, EnglishAndPolishAreSpokenAtAPlausibleLength) {
    const std::vector<Utterance> samples = {
        {"How was your visit to the library today?", "en", Speed::Normal},
        {"Jak oceniasz dzisiejszą wizytę w bibliotece?", "pl", Speed::Normal},
    };
    for (const Utterance& u : samples) {
        const Pcm pcm = synth().synthesise(u);
        EXPECT_EQ(pcm.sample_rate, 22050);
        EXPECT_GT(pcm.rms(), kRmsFloor) << u.text;
        const double ms_per_char = pcm.seconds() * 1000.0 / characters(u.text);
        std::printf("%s: %.2f s, %.0f ms a character, rms %.0f\n", u.language.c_str(),
                    pcm.seconds(), ms_per_char, pcm.rms());
        EXPECT_GT(ms_per_char, 30.0) << u.text;
        EXPECT_LT(ms_per_char, 200.0) << u.text;
    }
}

TEST(Speech, TheVoiceFollowsTheLanguage) {
    EXPECT_EQ(voice_for("en"), "en-gb");
    EXPECT_EQ(voice_for("pl"), "pl");
    // The same letters read by two voices come out differently.
    const Pcm en = synth().synthesise({"Niedziela", "en", Speed::Normal});
    const Pcm pl = synth().synthesise({"Niedziela", "pl", Speed::Normal});
    EXPECT_NE(en.samples, pl.samples);
}

TEST(Speech, SlowerIsLongerAndFasterIsShorter) {
    const std::string text = "Which days would you most like the library to be open?";
    const double slower = synth().synthesise({text, "en", Speed::Slower}).seconds();
    const double normal = synth().synthesise({text, "en", Speed::Normal}).seconds();
    const double faster = synth().synthesise({text, "en", Speed::Faster}).seconds();
    std::printf("slower %.2f s, normal %.2f s, faster %.2f s\n", slower, normal, faster);
    EXPECT_GT(slower, normal * 1.15);
    EXPECT_LT(faster, normal * 0.85);
}

TEST(Speech, AStopRequestEndsSynthesisEarly) {
    const std::string text =
        "One two three four five six seven eight nine ten. "
        "Eleven twelve thirteen fourteen fifteen sixteen.";
    const Pcm whole = synth().synthesise({text, "en", Speed::Normal});
    int calls = 0;
    const Pcm cut = synth().synthesise({text, "en", Speed::Normal}, [&] { return ++calls > 1; });
    EXPECT_LT(cut.samples.size(), whole.samples.size() / 2);
}

TEST(Speech, MissingDataIsNamedWithWhatToInstall) {
    const std::string error = check_data_dir("/nonexistent/espeak-ng-data");
    EXPECT_NE(error.find("/nonexistent/espeak-ng-data/phontab"), std::string::npos) << error;
    EXPECT_NE(error.find("espeak-ng-data package"), std::string::npos) << error;
    std::string open_error;
    EXPECT_EQ(Synthesizer::open(open_error, "/nonexistent/espeak-ng-data"), nullptr);
    EXPECT_EQ(open_error, error);
    EXPECT_EQ(check_data_dir(data_dir()), "");
}

TEST(Speech, DummyDriverTakesTheSamplesAndANewUtteranceReplacesTheOld) {
    const EnvVar driver("SDL_AUDIODRIVER", "dummy");
    Speaker speaker;
    EXPECT_NE(speaker.silent_reason().find("dummy"), std::string::npos);
    speaker.say({"This is the first sentence, long enough to be cut short.", "en", Speed::Normal});
    speaker.say({"Second.", "en", Speed::Normal});
    speaker.wait_until_idle();
    ASSERT_TRUE(speaker.last_utterance());
    EXPECT_EQ(speaker.last_utterance()->text, "Second.");
    const auto pcm = speaker.last_pcm();
    ASSERT_TRUE(pcm);
    EXPECT_GT(pcm->rms(), kRmsFloor);
    EXPECT_GE(speaker.bytes_queued(), pcm->samples.size() * 2);
}

TEST(Speech, NoAudioDriverIsSilenceWithOneNote) {
    const EnvVar driver("SDL_AUDIODRIVER", "fieldvoice-no-such-driver");
    ::testing::internal::CaptureStderr();
    {
        Speaker speaker;
        speaker.say({"Nobody hears this.", "en", Speed::Normal});
        speaker.say({"Nor this.", "en", Speed::Normal});
        speaker.wait_until_idle();
        EXPECT_FALSE(speaker.silent_reason().empty());
        EXPECT_EQ(speaker.bytes_queued(), 0u);
        // Still made, so what would be said can be checked.
        ASSERT_TRUE(speaker.last_pcm());
        EXPECT_GT(speaker.last_pcm()->rms(), kRmsFloor);
    }
    const std::string log = ::testing::internal::GetCapturedStderr();
    std::size_t notes = 0;
    for (std::size_t at = log.find("read-aloud is silent"); at != std::string::npos;
         at = log.find("read-aloud is silent", at + 1)) {
        ++notes;
    }
    EXPECT_EQ(notes, 1u) << log;
}

}  // namespace
}  // namespace fv::speech

namespace fv::speech {
namespace {

ui::ReadEntry entry(const std::string& label, bool item, bool selected = false,
                    bool focused = false) {
    ui::ReadEntry e;
    e.label = label;
    e.is_item = item;
    e.selected = selected;
    e.focused = focused;
    return e;
}

TEST(ReadAloudRules, APageOnceAFocusOnceHeldAndAChoiceMadeWithoutFocus) {
    const EnvVar driver("SDL_AUDIODRIVER", "dummy");
    const ui::Strings strings =
        ui::Strings::load(std::string(FIELDVOICE_ASSETS_DIR) + "/i18n", "en");
    ReadAloud ra;
    std::vector<ui::ReadEntry> reading = {entry("Pick one", false), entry("Tea", true),
                                          entry("Tea", false), entry("Coffee", true)};
    ReadAloud::Frame f;
    f.on = true;
    f.page_before = f.page_after = "question/1/en";
    f.language = "en";
    f.reading = &reading;
    f.strings = &strings;
    EXPECT_FALSE(ra.after_frame(f));
    ra.speaker()->wait_until_idle();
    // The caption under "Tea" is said once, as the button.
    EXPECT_EQ(ra.speaker()->last_utterance()->text, "Pick one.\nTea.\nCoffee.");
    EXPECT_FALSE(ra.after_frame(f)) << "the same page is not said twice";

    // A choice made by a tap that moved no focus.
    reading[3].selected = true;
    EXPECT_FALSE(ra.after_frame(f));
    ra.speaker()->wait_until_idle();
    EXPECT_EQ(ra.speaker()->last_utterance()->text, "Coffee, selected.");

    // A toggle relabelled by a tap.
    reading.push_back(entry("High contrast: off", true));
    ra.after_frame(f);
    reading.back().label = "High contrast: on";
    EXPECT_FALSE(ra.after_frame(f));
    ra.speaker()->wait_until_idle();
    EXPECT_EQ(ra.speaker()->last_utterance()->text, "High contrast: on.");

    // The focus is said once it has held for a frame.
    reading[1].focused = true;
    EXPECT_TRUE(ra.after_frame(f)) << "wants one more frame";
    EXPECT_FALSE(ra.after_frame(f));
    ra.speaker()->wait_until_idle();
    EXPECT_EQ(ra.speaker()->last_utterance()->text, "Tea.");
    EXPECT_EQ(ra.speaker()->utterances_made(), 4);

    // A frame that moved to another page says nothing; the next one says the new page.
    f.page_after = "question/2/en";
    EXPECT_TRUE(ra.after_frame(f));
    f.page_before = "question/2/en";
    reading = {entry("Next page", false)};
    ra.after_frame(f);
    ra.speaker()->wait_until_idle();
    EXPECT_EQ(ra.speaker()->last_utterance()->text, "Next page.");
    EXPECT_EQ(ra.speaker()->utterances_made(), 5);
}

}  // namespace
}  // namespace fv::speech
