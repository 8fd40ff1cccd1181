// The store's web console against the real fieldvoice-central on loopback: sign-in with a
// one-time password, sessions, CSRF, the sign-in limit, roles, and the audit log.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <regex>

#include "core/util/seal.hpp"
#include "integration/support/central_fixtures.hpp"
#include "integration/support/console_browser.hpp"

namespace fv::test {
namespace {

using nlohmann::json;

// One value from the store's database file (the test looks at what is kept, as an auditor would).
std::string query_one(const std::filesystem::path& db, const std::string& sql) {
    sqlite3* handle = nullptr;
    EXPECT_EQ(sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
    sqlite3_busy_timeout(handle, 10000);
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(handle, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK)
        << sqlite3_errmsg(handle);
    std::string out;
    const int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW && sqlite3_column_text(stmt, 0)) {
        out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    EXPECT_TRUE(rc == SQLITE_ROW || rc == SQLITE_DONE) << sqlite3_errmsg(handle);
    sqlite3_finalize(stmt);
    sqlite3_close(handle);
    return out;
}

class CentralConsole : public ::testing::Test {
  protected:
    void SetUp() override {
        public_key_ = generate_keypair().public_key_b64;
        publish_test_definition(central_, 1, public_key_);
        central_.start();
    }

    // add-user on the command line; returns the one-time password (its last line).
    std::string add_user(const std::string& email, const std::string& role) {
        auto result = central_.run({"add-user", "--email", email, "--name", "Test " + role,
                                    "--role", role});
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return result.last_line();
    }

    // A browser signed in as a new user of `role`, past the first password change.
    ConsoleBrowser signed_in(const std::string& role) {
        const std::string email = role + std::to_string(++users_) + "@example.org";
        const std::string once = add_user(email, role);
        ConsoleBrowser browser(central_);
        browser.first_sign_in(email, once, kPassword);
        return browser;
    }

    static constexpr const char* kPassword = "correct horse battery staple";
    CentralProcess central_;
    std::string public_key_;
    int users_ = 0;
};

TEST_F(CentralConsole, AddUserPrintsAOneTimePasswordThatTheFirstSignInMustChange) {
    const std::string once = add_user("ann@example.org", "officer");
    EXPECT_TRUE(std::regex_match(once, std::regex("[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}")))
        << once;
    auto duplicate = central_.run(
        {"add-user", "--email", "ANN@example.org", "--name", "Ann again", "--role", "viewer"});
    EXPECT_EQ(duplicate.exit_code, 2);
    EXPECT_NE(duplicate.err.find("already exists"), std::string::npos) << duplicate.err;
    auto bad_role =
        central_.run({"add-user", "--email", "x@example.org", "--name", "X", "--role", "boss"});
    EXPECT_EQ(bad_role.exit_code, 2);
    EXPECT_NE(bad_role.err.find("--role must be admin, officer or viewer"), std::string::npos);

    // The password is kept as an Argon2id hash only.
    const std::string hash =
        query_one(central_.db_path(), "SELECT password_hash FROM users WHERE email = 'ann@example.org'");
    EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u) << hash;
    EXPECT_EQ(hash.find(once), std::string::npos);

    ConsoleBrowser browser(central_);
    auto root = browser.get("/");
    ASSERT_TRUE(root);
    EXPECT_EQ(root->status, 303);
    EXPECT_EQ(root->get_header_value("Location"), browser.path("/sign-in"));

    auto signed_in = browser.sign_in("ann@example.org", once);
    ASSERT_TRUE(signed_in);
    ASSERT_EQ(signed_in->status, 303) << visible_text(signed_in->body);
    EXPECT_EQ(signed_in->get_header_value("Location"), browser.path("/change-password"));
    // The session cookie: HttpOnly, SameSite=Strict, not Secure over plain HTTP; its token is
    // 32 random bytes and the database holds only its hash.
    std::string session_cookie;
    for (const auto& c : browser.last_set_cookies()) {
        if (c.rfind("fv_session=", 0) == 0) session_cookie = c;
    }
    EXPECT_NE(session_cookie.find("; HttpOnly"), std::string::npos) << session_cookie;
    EXPECT_NE(session_cookie.find("; SameSite=Strict"), std::string::npos) << session_cookie;
    EXPECT_EQ(session_cookie.find("Secure"), std::string::npos) << session_cookie;
    const std::string token = browser.cookie("fv_session");
    EXPECT_EQ(token.size(), 64u);
    EXPECT_EQ(query_one(central_.db_path(),
                        "SELECT count(*) FROM web_sessions WHERE hash = '" + token + "'"),
              "0");
    EXPECT_EQ(query_one(central_.db_path(), "SELECT count(*) FROM web_sessions"), "1");

    // Nothing else opens until the password is changed.
    auto list = browser.get("/consultations");
    ASSERT_TRUE(list);
    EXPECT_EQ(list->status, 303);
    EXPECT_EQ(list->get_header_value("Location"), browser.path("/change-password"));

    ASSERT_TRUE(browser.get("/change-password"));
    auto short_one =
        browser.post("/change-password", {{"current", once}, {"password", "short"}, {"confirm", "short"}});
    ASSERT_TRUE(short_one);
    EXPECT_EQ(short_one->status, 400);
    EXPECT_NE(visible_text(short_one->body).find("at least 12 characters"), std::string::npos);
    auto mismatch = browser.post(
        "/change-password", {{"current", once}, {"password", kPassword}, {"confirm", "something else!"}});
    ASSERT_TRUE(mismatch);
    EXPECT_EQ(mismatch->status, 400);
    auto changed = browser.post("/change-password",
                                {{"current", once}, {"password", kPassword}, {"confirm", kPassword}});
    ASSERT_TRUE(changed);
    ASSERT_EQ(changed->status, 303) << visible_text(changed->body);
    list = browser.get("/consultations");
    ASSERT_TRUE(list);
    EXPECT_EQ(list->status, 200);
    EXPECT_NE(visible_text(list->body).find("Central store test"), std::string::npos);

    // The one-time password no longer works; the new one does, straight to the consultations.
    ConsoleBrowser other(central_);
    auto old = other.sign_in("ann@example.org", once);
    ASSERT_TRUE(old);
    EXPECT_EQ(old->status, 401);
    EXPECT_NE(visible_text(old->body).find("The e-mail address or the password is wrong"),
              std::string::npos);
    auto fresh = other.sign_in("ann@example.org", kPassword);
    ASSERT_TRUE(fresh);
    EXPECT_EQ(fresh->status, 303);
    EXPECT_EQ(fresh->get_header_value("Location"), other.path("/consultations"));
}

TEST_F(CentralConsole, SignOutAndEightHoursIdleEndTheSession) {
    ConsoleBrowser browser = signed_in("viewer");
    const std::string token = browser.cookie("fv_session");
    auto out = browser.post("/sign-out", {});
    ASSERT_TRUE(out);
    EXPECT_EQ(out->status, 200);
    EXPECT_NE(visible_text(out->body).find("You have signed out"), std::string::npos);
    EXPECT_EQ(browser.cookie("fv_session"), "");
    browser.set_cookie("fv_session", token);  // the old cookie, kept by someone
    auto after = browser.get("/consultations");
    ASSERT_TRUE(after);
    EXPECT_EQ(after->status, 303);
    EXPECT_EQ(after->get_header_value("Location"), browser.path("/sign-in"));

    // Used 7 hours 59 minutes ago: still live. 8 hours and a second: ended.
    ConsoleBrowser again(central_);
    auto resumed = again.sign_in("viewer1@example.org", kPassword);
    ASSERT_TRUE(resumed);
    ASSERT_EQ(resumed->status, 303);
    const std::string hash_of_live =
        "(SELECT hash FROM web_sessions WHERE ended_at IS NULL ORDER BY created_at DESC LIMIT 1)";
    query_one(central_.db_path(),
              "UPDATE web_sessions SET last_seen = strftime('%s','now') - 8*3600 + 60 WHERE hash = " +
                  hash_of_live);
    auto still = again.get("/consultations");
    ASSERT_TRUE(still);
    EXPECT_EQ(still->status, 200);
    query_one(central_.db_path(),
              "UPDATE web_sessions SET last_seen = strftime('%s','now') - 8*3600 - 1 WHERE hash = " +
                  hash_of_live);
    auto idle = again.get("/consultations");
    ASSERT_TRUE(idle);
    EXPECT_EQ(idle->status, 303);
    EXPECT_EQ(idle->get_header_value("Location"), again.path("/sign-in"));
}

TEST_F(CentralConsole, APostWithoutTheRightCsrfTokenIsRefusedAndChangesNothing) {
    ConsoleBrowser officer = signed_in("officer");
    ASSERT_TRUE(officer.get("/devices"));
    const std::string codes_before = query_one(central_.db_path(), "SELECT count(*) FROM enrol_codes");

    auto none = officer.post("/enrolment-codes", {{"name", "Kiosk A"}}, false);
    ASSERT_TRUE(none);
    EXPECT_EQ(none->status, 403);
    EXPECT_NE(visible_text(none->body).find("Nothing was changed"), std::string::npos);
    auto wrong = officer.post("/enrolment-codes", {{"name", "Kiosk A"}, {"csrf", std::string(64, 'a')}},
                              false);
    ASSERT_TRUE(wrong);
    EXPECT_EQ(wrong->status, 403);

    // A second tab opened before the officer signed out and in again holds a stale token.
    ASSERT_TRUE(officer.get("/consultations"));
    const std::string stale = officer.csrf();
    ASSERT_TRUE(officer.post("/sign-out", {}));
    ASSERT_TRUE(officer.sign_in("officer1@example.org", kPassword));
    ASSERT_TRUE(officer.get("/consultations"));
    EXPECT_NE(officer.csrf(), stale);
    const std::string fresh = officer.csrf();
    officer.set_csrf(stale);
    auto stale_post = officer.post("/enrolment-codes", {{"name", "Kiosk A"}});
    ASSERT_TRUE(stale_post);
    EXPECT_EQ(stale_post->status, 403);
    officer.set_csrf(stale);
    auto stale_upload = officer.upload("/consultations", "v2.json", test_definition(2, public_key_).dump());
    ASSERT_TRUE(stale_upload);
    EXPECT_EQ(stale_upload->status, 403);
    EXPECT_EQ(query_one(central_.db_path(), "SELECT count(*) FROM enrol_codes"), codes_before);
    EXPECT_EQ(query_one(central_.db_path(), "SELECT count(*) FROM consultations"), "1");

    // The sign-in form has its own token: without it nobody is signed in.
    ConsoleBrowser outsider(central_);
    auto forged = outsider.post("/sign-in", {{"email", "officer1@example.org"}, {"password", kPassword}},
                                false);
    ASSERT_TRUE(forged);
    EXPECT_EQ(forged->status, 403);
    EXPECT_EQ(outsider.cookie("fv_session"), "");

    // With the right token the same form works.
    officer.set_csrf(fresh);
    auto made = officer.post("/enrolment-codes", {{"name", "Kiosk A"}});
    ASSERT_TRUE(made);
    EXPECT_EQ(made->status, 200);
    EXPECT_EQ(query_one(central_.db_path(), "SELECT count(*) FROM enrol_codes"),
              std::to_string(std::stoi(codes_before) + 1));
}

TEST_F(CentralConsole, FiveWrongPasswordsForAnAccountGive429WithRetryAfter) {
    add_user("ann@example.org", "officer");
    ConsoleBrowser browser(central_);
    for (int i = 0; i < 5; ++i) {
        auto wrong = browser.sign_in("ann@example.org", "not the password " + std::to_string(i));
        ASSERT_TRUE(wrong);
        EXPECT_EQ(wrong->status, 401) << "attempt " << i + 1;
    }
    const std::string once = query_one(central_.db_path(), "SELECT 1");  // the store is still there
    EXPECT_EQ(once, "1");
    auto limited = browser.sign_in("Ann@Example.org", "whatever");
    ASSERT_TRUE(limited);
    EXPECT_EQ(limited->status, 429);
    const int retry = std::stoi(limited->get_header_value("Retry-After"));
    EXPECT_GE(retry, 1);
    EXPECT_LE(retry, 600);
    EXPECT_NE(visible_text(limited->body).find("Wait"), std::string::npos);
    EXPECT_EQ(browser.cookie("fv_session"), "");
    EXPECT_EQ(query_one(central_.db_path(), "SELECT count(*) FROM web_sessions"), "0");
}

TEST_F(CentralConsole, FiveWrongPasswordsFromAnAddressGive429EvenForAnotherAccount) {
    const std::string once = add_user("bob@example.org", "viewer");
    ConsoleBrowser browser(central_);
    for (int i = 0; i < 5; ++i) {
        auto wrong = browser.sign_in("nobody" + std::to_string(i) + "@example.org", "guess");
        ASSERT_TRUE(wrong);
        EXPECT_EQ(wrong->status, 401);
    }
    auto limited = browser.sign_in("bob@example.org", once);  // the right password, refused
    ASSERT_TRUE(limited);
    EXPECT_EQ(limited->status, 429);
    EXPECT_FALSE(limited->get_header_value("Retry-After").empty());
}

TEST_F(CentralConsole, RolesAreEnforcedOnEveryPageAndAction) {
    ConsoleBrowser viewer = signed_in("viewer");
    ConsoleBrowser officer = signed_in("officer");
    ConsoleBrowser admin = signed_in("admin");
    const Device device = enrol_device(central_, "kiosk 1");

    struct Case {
        const char* path;
        int viewer, officer, admin;
    };
    for (const Case& c : {Case{"/consultations", 200, 200, 200},
                          Case{"/consultations/central-test", 200, 200, 200},
                          Case{"/consultations/central-test/results.csv", 403, 200, 200},
                          Case{"/consultations/central-test/versions/1.json", 403, 200, 200},
                          Case{"/devices", 403, 200, 200}, Case{"/users", 403, 403, 200},
                          Case{"/audit", 403, 403, 200}}) {
        auto v = viewer.get(c.path);
        auto o = officer.get(c.path);
        auto a = admin.get(c.path);
        ASSERT_TRUE(v && o && a) << c.path;
        EXPECT_EQ(v->status, c.viewer) << "viewer " << c.path;
        EXPECT_EQ(o->status, c.officer) << "officer " << c.path;
        EXPECT_EQ(a->status, c.admin) << "admin " << c.path;
    }

    // A viewer sees no publish form, and a publish sent anyway is refused.
    auto list = viewer.get("/consultations");
    ASSERT_TRUE(list);
    EXPECT_EQ(list->body.find("enctype=\"multipart/form-data\""), std::string::npos);
    auto publish = viewer.upload("/consultations", "v2.json", test_definition(2, public_key_).dump());
    ASSERT_TRUE(publish);
    EXPECT_EQ(publish->status, 403);
    EXPECT_NE(visible_text(publish->body).find("Your role is viewer"), std::string::npos);
    EXPECT_EQ(query_one(central_.db_path(), "SELECT count(*) FROM consultations"), "1");
    auto code = viewer.post("/enrolment-codes", {{"name", "sneaky"}});
    ASSERT_TRUE(code);
    EXPECT_EQ(code->status, 403);

    // Revoking is an admin's: an officer is refused, and the device still syncs.
    ASSERT_TRUE(officer.get("/devices"));
    auto revoke = officer.post("/devices/" + device.device_id + "/revoke", {});
    ASSERT_TRUE(revoke);
    EXPECT_EQ(revoke->status, 403);
    auto still = post_json(central_, "/responses", device.token,
                           batch(device, json::array({make_response(1, json{{"rating", 3}})})).dump());
    ASSERT_TRUE(still);
    EXPECT_EQ(still->status, 200);
    auto add = officer.post("/users", {{"email", "new@example.org"}, {"name", "N"}, {"role", "admin"}});
    ASSERT_TRUE(add);
    EXPECT_EQ(add->status, 403);
    EXPECT_EQ(query_one(central_.db_path(), "SELECT count(*) FROM users WHERE email = 'new@example.org'"),
              "0");

    // An admin revokes it, and its next sync is refused.
    ASSERT_TRUE(admin.get("/devices"));
    auto revoked = admin.post("/devices/" + device.device_id + "/revoke", {});
    ASSERT_TRUE(revoked);
    EXPECT_EQ(revoked->status, 200);
    EXPECT_NE(visible_text(revoked->body).find("kiosk 1 is revoked"), std::string::npos);
    auto refused = post_json(central_, "/responses", device.token,
                             batch(device, json::array({make_response(1, json{{"rating", 3}})})).dump());
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 401);

    // An admin adds a user on the page; the one-time password is shown once and works.
    ASSERT_TRUE(admin.get("/users"));
    auto added = admin.post("/users", {{"email", "cllr@example.org"}, {"name", "Cllr Jones"},
                                       {"role", "viewer"}});
    ASSERT_TRUE(added);
    ASSERT_EQ(added->status, 200);
    std::smatch m;
    ASSERT_TRUE(std::regex_search(added->body, m,
                                  std::regex(R"re(id="one-time-password">([A-Z0-9-]+)<)re")));
    ConsoleBrowser councillor(central_);
    councillor.first_sign_in("cllr@example.org", m[1], kPassword);
}

TEST_F(CentralConsole, TheAuditLogSaysWhoDidWhatAndWhen) {
    ConsoleBrowser officer = signed_in("officer");
    ConsoleBrowser admin = signed_in("admin");
    ASSERT_TRUE(officer.get("/consultations/central-test/versions/1.json"));
    ASSERT_TRUE(officer.get("/consultations/central-test/results.csv?mode=kiosk"));
    ASSERT_TRUE(officer.get("/devices"));
    ASSERT_TRUE(officer.post("/enrolment-codes", {{"name", "Banbury kiosk"}, {"division", "Banbury"}}));
    ASSERT_TRUE(officer.upload("/consultations", "v2.json", test_definition(2, public_key_).dump()));

    auto log = admin.get("/audit");
    ASSERT_TRUE(log);
    ASSERT_EQ(log->status, 200);
    const std::string text = visible_text(log->body);
    for (const char* expected :
         {"officer1@example.org download definition central-test version 1",
          "officer1@example.org download results CSV central-test: mode kiosk",
          "officer1@example.org make enrolment code Banbury kiosk in Banbury",
          "officer1@example.org publish central-test version 2 from v2.json",
          "officer1@example.org change password", "officer1@example.org sign in",
          "command line add user officer1@example.org as officer"}) {
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
    }
    EXPECT_NE(text.find("127.0.0.1"), std::string::npos);
}

}  // namespace
}  // namespace fv::test
