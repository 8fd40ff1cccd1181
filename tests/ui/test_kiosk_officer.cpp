// The officer PIN through the real screens: chosen twice on first run (never a default),
// easy PINs refused, a wrong PIN refused, the right one opens the officer screen, reached by
// Ctrl+Alt+O or a 3-second press on the top-right corner.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "app/screens/officer_records_screen.hpp"
#include "app/settings_keys.hpp"
#include "core/util/pin.hpp"
#include "platform/removable.hpp"
#include "fault/support/sample_responses.hpp"
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

std::string file_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// What `fieldvoice export` writes for the same data folder, run as the program itself.
std::string cli_export(const std::filesystem::path& data_dir, const std::string& format,
                       bool sessions, const std::filesystem::path& out) {
    const std::string command = std::string(FIELDVOICE_BIN) + " export --data-dir '" +
                                data_dir.string() + "' --format " + format +
                                (sessions ? " --sessions" : "") + " --out '" + out.string() +
                                "' 2>/dev/null";
    EXPECT_EQ(std::system(command.c_str()), 0) << command;
    return file_text(out);
}

TEST(KioskOfficer, ExportsToAUsbStickTheSameFilesAsTheCommandLine) {
    const auto root =
        std::filesystem::temp_directory_path() / ("fv-ui-usb-" + std::to_string(::getpid()));
    std::filesystem::remove_all(root);
    const auto stick = root / "media" / "STICK";  // not there yet: no stick plugged in
    HarnessOptions o = on_sample("libraries-2027");
    o.usb_mounts = {stick};
    KioskHarness h(o);
    const Consultation c = *h.app().consultation();
    for (int i = 0; i < 12; ++i) h.store().submit(test::sample_response(c, 5, i));
    const std::string session = h.store().start_session({"Witney forum", "Corn Exchange",
                                                         "Witney", "Cllr Ahmed", c.id, c.version});
    h.store().end_session(session);

    h.press_key(SDLK_o, KMOD_LCTRL | KMOD_LALT);
    h.type_text(KioskHarness::kOfficerPin);
    h.press_key(SDLK_RETURN);
    ASSERT_EQ(h.app().screen(), ScreenId::Officer) << h.describe();
    EXPECT_TRUE(h.shows_part("Plug in a USB stick")) << h.describe();
    EXPECT_EQ(h.item("Responses (CSV)"), nullptr);

    std::filesystem::create_directories(stick);  // the stick goes in
    ASSERT_TRUE(h.tap("Look again")) << h.describe();
    EXPECT_TRUE(h.shows("Save on STICK:")) << h.describe();
    ASSERT_TRUE(h.tap("Responses (CSV)")) << h.describe();
    // Said on the first frame after the tap, with the file's name.
    std::filesystem::path csv;
    for (const auto& entry : std::filesystem::directory_iterator(stick)) csv = entry.path();
    ASSERT_FALSE(csv.empty());
    EXPECT_EQ(csv.extension(), ".csv");
    EXPECT_TRUE(h.shows("Saved 12 responses as " + csv.filename().string() +
                        ". You can remove the stick now."))
        << h.describe();
    // In view, not below the fold: "Look again", drawn under the message, can be tapped.
    EXPECT_NE(h.item("Look again"), nullptr) << h.describe();
    h.screenshot("officer-usb-saved.png");
    EXPECT_EQ(file_text(csv), cli_export(h.data_dir(), "csv", false, root / "cli.csv"));

    ASSERT_TRUE(h.tap("Responses (JSON)"));
    ASSERT_TRUE(h.tap("Meeting sessions (CSV)"));
    std::filesystem::path json, sessions;
    int files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(stick)) {
        ++files;
        const auto name = entry.path().filename().string();
        EXPECT_EQ(name.find(".part"), std::string::npos) << "a temporary file was left: " << name;
        if (entry.path().extension() == ".json") json = entry.path();
        if (name.rfind("fieldvoice-sessions-", 0) == 0) sessions = entry.path();
    }
    EXPECT_EQ(files, 3);
    ASSERT_FALSE(json.empty());
    ASSERT_FALSE(sessions.empty());
    EXPECT_TRUE(h.shows_part("Saved 1 meeting session as")) << h.describe();
    EXPECT_EQ(file_text(json), cli_export(h.data_dir(), "json", false, root / "cli.json"));
    EXPECT_EQ(file_text(sessions), cli_export(h.data_dir(), "csv", true, root / "cli-s.csv"));
    EXPECT_NE(file_text(sessions).find("Witney forum"), std::string::npos);
    int audited = 0;
    for (const auto& e : h.store().audit_log(50)) {
        audited += e.event == "export" && e.detail.find("to USB " + stick.string()) != std::string::npos;
    }
    EXPECT_EQ(audited, 3);

    // The stick pulled out before the tap: nothing saved, and the officer is told why.
    std::filesystem::remove_all(stick);
    ASSERT_TRUE(h.tap("Responses (CSV)"));
    EXPECT_TRUE(h.shows_part("Nothing was saved: cannot create")) << h.describe();
    EXPECT_FALSE(std::filesystem::exists(stick));
    std::filesystem::remove_all(root);
}

// The text drawn right after `label` this frame ("" when there is none).
std::string text_after(KioskHarness& h, const std::string& label) {
    const auto& texts = h.texts();
    const auto it = std::find(texts.begin(), texts.end(), label);
    return it == texts.end() || it + 1 == texts.end() ? "" : *(it + 1);
}

TEST(KioskOfficer, TheOfficerSeesThisKiosksResultsAndItsAuditLogAPageAtATime) {
    KioskHarness h(on_sample("libraries-2027"));
    const Consultation c = *h.app().consultation();
    int very_happy = 0, wifi = 0;
    for (int i = 0; i < 20; ++i) {
        const Response r = test::sample_response(c, 9, i);
        very_happy += r.answers.at("visit-rating") == 5;
        if (r.answers.contains("services-used")) {
            for (const auto& v : r.answers.at("services-used")) wifi += v == "wifi";
        }
        h.store().submit(r);
    }
    for (int i = 0; i < 30; ++i) h.store().audit("test_event", "n=" + std::to_string(i));

    h.press_key(SDLK_o, KMOD_LCTRL | KMOD_LALT);
    h.type_text(KioskHarness::kOfficerPin);
    h.press_key(SDLK_RETURN);
    ASSERT_EQ(h.app().screen(), ScreenId::Officer) << h.describe();
    ASSERT_TRUE(h.tap("This kiosk's results and audit log")) << h.describe();
    ASSERT_EQ(h.app().screen(), ScreenId::OfficerRecords);
    EXPECT_TRUE(h.shows("20 responses stored on this kiosk (sent or not).")) << h.describe();
    EXPECT_EQ(text_after(h, "5 Very happy"),
              std::to_string(very_happy) + "  " +
                  std::to_string(static_cast<int>(100.0 * very_happy / 20 + 0.5)) + "%")
        << h.describe();
    EXPECT_EQ(text_after(h, "Free Wi-Fi").substr(0, std::to_string(wifi).size() + 2),
              std::to_string(wifi) + "  ")
        << h.describe();
    h.screenshot("officer-results.png");

    ASSERT_TRUE(h.tap("Audit log"));
    EXPECT_TRUE(h.shows("Page 1, newest first")) << h.describe();
    const auto& cues = ui::Probe::current().cues();
    EXPECT_EQ(std::find(cues.begin(), cues.end(), "More below"), cues.end())
        << "a page of the audit log fits at 100%";
    EXPECT_TRUE(h.shows_part("test_event: n=29")) << h.describe();
    EXPECT_FALSE(h.shows_part("test_event: n=0")) << h.describe();
    ASSERT_NE(h.item("Newer"), nullptr);
    EXPECT_FALSE(h.item("Newer")->enabled) << "the first page has nothing newer";
    h.screenshot("officer-audit.png");
    int pages = 1;
    while (h.item("Older") != nullptr && h.item("Older")->enabled && pages < 10) {
        ASSERT_TRUE(h.tap("Older"));
        ++pages;
    }
    const int entries = static_cast<int>(h.store().audit_log(1000).size());
    const int per_page = screens::OfficerRecordsScreen::kAuditPage;
    EXPECT_EQ(pages, (entries + per_page - 1) / per_page) << h.describe();
    EXPECT_TRUE(h.shows("Page " + std::to_string(pages) + ", newest first")) << h.describe();
    EXPECT_TRUE(h.shows_part("test_event: n=0")) << h.describe();
    EXPECT_FALSE(h.shows_part("test_event: n=29")) << h.describe();
    ASSERT_TRUE(h.tap("Back to the officer screen"));
    EXPECT_EQ(h.app().screen(), ScreenId::Officer);
}

TEST(KioskOfficer, TheUsbSticksAreTheMountsUnderMediaWithTheirNamesDecoded) {
    std::istringstream mounts(
        "/dev/vda1 / ext4 rw,relatime 0 0\n"
        "proc /proc proc rw,nosuid 0 0\n"
        "/dev/sdb1 /media/kiosk/MY\\040STICK vfat rw,nosuid,nodev 0 0\n"
        "/dev/sdc1 /run/media/officer/BACKUP exfat rw 0 0\n"
        "tmpfs /media tmpfs rw 0 0\n"
        "/dev/sdd1 /mnt/media/other ext4 rw 0 0\n");
    const auto drives = platform::removable_drives_in(mounts);
    ASSERT_EQ(drives.size(), 2u);
    EXPECT_EQ(drives[0].mount_point, "/media/kiosk/MY STICK");
    EXPECT_EQ(drives[0].label, "MY STICK");
    EXPECT_EQ(drives[1].mount_point, "/run/media/officer/BACKUP");
}

}  // namespace
}  // namespace fv::testing
