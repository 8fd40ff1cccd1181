// The sync engine against the real fieldvoice-central process on loopback and a real device
// database: enrol, publish, submit, sync, and compare the central store field by field.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <sstream>

#include "fault/support/sync_rig.hpp"
#include "integration/support/central_process.hpp"
#include "sync/client/sync_command.hpp"
#include "sync/client/sync_engine.hpp"

namespace fv {
namespace {

using test::CentralProcess;

// A device database, enrolled on a running central store through the engine.
struct Device {
    test::TempFolder dir;
    std::filesystem::path db = dir.path() / "fieldvoice.db";
    std::unique_ptr<Store> store = Store::open(db);
    Consultation consultation;
    std::vector<std::string> log;

    explicit Device(const CentralProcess& central) {
        test::no_proxy_for_loopback();
        auto parsed = load_consultation_file(test::sample_consultation_path());
        if (!parsed.ok()) throw std::runtime_error("the sample consultation does not load");
        consultation = *parsed.consultation;
        SyncEngine engine(db);
        const auto result = engine.enrol(central.base_url(), central.enrol_code("Test kiosk"),
                                         "Witney Library kiosk 1");
        if (!result.ok) throw std::runtime_error("enrolment failed: " + result.message);
    }
    SyncOptions options() {
        SyncOptions o;
        o.log = [this](const std::string& line) { log.push_back(line); };
        o.wait = [](std::chrono::milliseconds) {};
        return o;
    }
};

CentralProcess::Options with_prefix() {
    CentralProcess::Options o;
    o.prefix = "/fieldvoice";
    return o;
}

TEST(SyncCentral, EnrolPublishSyncThenTheStoreHoldsEveryResponseFieldForField) {
    CentralProcess central(with_prefix());  // a path prefix, as behind a council's proxy
    central.publish(test::sample_consultation_path());
    central.start();
    Device device(central);
    EXPECT_EQ(device.store->setting(kSettingStoreUrl).value_or(""), central.base_url());
    EXPECT_TRUE(is_uuid(device.store->setting(kSettingDeviceId).value_or("")));
    const std::string token = device.store->setting(kSettingDeviceToken).value_or("");
    EXPECT_FALSE(token.empty());

    const auto sent = test::fill_queue(*device.store, device.consultation, 1200, 7);
    SyncEngine engine(device.db, device.options());
    const auto report = engine.run_once();
    ASSERT_EQ(report.outcome, SyncOutcome::Done) << report.message;
    EXPECT_EQ(report.stored, 1200);
    EXPECT_EQ(report.duplicate, 0);
    EXPECT_EQ(report.batches, 3);  // 500, 500, 200 in capture order
    EXPECT_EQ(report.consultations_saved, 1);
    EXPECT_TRUE(report.clock_warning.empty());
    EXPECT_LE(engine.connections_opened(), 2) << "the handle should keep its connection alive";
    EXPECT_EQ(engine.progress_sent(), 1200);
    EXPECT_EQ(engine.progress_total(), 1200);

    const auto counts = device.store->counts();
    EXPECT_EQ(counts.queued, 0);
    EXPECT_EQ(counts.synced, 1200);
    EXPECT_TRUE(device.store->setting(kSettingLastSyncAt).has_value());
    EXPECT_FALSE(device.store->setting(kSettingLastError).has_value());
    EXPECT_TRUE(device.store->setting(kSettingConsultationsEtag).has_value());
    EXPECT_TRUE(device.store->consultation("libraries-2027", 1).has_value());

    const auto officer = central.officer_token("analyst");
    const auto problems = test::compare_with_central(
        sent, test::central_responses(central.base_url(), officer, "libraries-2027"));
    EXPECT_TRUE(problems.empty()) << problems.size() << " problems, first: " << problems.front();

    // Nothing new: no batch, and the consultations come back as 304 Not Modified.
    const auto again = engine.run_once();
    ASSERT_EQ(again.outcome, SyncOutcome::Done) << again.message;
    EXPECT_EQ(again.sent, 0);
    EXPECT_TRUE(again.consultations_unchanged);
    const auto status = engine.status();
    EXPECT_EQ(status.counts.synced, 1200);
    EXPECT_FALSE(status.last_success_at.empty());
    EXPECT_TRUE(status.last_error.empty());

    // The token never reaches a log line on either side.
    for (const auto& line : device.log) EXPECT_EQ(line.find(token), std::string::npos) << line;
    EXPECT_EQ(central.server_log().find(token), std::string::npos);
}

TEST(SyncCentral, ANewVersionIsPulledAndEveryVersionIsKept) {
    CentralProcess central;
    central.publish(test::sample_consultation_path());
    central.start();
    Device device(central);
    SyncEngine engine(device.db, device.options());
    ASSERT_EQ(engine.run_once().outcome, SyncOutcome::Done);
    auto v2 = nlohmann::json::parse(test::read_text_file(test::sample_consultation_path()));
    v2["version"] = 2;
    v2["title"]["en"] = "Your library, your say (second round)";
    const auto v2_path = device.dir.path() / "libraries-2027-v2.json";
    std::ofstream(v2_path) << v2.dump();
    central.publish(v2_path);
    const auto report = engine.run_once();
    ASSERT_EQ(report.outcome, SyncOutcome::Done) << report.message;
    EXPECT_FALSE(report.consultations_unchanged);
    EXPECT_TRUE(device.store->consultation("libraries-2027", 1).has_value());
    ASSERT_TRUE(device.store->consultation("libraries-2027", 2).has_value());
    EXPECT_EQ(device.store->latest_consultation("libraries-2027")->version, 2);
}

TEST(SyncCentral, ARejectedResponseIsQuarantinedWhileTheRestSync) {
    CentralProcess central;
    central.publish(test::sample_consultation_path());
    central.start();
    Device device(central);
    auto sent = test::fill_queue(*device.store, device.consultation, 40, 11);
    Response unknown_version = test::sample_response(device.consultation, 11, 100);
    unknown_version.consultation_version = 99;
    Response broken = test::sample_response(device.consultation, 11, 101);
    broken.answers["visit-rating"] = 9;  // a smiley is 1..5
    device.store->submit(unknown_version);
    device.store->submit(broken);
    auto more = test::fill_queue(*device.store, device.consultation, 10, 12);
    sent.insert(sent.end(), more.begin(), more.end());

    SyncEngine engine(device.db, device.options());
    const auto report = engine.run_once();
    ASSERT_EQ(report.outcome, SyncOutcome::Done) << report.message;
    EXPECT_EQ(report.stored, 50);
    EXPECT_EQ(report.rejected, 2);
    const auto counts = device.store->counts();
    EXPECT_EQ(counts.queued, 0);
    EXPECT_EQ(counts.synced, 50);
    EXPECT_EQ(counts.quarantined, 2);
    const auto quarantined = device.store->quarantined();
    ASSERT_EQ(quarantined.size(), 2u);
    EXPECT_EQ(quarantined[0].response.id, unknown_version.id);
    EXPECT_EQ(quarantined[0].quarantine_code, "unknown_consultation_version");
    EXPECT_EQ(quarantined[1].response.id, broken.id);
    EXPECT_EQ(quarantined[1].quarantine_code, "invalid_response");
    EXPECT_FALSE(quarantined[1].quarantine_message.empty());
    const auto problems = test::compare_with_central(
        sent,
        test::central_responses(central.base_url(), central.officer_token("o"), "libraries-2027"));
    EXPECT_TRUE(problems.empty()) << problems.front();
}

TEST(SyncCentral, AnOversizedBatchIsHalvedUntilItFitsAndEverythingArrives) {
    CentralProcess central;
    central.publish(test::sample_consultation_path());
    central.start();
    Device device(central);
    // 500 responses carrying 20 KB sealed boxes: about 10 MiB of JSON, past the 8 MiB limit.
    std::vector<Response> sent;
    sqlite3_exec(device.store->handle(), "BEGIN", nullptr, nullptr, nullptr);
    const std::string long_email = std::string(15000, 'a') + "@example.org";
    for (int i = 0; i < 500; ++i) {
        Response r = test::sample_response(device.consultation, 3, i);
        r.sealed = seal_to(R"({"email":")" + long_email + R"("})", device.consultation.public_key);
        device.store->submit(r);
        sent.push_back(r);
    }
    sqlite3_exec(device.store->handle(), "COMMIT", nullptr, nullptr, nullptr);
    SyncEngine engine(device.db, device.options());
    const auto report = engine.run_once();
    ASSERT_EQ(report.outcome, SyncOutcome::Done) << report.message;
    EXPECT_GE(report.halvings, 1);
    EXPECT_EQ(report.stored, 500);
    EXPECT_GE(report.batches, 2);
    EXPECT_EQ(device.store->counts().synced, 500);
    const auto problems = test::compare_with_central(
        sent,
        test::central_responses(central.base_url(), central.officer_token("o"), "libraries-2027"));
    EXPECT_TRUE(problems.empty()) << problems.front();
}

TEST(SyncCentral, ARevokedDeviceStopsAndAsksToBeEnrolledAgain) {
    CentralProcess central;
    central.publish(test::sample_consultation_path());
    central.start();
    Device device(central);
    test::fill_queue(*device.store, device.consultation, 5, 21);
    SyncEngine engine(device.db, device.options());
    ASSERT_EQ(engine.run_once().outcome, SyncOutcome::Done);
    central.revoke_device(device.store->setting(kSettingDeviceId).value());
    test::fill_queue(*device.store, device.consultation, 5, 22);
    const auto report = engine.run(3);
    EXPECT_EQ(report.outcome, SyncOutcome::EnrolAgain);
    EXPECT_EQ(report.attempts, 1) << "a 401 must not be retried";
    EXPECT_NE(report.message.find("must be enrolled again"), std::string::npos) << report.message;
    EXPECT_EQ(device.store->counts().queued, 5);
    EXPECT_EQ(device.store->setting(kSettingLastError).value_or(""), report.message);
    EXPECT_EQ(engine.status().last_error, report.message);

    // Enrolling again with a new code lets the queue go.
    const auto enrolled = engine.enrol(central.base_url(), central.enrol_code("again"), "kiosk");
    ASSERT_TRUE(enrolled.ok) << enrolled.message;
    const auto after = engine.run_once();
    EXPECT_EQ(after.outcome, SyncOutcome::Done) << after.message;
    EXPECT_EQ(device.store->counts().queued, 0);
}

TEST(SyncCentral, TheWorkerStopsAfterA401UntilAskedAgain) {
    CentralProcess central;
    central.publish(test::sample_consultation_path());
    central.start();
    Device device(central);
    central.revoke_device(device.store->setting(kSettingDeviceId).value());
    test::fill_queue(*device.store, device.consultation, 3, 23);
    auto options = device.options();
    options.auto_interval = std::chrono::milliseconds(20);  // would retry at once if not stopped
    SyncEngine engine(device.db, options);
    engine.start();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (engine.status().activity != SyncStatus::Activity::Stopped &&
           std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    const auto status = engine.status();
    EXPECT_EQ(status.activity, SyncStatus::Activity::Stopped);
    EXPECT_EQ(status.last_outcome, SyncOutcome::EnrolAgain);
    EXPECT_NE(status.last_error.find("must be enrolled again"), std::string::npos);
    EXPECT_EQ(status.counts.queued, 3);
    engine.stop();
    // Stopped means no passes: the store saw one rejected upload, not one every 20 ms.
    const auto log = central.server_log();
    std::size_t posts = 0;
    for (auto at = log.find("POST /api/v1/responses 401"); at != std::string::npos;
         at = log.find("POST /api/v1/responses 401", at + 1)) {
        ++posts;
    }
    EXPECT_EQ(posts, 1u) << log;
}

TEST(SyncCentral, AWrongPathPrefixStopsWithTheStoresMessageAndNoRetry) {
    CentralProcess central(with_prefix());
    central.publish(test::sample_consultation_path());
    central.start();
    Device device(central);
    test::fill_queue(*device.store, device.consultation, 2, 24);
    device.store->set_setting(kSettingStoreUrl, central.base_url() + "not-here/");
    SyncEngine engine(device.db, device.options());
    const auto report = engine.run(3);
    EXPECT_EQ(report.outcome, SyncOutcome::Refused) << report.message;
    EXPECT_EQ(report.attempts, 1);
    EXPECT_NE(report.message.find("HTTP 404"), std::string::npos) << report.message;
    EXPECT_EQ(device.store->counts().queued, 2);
}

TEST(SyncCentral, EnrolmentRefusalsAreExplainedAndSaveNothing) {
    CentralProcess central;
    central.start();
    test::TempFolder dir;
    SyncEngine engine(dir.path() / "fieldvoice.db");
    const auto bad_code = engine.enrol(central.base_url(), "NOPE-NOPE", "kiosk");
    EXPECT_FALSE(bad_code.ok);
    EXPECT_NE(bad_code.message.find("did not accept the code"), std::string::npos)
        << bad_code.message;
    const auto bad_url = engine.enrol("ftp://example", "X", "kiosk");
    EXPECT_FALSE(bad_url.ok);
    EXPECT_NE(bad_url.message.find("https://"), std::string::npos);
    auto store = Store::open(dir.path() / "fieldvoice.db");
    EXPECT_FALSE(store->setting(kSettingDeviceToken).has_value());
    EXPECT_FALSE(store->setting(kSettingStoreUrl).has_value());
}

TEST(SyncCentral, AClockFarFromTheStoresGetsAWarning) {
    CentralProcess central;
    central.start();
    Device device(central);
    auto options = device.options();
    options.now = [] { return std::chrono::system_clock::now() + std::chrono::minutes(42); };
    SyncEngine engine(device.db, options);
    const auto report = engine.run_once();
    EXPECT_EQ(report.outcome, SyncOutcome::Done) << report.message;
    EXPECT_NE(report.clock_warning.find("ahead"), std::string::npos) << report.clock_warning;
    EXPECT_EQ(engine.status().clock_warning, report.clock_warning);
}

TEST(SyncCentral, WorkerSyncsOnDemandAndReportsProgressInItsStatus) {
    CentralProcess central;
    central.publish(test::sample_consultation_path());
    central.start();
    Device device(central);
    auto options = device.options();
    options.auto_interval = std::chrono::hours(1);  // only the first pass and sync_now
    SyncEngine engine(device.db, options);
    engine.start();
    const auto wait_for = [&](auto done) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (!done() && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        return done();
    };
    ASSERT_TRUE(wait_for([&] { return engine.status().last_outcome.has_value(); }));
    test::fill_queue(*device.store, device.consultation, 700, 5);
    engine.sync_now();
    ASSERT_TRUE(wait_for([&] { return engine.status().counts.synced == 700; }));
    const auto status = engine.status();
    EXPECT_EQ(status.sent, 700);
    EXPECT_EQ(status.total, 700);
    EXPECT_EQ(status.last_outcome, SyncOutcome::Done);
    engine.stop();
}

TEST(SyncCommand, EnrolThenSyncFromTheCommandLine) {
    CentralProcess central(with_prefix());
    central.publish(test::sample_consultation_path());
    central.start();
    test::no_proxy_for_loopback();
    test::TempFolder dir;
    std::ostringstream out, err;
    EXPECT_EQ(sync_command({"--data-dir", dir.path().string()}, out, err), 1);
    EXPECT_NE(err.str().find("enrol"), std::string::npos) << err.str();
    EXPECT_EQ(enrol_command({"--url", central.base_url()}, out, err), 2);  // no --code
    err.str("");
    ASSERT_EQ(enrol_command({"--url", central.base_url(), "--code", central.enrol_code("cli"),
                             "--name", "Laptop 3", "--data-dir", dir.path().string()},
                            out, err),
              0)
        << err.str();
    const auto parsed = load_consultation_file(test::sample_consultation_path());
    {
        auto store = Store::open(database_path(dir.path()));
        test::fill_queue(*store, *parsed.consultation, 30, 9);
    }
    out.str("");
    ASSERT_EQ(sync_command({"--data-dir", dir.path().string()}, out, err), 0) << err.str();
    EXPECT_NE(out.str().find("sent 30 of 30"), std::string::npos) << out.str();
    EXPECT_NE(out.str().find("everything queued is synced"), std::string::npos) << out.str();
    EXPECT_EQ(sync_command({"--data-dir", dir.path().string(), "--bogus"}, out, err), 2);

    // A store that is down: exit 1 with the reason, after the attempts asked for.
    central.kill();
    err.str("");
    {
        auto store = Store::open(database_path(dir.path()));
        test::fill_queue(*store, *parsed.consultation, 1, 10);
    }
    EXPECT_EQ(
        sync_command({"--data-dir", dir.path().string(), "--attempts", "2", "--backoff-ms", "10"},
                     out, err),
        1);
    EXPECT_NE(err.str().find("Could not reach the store"), std::string::npos) << err.str();
}

}  // namespace
}  // namespace fv
