// The sync engine through the fault proxy, one scripted fault at a time, against the real
// fieldvoice-central: 429 Retry-After, 5xx backoff, 413 halving, a reply lost after the store
// committed, a bad consultation definition, and cancellation in the middle of a transfer.
#include <gtest/gtest.h>

#include <algorithm>
#include <future>

#include "fault/support/fault_proxy.hpp"
#include "fault/support/sync_rig.hpp"
#include "integration/support/central_process.hpp"
#include "sync/client/sync_engine.hpp"

namespace fv {
namespace {

using std::chrono::milliseconds;
using test::CentralProcess;
using test::Fault;
using test::FaultProxy;
using test::ScriptedFault;

std::string canned(int status, const std::string& reason, const std::string& body,
                   const std::string& extra_headers = "") {
    return "HTTP/1.1 " + std::to_string(status) + " " + reason +
           "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
           "\r\nConnection: close\r\n" + extra_headers + "\r\n" + body;
}

ScriptedFault pass() {
    return {Fault::Pass, ""};
}

// A central store with the sample consultation, a proxy in front, and an enrolled device whose
// store_url points at the proxy. Waits are recorded, never slept.
struct Rig {
    CentralProcess central;
    std::unique_ptr<FaultProxy> proxy;
    test::TempFolder dir;
    std::filesystem::path db = dir.path() / "fieldvoice.db";
    std::unique_ptr<Store> store;
    Consultation consultation;
    std::vector<milliseconds> waits;
    std::vector<std::string> log;

    Rig() {
        test::no_proxy_for_loopback();
        central.publish(test::sample_consultation_path());
        central.start();
        proxy = std::make_unique<FaultProxy>(central.port(), 42);
        consultation = *load_consultation_file(test::sample_consultation_path()).consultation;
        {
            SyncEngine engine(db);
            const auto enrolled = engine.enrol(central.base_url(), central.enrol_code("k"), "k");
            if (!enrolled.ok) throw std::runtime_error(enrolled.message);
        }
        store = Store::open(db);
        store->set_setting(kSettingStoreUrl, proxy->url());
    }
    SyncOptions options() {
        SyncOptions o;
        o.random01 = [] { return 0.0; };
        o.wait = [this](milliseconds d) { waits.push_back(d); };
        o.log = [this](const std::string& line) { log.push_back(line); };
        return o;
    }
    std::vector<std::string> compare(const std::vector<Response>& sent) {
        return test::compare_with_central(
            sent, test::central_responses(central.base_url(), central.officer_token("o"),
                                          consultation.id));
    }
};

TEST(SyncProxy, RateLimitedBatchWaitsRetryAfterThenGoesThrough) {
    Rig rig;
    const auto sent = test::fill_queue(*rig.store, rig.consultation, 30, 1);
    rig.proxy->script(
        {pass(),
         {Fault::CannedReply, canned(429, "Too Many Requests",
                                     R"({"error":{"code":"rate_limited","message":"Slow down."}})",
                                     "Retry-After: 7\r\n")}});
    SyncEngine engine(rig.db, rig.options());
    const auto report = engine.run(3);
    ASSERT_EQ(report.outcome, SyncOutcome::Done) << report.message;
    EXPECT_EQ(report.attempts, 2);
    ASSERT_EQ(rig.waits.size(), 1u);
    EXPECT_EQ(rig.waits[0], milliseconds(7000));
    EXPECT_EQ(rig.store->counts().synced, 30);
    EXPECT_TRUE(rig.compare(sent).empty());
}

TEST(SyncProxy, ServerErrorBacksOffFromTheBaseAndRetries) {
    Rig rig;
    const auto sent = test::fill_queue(*rig.store, rig.consultation, 10, 2);
    const std::string oops = R"({"error":{"code":"internal_error","message":"Disk full."}})";
    rig.proxy->script({pass(),
                       {Fault::CannedReply, canned(503, "Service Unavailable", oops)},
                       {Fault::CannedReply, canned(500, "Internal Server Error", oops)}});
    SyncEngine engine(rig.db, rig.options());
    const auto report = engine.run(5);
    ASSERT_EQ(report.outcome, SyncOutcome::Done) << report.message;
    ASSERT_EQ(rig.waits.size(), 2u);
    EXPECT_EQ(rig.waits[0], milliseconds(2000));  // random 0: the floor, 2 s
    EXPECT_EQ(rig.waits[1], milliseconds(2000));
    EXPECT_TRUE(rig.compare(sent).empty());
    // A 5xx leaves its words in the last error until a pass goes well.
    SyncEngine failing(rig.db, rig.options());
    rig.proxy->script({pass(), {Fault::CannedReply, canned(503, "Service Unavailable", oops)}});
    test::fill_queue(*rig.store, rig.consultation, 1, 3);
    const auto once = failing.run_once();
    EXPECT_EQ(once.outcome, SyncOutcome::Transient);
    EXPECT_NE(once.message.find("Disk full."), std::string::npos) << once.message;
}

// The status report (docs/device-status.md) comes last in a pass; a store from before it answers
// 404, and a store in trouble 5xx: neither makes the pass fail or leaves an error behind.
TEST(SyncProxy, AStoreThatDoesNotTakeTheStatusReportStillSyncsCleanly) {
    Rig rig;
    const auto sent = test::fill_queue(*rig.store, rig.consultation, 30, 6);
    const std::string unknown =
        R"({"error":{"code":"not_found","message":"There is nothing at this address."}})";
    // health, responses, consultations, outcomes, erasures pass; the status report gets an older
    // store's 404.
    rig.proxy->script({pass(),
                       pass(),
                       pass(),
                       pass(),
                       pass(),
                       {Fault::CannedReply, canned(404, "Not Found", unknown)}});
    SyncEngine engine(rig.db, rig.options());
    const auto report = engine.run_once();
    ASSERT_EQ(report.outcome, SyncOutcome::Done) << report.message;
    EXPECT_EQ(report.stored, 30);
    EXPECT_EQ(rig.proxy->count(Fault::CannedReply), 1) << "the status report was not sent last";
    EXPECT_FALSE(rig.store->setting(kSettingLastError).has_value());
    EXPECT_NE(std::find(rig.log.begin(), rig.log.end(),
                        "the store does not take device status reports (an older store)"),
              rig.log.end());
    EXPECT_TRUE(rig.compare(sent).empty());

    test::fill_queue(*rig.store, rig.consultation, 1, 7);
    rig.proxy->script({pass(),
                       pass(),
                       pass(),
                       pass(),
                       pass(),
                       {Fault::CannedReply,
                        canned(503, "Service Unavailable",
                               R"({"error":{"code":"internal_error","message":"Disk full."}})")}});
    const auto again = engine.run_once();
    EXPECT_EQ(again.outcome, SyncOutcome::Done) << again.message;
    EXPECT_TRUE(rig.waits.empty()) << "a failed status report is not retried";
    EXPECT_FALSE(rig.store->setting(kSettingLastError).has_value());
}

TEST(SyncProxy, AStoreWithoutOutcomesStillSyncsAndAnUnreadableListKeepsTheOldOne) {
    Rig rig;
    Outcome kept;
    kept.id = "1";
    kept.consultation_id = rig.consultation.id;
    kept.text = {{"en", "We added a ramp."}};
    kept.date = "2027-01-10";
    rig.store->replace_outcomes({kept});
    const auto sent = test::fill_queue(*rig.store, rig.consultation, 10, 8);
    const std::string unknown =
        R"({"error":{"code":"not_found","message":"There is nothing at this address."}})";
    // health, responses, consultations pass; the outcomes get an older store's 404.
    rig.proxy->script(
        {pass(), pass(), pass(), {Fault::CannedReply, canned(404, "Not Found", unknown)}});
    SyncEngine engine(rig.db, rig.options());
    const auto report = engine.run_once();
    ASSERT_EQ(report.outcome, SyncOutcome::Done) << report.message;
    EXPECT_EQ(report.stored, 10);
    EXPECT_EQ(report.outcomes_kept, -1);
    EXPECT_FALSE(rig.store->setting(kSettingLastError).has_value());
    EXPECT_TRUE(rig.compare(sent).empty());
    // A list that cannot be read (an entry with no text): the one kept stays, and the log says.
    // Nothing is queued now: health and consultations pass, the outcomes get the bad list.
    rig.proxy->script({pass(),
                       pass(),
                       {Fault::CannedReply,
                        canned(200, "OK", R"({"outcomes":[{"id":"2","consultation_id":"x"}]})")}});
    const auto again = engine.run_once();
    ASSERT_EQ(again.outcome, SyncOutcome::Done) << again.message;
    const auto outcomes = rig.store->outcomes();
    ASSERT_EQ(outcomes.size(), 1u);
    EXPECT_EQ(outcomes[0].text_in("en", "en", false), "We added a ramp.");
    EXPECT_NE(std::find(rig.log.begin(), rig.log.end(),
                        "the store's you-said-we-did entries could not be read (outcomes[0]: "
                        "text: missing); the ones kept stay"),
              rig.log.end());
}

// The list of erased responses (docs/receipt.md): a store from before it answers 404 and the pass
// is Done with nothing deleted; a list that cannot be read deletes nothing and says so.
TEST(SyncProxy, AStoreWithoutErasuresStillSyncsAndAnUnreadableListDeletesNothing) {
    Rig rig;
    const auto sent = test::fill_queue(*rig.store, rig.consultation, 10, 9);
    const std::string unknown =
        R"({"error":{"code":"not_found","message":"There is nothing at this address."}})";
    // health, responses, consultations, outcomes pass; the erasures get an older store's 404.
    rig.proxy->script(
        {pass(), pass(), pass(), pass(), {Fault::CannedReply, canned(404, "Not Found", unknown)}});
    SyncEngine engine(rig.db, rig.options());
    const auto report = engine.run_once();
    ASSERT_EQ(report.outcome, SyncOutcome::Done) << report.message;
    EXPECT_EQ(report.stored, 10);
    EXPECT_EQ(report.erased, 0);
    EXPECT_EQ(rig.proxy->count(Fault::CannedReply), 1) << "the erasures were not fetched";
    EXPECT_FALSE(rig.store->setting(kSettingLastError).has_value());
    EXPECT_FALSE(rig.store->setting(kSettingErasuresEtag).has_value());
    EXPECT_EQ(rig.store->counts().synced, 10);
    // A list naming a response of this device but not readable as a whole: nothing goes.
    rig.proxy->script(
        {pass(),
         pass(),
         pass(),
         {Fault::CannedReply,
          canned(200, "OK", R"({"erasures":[{"id":")" + sent[0].id + R"("},{"erased":1}]})")}});
    const auto again = engine.run_once();
    ASSERT_EQ(again.outcome, SyncOutcome::Done) << again.message;
    EXPECT_EQ(again.erased, 0);
    EXPECT_EQ(rig.store->counts().synced, 10);
    EXPECT_NE(std::find(rig.log.begin(), rig.log.end(),
                        "the store's list of erased responses could not be read (erasures[1].id: "
                        "missing or not a string); nothing was deleted"),
              rig.log.end());
    EXPECT_TRUE(rig.compare(sent).empty());
}

TEST(SyncProxy, TooLargeHalvesTheBatchAtOnce) {
    Rig rig;
    const auto sent = test::fill_queue(*rig.store, rig.consultation, 40, 4);
    rig.proxy->script({pass(),
                       {Fault::CannedReply,
                        canned(413, "Payload Too Large",
                               R"({"error":{"code":"body_too_large","message":"Too big."}})")}});
    SyncEngine engine(rig.db, rig.options());
    const auto report = engine.run_once();
    ASSERT_EQ(report.outcome, SyncOutcome::Done) << report.message;
    EXPECT_EQ(report.halvings, 1);
    EXPECT_EQ(report.batches, 2);  // 20 + 20
    EXPECT_TRUE(rig.waits.empty()) << "413 retries at once";
    EXPECT_TRUE(rig.compare(sent).empty());
}

TEST(SyncProxy, AReplyLostAfterTheStoreCommittedComesBackAsDuplicatesNotTwice) {
    Rig rig;
    const auto sent = test::fill_queue(*rig.store, rig.consultation, 120, 5);
    rig.proxy->script({pass(), {Fault::DropAfterRequest, ""}});
    SyncEngine engine(rig.db, rig.options());
    const auto report = engine.run(3);
    ASSERT_EQ(report.outcome, SyncOutcome::Done) << report.message;
    // The retry is the engine's next attempt, or libcurl's own when the dropped connection
    // was a reused one; either way the store answers "duplicate".
    EXPECT_LE(report.attempts, 2);
    EXPECT_EQ(report.duplicate, 120);
    EXPECT_EQ(report.stored, 0);
    EXPECT_EQ(rig.store->counts().synced, 120);
    EXPECT_TRUE(rig.compare(sent).empty());
}

TEST(SyncProxy, AnInvalidConsultationIsLoggedAndSkippedWhileTheGoodOneIsSaved) {
    Rig rig;
    auto good = nlohmann::json::parse(test::read_text_file(test::sample_consultation_path()));
    good["version"] = 5;
    auto bad = good;
    bad["id"] = "broken-one";
    bad["questions"][1]["type"] = "hologram";
    const std::string body = nlohmann::json{{"consultations", {bad, good}}}.dump();
    rig.proxy->script({pass(), {Fault::CannedReply, canned(200, "OK", body)}});
    SyncEngine engine(rig.db, rig.options());
    const auto report = engine.run_once();
    ASSERT_EQ(report.outcome, SyncOutcome::Done) << report.message;
    EXPECT_EQ(report.consultations_saved, 1);
    EXPECT_EQ(report.consultations_skipped, 1);
    EXPECT_TRUE(rig.store->consultation("libraries-2027", 5).has_value());
    EXPECT_FALSE(rig.store->latest_consultation("broken-one").has_value());
    bool logged = false;
    for (const auto& line : rig.log) logged |= line.find("broken-one") != std::string::npos;
    EXPECT_TRUE(logged);
}

TEST(SyncProxy, CancelAbortsATransferInHandAndMarksNothing) {
    Rig rig;
    test::fill_queue(*rig.store, rig.consultation, 50, 6);
    rig.proxy->set_max_delay_ms(60000);
    rig.proxy->script({pass(), {Fault::Delay, ""}});  // the POST hangs for up to a minute
    SyncEngine engine(rig.db, rig.options());
    auto running = std::async(std::launch::async, [&] { return engine.run(3); });
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (rig.proxy->count(Fault::Delay) == 0 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(milliseconds(5));
    }
    engine.cancel();
    const auto report = running.get();
    EXPECT_EQ(report.outcome, SyncOutcome::Cancelled) << report.message;
    EXPECT_EQ(rig.store->counts().queued, 50);
    EXPECT_TRUE(engine.status().last_error.empty());
}

}  // namespace
}  // namespace fv
