// Erasure reaching a device (docs/receipt.md): a real device database and the real sync engine
// against the real store. A response the device synced is erased by an officer on the console;
// the next sync deletes it from the device (GET /api/v1/erasures), leaves the others and says so
// in the device's audit log without any answer. A response the device still has queued, whose
// earlier upload reached the store before the officer erased it, is refused `erased` when it is
// sent again: the device deletes it and does not quarantine it.
#include <gtest/gtest.h>

#include "core/util/ids.hpp"
#include "fault/support/sync_rig.hpp"
#include "integration/support/central_fixtures.hpp"
#include "integration/support/console_browser.hpp"
#include "sync/client/sync_engine.hpp"

namespace fv {
namespace {

using test::CentralProcess;

class SyncErasure : public ::testing::Test {
  protected:
    void SetUp() override {
        test::no_proxy_for_loopback();
        central_.publish(test::sample_consultation_path());
        central_.start();
        auto made = central_.run({"add-user", "--email", "ann@example.org", "--name", "Ann Officer",
                                  "--role", "officer"});
        ASSERT_EQ(made.exit_code, 0) << made.err;
        officer_.first_sign_in("ann@example.org", made.last_line(), "correct horse battery staple");
        options_.log = [this](const std::string& line) { log_.push_back(line); };
        options_.wait = [](std::chrono::milliseconds) {};
        SyncEngine enrolling(db_);
        const auto enrolled =
            enrolling.enrol(central_.base_url(), central_.enrol_code("Kiosk"), "Witney kiosk");
        ASSERT_TRUE(enrolled.ok) << enrolled.message;
        const auto parsed = load_consultation_file(test::sample_consultation_path());
        ASSERT_TRUE(parsed.ok());
        consultation_ = *parsed.consultation;
    }

    // A response as the kiosk stores it, with a receipt's reference.
    Response submit(int n) {
        Response r = test::sample_response(consultation_, 41, n);
        r.reference = new_reference();
        Store::open(db_)->submit(r);
        return r;
    }

    void erase(const Response& r) {
        auto found = officer_.get("/erase?reference=" + *r.reference);
        ASSERT_TRUE(found);
        ASSERT_EQ(found->status, 200) << test::visible_text(found->body);
        auto done = officer_.post("/erase/" + r.id, {});
        ASSERT_TRUE(done);
        ASSERT_EQ(done->status, 200) << test::visible_text(done->body);
    }

    bool held(const Response& r) { return Store::open(db_)->response(r.id).has_value(); }

    CentralProcess central_;
    test::ConsoleBrowser officer_{central_};
    test::TempFolder dir_;
    std::filesystem::path db_ = dir_.path() / "fieldvoice.db";
    std::vector<std::string> log_;
    SyncOptions options_;
    Consultation consultation_;
};

TEST_F(SyncErasure, ASyncedResponseErasedOnTheStoreLeavesTheDeviceAtTheNextSync) {
    const Response erased = submit(0), kept = submit(1), other = submit(2);
    SyncEngine engine(db_, options_);
    auto first = engine.run_once();
    ASSERT_EQ(first.outcome, SyncOutcome::Done) << first.message;
    ASSERT_EQ(first.stored, 3);
    EXPECT_EQ(first.erased, 0);
    EXPECT_EQ(Store::open(db_)->counts().synced, 3);

    erase(erased);
    auto second = engine.run_once();
    ASSERT_EQ(second.outcome, SyncOutcome::Done) << second.message;
    EXPECT_EQ(second.erased, 1);
    EXPECT_FALSE(held(erased));
    EXPECT_TRUE(held(kept));
    EXPECT_TRUE(held(other));
    const auto counts = Store::open(db_)->counts();
    EXPECT_EQ(counts.synced, 2);
    EXPECT_EQ(counts.queued, 0);
    EXPECT_EQ(counts.quarantined, 0);
    // The audit line names the response, never what it said.
    const auto audit = Store::open(db_)->audit_log(20);
    const auto line = std::find_if(audit.begin(), audit.end(),
                                   [](const auto& a) { return a.event == "responses erased"; });
    ASSERT_NE(line, audit.end());
    EXPECT_NE(line->detail.find(erased.id), std::string::npos) << line->detail;
    for (const auto& a : audit) {
        EXPECT_EQ(a.detail.find("computers were all taken"), std::string::npos) << a.detail;
    }

    // Nothing new erased: the same list (304), nothing else deleted.
    auto third = engine.run_once();
    ASSERT_EQ(third.outcome, SyncOutcome::Done) << third.message;
    EXPECT_EQ(third.erased, 0);
    EXPECT_EQ(Store::open(db_)->counts().synced, 2);
}

TEST_F(SyncErasure, AResendOfAnErasedResponseIsRefusedAndDeletedNotQuarantined) {
    // The upload reached the store but its reply was lost: the device still has it queued.
    const Response lost = submit(3);
    const auto token = Store::open(db_)->setting(kSettingDeviceToken);
    const auto device_id = Store::open(db_)->setting(kSettingDeviceId);
    ASSERT_TRUE(token && device_id);
    test::Device device{*device_id, *token};
    auto upload =
        test::post_json(central_, "/responses", *token,
                        test::batch(device, nlohmann::json::array({lost.to_json()})).dump());
    ASSERT_TRUE(upload && upload->status == 200) << (upload ? upload->body : "");
    ASSERT_EQ(Store::open(db_)->counts().queued, 1);

    erase(lost);
    const Response fresh = submit(4);
    SyncEngine engine(db_, options_);
    auto report = engine.run_once();
    ASSERT_EQ(report.outcome, SyncOutcome::Done) << report.message;
    EXPECT_EQ(report.stored, 1);  // the fresh one
    EXPECT_EQ(report.rejected, 0) << "an erased response is not a rejection to show";
    EXPECT_EQ(report.erased, 1);
    EXPECT_FALSE(held(lost));
    EXPECT_TRUE(held(fresh));
    const auto counts = Store::open(db_)->counts();
    EXPECT_EQ(counts.quarantined, 0);
    EXPECT_EQ(counts.queued, 0);
    EXPECT_EQ(counts.synced, 1);
    // Deleted when its result came back (one audit line for it), so the list of erasures found
    // nothing more to delete.
    const auto audit = Store::open(db_)->audit_log(20);
    EXPECT_EQ(std::count_if(audit.begin(), audit.end(),
                            [&](const auto& a) {
                                return a.event == "response erased" &&
                                       a.detail.find(lost.id) != std::string::npos;
                            }),
              1);
    EXPECT_EQ(std::count_if(audit.begin(), audit.end(),
                            [](const auto& a) { return a.event == "responses erased"; }),
              0);
    // The store holds the fresh one only.
    EXPECT_EQ(test::central_responses(central_.base_url(), central_.officer_token("Analyst"),
                                      "libraries-2027")
                  .size(),
              1u);
}

}  // namespace
}  // namespace fv
