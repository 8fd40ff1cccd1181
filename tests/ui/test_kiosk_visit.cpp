// Full visits of both sample consultations through the real kiosk screens, headless, with
// the stored response checked field by field.
#include <gtest/gtest.h>

#include "app/settings_keys.hpp"
#include "core/util/ids.hpp"
#include "core/util/seal.hpp"
#include "support/kiosk_harness.hpp"

namespace fv::testing {
namespace {

void start_visit(KioskHarness& h) {
    ASSERT_EQ(h.app().screen(), ScreenId::Attract) << h.describe();
    h.tap("Touch to start");
    ASSERT_EQ(h.app().screen(), ScreenId::Consent) << h.describe();
}

TEST(KioskVisit, LibrariesFullVisitIsStoredFieldByField) {
    KioskHarness h(on_sample("libraries-2027"));
    h.screenshot("01-attract.png");
    start_visit(h);
    h.screenshot("02-consent.png");
    h.tap("You may quote my words in public reports (never with my name)");
    h.tap("I agree, start");
    ASSERT_EQ(h.app().screen(), ScreenId::Question);
    EXPECT_TRUE(h.shows("Question 1 of 11")) << h.describe();
    h.tap("Next");  // the welcome page
    EXPECT_TRUE(h.shows("How was your visit to the library today?")) << h.describe();
    h.screenshot("03-smiley.png");
    h.tap("Happy");
    h.tap("Next");
    // visit-better is hidden for a happy visit: straight on to services.
    EXPECT_TRUE(h.shows_part("What do you use the library for?")) << h.describe();
    h.tap("Free Wi-Fi");
    h.tap("Borrowing books");
    h.screenshot("04-multi.png");
    h.tap("Next");
    h.tap("Sunday");
    h.tap("Next");
    h.tap("Longer opening hours");
    h.tap("More new books and e-books");
    h.tap("Help to get online");
    h.screenshot("05-ranking.png");
    h.tap("Next");
    h.tap("Agree", 0);
    h.tap("Disagree", 1);
    h.tap("Pass", 2);
    h.tap("Next");
    h.tap("9");
    h.screenshot("06-scale.png");
    h.tap("Next");
    h.type_text("ox4");
    h.screenshot("07-postcode.png");
    h.tap("Next");
    h.tap("45 to 64");
    EXPECT_TRUE(h.shows_part("Why we ask")) << h.describe();
    h.tap("Next");
    h.tap("Prefer not to say");
    h.tap("Next");
    h.type_text("reader@example.org");
    h.screenshot("08-email.png");
    ASSERT_TRUE(h.item("Send my answers")) << h.describe();
    h.tap("Send my answers");
    ASSERT_EQ(h.app().screen(), ScreenId::Thanks) << h.describe();
    h.screenshot("09-thanks.png");

    const auto stored = h.store().responses();
    ASSERT_EQ(stored.size(), 1u);
    const Response& r = stored[0].response;
    EXPECT_TRUE(is_uuid(r.id));
    EXPECT_EQ(r.consultation_id, "libraries-2027");
    EXPECT_EQ(r.mode, CaptureMode::Kiosk);
    EXPECT_EQ(r.language, "en");
    EXPECT_FALSE(r.started_at.empty());
    EXPECT_FALSE(r.submitted_at.empty());
    EXPECT_TRUE(r.consent.privacy_notice);
    EXPECT_TRUE(r.consent.quote_publicly);
    EXPECT_FALSE(r.consent.contact_me);
    EXPECT_TRUE(r.flags.empty());
    const nlohmann::json expected = {
        {"visit-rating", 4},
        {"services-used", {"borrow-books", "wifi"}},  // in the definition's order
        {"opening-hours", "sunday"},
        {"priorities", {"longer-hours", "more-books", "digital-help"}},
        {"statements",
         {{"shared-building", "agree"}, {"self-service", "disagree"}, {"volunteers", "pass"}}},
        {"recommend", 9},
        {"home-area", "OX4"},
        {"age-band", "45-64"},
        {"disability", "prefer-not-to-say"},
    };
    EXPECT_EQ(r.answers, expected);
    // The email is personal: never in clear, only in the sealed box.
    EXPECT_EQ(r.answers.dump().find("reader@example.org"), std::string::npos);
    ASSERT_TRUE(r.sealed.has_value());
    EXPECT_EQ(r.sealed->find("reader"), std::string::npos);
    EXPECT_EQ(stored[0].state, SyncState::Queued);
    // Nothing of the visit is left after the thank-you.
    EXPECT_FALSE(h.app().visit().active);
    EXPECT_TRUE(h.app().visit().answers.empty());
}

TEST(KioskVisit, AdultDayServicesFullVisitWithShowIfAndOther) {
    KioskHarness h(on_sample("adult-day-services-2027"));
    start_visit(h);
    h.tap("I agree, start");
    h.tap("Next");  // about today
    h.tap("I am a family member or unpaid carer");
    h.tap("Next");
    h.tap("Yes");
    h.tap("Next");
    EXPECT_TRUE(h.shows_part("On how many days a week?")) << h.describe();
    h.type_text("3");
    h.screenshot("number.png");
    h.tap("Next");
    h.tap("4");  // meets-needs, shown because current-use is not "no"
    h.tap("Next");
    h.tap("Seeing friends and meeting people");
    h.tap("Transport there and back");
    h.tap("Next");
    h.tap("Small hubs in libraries, leisure and community centres");
    h.tap("Staff who support me at home and nearby");
    h.tap("A personal budget to choose my own activities");
    h.tap("Next");
    h.tap("Agree", 0);
    h.tap("Agree", 1);
    h.tap("Disagree", 2);
    h.tap("Next");
    h.type_text("Keep the same drivers.");
    h.tap("Next");
    h.type_text("ox26 6ab");
    h.tap("Next");
    h.tap("Prefer not to say");
    h.tap("Next");
    h.tap("No");
    h.tap("Next");
    h.type_text("01865 123456");
    h.tap("Send my answers");
    ASSERT_EQ(h.app().screen(), ScreenId::Thanks) << h.describe();

    const auto stored = h.store().responses();
    ASSERT_EQ(stored.size(), 1u);
    const Response& r = stored[0].response;
    EXPECT_EQ(r.consultation_id, "adult-day-services-2027");
    EXPECT_EQ(r.language, "en");
    const nlohmann::json expected = {
        {"role", "family-carer"},
        {"current-use", "yes"},
        {"days-a-week", 3},
        {"meets-needs", 4},
        {"what-matters", {"friendship", "transport"}},
        {"future-models", {"community-hubs", "outreach", "personal-budgets"}},
        {"co-production",
         {{"same-staff", "agree"}, {"shared-transport", "agree"}, {"people-on-panel", "disagree"}}},
        {"ideas", "Keep the same drivers."},
        {"postcode", "OX26 6AB"},
        {"ethnicity", "prefer-not-to-say"},
        {"unpaid-carer", {"not-a-carer"}},
    };
    EXPECT_EQ(r.answers, expected);
    EXPECT_TRUE(r.sealed.has_value());
}

}  // namespace
}  // namespace fv::testing
