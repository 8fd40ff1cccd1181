// The officer screen's sync work with real parts: the real fieldvoice-central on loopback, the
// headless kiosk with its own SyncEngine, enrolment typed into the officer screen, a visit
// answered through the real screens, "Sync now", and the central store compared with the
// device field by field. Also: a response the store refuses is listed with its reason.
#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <functional>
#include <thread>

#include "app/receipt.hpp"
#include "app/settings_keys.hpp"
#include "core/util/ids.hpp"
#include "integration/support/central_process.hpp"
#include "integration/support/console_browser.hpp"
#include "support/kiosk_harness.hpp"
#include "sync/client/http_client.hpp"
#include "sync/client/sync_engine.hpp"
#include "sync/protocol/protocol.hpp"

namespace fv::testing {
namespace {

using namespace std::chrono_literals;
using test::CentralProcess;

// Loopback never goes through a proxy a developer's shell may have set.
void no_proxy_for_loopback() {
    setenv("no_proxy", "127.0.0.1,localhost", 1);
}

// An officer's hand on the mouse: input that keeps the inactivity timer away while a test
// waits, at the far left where nothing is drawn.
void officer_present(KioskHarness& h) {
    SDL_Event motion{};
    motion.type = SDL_MOUSEMOTION;
    motion.motion.windowID = SDL_GetWindowID(h.app().window().sdl_window());
    motion.motion.x = 4;
    motion.motion.y = 400;
    SDL_PushEvent(&motion);
    h.settle();
}

// Lets the kiosk run on its own (its busy tick on the fake clock, the sync engine in real
// time) until `done`, or fails after a real-time deadline. No fixed sleeps: the short pause
// only yields the two shared cores to the engine's thread and the store.
bool wait_until(KioskHarness& h, const std::function<bool()>& done, const char* what,
                std::chrono::seconds deadline = 60s) {
    const auto end = std::chrono::steady_clock::now() + deadline;
    for (int i = 0; std::chrono::steady_clock::now() < end; ++i) {
        h.idle_for(KioskApp::kBusyTick);
        if (done()) return true;
        if (i % 100 == 99) officer_present(h);  // 25 s of fake time: still at the screen
        std::this_thread::sleep_for(10ms);
    }
    ADD_FAILURE() << "timed out waiting for " << what << "; shown:\n" << h.describe();
    return false;
}

void open_officer_screen(KioskHarness& h) {
    h.press_key(SDLK_o, KMOD_LCTRL | KMOD_LALT);
    ASSERT_EQ(h.app().screen(), ScreenId::Pin) << h.describe();
    h.type_text(KioskHarness::kOfficerPin);
    h.press_key(SDLK_RETURN);
    ASSERT_EQ(h.app().screen(), ScreenId::Officer) << h.describe();
}

bool sync_idle(KioskHarness& h) {
    const ui::ShownItem* now = h.item("Sync now");
    return now != nullptr && now->enabled;
}

// Types the address and code into the officer screen and taps Enrol; waits for the result and
// for the pass that follows an enrolment (it pulls the store's consultations).
void enrol(KioskHarness& h, const CentralProcess& central, const std::string& code) {
    ASSERT_TRUE(h.tap("Store address"));
    h.type_text(central.base_url());
    ASSERT_TRUE(h.tap("One-time code"));
    h.type_text(code);
    ASSERT_TRUE(h.tap("Enrol"));
    ASSERT_TRUE(wait_until(
        h, [&] { return h.shows_part("Enrolled with"); }, "enrolment"));
    ASSERT_TRUE(wait_until(
        h, [&] { return sync_idle(h); }, "the first sync after enrolment"));
}

void sync_now(KioskHarness& h) {
    ASSERT_TRUE(h.tap("Sync now"));
    // While the pass runs the loop wakes itself, a few times a second and no more.
    if (!sync_idle(h)) {
        EXPECT_LE(h.app().wait_timeout_ms(), KioskApp::kBusyTick.count() + 1);
    }
    ASSERT_TRUE(wait_until(
        h, [&] { return sync_idle(h); }, "Sync now to finish"));
}

// The libraries visit of test_kiosk_visit.cpp, through the real screens.
void answer_libraries_visit(KioskHarness& h) {
    ASSERT_EQ(h.app().screen(), ScreenId::Attract) << h.describe();
    h.tap("Touch to start");
    h.tap("You may quote my words in public reports (never with my name)");
    h.tap("I agree, start");
    h.tap("Next");
    h.tap("Happy");
    h.tap("Next");
    h.tap("Free Wi-Fi");
    h.tap("Borrowing books");
    h.tap("Next");
    h.tap("Sunday");
    h.tap("Next");
    h.tap("Longer opening hours");
    h.tap("More new books and e-books");
    h.tap("Help to get online");
    h.tap("Next");
    h.tap("Agree", 0);
    h.tap("Disagree", 1);
    h.tap("Pass", 2);
    h.tap("Next");
    h.tap("9");
    h.tap("Next");
    h.type_text("ox4");
    h.tap("Next");
    h.tap("45 to 64");
    h.tap("Next");
    h.tap("Prefer not to say");
    h.tap("Next");
    h.type_text("reader@example.org");
    ASSERT_TRUE(h.tap("Send my answers"));
    ASSERT_EQ(h.app().screen(), ScreenId::Thanks) << h.describe();
}

// Every response the central store holds for a consultation (officer endpoint, one page).
std::vector<nlohmann::json> central_responses(const CentralProcess& central,
                                              const std::string& consultation_id) {
    const std::string token = central.officer_token("analyst");
    HttpClient http;
    const auto reply = http.get(
        join_url(central.base_url(), protocol::officer_path(consultation_id, "responses")) +
            "?limit=1000",
        {{"Authorization", "Bearer " + token}});
    EXPECT_TRUE(reply.ok()) << reply.error_message;
    EXPECT_EQ(reply.status, 200) << reply.body;
    std::vector<nlohmann::json> out;
    if (reply.status != 200) return out;
    const auto page = nlohmann::json::parse(reply.body);
    for (const auto& r : page.at("responses")) out.push_back(r);
    EXPECT_TRUE(page.at("next_cursor").is_null());
    return out;
}

// A complete, valid libraries response (what the kiosk stores for test_kiosk_visit's visit).
Response libraries_response(const Consultation& c) {
    Response r;
    r.id = new_uuid();
    r.consultation_id = c.id;
    r.consultation_version = c.version;
    r.language = "en";
    r.started_at = "2027-03-01T10:00:00Z";
    r.submitted_at = "2027-03-01T10:04:00Z";
    r.consent.privacy_notice = true;
    r.answers = {
        {"visit-rating", 4},
        {"services-used", {"borrow-books", "wifi"}},
        {"opening-hours", "sunday"},
        {"priorities", {"longer-hours", "more-books", "digital-help"}},
        {"statements",
         {{"shared-building", "agree"}, {"self-service", "disagree"}, {"volunteers", "pass"}}},
        {"recommend", 9},
        {"home-area", "OX4"},
        {"age-band", "45-64"},
        {"disability", "prefer-not-to-say"},
    };
    return r;
}

const ui::ShownItem* item_containing(KioskHarness& h, const std::string& part) {
    for (const ui::ShownItem& it : h.items()) {
        if (it.label.find(part) != std::string::npos) return &it;
    }
    return nullptr;
}

TEST(OfficerSync, EnrolChooseCaptureSyncAndTheStoreHoldsTheVisitFieldByField) {
    no_proxy_for_loopback();
    CentralProcess central;
    central.publish(sample_consultation("libraries-2027"));
    const std::string code = central.enrol_code("Kiosk under test");
    central.start();

    KioskHarness h;  // a new kiosk: no consultation yet, nothing enrolled
    ASSERT_EQ(h.app().screen(), ScreenId::NoConsultation) << h.describe();
    open_officer_screen(h);
    EXPECT_TRUE(h.shows_part("not enrolled with a store yet")) << h.describe();
    EXPECT_TRUE(h.shows("Nothing needs attention.")) << h.describe();
    EXPECT_EQ(h.item("Sync now"), nullptr) << "nothing to sync with before enrolment";
    ASSERT_NO_FATAL_FAILURE(enrol(h, central, code));
    EXPECT_TRUE(h.shows_part("This kiosk sends its responses to " + central.base_url()))
        << h.describe();
    EXPECT_EQ(h.store().setting(kSettingStoreUrl).value_or(""), central.base_url());

    // The enrolment's pass brought the published consultation: the officer makes it active.
    const ui::ShownItem* choice = item_containing(h, "libraries-2027 v1");
    ASSERT_NE(choice, nullptr) << h.describe();
    const std::string label = choice->label;
    EXPECT_FALSE(choice->selected);
    ASSERT_TRUE(h.tap(label));
    EXPECT_EQ(h.store().setting(kSettingActiveConsultation).value_or(""), "libraries-2027");
    EXPECT_TRUE(h.shows_part("Active consultation: Your library, your say")) << h.describe();
    ASSERT_NE(h.item(label), nullptr);
    EXPECT_TRUE(h.item(label)->selected);
    h.screenshot("officer-enrolled.png");
    ASSERT_TRUE(h.tap("Return to kiosk"));
    ASSERT_NO_FATAL_FAILURE(answer_libraries_visit(h));
    // The receipt: its reference, and a code of this store's public page of the consultation.
    const std::string receipt = h.app().visit().reference;
    EXPECT_TRUE(is_reference(receipt)) << receipt;
    EXPECT_TRUE(h.shows(grouped_reference(receipt))) << h.describe();
    ASSERT_EQ(h.images().size(), 1u) << h.describe();
    EXPECT_EQ(h.images()[0].label, "qr:" + join_url(central.base_url(), "c/libraries-2027"));
    h.screenshot("officer-enrolled-receipt.png");
    h.idle_for(KioskApp::kThanksTime + 1s);

    open_officer_screen(h);
    EXPECT_TRUE(h.shows("Waiting to sync: 1")) << h.describe();
    ASSERT_NO_FATAL_FAILURE(sync_now(h));
    EXPECT_TRUE(h.shows("Waiting to sync: 0")) << h.describe();
    EXPECT_TRUE(h.shows("Synced: 1")) << h.describe();
    EXPECT_TRUE(h.shows_part("Sync finished: 1 stored")) << h.describe();
    EXPECT_TRUE(h.shows_part("Last successful sync: 20")) << h.describe();
    EXPECT_FALSE(h.shows_part("Last problem")) << h.describe();
    h.screenshot("officer-synced.png");
    // Idle again: nothing wakes the loop but its own inactivity timer.
    EXPECT_EQ(h.idle_for(5s), 0);

    const auto device = h.store().responses();
    ASSERT_EQ(device.size(), 1u);
    EXPECT_EQ(device[0].state, SyncState::Synced);
    const Response& mine = device[0].response;
    const auto held = central_responses(central, "libraries-2027");
    ASSERT_EQ(held.size(), 1u);
    const nlohmann::json& theirs = held[0];
    EXPECT_EQ(theirs.at("id"), mine.id);
    EXPECT_EQ(theirs.at("consultation_id"), mine.consultation_id);
    EXPECT_EQ(theirs.at("consultation_version"), mine.consultation_version);
    EXPECT_EQ(theirs.at("answers"), mine.answers);
    ASSERT_TRUE(mine.sealed.has_value());
    EXPECT_EQ(theirs.at("sealed"), *mine.sealed);
    EXPECT_EQ(theirs.at("language"), mine.language);
    EXPECT_EQ(theirs.at("mode"), std::string(to_string(mine.mode)));
    EXPECT_EQ(theirs.at("consent").at("privacy_notice"), mine.consent.privacy_notice);
    EXPECT_EQ(theirs.at("consent").at("quote_publicly"), mine.consent.quote_publicly);
    EXPECT_EQ(theirs.at("consent").at("contact_me"), mine.consent.contact_me);
    EXPECT_EQ(theirs.at("flags"), nlohmann::json(mine.flags));
    EXPECT_EQ(theirs.at("started_at"), mine.started_at);
    EXPECT_EQ(theirs.at("submitted_at"), mine.submitted_at);
    EXPECT_EQ(theirs.value("device_id", ""), h.store().setting(kSettingDeviceId).value_or("?"));
    EXPECT_EQ(mine.reference, receipt);
    EXPECT_EQ(theirs.value("reference", ""), receipt) << "the receipt's reference is synced";
    // And nothing the device sent is missing or different in the store.
    const nlohmann::json sent = mine.to_json();
    for (const auto& [key, value] : sent.items()) {
        EXPECT_EQ(theirs.value(key, nlohmann::json()), value) << key;
    }
}

void choose_the_newest_version(KioskHarness& h) {
    // What syncs bring: a second version of the libraries consultation, and another one.
    nlohmann::json v2_json;
    std::ifstream(sample_consultation("libraries-2027")) >> v2_json;
    v2_json["version"] = 2;
    const auto v2_path = h.data_dir() / "libraries-2027-v2.json";
    std::ofstream(v2_path) << v2_json.dump();
    auto v2 = load_consultation_file(v2_path.string());
    ASSERT_TRUE(v2.ok());
    h.store().save_consultation(*v2.consultation);
    auto other = load_consultation_file(sample_consultation("adult-day-services-2027"));
    ASSERT_TRUE(other.ok());
    h.store().save_consultation(*other.consultation);

    open_officer_screen(h);
    EXPECT_TRUE(h.shows_part("Active consultation: Your library, your say (libraries-2027 v1)"))
        << h.describe();
    // The list is below the meeting row and the enrolment form: drag the page up to it.
    for (int i = 0; i < 3 && h.item("libraries-2027 v2") == nullptr; ++i) {
        h.drag(640, 600, 0, -300);
    }
    h.screenshot("choose.png");
    EXPECT_EQ(h.item("libraries-2027 v1"), nullptr) << "only the newest version is offered";
    ASSERT_NE(h.item("libraries-2027 v2"), nullptr) << h.describe();
    EXPECT_FALSE(h.item("libraries-2027 v2")->selected);
    ASSERT_NE(h.item("adult-day-services-2027 v2"), nullptr) << h.describe();

    ASSERT_TRUE(h.tap("adult-day-services-2027 v2"));
    EXPECT_EQ(h.app().consultation()->id, "adult-day-services-2027");
    EXPECT_TRUE(h.item("adult-day-services-2027 v2")->selected);
    ASSERT_TRUE(h.tap("libraries-2027 v2"));
    ASSERT_NE(h.app().consultation(), nullptr);
    EXPECT_EQ(h.app().consultation()->id, "libraries-2027");
    EXPECT_EQ(h.app().consultation()->version, 2);
    EXPECT_EQ(h.store().setting(kSettingActiveConsultation).value_or(""), "libraries-2027");
    bool audited = false;
    for (const auto& e : h.store().audit_log(10)) {
        audited |= e.event == "officer_chose_consultation" && e.detail == "libraries-2027 v2";
    }
    EXPECT_TRUE(audited);

    // The kiosk asks it at once (and, below, after a restart).
    ASSERT_TRUE(h.tap("Return to kiosk"));
    ASSERT_EQ(h.app().screen(), ScreenId::Attract) << h.describe();
}

TEST(OfficerSync, TheNewestVersionOfEachStoredConsultationCanBeMadeActive) {
    const auto dir =
        std::filesystem::temp_directory_path() / ("fv-ui-choose-" + std::to_string(::getpid()));
    HarnessOptions first = on_sample("libraries-2027");
    first.data_dir = dir;
    {
        KioskHarness h(first);
        ASSERT_NO_FATAL_FAILURE(choose_the_newest_version(h));
    }
    HarnessOptions again;  // no --consultation: the one the officer chose
    again.data_dir = dir;
    {
        KioskHarness second(again);
        ASSERT_NE(second.app().consultation(), nullptr);
        EXPECT_EQ(second.app().consultation()->id, "libraries-2027");
        EXPECT_EQ(second.app().consultation()->version, 2);
    }
    std::filesystem::remove_all(dir);
}

struct Size {
    int width, height;
};

class OfficerSyncAt : public ::testing::TestWithParam<Size> {};

TEST_P(OfficerSyncAt, ABadCodeIsRefusedInPlainWordsAndARefusedResponseIsListedWithItsReason) {
    no_proxy_for_loopback();
    CentralProcess central;
    central.publish(sample_consultation("libraries-2027"));
    const std::string code = central.enrol_code("Kiosk under test");
    central.start();
    KioskHarness h(on_sample("libraries-2027", GetParam().width, GetParam().height));
    open_officer_screen(h);

    // A code the store never made: refused, in words an officer can act on.
    ASSERT_TRUE(h.tap("Store address"));
    h.type_text(central.base_url());
    ASSERT_TRUE(h.tap("One-time code"));
    h.type_text("ZZZZ-ZZZZ");
    ASSERT_TRUE(h.tap("Enrol"));
    ASSERT_TRUE(wait_until(
        h, [&] { return h.shows_part("did not accept the code"); }, "the refused enrolment"));
    EXPECT_FALSE(h.store().setting(kSettingDeviceToken).has_value());
    h.screenshot("officer-bad-code.png");
    // The address stays typed; the used code is gone.
    ASSERT_TRUE(h.tap("One-time code"));
    h.type_text(code);
    ASSERT_TRUE(h.tap("Enrol"));
    ASSERT_TRUE(wait_until(
        h, [&] { return h.shows_part("Enrolled with"); }, "enrolment"));
    ASSERT_TRUE(wait_until(
        h, [&] { return sync_idle(h); }, "the first sync"));

    // A response for a version the store never published, as a kiosk with a stale file
    // would hold, and a good one after it: the bad one must not block the good one.
    const Consultation* c = h.app().consultation();
    ASSERT_NE(c, nullptr);
    Response bad = libraries_response(*c);
    bad.consultation_version = 99;
    h.store().submit(bad);
    const Response good = libraries_response(*c);
    h.store().submit(good);

    officer_present(h);  // a fresh frame reads the queue (still on the officer screen)
    EXPECT_TRUE(h.shows("Waiting to sync: 2")) << h.describe();
    ASSERT_NO_FATAL_FAILURE(sync_now(h));
    EXPECT_TRUE(h.shows("Waiting to sync: 0")) << h.describe();
    EXPECT_TRUE(h.shows("Synced: 1")) << h.describe();
    EXPECT_TRUE(h.shows("Need attention: 1")) << h.describe();
    EXPECT_TRUE(h.shows("Need attention (1)")) << h.describe();
    EXPECT_TRUE(h.shows_part("1 refused by the store")) << h.describe();
    EXPECT_TRUE(h.shows("Response " + bad.id + ", captured 2027-03-01 10:04 UTC")) << h.describe();
    const auto held = h.store().quarantined();
    ASSERT_EQ(held.size(), 1u);
    EXPECT_EQ(held[0].response.id, bad.id);
    ASSERT_FALSE(held[0].quarantine_code.empty());
    EXPECT_TRUE(h.shows(held[0].quarantine_message + " (" + held[0].quarantine_code + ")"))
        << h.describe();
    EXPECT_EQ(h.store().response(good.id)->state, SyncState::Synced);

    // Everything fits the window: nothing tappable hangs off the side.
    for (const ui::ShownItem& it : h.items()) {
        EXPECT_GE(it.x0, 0) << it.label;
        EXPECT_LE(it.x1, static_cast<float>(GetParam().width)) << it.label;
    }
    h.screenshot("officer-quarantine-top.png");
    // A finger drags the page up to its end (touch screens have no wheel).
    const float mid_x = static_cast<float>(GetParam().width) / 2;
    for (int i = 0; i < 3; ++i) h.drag(mid_x, GetParam().height - 150.0f, 0, -400);
    h.screenshot("officer-quarantine-bottom.png");
}

TEST(OfficerSync, CancelStopsAPassThatHangsAndNothingIsLost) {
    no_proxy_for_loopback();
    CentralProcess central;
    central.publish(sample_consultation("libraries-2027"));
    const std::string code = central.enrol_code("Kiosk under test");
    central.start();
    KioskHarness h(on_sample("libraries-2027"));
    open_officer_screen(h);
    ASSERT_NO_FATAL_FAILURE(enrol(h, central, code));
    for (int i = 0; i < 3; ++i) h.store().submit(libraries_response(*h.app().consultation()));
    officer_present(h);
    EXPECT_TRUE(h.shows("Waiting to sync: 3")) << h.describe();

    // The store stops answering (SIGSTOP: connections are accepted, nothing comes back), so
    // the pass hangs in its first request until the officer cancels it.
    ASSERT_EQ(::kill(central.pid(), SIGSTOP), 0);
    ASSERT_TRUE(h.tap("Sync now"));
    EXPECT_TRUE(h.shows("Contacting the store...")) << h.describe();
    ASSERT_NE(h.item("Cancel"), nullptr);
    EXPECT_TRUE(h.item("Cancel")->enabled) << h.describe();
    ASSERT_NE(h.item("Syncing..."), nullptr) << h.describe();
    EXPECT_FALSE(h.item("Syncing...")->enabled) << "no second pass while one runs";
    h.screenshot("officer-syncing.png");
    ASSERT_TRUE(h.tap("Cancel"));
    const bool idle = wait_until(
        h, [&] { return sync_idle(h); }, "the cancel");
    ASSERT_EQ(::kill(central.pid(), SIGCONT), 0);
    ASSERT_TRUE(idle);
    EXPECT_TRUE(h.shows_part("Sync was cancelled")) << h.describe();
    EXPECT_TRUE(h.shows("Waiting to sync: 3")) << h.describe();
    EXPECT_EQ(h.store().counts().synced, 0);

    // The store answers again: everything goes, once.
    ASSERT_NO_FATAL_FAILURE(sync_now(h));
    EXPECT_TRUE(h.shows("Waiting to sync: 0")) << h.describe();
    EXPECT_TRUE(h.shows("Synced: 3")) << h.describe();
    EXPECT_EQ(central_responses(central, "libraries-2027").size(), 3u);
}

INSTANTIATE_TEST_SUITE_P(Screens, OfficerSyncAt,
                         ::testing::Values(Size{1280, 800}, Size{1366, 768}),
                         [](const ::testing::TestParamInfo<Size>& p) {
                             return std::to_string(p.param.width) + "x" +
                                    std::to_string(p.param.height);
                         });

// "You said, we did" end to end: an officer publishes an entry on the real store's console, the
// kiosk syncs through the real engine, and its attract screen shows the entry on the first
// frame back; the officer withdraws it, the next sync takes it off the screen.
TEST(OfficerSync, AnEntryPublishedOnTheConsoleShowsOnTheAttractScreenUntilWithdrawn) {
    no_proxy_for_loopback();
    CentralProcess central;
    central.publish(sample_consultation("libraries-2027"));
    const std::string code = central.enrol_code("Kiosk under test");
    central.start();
    auto made = central.run(
        {"add-user", "--email", "ann@example.org", "--name", "Ann Officer", "--role", "officer"});
    ASSERT_EQ(made.exit_code, 0) << made.err;
    test::ConsoleBrowser officer(central);
    officer.first_sign_in("ann@example.org", made.last_line(), "correct horse battery staple");
    const std::string page = "/consultations/libraries-2027/outcomes";
    const std::string text =
        "You said the library closes too early. We now open until 7pm on "
        "Thursdays.";
    ASSERT_TRUE(officer.get(page));
    auto published = officer.post_multipart(page,
                                            {{"text-en", text},
                                             {"text-pl", "W czwartki jesteśmy otwarci do 19:00."},
                                             {"day", "2027-02-01"}},
                                            {});
    ASSERT_TRUE(published && published->status == 200);

    KioskHarness h(on_sample("libraries-2027"));
    EXPECT_FALSE(h.shows("You said, we did"));
    open_officer_screen(h);
    ASSERT_NO_FATAL_FAILURE(enrol(h, central, code));
    ASSERT_TRUE(h.tap("Return to kiosk"));
    EXPECT_TRUE(h.shows("You said, we did")) << h.describe();
    EXPECT_TRUE(h.shows(text)) << h.describe();
    EXPECT_TRUE(h.shows("Done 1 February 2027"));
    h.screenshot("attract-after-sync.png");

    const auto kept = h.store().outcomes(std::string("libraries-2027"));
    ASSERT_EQ(kept.size(), 1u);
    auto withdrawn = officer.post(page + "/" + kept[0].id + "/withdraw", {});
    ASSERT_TRUE(withdrawn && withdrawn->status == 200);
    open_officer_screen(h);
    ASSERT_NO_FATAL_FAILURE(sync_now(h));
    ASSERT_TRUE(h.tap("Return to kiosk"));
    EXPECT_FALSE(h.shows("You said, we did")) << h.describe();
    EXPECT_FALSE(h.shows(text));
}

// The one-tap pulse end to end: on a kiosk enrolled with the real store, one person taps
// "Unhappy" and goes on with "Tell us more?", another only taps "Very happy" (a rapid repeat
// of the first's full response); "Sync now" sends the three responses; the console's results
// count the first person once (one "Unhappy", from the full response) and the second's tap on
// its own, flagged apart, and the public page's count is of people, not responses.
TEST(OfficerSync, APulseAndItsTellUsMoreSyncAndTheConsoleCountsThePersonOnce) {
    no_proxy_for_loopback();
    CentralProcess central;
    central.publish(sample_consultation("libraries-2027"));
    const std::string code = central.enrol_code("Kiosk under test");
    central.start();
    auto made = central.run(
        {"add-user", "--email", "ann@example.org", "--name", "Ann Officer", "--role", "officer"});
    ASSERT_EQ(made.exit_code, 0) << made.err;

    KioskHarness h(on_sample("libraries-2027"));
    open_officer_screen(h);
    ASSERT_NO_FATAL_FAILURE(enrol(h, central, code));
    ASSERT_TRUE(h.tap("Return to kiosk"));
    ASSERT_TRUE(h.tap("Unhappy"));
    ASSERT_TRUE(h.tap("Tell us more?"));
    ASSERT_TRUE(h.tap("I agree, start"));
    for (int i = 0; i < 16 && !h.item("Send my answers"); ++i) {
        if (h.item("Next") && !h.item("Next")->enabled) h.tap("Sunday");
        h.tap("Next");
    }
    ASSERT_TRUE(h.tap("Send my answers")) << h.describe();
    ASSERT_TRUE(h.tap("Finish"));
    ASSERT_TRUE(h.tap("Very happy"));  // within 10 s of the last: flagged
    ASSERT_TRUE(h.tap("Done"));
    open_officer_screen(h);
    ASSERT_NO_FATAL_FAILURE(sync_now(h));
    EXPECT_EQ(h.store().counts().queued, 0) << "the three responses did not all go";

    test::ConsoleBrowser officer(central);
    officer.first_sign_in("ann@example.org", made.last_line(), "correct horse battery staple");
    auto results = officer.get("/consultations/libraries-2027");
    ASSERT_TRUE(results && results->status == 200);
    EXPECT_EQ(test::result_count(results->body, "visit-rating:2"), 1)
        << "the tap and its full response counted twice";
    EXPECT_EQ(test::result_count(results->body, "visit-rating:5"), 1);
    const std::string text = test::visible_text(results->body);
    EXPECT_NE(text.find("One-tap pulse"), std::string::npos) << text;
    EXPECT_NE(text.find("rapid repeat"), std::string::npos) << text;
}

}  // namespace
}  // namespace fv::testing
