// Read-aloud through the real kiosk screens, headless: turned on from the attract screen, each
// page of a visit spoken in English and in Polish (non-silent, of a plausible length, and
// exactly what the page shows), the focused item, "Say it again", the speed, no audio device
// at all, and off again once the visit ends.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <optional>

#include "app/speech/read_aloud.hpp"
#include "support/kiosk_harness.hpp"

namespace fv::testing {
namespace {

constexpr double kRmsFloor = 300.0;

// SDL_AUDIODRIVER for one test (the speaker opens its device when read-aloud is turned on).
class AudioDriver {
  public:
    explicit AudioDriver(const char* driver) {
        if (const char* old = std::getenv("SDL_AUDIODRIVER")) old_ = old;
        setenv("SDL_AUDIODRIVER", driver, 1);
    }
    ~AudioDriver() {
        if (old_) {
            setenv("SDL_AUDIODRIVER", old_->c_str(), 1);
        } else {
            unsetenv("SDL_AUDIODRIVER");
        }
    }
    AudioDriver(const AudioDriver&) = delete;
    AudioDriver& operator=(const AudioDriver&) = delete;

  private:
    std::optional<std::string> old_;
};

struct Words {
    std::string read_aloud_off, start, agree, next, submit, again, slower, normal, faster, happy,
        sunday, finish;
};
const Words kEnglish{"Read aloud: off", "Touch to start", "I agree, start", "Next",
                     "Send my answers", "Say it again",   "Speed: slower",  "Speed: normal",
                     "Speed: faster",   "Happy",          "Sunday",         "Finish"};
const Words kPolish{"Czytanie na głos: wyłączone",
                    "Dotknij, aby zacząć",
                    "Zgadzam się, zaczynam",
                    "Dalej",
                    "Wyślij odpowiedzi",
                    "Powtórz",
                    "Tempo: wolniej",
                    "Tempo: zwykłe",
                    "Tempo: szybciej",
                    "Dobrze",
                    "Niedziela",
                    "Zakończ"};

std::size_t characters(const std::string& utf8) {
    std::size_t n = 0;
    for (unsigned char c : utf8) n += (c & 0xC0) != 0x80;
    return n;
}

speech::Speaker& speaker(KioskHarness& h) {
    speech::Speaker* s = h.app().read_aloud().speaker();
    if (s == nullptr) {
        ADD_FAILURE() << "read-aloud has no speaker";
        std::abort();
    }
    s->wait_until_idle();
    return *s;
}

// The page that just appeared was spoken: all of it, as shown, audibly, at a plausible length.
void expect_page_spoken(KioskHarness& h, const Words& w, const std::string& language,
                        const std::string& where) {
    speech::Speaker& s = speaker(h);
    const std::vector<speech::SpokenPart>& page = h.app().read_aloud().page();
    const auto said = s.last_utterance();
    const auto pcm = s.last_pcm();
    ASSERT_TRUE(said && pcm) << where;
    EXPECT_EQ(said->text, speech::utterance_text(page)) << where;
    EXPECT_EQ(said->language, language) << where;

    // What the screen shows: every text the Probe saw drawn is spoken, in order (a caption
    // under its own button once, as the button)...
    std::vector<std::string> spoken;
    for (const speech::SpokenPart& p : page) spoken.push_back(p.shown);
    const auto in_order = [&spoken](const std::vector<std::string>& shown, std::size_t& missing) {
        std::size_t at = 0;
        for (const std::string& label : shown) {
            const auto found =
                std::find(spoken.begin() + static_cast<long>(at), spoken.end(), label);
            if (found == spoken.end()) {
                ++missing;
            } else {
                at = static_cast<std::size_t>(found - spoken.begin()) + 1;
            }
        }
    };
    std::vector<std::string> shown_texts, shown_items;
    for (const std::string& t : h.texts()) {
        if (t.find_first_not_of(" \t\n") != std::string::npos) shown_texts.push_back(t);
    }
    std::size_t missing_texts = 0;
    in_order(shown_texts, missing_texts);
    EXPECT_EQ(missing_texts, 0u) << where << ": shown but not spoken\n" << h.describe();
    // ... and every button in view, in order, but for the read-aloud controls themselves and
    // the keys of an on-screen keyboard (each spoken when focused instead).
    for (const ui::ShownItem& it : h.items()) {
        if (it.label != w.again && it.label != w.slower && it.label != w.normal &&
            it.label != w.faster) {
            shown_items.push_back(it.label);
        }
    }
    std::size_t keys = 0;
    in_order(shown_items, keys);
    // The keyboard's field shows a caret after typed text, else its placeholder.
    const bool keyboard =
        h.shows_part("|") || h.shows(language == "pl" ? "Pisz tutaj" : "Type here");
    if (keyboard) {
        EXPECT_GT(keys, 10u) << where;
    } else {
        EXPECT_EQ(keys, 0u) << where << ": shown but not spoken\n" << h.describe();
    }
    // Nothing is said that the page does not show (in view, or further down its column).
    for (const speech::SpokenPart& p : page) {
        const auto& order = ui::Probe::current().reading_order();
        EXPECT_TRUE(std::any_of(order.begin(), order.end(),
                                [&p](const ui::ReadEntry& e) { return e.label == p.shown; }))
            << where << ": \"" << p.shown << "\" is not on the page";
    }

    EXPECT_GT(pcm->rms(), kRmsFloor) << where;
    const double ms_per_char = pcm->seconds() * 1000.0 / characters(said->text);
    EXPECT_GT(ms_per_char, 30.0) << where << ": " << pcm->seconds() << " s";
    EXPECT_LT(ms_per_char, 200.0) << where << ": " << pcm->seconds() << " s";
    std::printf("%-28s %5.2f s for %3zu characters (%3.0f ms each), rms %4.0f\n", where.c_str(),
                pcm->seconds(), characters(said->text), ms_per_char, pcm->rms());
}

void visit_with_read_aloud(const std::string& language, const Words& w) {
    const AudioDriver dummy("dummy");
    KioskHarness h(on_sample("libraries-2027"));
    if (language == "pl") h.tap("Polski");
    EXPECT_EQ(h.app().read_aloud().speaker(), nullptr) << "nothing is spoken until asked";
    h.tap(w.read_aloud_off);
    ASSERT_TRUE(h.app().visit().read_aloud);
    expect_page_spoken(h, w, language, language + " attract");
    EXPECT_TRUE(h.item(w.again)) << h.describe();

    h.tap(w.start);
    ASSERT_EQ(h.app().screen(), ScreenId::Consent);
    EXPECT_TRUE(h.app().visit().read_aloud) << "the visit keeps the choice";
    expect_page_spoken(h, w, language, language + " consent");
    h.tap(w.agree);
    int page = 0;
    while (h.app().screen() == ScreenId::Question) {
        expect_page_spoken(h, w, language, language + " question " + std::to_string(++page));
        if (!h.item(w.next) && h.item(w.submit)) {
            h.tap(w.submit);
            break;
        }
        if (!h.item(w.next)->enabled) h.tap(page == 2 ? w.happy : w.sunday);
        ASSERT_TRUE(h.item(w.next)->enabled) << h.describe();
        h.tap(w.next);
        ASSERT_LT(page, 20);
    }
    ASSERT_EQ(h.app().screen(), ScreenId::Thanks) << h.describe();
    expect_page_spoken(h, w, language, language + " thanks");
    ASSERT_EQ(h.store().responses().size(), 1u);
    EXPECT_EQ(h.store().responses()[0].response.language, language);

    h.tap(w.finish);
    EXPECT_EQ(h.app().screen(), ScreenId::Attract);
    EXPECT_FALSE(h.app().visit().read_aloud) << "read-aloud is for one visit";
    EXPECT_TRUE(h.item(kEnglish.read_aloud_off)) << h.describe();
    EXPECT_FALSE(h.item(kEnglish.again)) << h.describe();
}

TEST(KioskReadAloud, EveryPageOfAnEnglishVisitIsSpokenAsShown) {
    visit_with_read_aloud("en", kEnglish);
}

TEST(KioskReadAloud, EveryPageOfAPolishVisitIsSpokenInPolishAsShown) {
    visit_with_read_aloud("pl", kPolish);
}

TEST(KioskReadAloud, TheFocusedItemSayItAgainAndTheSpeed) {
    const AudioDriver dummy("dummy");
    KioskHarness h(on_sample("libraries-2027"));
    h.tap("Read aloud: off");
    h.tap("Touch to start");
    h.tap("I agree, start");
    h.tap("Next");
    const std::string page_text = speaker(h).last_utterance()->text;
    std::printf("The first question says:\n%s\n", page_text.c_str());
    EXPECT_NE(page_text.find("How was your visit to the library today?"), std::string::npos)
        << page_text;
    const long made = speaker(h).utterances_made();

    // A tapped option is spoken with its new state.
    h.tap("Happy");
    EXPECT_EQ(speaker(h).last_utterance()->text, "Happy, selected.");

    // Say it again: the page from the top, as it is now.
    h.tap("Say it again");
    const std::string again = speaker(h).last_utterance()->text;
    EXPECT_NE(again.find("How was your visit to the library today?"), std::string::npos);
    EXPECT_NE(again.find("Happy, selected."), std::string::npos) << again;
    EXPECT_GT(speaker(h).utterances_made(), made);
    const double normal = speaker(h).last_pcm()->seconds();

    // The speed control: each tap the next speed, announced at that speed.
    h.tap("Speed: normal");
    EXPECT_EQ(h.app().visit().speech_speed, speech::Speed::Faster);
    EXPECT_EQ(speaker(h).last_utterance()->text, "Speed: faster.");
    EXPECT_EQ(speaker(h).last_utterance()->speed, speech::Speed::Faster);
    h.tap("Speed: faster");
    EXPECT_EQ(h.app().visit().speech_speed, speech::Speed::Slower);
    h.tap("Say it again");
    EXPECT_EQ(speaker(h).last_utterance()->speed, speech::Speed::Slower);
    const double slower = speaker(h).last_pcm()->seconds();
    std::printf("the page again: %.2f s normal, %.2f s slower\n", normal, slower);
    EXPECT_GT(slower, normal * 1.15);

    // The speed holds for the rest of the visit.
    h.tap("Next");
    EXPECT_EQ(speaker(h).last_utterance()->speed, speech::Speed::Slower);
}

TEST(KioskReadAloud, ByKeyTheAttractScreenSaysTheFocusedItemSoTheToggleCanBeFound) {
    const AudioDriver dummy("dummy");
    KioskHarness h(on_sample("libraries-2027"));
    h.tap("Polski");
    EXPECT_EQ(h.app().read_aloud().speaker(), nullptr) << "a touch says nothing while off";
    const std::string toggle = "Czytanie na głos: wyłączone";
    const auto focused = [&h]() -> const ui::ShownItem* {
        for (const ui::ShownItem& it : h.items()) {
            if (it.focused) return &it;
        }
        return nullptr;
    };
    // Arrow keys towards the toggle from wherever the focus is (the tap left it on "Polski").
    for (int i = 0; i < 20 && (!focused() || focused()->label != toggle); ++i) {
        const bool below = focused() && focused()->y0 > h.item(toggle)->y0;
        h.press_key(below || !focused() ? SDLK_UP : SDLK_DOWN);
    }
    ASSERT_TRUE(focused()) << h.describe();
    ASSERT_EQ(focused()->label, toggle) << h.describe();
    EXPECT_EQ(speaker(h).last_utterance()->text, "Czytanie na głos: wyłączone.");
    EXPECT_EQ(speaker(h).last_utterance()->language, "pl");
    h.press_key(SDLK_SPACE);  // Space presses the focused item (so does a switch)
    EXPECT_TRUE(h.app().visit().read_aloud) << h.describe();
    EXPECT_EQ(speaker(h).last_utterance()->text.rfind("Twoja biblioteka, Twój głos", 0), 0u)
        << "then the whole page";
}

TEST(KioskReadAloud, ByKeyboardAloneEachFocusedItemIsSpoken) {
    const AudioDriver dummy("dummy");
    KioskHarness h(on_sample("libraries-2027"));
    ASSERT_TRUE(h.tab_to("Read aloud: off"));
    EXPECT_EQ(speaker(h).last_utterance()->text, "Read aloud: off.");
    h.press_key(SDLK_RETURN);
    ASSERT_TRUE(h.app().visit().read_aloud) << h.describe();
    ASSERT_TRUE(h.tab_to("Touch to start"));
    EXPECT_EQ(speaker(h).last_utterance()->text, "Touch to start.");
    h.press_key(SDLK_RETURN);
    ASSERT_EQ(h.app().screen(), ScreenId::Consent);
    EXPECT_EQ(speaker(h).last_utterance()->text.rfind("Before you start", 0), 0u);
    ASSERT_TRUE(h.tab_to("I agree, start"));
    h.press_key(SDLK_RETURN);
    ASSERT_TRUE(h.tab_to("Next"));
    h.press_key(SDLK_RETURN);
    EXPECT_EQ(speaker(h).last_utterance()->text.rfind("Question 2 of 11", 0), 0u);
    ASSERT_TRUE(h.tab_to("Happy"));
    EXPECT_EQ(speaker(h).last_utterance()->text, "Happy.");
    h.press_key(SDLK_RETURN);
    EXPECT_EQ(speaker(h).last_utterance()->text, "Happy, selected.");
    ASSERT_TRUE(h.tab_to("Next"));
    EXPECT_EQ(speaker(h).last_utterance()->text, "Next.");
}

TEST(KioskReadAloud, AreYouStillThereIsSpoken) {
    const AudioDriver dummy("dummy");
    KioskHarness h(on_sample("libraries-2027"));
    h.tap("Read aloud: off");
    h.tap("Touch to start");
    h.tap("I agree, start");
    for (int i = 0; i < 40 && !h.app().still_there_shown(); ++i)
        h.idle_for(std::chrono::seconds(15));
    ASSERT_TRUE(h.app().still_there_shown());
    const std::string said = speaker(h).last_utterance()->text;
    EXPECT_EQ(said.rfind("Are you still there?", 0), 0u) << said;
    EXPECT_NE(said.find("Yes, continue."), std::string::npos) << said;
    h.tap("Yes, continue");
    EXPECT_EQ(speaker(h).last_utterance()->text.rfind("Question 1 of 11", 0), 0u)
        << "the page again, once the overlay has gone";
}

TEST(KioskReadAloud, TurningItOffStopsAndTheToggleSpeaksNoMore) {
    const AudioDriver dummy("dummy");
    KioskHarness h(on_sample("libraries-2027"));
    h.tap("Read aloud: off");
    EXPECT_EQ(speaker(h).utterances_made(), 1);
    h.tap("Read aloud: on");
    EXPECT_FALSE(h.app().visit().read_aloud);
    const long made = speaker(h).utterances_made();
    h.tap("Touch to start");
    EXPECT_EQ(speaker(h).utterances_made(), made) << "nothing said once off";
}

TEST(KioskReadAloud, NoAudioDeviceStillCompletesTheVisit) {
    const AudioDriver none("fieldvoice-no-such-driver");
    ::testing::internal::CaptureStderr();
    {
        KioskHarness h(on_sample("libraries-2027"));
        h.tap("Read aloud: off");
        h.tap("Touch to start");
        h.tap("I agree, start");
        h.tap("Next");
        h.tap("Happy");
        for (int i = 0; i < 12 && !h.item("Send my answers"); ++i) {
            if (!h.item("Next")->enabled) h.tap("Sunday");
            h.tap("Next");
        }
        h.tap("Send my answers");
        EXPECT_EQ(h.app().screen(), ScreenId::Thanks) << h.describe();
        EXPECT_EQ(h.store().responses().size(), 1u);
        EXPECT_FALSE(speaker(h).silent_reason().empty());
        EXPECT_EQ(speaker(h).bytes_queued(), 0u);
    }
    const std::string log = ::testing::internal::GetCapturedStderr();
    std::size_t notes = 0;
    for (auto at = log.find("read-aloud is silent"); at != std::string::npos;
         at = log.find("read-aloud is silent", at + 1)) {
        ++notes;
    }
    EXPECT_EQ(notes, 1u) << log;
}

TEST(KioskReadAloud, Screenshots) {
    const AudioDriver dummy("dummy");
    for (const bool contrast : {false, true}) {
        const std::string tag = contrast ? "-contrast" : "";
        KioskHarness h(on_sample("libraries-2027"));
        if (contrast) h.tap("High contrast: off");
        h.scroll(-20);
        h.screenshot("read-aloud-01-attract-off" + tag + ".png");
        h.tap("Read aloud: off");
        h.screenshot("read-aloud-02-attract-on" + tag + ".png");
        h.tap("Touch to start");
        h.tap("I agree, start");
        h.tap("Next");
        h.tap("Happy");
        h.screenshot("read-aloud-03-question" + tag + ".png");
    }
}

}  // namespace
}  // namespace fv::testing
