// The one-tap pulse on the attract screen (docs/format.md "pulse"), each checked against the
// device's SQLite file: a tap is a whole anonymous response, stored before the first frame of
// its thank-you; "Tell us more?" leads into the full consultation with that answer given, and
// its response names the pulse's; rapid repeats are flagged, not dropped; a staff pulse survey
// works the same way; the thank-you is still between its events. (A kill right after the tap:
// test_kiosk_pulse_kill.cpp.)
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <optional>

#include "app/ui/probe.hpp"
#include "support/device_file.hpp"
#include "support/kiosk_harness.hpp"

namespace fv::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

bool flagged(const json& wire) {
    const auto flags = wire.value("flags", json::array());
    return std::find(flags.begin(), flags.end(), "rapid_repeat") != flags.end();
}

// What the first frame of the pulse's thank-you showed, and what the file held then.
struct FirstThanks {
    std::vector<std::string> texts;  // and the items' labels
    std::vector<json> stored;
};

// Watches for the first frame of the pulse's thank-you, reading the database file as it is
// drawn (what a person sees, and what a pulled plug would leave).
void watch_first_thanks(KioskHarness& h, std::optional<FirstThanks>& first) {
    // The frame the tap lands in is the attract screen's (the tap is handled as it draws);
    // the thank-you's first frame is the first that draws its heading.
    h.on_frame([&h, &first] {
        if (first || h.app().screen() != ScreenId::PulseThanks || !h.shows("Thank you")) return;
        std::vector<std::string> shown = ui::Probe::current().texts();
        for (const ui::ShownItem& it : ui::Probe::current().items()) shown.push_back(it.label);
        first = FirstThanks{shown, wires_in_file(database_path(h.data_dir()))};
    });
}

TEST(Pulse, OneTapIsAWholeAnonymousResponseStoredBeforeItsThankYou) {
    KioskHarness h(on_sample("libraries-2027", 1366, 768));
    ASSERT_TRUE(h.shows("How was your visit to the library today?")) << h.describe();
    std::optional<FirstThanks> first;
    watch_first_thanks(h, first);
    ASSERT_TRUE(h.tap("Happy"));
    h.on_frame({});
    ASSERT_TRUE(first) << "no frame of the pulse's thank-you was drawn: " << h.describe();
    ASSERT_EQ(first->stored.size(), 1u) << "the tap was not in the file when thanked";
    const json& wire = first->stored[0];
    EXPECT_EQ(wire.at("mode"), "pulse");
    EXPECT_EQ(wire.at("answers"), json({{"visit-rating", 4}}));
    EXPECT_EQ(wire.at("consultation_id"), "libraries-2027");
    EXPECT_EQ(wire.at("language"), "en");
    // No consent step, and nothing by which anyone could be found: no reference, no one named.
    EXPECT_EQ(wire.at("consent").at("privacy_notice"), false);
    EXPECT_FALSE(wire.contains("reference")) << wire.dump();
    EXPECT_FALSE(wire.contains("continues")) << wire.dump();
    EXPECT_TRUE(wire.value("participant", json()).is_null()) << wire.dump();
    EXPECT_FALSE(flagged(wire));
    const auto has = [&](const std::string& t) {
        return std::find(first->texts.begin(), first->texts.end(), t) != first->texts.end();
    };
    EXPECT_TRUE(has("Your answer is saved. It counts with everyone else's."));
    EXPECT_TRUE(has("Tell us more?")) << "the way on is not on the thank-you's first frame";
    h.screenshot("pulse-thanks-1366x768.png");

    // Short: it clears by itself, and nothing of the tap is kept in the kiosk's memory.
    h.idle_for(KioskApp::kPulseThanksTime - std::chrono::seconds(1));
    EXPECT_EQ(h.app().screen(), ScreenId::PulseThanks);
    h.idle_for(std::chrono::seconds(2));
    EXPECT_EQ(h.app().screen(), ScreenId::Attract) << h.describe();
    EXPECT_TRUE(h.app().visit().pulse_id.empty());
    EXPECT_EQ(h.app().visit().pulse_face, 0);
    EXPECT_EQ(wires_in_file(database_path(h.data_dir())).size(), 1u);
}

TEST(Pulse, TellUsMoreGivesAFullResponseThatNamesItsPulseWithTheAnswerGiven) {
    KioskHarness h(on_sample("libraries-2027"));
    ASSERT_TRUE(h.tap("Unhappy"));
    ASSERT_TRUE(h.tap("Tell us more?")) << h.describe();
    EXPECT_EQ(h.app().screen(), ScreenId::Consent) << "the full visit asks consent first";
    ASSERT_TRUE(h.tap("I agree, start"));
    // Past the welcome to the pulse's question: the face tapped is the answer given.
    for (int i = 0; i < 3 && !h.shows("How was your visit to the library today?"); ++i) {
        h.tap("Next");
    }
    ASSERT_TRUE(h.shows("How was your visit to the library today?")) << h.describe();
    const ui::ShownItem* unhappy = h.item("Unhappy");
    ASSERT_TRUE(unhappy);
    EXPECT_TRUE(unhappy->selected) << "the pulse's answer is not given on its question";
    ASSERT_TRUE(h.item("Next") && h.item("Next")->enabled) << "a given answer must let it go on";
    // "Unhappy" shows the follow-up the definition asks of unhappy visitors.
    h.tap("Next");
    EXPECT_TRUE(h.shows_part("better")) << h.describe();
    for (int i = 0; i < 14 && !h.item("Send my answers"); ++i) {
        if (h.item("Next") && !h.item("Next")->enabled) h.tap("Sunday");
        h.tap("Next");
    }
    ASSERT_TRUE(h.tap("Send my answers")) << h.describe();
    EXPECT_EQ(h.app().screen(), ScreenId::Thanks);

    const auto wires = wires_in_file(database_path(h.data_dir()));
    ASSERT_EQ(wires.size(), 2u);
    EXPECT_EQ(wires[0].at("mode"), "pulse");
    EXPECT_EQ(wires[1].at("mode"), "kiosk");
    EXPECT_EQ(wires[1].at("continues"), wires[0].at("id")) << "the full response names its pulse";
    EXPECT_EQ(wires[1].at("answers").at("visit-rating"), 2);
    EXPECT_EQ(wires[1].at("answers").at("opening-hours"), "sunday");
    EXPECT_EQ(wires[1].at("consent").at("privacy_notice"), true);
    EXPECT_TRUE(wires[1].contains("reference"));
    // Immutable: the pulse response is as it was stored.
    EXPECT_EQ(wires[0].at("answers"), json({{"visit-rating", 2}}));

    // The kiosk's own results count the person once: one "Unhappy", from the full response.
    h.tap("Finish");
    h.press_key(SDLK_o, KMOD_LCTRL | KMOD_LALT);
    h.type_text(KioskHarness::kOfficerPin);
    h.press_key(SDLK_RETURN);
    ASSERT_TRUE(h.tap("This kiosk's results and audit log")) << h.describe();
    EXPECT_TRUE(h.shows("2 responses stored on this kiosk (sent or not).")) << h.describe();
    EXPECT_TRUE(h.shows_part("1 of them are one-tap answers")) << h.describe();
    EXPECT_TRUE(h.shows("1 answered")) << h.describe();
    EXPECT_FALSE(h.shows("2 answered")) << "the tap and its full response counted twice";
}

// A face changed in the full visit is the person's answer now; the pulse stays as it was.
TEST(Pulse, AnAnswerChangedAfterTellUsMoreIsTheFullResponsesOwn) {
    KioskHarness h(on_sample("libraries-2027"));
    ASSERT_TRUE(h.tap("Neither"));
    ASSERT_TRUE(h.tap("Tell us more?"));
    ASSERT_TRUE(h.tap("I agree, start"));
    for (int i = 0; i < 3 && !h.shows("How was your visit to the library today?"); ++i) {
        h.tap("Next");
    }
    ASSERT_TRUE(h.tap("Very happy"));
    for (int i = 0; i < 14 && !h.item("Send my answers"); ++i) {
        if (h.item("Next") && !h.item("Next")->enabled) h.tap("Sunday");
        h.tap("Next");
    }
    ASSERT_TRUE(h.tap("Send my answers")) << h.describe();
    const auto wires = wires_in_file(database_path(h.data_dir()));
    ASSERT_EQ(wires.size(), 2u);
    EXPECT_EQ(wires[0].at("answers").at("visit-rating"), 3);
    EXPECT_EQ(wires[1].at("answers").at("visit-rating"), 5);
    EXPECT_EQ(wires[1].at("continues"), wires[0].at("id"));
}

TEST(Pulse, DoneEndsItAndTheNextVisitContinuesNothing) {
    KioskHarness h(on_sample("libraries-2027"));
    ASSERT_TRUE(h.tap("Happy"));
    ASSERT_TRUE(h.tap("Done"));
    EXPECT_EQ(h.app().screen(), ScreenId::Attract);
    h.idle_for(std::chrono::seconds(11));  // not a rapid repeat
    ASSERT_TRUE(h.tap("Touch to start"));
    EXPECT_TRUE(h.app().visit().continues.empty());
    EXPECT_FALSE(h.app().visit().answers.contains("visit-rating"))
        << "a new person's visit must not carry the last person's tap";
}

// Flagged as a full visit is today (within 10 s of the last response on this kiosk), and
// every tap kept.
TEST(Pulse, RapidRepeatTapsAreFlaggedNotDropped) {
    KioskHarness h(on_sample("libraries-2027"));
    ASSERT_TRUE(h.tap("Very happy"));
    ASSERT_TRUE(h.tap("Done"));
    ASSERT_TRUE(h.tap("Very happy"));
    ASSERT_TRUE(h.tap("Done"));
    ASSERT_TRUE(h.tap("Very happy"));
    ASSERT_TRUE(h.tap("Done"));
    h.idle_for(std::chrono::seconds(11));
    ASSERT_TRUE(h.tap("Very unhappy"));
    const auto wires = wires_in_file(database_path(h.data_dir()));
    ASSERT_EQ(wires.size(), 4u) << "a repeated tap was dropped";
    EXPECT_FALSE(flagged(wires[0]));
    EXPECT_TRUE(flagged(wires[1]));
    EXPECT_TRUE(flagged(wires[2]));
    EXPECT_FALSE(flagged(wires[3])) << "a tap 11 s after the last is no repeat";
    for (const json& w : wires) EXPECT_EQ(w.at("mode"), "pulse");
}

// A staff pulse survey in a depot: the same tap, the same "Tell us more?", the staff's own
// notice, every question the staff are asked.
TEST(Pulse, AStaffPulseSurveyWorksTheSameWay) {
    KioskHarness h(on_sample("depot-staff-pulse-2027", 1366, 768));
    ASSERT_TRUE(h.shows("How was your week at work?")) << h.describe();
    ASSERT_TRUE(h.tap("Unhappy"));
    ASSERT_TRUE(h.tap("Tell us more?"));
    EXPECT_TRUE(h.shows_part("asks these questions of its own staff")) << h.describe();
    ASSERT_TRUE(h.tap("I agree, start"));
    ASSERT_TRUE(h.item("Unhappy") && h.item("Unhappy")->selected) << h.describe();
    h.tap("Next");
    ASSERT_TRUE(h.tap("Rotas and short notice")) << h.describe();
    for (int i = 0; i < 6 && !h.item("Send my answers"); ++i) h.tap("Next");
    ASSERT_TRUE(h.tap("Send my answers")) << h.describe();
    const auto wires = wires_in_file(database_path(h.data_dir()));
    ASSERT_EQ(wires.size(), 2u);
    EXPECT_EQ(wires[0].at("mode"), "pulse");
    EXPECT_EQ(wires[0].at("answers"), json({{"week", 2}}));
    EXPECT_EQ(wires[1].at("continues"), wires[0].at("id"));
    EXPECT_EQ(wires[1].at("answers").at("held-back"), json::array({"rotas"}));
}

// In Polish, the question and the faces' names are the visit's language, and read aloud with
// the page, the faces as the items they are.
TEST(Pulse, ShownAndReadAloudInTheVisitsLanguage) {
    KioskHarness h(on_sample("libraries-2027", 1366, 768));
    ASSERT_TRUE(h.tap("Polski"));
    ASSERT_TRUE(h.shows("Jak oceniasz dzisiejszą wizytę w bibliotece?")) << h.describe();
    const auto& reading = ui::Probe::current().reading_order();
    const auto at = [&](const std::string& label) {
        return std::find_if(reading.begin(), reading.end(),
                            [&](const ui::ReadEntry& e) { return e.label == label; });
    };
    const auto prompt = at("Jak oceniasz dzisiejszą wizytę w bibliotece?");
    const auto face = at("Bardzo dobrze");
    ASSERT_NE(prompt, reading.end());
    ASSERT_NE(face, reading.end());
    EXPECT_TRUE(face->is_item);
    EXPECT_LT(prompt, face) << "the question is read before its faces";
    ASSERT_TRUE(h.tap("Dobrze"));
    EXPECT_TRUE(h.shows("Dziękujemy")) << h.describe();
    EXPECT_TRUE(h.item("Powiesz nam więcej?"));
    const auto wires = wires_in_file(database_path(h.data_dir()));
    ASSERT_EQ(wires.size(), 1u);
    EXPECT_EQ(wires[0].at("language"), "pl");
}

// By keyboard (or a switch): the faces are the first items, and Enter on one is the tap.
TEST(Pulse, AFaceIsTakenByKeyboardToo) {
    KioskHarness h(on_sample("libraries-2027"));
    h.press_key(SDLK_TAB);
    h.press_key(SDLK_TAB);
    EXPECT_EQ(h.focused_label(), "Unhappy");
    h.press_key(SDLK_RETURN);
    h.settle();
    ASSERT_EQ(h.app().screen(), ScreenId::PulseThanks) << h.describe();
    const auto wires = wires_in_file(database_path(h.data_dir()));
    ASSERT_EQ(wires.size(), 1u);
    EXPECT_EQ(wires[0].at("answers"), json({{"visit-rating", 2}}));
}

// The thank-you draws nothing between its events: no frame until it clears at its time.
TEST(Pulse, TheThankYouIsStillUntilItClears) {
    KioskHarness h(on_sample("libraries-2027"));
    ASSERT_TRUE(h.tap("Happy"));
    ASSERT_EQ(h.app().screen(), ScreenId::PulseThanks);
    EXPECT_EQ(h.idle_for(KioskApp::kPulseThanksTime - std::chrono::seconds(1)), 0)
        << "the pulse's thank-you drew frames with nothing happening";
}

// A disk that fails under the tap: no thank-you, the attract screen says so, and a tap once
// the disk is back stores it.
TEST(Pulse, AFailedStoreIsSaidAndNoThankYouShown) {
    KioskHarness h(on_sample("libraries-2027"));
    ASSERT_EQ(sqlite3_exec(h.store().handle(), "ALTER TABLE responses RENAME TO away", nullptr,
                           nullptr, nullptr),
              SQLITE_OK);
    ASSERT_TRUE(h.tap("Happy"));
    EXPECT_EQ(h.app().screen(), ScreenId::Attract) << h.describe();
    EXPECT_TRUE(h.shows_part("could not be saved")) << h.describe();
    h.screenshot("pulse-storage-failure.png");
    ASSERT_EQ(sqlite3_exec(h.store().handle(), "ALTER TABLE away RENAME TO responses", nullptr,
                           nullptr, nullptr),
              SQLITE_OK);
    ASSERT_TRUE(h.tap("Happy"));
    EXPECT_EQ(h.app().screen(), ScreenId::PulseThanks) << h.describe();
    EXPECT_EQ(wires_in_file(database_path(h.data_dir())).size(), 1u);
}

}  // namespace
}  // namespace fv::testing
