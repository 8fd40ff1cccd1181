// "You said, we did" on the attract screen, through the real kiosk, headless: the entries the
// last sync kept (in the device's real database) are shown on the first frame after the sync's
// wake, in the visit's language, in Easy Read with their picture when that mode is on, read
// aloud with the page; they turn every 10 s and never on their own with reduced motion (no
// frame drawn between turns); a withdrawn entry goes, and one too long to show is left out.
#include <SDL.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "app/speech/read_aloud.hpp"
#include "core/util/seal.hpp"
#include "support/kiosk_harness.hpp"

namespace fv::testing {
namespace {

using namespace std::chrono_literals;

Outcome entry(const std::string& id, const std::string& consultation, const std::string& en,
              const std::string& pl, const std::string& date) {
    Outcome o;
    o.id = id;
    o.consultation_id = consultation;
    o.text["en"] = en;
    if (!pl.empty()) o.text["pl"] = pl;
    o.date = date;
    return o;
}

const std::string kLibraries = "libraries-2027";
const std::string kEvenings =
    "You said the library closes too early. We now open until 7pm on "
    "Thursdays.";
const std::string kEveningsPl =
    "Mówili Państwo, że biblioteka zamyka się za wcześnie. W czwartki "
    "jesteśmy teraz otwarci do 19:00.";
const std::string kWifi = "You asked for faster Wi-Fi. Every library now has it.";
const std::string kWifiPl = "Prosili Państwo o szybsze Wi-Fi. Każda biblioteka już je ma.";
const std::string kBooks = "You asked for more large-print books. We bought 400.";

// What the sync engine does when a pass has kept a new list: the device database changes and
// the engine wakes the kiosk's loop with an SDL user event.
void sync_kept(KioskHarness& h, const std::vector<Outcome>& list) {
    h.store().replace_outcomes(list);
    SDL_Event wake{};
    wake.type = SDL_USEREVENT;
    SDL_PushEvent(&wake);
    h.settle();
}

std::vector<Outcome> three_entries() {
    return {entry("3", kLibraries, kEvenings, kEveningsPl, "2027-02-01"),
            entry("2", kLibraries, kWifi, kWifiPl, "2027-01-15"),
            entry("1", kLibraries, kBooks, "", "2026-12-20")};
}

TEST(AttractOutcomes, TheNewestEntryShowsInTheVisitsLanguageAndAResidentStepsOn) {
    KioskHarness h(on_sample(kLibraries));
    EXPECT_FALSE(h.shows("You said, we did")) << "no entries yet";
    sync_kept(h, three_entries());
    // The first frame after the wake: the newest, its date, the step on.
    EXPECT_TRUE(h.shows("You said, we did")) << h.describe();
    EXPECT_TRUE(h.shows(kEvenings)) << h.describe();
    EXPECT_TRUE(h.shows("Done 1 February 2027")) << h.describe();
    EXPECT_TRUE(h.shows("1 of 3")) << h.describe();
    EXPECT_FALSE(h.shows(kWifi));
    h.screenshot("attract-outcomes-1280x800.png");

    ASSERT_TRUE(h.tap("Next: what else we did"));
    EXPECT_TRUE(h.shows(kWifi)) << h.describe();
    EXPECT_TRUE(h.shows("2 of 3"));
    EXPECT_FALSE(h.shows(kEvenings));

    ASSERT_TRUE(h.tap("Polski"));
    EXPECT_TRUE(h.shows(kWifiPl)) << h.describe();
    EXPECT_TRUE(h.shows("Mówiliście – zrobiliśmy"));
    EXPECT_TRUE(h.shows("Zrobione 15 stycznia 2027")) << h.describe();
    h.screenshot("attract-outcomes-polish-1280x800.png");
    ASSERT_TRUE(h.tap("Dalej: co jeszcze zrobiliśmy"));
    // No Polish text: the consultation's own language rather than nothing.
    EXPECT_TRUE(h.shows(kBooks)) << h.describe();
    ASSERT_TRUE(h.tap("Dalej: co jeszcze zrobiliśmy"));
    EXPECT_TRUE(h.shows(kEveningsPl)) << "round to the newest again\n" << h.describe();
}

TEST(AttractOutcomes, AWithdrawnEntryGoesAndTheCardWithTheLast) {
    KioskHarness h(on_sample(kLibraries));
    auto list = three_entries();
    sync_kept(h, list);
    ASSERT_TRUE(h.shows(kEvenings));
    list.erase(list.begin());  // the officer withdrew the newest
    sync_kept(h, list);
    EXPECT_FALSE(h.shows(kEvenings)) << h.describe();
    EXPECT_TRUE(h.shows(kWifi)) << h.describe();
    EXPECT_TRUE(h.shows("1 of 2"));
    sync_kept(h, {});
    EXPECT_FALSE(h.shows("You said, we did")) << h.describe();
    EXPECT_FALSE(h.shows(kWifi));
    // Another consultation's entries are never shown here.
    sync_kept(h, {entry("9", "adult-day-services-2027", kBooks, "", "2027-01-01")});
    EXPECT_FALSE(h.shows("You said, we did")) << h.describe();
}

TEST(AttractOutcomes, AnEntryTooLongForTheCardIsLeftOutAndTheRestShown) {
    KioskHarness h(on_sample(kLibraries));
    ::testing::internal::CaptureStderr();
    sync_kept(h, {entry("7", kLibraries, std::string(241, 'a'), "", "2027-02-02"),
                  entry("6", kLibraries, kWifi, "", "2027-01-15")});
    const std::string log = ::testing::internal::GetCapturedStderr();
    EXPECT_TRUE(h.shows(kWifi)) << h.describe();
    EXPECT_TRUE(h.shows("You said, we did"));
    EXPECT_FALSE(h.shows("2 of 2")) << "the long one is not counted";
    EXPECT_NE(log.find("entry 7 is not shown: its text.en is 241 characters, more than the 240"),
              std::string::npos)
        << log;
}

TEST(AttractOutcomes, TheyTurnEveryTenSecondsWithOneFrameAndNothingBetween) {
    KioskHarness h(on_sample(kLibraries));
    sync_kept(h, three_entries());
    ASSERT_TRUE(h.shows(kEvenings));
    // Nothing is drawn before the turn is due...
    EXPECT_EQ(h.idle_for(9900ms), 0);
    EXPECT_TRUE(h.shows(kEvenings));
    // ...then one frame, with the next entry, the page otherwise where it was.
    const ui::ShownItem start_before = *h.item("Touch to start");
    EXPECT_EQ(h.idle_for(200ms), 1);
    EXPECT_TRUE(h.shows(kWifi)) << h.describe();
    EXPECT_EQ(h.item("Touch to start")->y0, start_before.y0) << "the page moved as it turned";
    // A minute: six turns, a frame each.
    EXPECT_EQ(h.idle_for(60s), 6);
    EXPECT_TRUE(h.shows(kWifi)) << "six turns of three come round to the same one";
}

TEST(AttractOutcomes, WithReducedMotionTheyNeverMoveOnTheirOwn) {
    KioskHarness h(on_sample(kLibraries));
    ASSERT_TRUE(h.tap("Reduced motion: off"));
    sync_kept(h, three_entries());
    ASSERT_TRUE(h.shows(kEvenings));
    const long wakes = h.wakes();
    EXPECT_EQ(h.idle_for(5min), 0) << "nothing drawn at all";
    EXPECT_EQ(h.wakes() - wakes, 1) << "one wait, for ever: no timer woke the loop";
    EXPECT_TRUE(h.shows(kEvenings));
    // The resident may still step on by hand.
    ASSERT_TRUE(h.tap("Next: what else we did"));
    EXPECT_TRUE(h.shows(kWifi));
    EXPECT_EQ(h.idle_for(5min), 0);
}

TEST(AttractOutcomes, EasyReadShowsTheEasyReadTextAndThePicture) {
    const std::string id = "adult-day-services-2027";
    KioskHarness h(on_sample(id));
    std::ifstream in(
        std::string(FIELDVOICE_SOURCE_DIR) + "/assets/easy-read/adult-day-services/bus.png",
        std::ios::binary);
    std::stringstream png;
    png << in.rdbuf();
    ASSERT_GT(png.str().size(), 100u);
    Outcome o = entry("4", id, "You said the minibus came too late. It now comes at 9am.", "",
                      "2027-03-01");
    o.easy_read["en"] = "The minibus comes earlier. It comes at 9 o'clock.";
    o.picture_png_b64 = base64_encode(png.str());
    Outcome broken = entry("5", id, "You asked for quieter rooms. We made two.", "", "2027-02-01");
    broken.easy_read["en"] = "There are 2 quiet rooms now.";
    broken.picture_png_b64 = base64_encode("GIF89a not a png");
    ::testing::internal::CaptureStderr();
    sync_kept(h, {o, broken});
    const std::string log = ::testing::internal::GetCapturedStderr();
    EXPECT_NE(log.find("entry 5 is not shown: it is not a PNG"), std::string::npos) << log;
    EXPECT_TRUE(h.shows(o.text["en"])) << h.describe();
    EXPECT_EQ(h.image("outcome:4"), nullptr) << "the picture is Easy Read's";

    ASSERT_TRUE(h.tap("Easy Read: off"));
    EXPECT_TRUE(h.shows("The minibus comes earlier.")) << h.describe();
    EXPECT_TRUE(h.shows("It comes at 9 o'clock."));
    EXPECT_FALSE(h.shows(o.text["en"]));
    const ui::ShownItem* pic = h.image("outcome:4");
    ASSERT_NE(pic, nullptr) << h.describe();
    EXPECT_GE(pic->x1 - pic->x0, 80.0f);
    h.screenshot("attract-outcomes-easy-read-1280x800.png");
    // A picture that is not a PNG: the Easy Read text without it.
    ASSERT_TRUE(h.tap("Next: what else we did"));
    EXPECT_TRUE(h.shows("There are 2 quiet rooms now.")) << h.describe();
    EXPECT_EQ(h.image("outcome:5"), nullptr);
}

// Read aloud: the entry is spoken with the rest of the page, in the visit's language; an entry
// stepped to is read out as a page of its own.
TEST(AttractOutcomes, TheEntryIsReadAloudWithThePageInTheVisitsLanguage) {
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    KioskHarness h(on_sample(kLibraries));
    sync_kept(h, three_entries());
    ASSERT_TRUE(h.tap("Polski"));
    ASSERT_TRUE(h.tap("Czytanie na głos: wyłączone"));
    speech::Speaker* speaker = h.app().read_aloud().speaker();
    ASSERT_NE(speaker, nullptr);
    speaker->wait_until_idle();
    auto said = speaker->last_utterance();
    ASSERT_TRUE(said);
    EXPECT_EQ(said->language, "pl");
    EXPECT_NE(said->text.find(kEveningsPl), std::string::npos) << said->text;
    EXPECT_NE(said->text.find("Mówiliście – zrobiliśmy"), std::string::npos);
    // While read aloud, nothing turns under the listener.
    EXPECT_EQ(h.idle_for(30s), 0);
    ASSERT_TRUE(h.tap("Dalej: co jeszcze zrobiliśmy"));
    speaker->wait_until_idle();
    said = speaker->last_utterance();
    ASSERT_TRUE(said);
    EXPECT_NE(said->text.find(kWifiPl), std::string::npos) << said->text;
    unsetenv("SDL_AUDIODRIVER");
}

}  // namespace
}  // namespace fv::testing
