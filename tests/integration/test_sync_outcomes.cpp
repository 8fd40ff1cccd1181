// "You said, we did" reaching a device: an officer publishes an entry on the real store's console,
// the real sync engine fetches it into the device's real database, a sync with nothing new gets
// 304 and keeps it, and once the officer withdraws it the next sync takes it off the device.
#include <gtest/gtest.h>

#include "fault/support/sync_rig.hpp"
#include "integration/support/central_process.hpp"
#include "integration/support/console_browser.hpp"
#include "sync/client/sync_engine.hpp"

namespace fv {
namespace {

using test::CentralProcess;

constexpr const char* kPage = "/consultations/libraries-2027/outcomes";

TEST(SyncOutcomes, AnEntryReachesTheDeviceAndLeavesItWhenWithdrawn) {
    test::no_proxy_for_loopback();
    CentralProcess central;
    central.publish(test::sample_consultation_path());
    central.start();
    auto made = central.run(
        {"add-user", "--email", "ann@example.org", "--name", "Ann Officer", "--role", "officer"});
    ASSERT_EQ(made.exit_code, 0) << made.err;
    test::ConsoleBrowser officer(central);
    officer.first_sign_in("ann@example.org", made.last_line(), "correct horse battery staple");

    test::TempFolder dir;
    const auto db = dir.path() / "fieldvoice.db";
    std::vector<std::string> log;
    SyncOptions options;
    options.log = [&](const std::string& line) { log.push_back(line); };
    options.wait = [](std::chrono::milliseconds) {};
    {
        SyncEngine enrolling(db);
        const auto enrolled =
            enrolling.enrol(central.base_url(), central.enrol_code("Kiosk"), "Witney kiosk");
        ASSERT_TRUE(enrolled.ok) << enrolled.message;
    }
    SyncEngine engine(db, options);
    auto first = engine.run_once();
    ASSERT_EQ(first.outcome, SyncOutcome::Done) << first.message;
    EXPECT_EQ(first.outcomes_kept, 0);

    ASSERT_TRUE(officer.get(kPage));
    auto published = officer.post_multipart(
        kPage,
        {{"text-en", "You said the library closes too early. We now open until 7pm on Thursdays."},
         {"text-pl", "W czwartki jesteśmy teraz otwarci do 19:00."},
         {"easy-en", "The library is open later on Thursdays."},
         {"theme", "opening-hours"},
         {"day", "2027-02-01"}},
        {});
    ASSERT_TRUE(published);
    ASSERT_EQ(published->status, 200) << test::visible_text(published->body);

    auto second = engine.run_once();
    ASSERT_EQ(second.outcome, SyncOutcome::Done) << second.message;
    EXPECT_EQ(second.outcomes_kept, 1);
    {
        auto store = Store::open(db);
        const auto kept = store->outcomes(std::string("libraries-2027"));
        ASSERT_EQ(kept.size(), 1u);
        EXPECT_EQ(kept[0].text_in("pl", "en", false),
                  "W czwartki jesteśmy teraz otwarci do 19:00.");
        EXPECT_EQ(kept[0].text_in("en", "en", true), "The library is open later on Thursdays.");
        // No Easy Read in Polish: the Polish text, not the English Easy Read.
        EXPECT_EQ(kept[0].text_in("pl", "en", true), "W czwartki jesteśmy teraz otwarci do 19:00.");
        EXPECT_EQ(kept[0].theme, "opening-hours");
        EXPECT_EQ(kept[0].date, "2027-02-01");
        EXPECT_TRUE(store->outcomes(std::string("adult-day-services-2027")).empty());
    }

    // Nothing new: 304, and the entry stays.
    auto third = engine.run_once();
    ASSERT_EQ(third.outcome, SyncOutcome::Done) << third.message;
    EXPECT_EQ(third.outcomes_kept, -1);
    EXPECT_EQ(Store::open(db)->outcomes().size(), 1u);

    // Withdrawn on the store: gone from the device at the next sync.
    const auto id = Store::open(db)->outcomes().front().id;
    auto withdrawn = officer.post(std::string(kPage) + "/" + id + "/withdraw", {});
    ASSERT_TRUE(withdrawn && withdrawn->status == 200);
    auto fourth = engine.run_once();
    ASSERT_EQ(fourth.outcome, SyncOutcome::Done) << fourth.message;
    EXPECT_EQ(fourth.outcomes_kept, 0);
    EXPECT_TRUE(Store::open(db)->outcomes().empty());
}

}  // namespace
}  // namespace fv
