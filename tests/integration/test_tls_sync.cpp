// TLS for real: a CA and server certificates made in the test with the openssl command line,
// the real fieldvoice-central behind a TLS-terminating reverse proxy (cpp-httplib's SSLServer,
// as PROTOCOL.md allows: "the store may terminate TLS itself or sit behind a reverse proxy").
// The device syncs with that CA bundle configured, and refuses, with a clear message and
// nothing marked synced, a certificate from another CA or for another host name.
#include <gtest/gtest.h>
#include <httplib.h>

#include <cstdlib>
#include <fstream>
#include <thread>

#include "fault/support/sync_rig.hpp"
#include "integration/support/central_process.hpp"
#include "sync/client/sync_engine.hpp"

namespace fv {
namespace {

namespace fs = std::filesystem;
using test::CentralProcess;

void openssl(const std::string& args, const fs::path& dir) {
    const std::string command = "cd '" + dir.string() + "' && openssl " + args + " >/dev/null 2>&1";
    if (std::system(command.c_str()) != 0) throw std::runtime_error("failed: openssl " + args);
}

// A CA (NAME.pem, NAME.key) and, signed by it, a server certificate SERVER.pem/.key for `san`.
void make_ca(const fs::path& dir, const std::string& name) {
    openssl("req -x509 -newkey rsa:2048 -nodes -sha256 -days 2 -keyout " + name + ".key -out " +
                name + ".pem -subj '/CN=" + name + "'",
            dir);
}
void make_server_cert(const fs::path& dir, const std::string& ca, const std::string& server,
                      const std::string& san) {
    std::ofstream(dir / (server + ".ext")) << "subjectAltName=" << san << "\n";
    openssl("req -newkey rsa:2048 -nodes -sha256 -keyout " + server + ".key -out " + server +
                ".csr -subj '/CN=fieldvoice store'",
            dir);
    openssl("x509 -req -sha256 -days 2 -in " + server + ".csr -CA " + ca + ".pem -CAkey " + ca +
                ".key -CAcreateserial -out " + server + ".pem -extfile " + server + ".ext",
            dir);
}

// TLS in front of the store: every request is passed on to it over plain loopback HTTP.
class TlsFront {
  public:
    TlsFront(const fs::path& cert, const fs::path& key, int upstream_port)
        : server_(cert.c_str(), key.c_str()), upstream_port_(upstream_port) {
        if (!server_.is_valid())
            throw std::runtime_error("SSLServer could not load " + cert.string());
        auto forward = [this](const httplib::Request& req, httplib::Response& res) {
            httplib::Client store("127.0.0.1", upstream_port_);
            httplib::Headers headers;
            for (const auto& [name, value] : req.headers) {
                // httplib already inflated the body; the length and encoding are set anew.
                if (name == "Content-Encoding" || name == "Content-Length" ||
                    name == "Accept-Encoding" || name == "Host" || name == "REMOTE_ADDR" ||
                    name == "REMOTE_PORT" || name == "LOCAL_ADDR" || name == "LOCAL_PORT") {
                    continue;
                }
                headers.emplace(name, value);
            }
            std::string target = req.path;
            if (!req.params.empty())
                target += "?" + httplib::detail::params_to_query_str(req.params);
            auto result = req.method == "POST"
                              ? store.Post(target, headers, req.body, "application/json")
                              : store.Get(target, headers);
            if (!result) {
                res.status = 502;
                return;
            }
            res.status = result->status;
            for (const auto& [name, value] : result->headers) {
                if (name == "ETag" || name == "Retry-After") res.set_header(name, value);
            }
            res.set_content(result->body, result->get_header_value("Content-Type").empty()
                                              ? "application/json"
                                              : result->get_header_value("Content-Type"));
        };
        server_.Get(".*", forward);
        server_.Post(".*", forward);
        port_ = server_.bind_to_any_port("127.0.0.1");
        // bind_to_any_port already listens: connections queue until the thread accepts them.
        thread_ = std::thread([this] { server_.listen_after_bind(); });
    }
    ~TlsFront() {
        server_.stop();
        thread_.join();
    }
    std::string url() const { return "https://127.0.0.1:" + std::to_string(port_) + "/"; }

  private:
    httplib::SSLServer server_;
    int upstream_port_;
    int port_ = 0;
    std::thread thread_;
};

struct TlsRig {
    test::TempFolder dir;
    CentralProcess central;
    fs::path db = database_path(dir.path() / "device");
    Consultation consultation;

    TlsRig() {
        test::no_proxy_for_loopback();
        make_ca(dir.path(), "council-ca");
        make_ca(dir.path(), "other-ca");
        make_server_cert(dir.path(), "council-ca", "good", "IP:127.0.0.1,DNS:localhost");
        make_server_cert(dir.path(), "other-ca", "foreign", "IP:127.0.0.1,DNS:localhost");
        make_server_cert(dir.path(), "council-ca", "elsewhere", "DNS:store.example.org");
        central.publish(test::sample_consultation_path());
        central.start();
        consultation = *load_consultation_file(test::sample_consultation_path()).consultation;
        auto store = Store::open(db);
        store->set_setting(kSettingCaBundle, (dir.path() / "council-ca.pem").string());
    }
    fs::path file(const std::string& name) const { return dir.path() / name; }
};

// Enrols the rig's device at `url` over TLS, queues `count` responses and syncs them all.
void enrol_and_sync(TlsRig& rig, SyncEngine& engine, const std::string& url,
                    const std::string& code, int count, std::vector<Response>& sent) {
    const auto enrolled = engine.enrol(url, code, "kiosk");
    ASSERT_TRUE(enrolled.ok) << enrolled.message;
    sent = test::fill_queue(*Store::open(rig.db), rig.consultation, count, 31 + count);
    const auto report = engine.run_once();
    ASSERT_EQ(report.outcome, SyncOutcome::Done) << report.message;
    EXPECT_EQ(report.stored, count);
    EXPECT_EQ(report.consultations_saved, 1);
    EXPECT_EQ(Store::open(rig.db)->counts().synced, count);
}

TEST(TlsSync, EnrolsAndSyncsOverTlsWithTheCouncilsCaBundle) {
    TlsRig rig;
    TlsFront front(rig.file("good.pem"), rig.file("good.key"), rig.central.port());
    SyncEngine engine(rig.db);
    std::vector<Response> sent;
    ASSERT_NO_FATAL_FAILURE(
        enrol_and_sync(rig, engine, front.url(), rig.central.enrol_code("tls kiosk"), 60, sent));
    EXPECT_TRUE(test::compare_with_central(
                    sent, test::central_responses(rig.central.base_url(),
                                                  rig.central.officer_token("o"), "libraries-2027"))
                    .empty());
}

// Enrols over plain loopback HTTP, then points the device at `front` and syncs 20 responses.
void expect_refused(TlsRig& rig, const std::string& url, const std::string& why) {
    SyncEngine engine(rig.db);
    ASSERT_TRUE(engine.enrol(rig.central.base_url(), rig.central.enrol_code("k"), "k").ok);
    auto store = Store::open(rig.db);
    store->set_setting(kSettingStoreUrl, url);
    test::fill_queue(*store, rig.consultation, 20, 32);
    const auto report = engine.run_once();
    std::printf("[ refused  ] %s: %s\n", why.c_str(), report.message.c_str());
    EXPECT_EQ(report.outcome, SyncOutcome::Transient) << why;
    EXPECT_NE(report.message.find("certificate could not be trusted"), std::string::npos)
        << why << ": " << report.message;
    EXPECT_NE(report.message.find("nothing was sent"), std::string::npos) << report.message;
    EXPECT_EQ(store->counts().queued, 20) << why;
    EXPECT_EQ(store->counts().synced, 0) << why;
    EXPECT_EQ(store->setting(kSettingLastError).value_or(""), report.message);
    const auto enrol_again = engine.enrol(url, rig.central.enrol_code("k2"), "k");
    EXPECT_FALSE(enrol_again.ok) << why;
    EXPECT_NE(enrol_again.message.find("Could not reach the store"), std::string::npos)
        << enrol_again.message;
    EXPECT_TRUE(test::central_responses(rig.central.base_url(), rig.central.officer_token("o"),
                                        "libraries-2027")
                    .empty())
        << why;
}

TEST(TlsSync, RefusesACertificateFromAnotherCa) {
    TlsRig rig;
    TlsFront front(rig.file("foreign.pem"), rig.file("foreign.key"), rig.central.port());
    expect_refused(rig, front.url(), "a certificate signed by another CA");
}

TEST(TlsSync, RefusesACertificateForAnotherHostName) {
    TlsRig rig;
    TlsFront front(rig.file("elsewhere.pem"), rig.file("elsewhere.key"), rig.central.port());
    expect_refused(rig, front.url(), "a certificate for store.example.org");
}

TEST(TlsSync, WithoutTheBundleTheCouncilsOwnCaIsNotTrusted) {
    TlsRig rig;
    TlsFront front(rig.file("good.pem"), rig.file("good.key"), rig.central.port());
    Store::open(rig.db)->erase_setting(kSettingCaBundle);
    expect_refused(rig, front.url(), "no CA bundle: only the system's CAs");
}

// The store answering HTTPS itself (serve --tls-cert/--tls-key), with no proxy in front: the
// device enrols and syncs with the council's CA bundle, and without it refuses the certificate.
TEST(TlsSync, TheStoreServesHttpsItselfWithTlsCertAndKey) {
    TlsRig rig;  // its plain store gives the codes; this one is the store under test
    CentralProcess::Options options;
    options.tls_cert = rig.file("good.pem");
    options.tls_key = rig.file("good.key");
    CentralProcess secure(options);
    secure.publish(test::sample_consultation_path());
    secure.start();
    ASSERT_EQ(secure.base_url().rfind("https://127.0.0.1:", 0), 0u) << secure.base_url();
    SyncEngine engine(rig.db);
    std::vector<Response> sent;
    ASSERT_NO_FATAL_FAILURE(
        enrol_and_sync(rig, engine, secure.base_url(), secure.enrol_code("tls kiosk"), 40, sent));
    // What the store holds, read from its own export (the officer's CSV): one row a response.
    const auto csv = secure.dir() / "export.csv";
    const auto exported =
        secure.run({"export", "libraries-2027", "--format", "csv", "--out", csv.string()});
    ASSERT_EQ(exported.exit_code, 0) << exported.err;
    const std::string text = test::read_text_file(csv.string());
    for (const auto& response : sent) {
        EXPECT_NE(text.find(response.id), std::string::npos) << response.id;
    }
    // The same store, the same certificate, but the device no longer trusts the council's CA.
    Store::open(rig.db)->erase_setting(kSettingCaBundle);
    test::fill_queue(*Store::open(rig.db), rig.consultation, 5, 34);
    const auto refused = engine.run_once();
    EXPECT_EQ(refused.outcome, SyncOutcome::Transient);
    EXPECT_NE(refused.message.find("certificate could not be trusted"), std::string::npos)
        << refused.message;
    EXPECT_EQ(Store::open(rig.db)->counts().queued, 5);
}

// A certificate and key that do not belong together, or half of the pair, are refused before
// anything listens, saying what is wrong.
TEST(TlsSync, ServeRefusesAMismatchedKeyOrHalfAPair) {
    TlsRig rig;
    const auto db = (rig.dir.path() / "central-b.db").string();
    const auto mismatched = test::run_central({"--db", db, "serve", "--listen", "127.0.0.1:0",
                                               "--tls-cert", rig.file("good.pem").string(),
                                               "--tls-key", rig.file("foreign.key").string()});
    EXPECT_EQ(mismatched.exit_code, 1);
    EXPECT_NE(mismatched.err.find("does not match"), std::string::npos) << mismatched.err;
    EXPECT_EQ(mismatched.out.find("listening"), std::string::npos) << mismatched.out;
    const auto missing = test::run_central({"--db", db, "serve", "--listen", "127.0.0.1:0",
                                            "--tls-cert", rig.file("good.pem").string()});
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.err.find("--tls-cert and --tls-key go together"), std::string::npos)
        << missing.err;
    const auto unreadable = test::run_central({"--db", db, "serve", "--listen", "127.0.0.1:0",
                                               "--tls-cert", rig.file("nowhere.pem").string(),
                                               "--tls-key", rig.file("good.key").string()});
    EXPECT_EQ(unreadable.exit_code, 1);
    EXPECT_NE(unreadable.err.find("nowhere.pem"), std::string::npos) << unreadable.err;
}

}  // namespace
}  // namespace fv
