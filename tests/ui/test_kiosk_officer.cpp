// The officer PIN through the real screens: chosen twice on first run (never a default),
// easy PINs refused, a wrong PIN refused, the right one opens the officer screen, reached by
// Ctrl+Alt+O or a 3-second press on the top-right corner.
#include <gtest/gtest.h>
#include <unistd.h>

#include "app/settings_keys.hpp"
#include "core/util/pin.hpp"
#include "support/kiosk_harness.hpp"

namespace fv::testing {
namespace {

using namespace std::chrono_literals;

void enter_pin(KioskHarness& h, const std::string& pin) {
    for (char c : pin) h.tap(std::string(1, c));
    h.tap("OK");
}

TEST(KioskOfficer, FirstRunMakesTheOfficerChooseAPin) {
    HarnessOptions o = on_sample("libraries-2027");
    o.officer_pin_set = false;
    KioskHarness h(o);
    ASSERT_EQ(h.app().screen(), ScreenId::SetupPin) << h.describe();
    EXPECT_FALSE(h.shows("Touch to start"));
    EXPECT_EQ(h.item("Cancel"), nullptr) << "first run cannot be skipped";
    h.screenshot("setup-pin.png");

    enter_pin(h, "1234");
    EXPECT_TRUE(h.shows_part("too easy to guess")) << h.describe();
    enter_pin(h, "7777");
    EXPECT_TRUE(h.shows_part("too easy to guess")) << h.describe();

    enter_pin(h, "4071");
    EXPECT_TRUE(h.shows("Enter the same PIN again")) << h.describe();
    enter_pin(h, "4072");
    EXPECT_TRUE(h.shows_part("were different")) << h.describe();
    EXPECT_FALSE(h.store().setting(kSettingOfficerPinHash).has_value());

    enter_pin(h, "4071");
    enter_pin(h, "4071");
    EXPECT_EQ(h.app().screen(), ScreenId::Attract) << h.describe();
    const auto hash = h.store().setting(kSettingOfficerPinHash);
    ASSERT_TRUE(hash.has_value());
    EXPECT_EQ(hash->find("4071"), std::string::npos) << "the PIN is stored only as a hash";
    EXPECT_TRUE(verify_pin(*hash, "4071"));
}

TEST(KioskOfficer, WrongPinRefusedRightPinOpensOfficerScreen) {
    KioskHarness h(on_sample("libraries-2027"));
    h.press_key(SDLK_o, KMOD_LCTRL | KMOD_LALT);
    ASSERT_EQ(h.app().screen(), ScreenId::Pin) << h.describe();
    EXPECT_TRUE(h.shows("Officer PIN"));
    enter_pin(h, "1357");
    EXPECT_EQ(h.app().screen(), ScreenId::Pin);
    EXPECT_TRUE(h.shows("That PIN is not right. Please try again.")) << h.describe();
    h.screenshot("wrong-pin.png");

    // Typed on a keyboard this time.
    h.type_text(KioskHarness::kOfficerPin);
    h.press_key(SDLK_RETURN);
    ASSERT_EQ(h.app().screen(), ScreenId::Officer) << h.describe();
    EXPECT_TRUE(h.shows("Waiting to sync: 0")) << h.describe();
    EXPECT_TRUE(h.shows_part("libraries-2027 v")) << h.describe();
    h.screenshot("officer.png");
    h.tap("Return to kiosk");
    EXPECT_EQ(h.app().screen(), ScreenId::Attract);

    bool unlocked = false, refused = false;
    for (const auto& e : h.store().audit_log(20)) {
        unlocked |= e.event == "officer_unlocked";
        refused |= e.event == "officer_pin_refused";
    }
    EXPECT_TRUE(unlocked);
    EXPECT_TRUE(refused);
}

TEST(KioskOfficer, LongPressOnTheTopRightCorner) {
    KioskHarness h(on_sample("libraries-2027"));
    // A short press does nothing.
    h.press_at(1270, 10);
    h.idle_for(1s);
    h.release_at(1270, 10);
    EXPECT_EQ(h.app().screen(), ScreenId::Attract);
    // Three seconds held opens the PIN screen, with no input meanwhile.
    h.press_at(1270, 10);
    h.idle_for(3s);
    EXPECT_EQ(h.app().screen(), ScreenId::Pin) << h.describe();
    h.release_at(1270, 10);
    h.tap("Cancel");
    EXPECT_EQ(h.app().screen(), ScreenId::Attract);
}

TEST(KioskOfficer, FiveWrongPinsLockForAMinute) {
    KioskHarness h(on_sample("libraries-2027"));
    h.press_key(SDLK_o, KMOD_LCTRL | KMOD_LALT);
    for (int i = 0; i < 5; ++i) enter_pin(h, "9035");
    EXPECT_TRUE(h.shows_part("Too many wrong PINs")) << h.describe();
    enter_pin(h, KioskHarness::kOfficerPin);
    EXPECT_EQ(h.app().screen(), ScreenId::Pin) << "locked, even for the right PIN";
    h.clock().advance(61s);
    enter_pin(h, KioskHarness::kOfficerPin);
    EXPECT_EQ(h.app().screen(), ScreenId::Officer) << h.describe();
}

TEST(KioskOfficer, QuitOnlyFromBehindThePin) {
    KioskHarness h(on_sample("libraries-2027"));
    h.press_key(SDLK_ESCAPE);
    h.press_key(SDLK_q, KMOD_LCTRL);
    EXPECT_FALSE(h.app().quitting()) << "a resident's keys do not end the kiosk";
    h.press_key(SDLK_o, KMOD_LCTRL | KMOD_LALT);
    enter_pin(h, KioskHarness::kOfficerPin);
    h.tap("Quit");
    EXPECT_TRUE(h.app().quitting());
}

TEST(KioskOfficer, NoConsultationTellsTheOfficerWhatToDo) {
    KioskHarness h;
    EXPECT_EQ(h.app().screen(), ScreenId::NoConsultation);
    EXPECT_TRUE(h.shows("This kiosk has no consultation yet")) << h.describe();
    EXPECT_TRUE(h.shows_part("--consultation")) << h.describe();
    h.screenshot("no-consultation.png");
}

TEST(KioskOfficer, StoredActiveConsultationIsUsedOnTheNextStart) {
    const auto dir =
        std::filesystem::temp_directory_path() / ("fv-ui-restart-" + std::to_string(::getpid()));
    {
        HarnessOptions o = on_sample("adult-day-services-2027");
        o.data_dir = dir;
        KioskHarness first(o);
    }
    HarnessOptions o;  // no --consultation this time
    o.data_dir = dir;
    {
        KioskHarness second(o);
        EXPECT_EQ(second.app().screen(), ScreenId::Attract) << second.describe();
        ASSERT_NE(second.app().consultation(), nullptr);
        EXPECT_EQ(second.app().consultation()->id, "adult-day-services-2027");
    }
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace fv::testing
