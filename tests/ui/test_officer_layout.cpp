// The officer screen's layout on council laptops (1366x768, 1280x800) at 100%, 150% and 200%
// text, enrolled or not: the Meeting sessions, Partner feedback and Assisted visit buttons are
// whole on the screen as it opens, with no scrolling (a councillor new to the app would miss
// them below the fold); the enrolment and sync controls are still there, on screen at 100%
// and a scroll away at larger text. The screen of this kiosk's results and audit log opens with
// its controls on screen and a "More below" cue wherever its content runs past the page, and a
// page of the audit log fits at 100%. A screenshot of each case is kept.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <string>

#include "app/ui/probe.hpp"
#include "app/ui/theme.hpp"
#include "fault/support/sample_responses.hpp"
#include "support/kiosk_harness.hpp"
#include "support/meeting_steps.hpp"
#include "sync/client/sync_engine.hpp"

namespace fv::testing {
namespace {

struct Case {
    int width, height;
    const char* size_button;  // on the attract screen
    bool enrolled;
};

std::string name_of(const Case& c) {
    std::string size = c.size_button + 3;  // "A  150%" -> "150%"
    size.pop_back();
    return std::to_string(c.width) + "x" + std::to_string(c.height) + "-" + size +
           (c.enrolled ? "-enrolled" : "-not-enrolled");
}

std::string test_name(const ::testing::TestParamInfo<Case>& param) {
    std::string n = name_of(param.param);
    for (char& ch : n) {
        if (ch == '-' || ch == '%') ch = '_';
    }
    return n;
}

// Whole on screen: reported (not scrolled out), and not cut by the page's bottom edge.
::testing::AssertionResult whole(KioskHarness& h, const std::string& label) {
    const ui::ShownItem* it = h.item(label);
    if (it == nullptr) return ::testing::AssertionFailure() << "\"" << label << "\" not on screen";
    const float min_height = ui::theme().min_target - 1.0f;
    if (it->y1 - it->y0 < min_height) {
        return ::testing::AssertionFailure()
               << "\"" << label << "\" is cut: " << (it->y1 - it->y0) << " px of at least "
               << min_height << " shown, at y " << it->y0;
    }
    return ::testing::AssertionSuccess();
}

// Scrolls the page down, as an officer would, until `label` is whole on screen.
::testing::AssertionResult reachable(KioskHarness& h, const std::string& label) {
    for (int i = 0; i < 16 && !whole(h, label); ++i) h.scroll(1);
    return whole(h, label);
}

class OfficerLayout : public ::testing::TestWithParam<Case> {};

TEST_P(OfficerLayout, MeetingButtonsNeedNoScrollAndSyncAndEnrolStayThere) {
    const Case c = GetParam();
    KioskHarness h(on_sample("libraries-2027", c.width, c.height));
    if (c.enrolled) {
        setenv("no_proxy", "127.0.0.1,localhost", 1);
        h.store().set_setting(kSettingStoreUrl, "http://127.0.0.1:9/");
        h.store().set_setting(kSettingDeviceId, "device-under-test");
        h.store().set_setting(kSettingDeviceToken, "token-under-test");
    }
    ASSERT_TRUE(h.tap(c.size_button));
    ASSERT_NO_FATAL_FAILURE(open_officer(h));
    h.screenshot("officer-" + name_of(c) + ".png");
    for (const char* label : {"Meeting sessions", "Partner feedback", "Assisted visit"}) {
        EXPECT_TRUE(whole(h, label)) << name_of(c) << "\n" << h.describe();
    }
    const char* store_button = c.enrolled ? "Enrol with another store" : "Enrol";
    if (std::string(c.size_button) == "A  100%") {
        EXPECT_TRUE(whole(h, store_button)) << name_of(c) << "\n" << h.describe();
        if (c.enrolled) {
            EXPECT_TRUE(whole(h, "Sync now")) << name_of(c) << "\n" << h.describe();
        }
    }
    EXPECT_TRUE(reachable(h, store_button)) << name_of(c) << "\n" << h.describe();
    if (c.enrolled) {
        EXPECT_TRUE(reachable(h, "Sync now")) << name_of(c) << "\n" << h.describe();
    }
    EXPECT_TRUE(whole(h, "Return to kiosk")) << "the footer stays put";
}

bool cue_drawn(const char* cue) {
    const auto& cues = ui::Probe::current().cues();
    return std::find(cues.begin(), cues.end(), cue) != cues.end();
}

class OfficerRecordsLayout : public ::testing::TestWithParam<Case> {};

TEST_P(OfficerRecordsLayout, OpensWithItsControlsAndSaysWhenThereIsMore) {
    const Case c = GetParam();
    KioskHarness h(on_sample("libraries-2027", c.width, c.height));
    const Consultation consultation = *h.app().consultation();
    for (int i = 0; i < 20; ++i) h.store().submit(test::sample_response(consultation, 9, i));
    for (int i = 0; i < 30; ++i) h.store().audit("test_event", "n=" + std::to_string(i));
    ASSERT_TRUE(h.tap(c.size_button));
    ASSERT_NO_FATAL_FAILURE(open_officer(h));
    ASSERT_TRUE(reachable(h, "This kiosk's results and audit log")) << h.describe();
    ASSERT_TRUE(h.tap("This kiosk's results and audit log"));
    // The first frame of the screen: its tabs and the way back are whole, and the results, which
    // run past the page, say so.
    for (const char* label : {"Audit log", "Back to the officer screen"}) {
        EXPECT_TRUE(whole(h, label)) << name_of(c) << "\n" << h.describe();
    }
    EXPECT_TRUE(cue_drawn("More below")) << name_of(c) << "\n" << h.describe();
    h.screenshot("officer-records-" + name_of(c) + ".png");
    ASSERT_TRUE(h.tap("Audit log"));
    if (std::string(c.size_button) == "A  100%") {
        EXPECT_FALSE(cue_drawn("More below")) << "a page of the audit log fits: " << name_of(c);
        EXPECT_TRUE(whole(h, "Older")) << name_of(c) << "\n" << h.describe();
    } else {
        EXPECT_TRUE(whole(h, "Older") || cue_drawn("More below")) << name_of(c);
        EXPECT_TRUE(reachable(h, "Older")) << name_of(c) << "\n" << h.describe();
    }
    h.screenshot("officer-audit-" + name_of(c) + ".png");
}

std::vector<Case> cases() {
    std::vector<Case> all;
    for (const auto& [w, hgt] : {std::pair{1366, 768}, std::pair{1280, 800}}) {
        for (const char* size : {"A  100%", "A  150%", "A  200%"}) {
            for (bool enrolled : {false, true}) all.push_back({w, hgt, size, enrolled});
        }
    }
    return all;
}

INSTANTIATE_TEST_SUITE_P(Laptops, OfficerLayout, ::testing::ValuesIn(cases()), test_name);

// The records screen is the same enrolled or not.
std::vector<Case> records_cases() {
    std::vector<Case> all;
    for (const auto& c : cases()) {
        if (!c.enrolled) all.push_back(c);
    }
    return all;
}

INSTANTIATE_TEST_SUITE_P(Laptops, OfficerRecordsLayout, ::testing::ValuesIn(records_cases()),
                         test_name);

}  // namespace
}  // namespace fv::testing
