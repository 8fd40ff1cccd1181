// Benchmark: the store's web console on a big store (issue 15). Fills a real SQLite store with N
// responses of the libraries sample from 50 devices enrolled in 4 divisions, uploaded in batches
// of 500 through the store's real POST /api/v1/responses (its server code in-process on a
// loopback port). Then starts the real `fieldvoice-central serve` as a child process on that
// file, signs an officer in through the console's forms, and times the results page, the
// equality cross-tab and a filtered results page: p50 and p99 per page and the server's peak
// RSS (VmHWM). Each run also times batched ingest on two fresh stores, one as on main and one
// without the console's bookkeeping at ingest, and the disk's raw fdatasync. Prints every run
// and then the medians.
//
//   bench_console_pages [--responses 1000000] [--requests 20] [--runs 1] [--reuse PATH]
//                       [--ingest 100000]
//
// --reuse PATH keeps the filled store in PATH and, when PATH exists, serves it as it is.
#include <httplib.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "bench/support/figures.hpp"
#include "core/model/answers.hpp"
#include "core/model/consultation.hpp"
#include "core/model/response_wire.hpp"
#include "core/util/ids.hpp"
#include "fault/support/sync_rig.hpp"
#include "integration/support/central_process.hpp"
#include "integration/support/console_browser.hpp"
#include "sync/central/central_db.hpp"
#include "sync/central/server.hpp"
#include "sync/protocol/protocol.hpp"
#include "tools/answer_maker.hpp"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using fv::bench::median;
using fv::bench::percentile;

constexpr int kDevices = 50;
constexpr int kBatch = 500;
constexpr const char* kConsultation = "libraries-2027";
const char* const kDivisions[] = {"Banbury", "Didcot", "Oxford Central", "Witney"};
constexpr const char* kFilterDivision = "Witney";  // the filtered page's (no escaping needed)

struct Options {
    long responses = 1000000;
    int requests = 20;
    int runs = 1;
    long ingest = 100000;
    fs::path reuse;
};

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

fv::Consultation libraries() {
    const auto parsed = fv::load_consultation_file(fv::test::sample_consultation_path());
    if (!parsed.ok()) throw std::runtime_error("the libraries sample does not load");
    if (parsed.consultation->id != kConsultation) {
        throw std::runtime_error("the sample consultation is not " + std::string(kConsultation));
    }
    return *parsed.consultation;
}

// The store's own server code on a loopback port, on a real SQLite file.
class InProcessStore {
  public:
    explicit InProcessStore(std::unique_ptr<fv::central::CentralDb> db) : db_(std::move(db)) {
        fv::central::ServerOptions options;
        options.port = 0;
        options.log_requests = false;
        server_ = std::make_unique<fv::central::CentralServer>(*db_, options);
        port_ = server_->bind();
        serving_ = std::thread([this] { server_->run(); });
    }
    ~InProcessStore() {
        server_->stop();
        serving_.join();
    }
    InProcessStore(const InProcessStore&) = delete;
    InProcessStore& operator=(const InProcessStore&) = delete;

    fv::central::CentralDb& db() { return *db_; }
    int port() const { return port_; }

  private:
    std::unique_ptr<fv::central::CentralDb> db_;
    std::unique_ptr<fv::central::CentralServer> server_;
    int port_ = 0;
    std::thread serving_;
};

struct Device {
    std::string id, token;
};

// Makes a code with a division and enrols over HTTP, as `fieldvoice enrol` does.
Device enrol(InProcessStore& store, const std::string& name, const std::string& division) {
    const auto code = store.db().make_enrol_code(name, std::chrono::system_clock::now(),
                                                 std::chrono::hours(24), division);
    httplib::Client client("127.0.0.1", store.port());
    const auto body = fv::protocol::to_json(fv::protocol::EnrolRequest{code, name}).dump();
    auto res = client.Post("/api/v1/devices/enrol", body, "application/json");
    if (!res || res->status != 201) {
        throw std::runtime_error("enrolling " + name + " failed: " +
                                 (res ? std::to_string(res->status) + " " + res->body
                                      : httplib::to_string(res.error())));
    }
    const auto reply = fv::protocol::parse_enrol_reply(res->body);
    if (!reply) throw std::runtime_error("enrolling " + name + ": an unreadable reply");
    return {reply->device_id, reply->token};
}

// Responses as kiosks, officers, facilitators and partners make them: every shown question
// answered validly (personal answers sealed), English or Polish, over the last 90 days.
class ResponseMaker {
  public:
    ResponseMaker(const fv::Consultation& c, unsigned seed)
        : consultation_(c), answers_(seed), now_(std::chrono::system_clock::now()) {}

    std::string next_wire() {
        fv::Response r;
        r.id = fv::new_uuid();
        r.consultation_id = consultation_.id;
        r.consultation_version = consultation_.version;
        const int roll = answers_.between(1, 100);
        r.mode = roll <= 55   ? fv::CaptureMode::Kiosk
                 : roll <= 80 ? fv::CaptureMode::Assisted
                 : roll <= 92 ? fv::CaptureMode::Meeting
                              : fv::CaptureMode::Partner;
        if (r.mode == fv::CaptureMode::Partner) {
            r.participant = {{"kind", "partner"},
                             {"organisation", answers_.chance(0.5) ? "Age UK" : "Citizens Advice"}};
        }
        r.language =
            answers_.chance(0.2) ? consultation_.languages.back() : consultation_.languages.front();
        const auto submitted = now_ - std::chrono::seconds(answers_.between(0, 90 * 86400 - 1));
        r.submitted_at = fv::format_rfc3339(submitted);
        r.started_at =
            fv::format_rfc3339(submitted - std::chrono::seconds(answers_.between(60, 900)));
        r.answers = answers_.answers(consultation_);
        r.consent.privacy_notice = true;
        r.consent.quote_publicly = answers_.chance(0.5);
        r.sealed = fv::seal_personal_answers(consultation_, r.answers);
        return fv::canonical_text(r);
    }

  private:
    const fv::Consultation& consultation_;
    fv::test::AnswerMaker answers_;
    std::chrono::system_clock::time_point now_;
};

std::string batch_body(const Device& device, const std::vector<std::string>& wires) {
    std::vector<std::string_view> views(wires.begin(), wires.end());
    return fv::protocol::responses_batch_text(device.id, fv::now_rfc3339(), views);
}

void post_batch(httplib::Client& client, const Device& device, const std::string& body) {
    auto res = client.Post("/api/v1/responses", {{"Authorization", "Bearer " + device.token}}, body,
                           "application/json");
    if (!res || res->status != 200) {
        throw std::runtime_error("a batch was refused: " +
                                 (res ? std::to_string(res->status) + " " + res->body.substr(0, 300)
                                      : httplib::to_string(res.error())));
    }
}

// Fills `path` with `count` responses through POST /api/v1/responses; prints the rate.
void fill(const fs::path& path, const fv::Consultation& c, long count) {
    InProcessStore store(fv::central::CentralDb::open(path));
    store.db().publish(c);
    std::vector<Device> devices;
    for (int i = 0; i < kDevices; ++i) {
        devices.push_back(enrol(store, "Library kiosk " + std::to_string(i + 1),
                                kDivisions[static_cast<std::size_t>(i) % std::size(kDivisions)]));
    }
    const long batches = (count + kBatch - 1) / kBatch;
    constexpr int kSenders = 2;  // as many as there are cores: each makes its batches and sends
    std::atomic<long> next{0};
    std::vector<std::thread> senders;
    std::vector<std::string> errors(kSenders);
    const auto start = Clock::now();
    for (int s = 0; s < kSenders; ++s) {
        senders.emplace_back([&, s] {
            try {
                ResponseMaker maker(c, static_cast<unsigned>(s + 1));
                httplib::Client client("127.0.0.1", store.port());
                client.set_keep_alive(true);
                client.set_read_timeout(120);
                for (long b = next++; b < batches; b = next++) {
                    const long first = b * kBatch;
                    std::vector<std::string> wires;
                    for (long i = first; i < std::min(count, first + kBatch); ++i) {
                        wires.push_back(maker.next_wire());
                    }
                    const Device& device = devices[static_cast<std::size_t>(b % kDevices)];
                    post_batch(client, device, batch_body(device, wires));
                    if (b % 200 == 199) {
                        std::printf("  fill: %ld of %ld batches sent\n", b + 1, batches);
                        std::fflush(stdout);
                    }
                }
            } catch (const std::exception& e) {
                errors[static_cast<std::size_t>(s)] = e.what();
                next = batches;
            }
        });
    }
    for (auto& t : senders) t.join();
    const double seconds = ms_since(start) / 1000;
    for (const auto& e : errors) {
        if (!e.empty()) throw std::runtime_error("the fill failed: " + e);
    }
    const auto stored = store.db().count_responses();
    std::printf(
        "fill: %lld responses from %d devices in 4 divisions, batches of %d through POST "
        "/api/v1/responses (in-process server, 2 sender threads making the responses too): "
        "%.1f s = %.0f responses/s\n",
        static_cast<long long>(stored), kDevices, kBatch, seconds,
        static_cast<double>(stored) / seconds);
}

// -- the pages, served by the real program

struct Page {
    const char* name;
    std::string path;
};

struct PageFigures {
    double p50 = 0, p99 = 0, min = 0, max = 0;
    std::size_t bytes = 0;
};

long vm_hwm_kib(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6);
    }
    return -1;
}

struct ServeRun {
    double first_ms = 0;  // the first results page after the start
    std::vector<PageFigures> pages;
    std::vector<long> hwm_after_kib;  // the server's VmHWM after each page's requests
};

ServeRun serve_pages(const fs::path& db_path, const std::vector<Page>& pages, int requests,
                     int run) {
    fv::test::CentralProcess::Options options;
    options.db = db_path;
    fv::test::CentralProcess central(options);
    const auto started = Clock::now();
    central.start(std::chrono::minutes(5));
    const std::string email =
        "officer" + std::to_string(run) + "." + fv::new_uuid().substr(0, 8) + "@bench.example";
    const auto added =
        central.run({"add-user", "--email", email, "--name", "Bench Officer", "--role", "officer"});
    if (added.exit_code != 0) throw std::runtime_error("add-user failed: " + added.err);
    fv::test::ConsoleBrowser browser(central);
    browser.set_read_timeout(3600);
    browser.first_sign_in(email, added.last_line(), "a long bench passphrase " + email);
    const auto home = browser.get("/consultations");
    if (!home || home->status != 200) {
        throw std::runtime_error("signing in through the console's forms failed");
    }
    ServeRun out;
    std::printf("run %d: fieldvoice-central serve (pid %d), after sign-in VmHWM %.1f MB\n", run,
                static_cast<int>(central.pid()), vm_hwm_kib(central.pid()) / 1024.0);
    {
        // The store reads every stored response for the pages in the background from its start
        // (answer_index.hpp); the first page waits for that read to end.
        const auto t0 = Clock::now();
        const auto res = browser.get(pages.front().path);
        if (!res || res->status != 200) throw std::runtime_error("the first results page failed");
        out.first_ms = ms_since(t0);
        std::printf("  first %s page after the start (waits for the background's first read): "
                    "%.0f ms after sign-in, %.0f ms after the start; VmHWM %.1f MB\n",
                    pages.front().name, out.first_ms, ms_since(started), vm_hwm_kib(central.pid()) / 1024.0);
    }
    for (const auto& page : pages) {
        std::vector<double> ms;
        PageFigures f;
        for (int k = 0; k < requests; ++k) {
            const auto t0 = Clock::now();
            const auto res = browser.get(page.path);
            ms.push_back(ms_since(t0));
            if (!res || res->status != 200) {
                throw std::runtime_error(std::string(page.name) + ": " +
                                         (res ? std::to_string(res->status) + " " +
                                                    fv::test::visible_text(res->body).substr(0, 300)
                                              : httplib::to_string(res.error())));
            }
            f.bytes = res->body.size();
        }
        f.p50 = percentile(ms, 0.5);
        f.p99 = percentile(ms, 0.99);
        f.min = percentile(ms, 0);
        f.max = percentile(ms, 1);
        out.pages.push_back(f);
        out.hwm_after_kib.push_back(vm_hwm_kib(central.pid()));
        std::printf(
            "  %-18s %d requests: p50 %8.1f ms  p99 %8.1f ms  (min %.1f, max %.1f; %zu bytes)  "
            "server VmHWM %.1f MB\n",
            page.name, requests, f.p50, f.p99, f.min, f.max, f.bytes,
            out.hwm_after_kib.back() / 1024.0);
        std::fflush(stdout);
    }
    central.terminate();
    return out;
}

// Where a page's time would go without the answer index, at least: reading every stored body of
// the consultation, reading and parsing each as JSON (what the background's first read does and
// what the pages did at each request before the index), and the filtered page's rows
// found by the store's own kind of query (its join on devices for the division), straight from
// SQLite.
void time_phases(const fs::path& db_path, const std::string& division, const std::string& mode) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        throw std::runtime_error("cannot open " + db_path.string());
    }
    const auto scan = [&](const char* what, const char* sql, bool parse) {
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK) {
            throw std::runtime_error(std::string("phase query: ") + sqlite3_errmsg(db));
        }
        sqlite3_bind_text(stmt, 1, kConsultation, -1, SQLITE_STATIC);
        if (sqlite3_bind_parameter_count(stmt) == 3) {
            sqlite3_bind_text(stmt, 2, division.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(stmt, 3, mode.c_str(), -1, SQLITE_TRANSIENT);
        }
        long rows = 0, keys = 0;
        std::size_t bytes = 0;
        const auto t0 = Clock::now();
        while (sqlite3_step(stmt) == SQLITE_ROW) {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
            const auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt, 0));
            bytes += size;
            ++rows;
            if (parse) keys += static_cast<long>(nlohmann::json::parse(text, text + size).size());
        }
        const double ms = ms_since(t0);
        sqlite3_finalize(stmt);
        std::printf("  phase: %s: %ld rows (%.0f MB) in %.0f ms%s\n", what, rows,
                    static_cast<double>(bytes) / 1e6, ms, parse && keys == 0 ? " (no keys?)" : "");
    };
    constexpr const char* kAll =
        "SELECT body FROM responses WHERE consultation_id = ?1 ORDER BY seq";
    scan("reading every body", kAll, false);
    scan("reading and parsing every body", kAll, true);
    scan("finding the filtered page's rows (division and mode, bodies read)",
         "SELECT r.body FROM responses r LEFT JOIN devices d ON d.id = r.device_id "
         "WHERE r.consultation_id = ?1 AND coalesce(d.division, '') = ?2 AND r.mode = ?3 "
         "ORDER BY r.seq",
         false);
    sqlite3_close(db);
}

// -- ingest with and without the console's bookkeeping

// The console adds one thing to the ingest of each response: the index responses_by_device
// (schema 2, for the devices page's counts); the texts in people's own words are found after
// ingest, when the words page is first opened (own_words.hpp). Without it is the same store with
// that index dropped.
double ingest_rate(const fs::path& dir, const fv::Consultation& c,
                   const std::vector<std::vector<std::string>>& batches, bool console_bookkeeping) {
    fs::create_directories(dir);
    const auto path = dir / "central.db";
    fv::central::CentralDb::open(path)->publish(c);
    if (!console_bookkeeping) {
        sqlite3* db = nullptr;
        sqlite3_open(path.c_str(), &db);
        char* error = nullptr;
        if (sqlite3_exec(db, "DROP INDEX responses_by_device", nullptr, nullptr, &error) !=
            SQLITE_OK) {
            const std::string why = error ? error : "?";
            sqlite3_free(error);
            sqlite3_close(db);
            throw std::runtime_error("cannot drop the console's index: " + why);
        }
        sqlite3_close(db);
    }
    InProcessStore store(fv::central::CentralDb::open(path));
    const Device device = enrol(store, "Ingest kiosk", kDivisions[0]);
    std::vector<std::string> bodies;
    for (const auto& wires : batches) bodies.push_back(batch_body(device, wires));
    httplib::Client client("127.0.0.1", store.port());
    client.set_keep_alive(true);
    client.set_tcp_nodelay(true);
    client.set_read_timeout(120);
    long sent = 0;
    const auto start = Clock::now();
    for (std::size_t b = 0; b < bodies.size(); ++b) {
        post_batch(client, device, bodies[b]);
        sent += static_cast<long>(batches[b].size());
    }
    const double seconds = ms_since(start) / 1000;
    if (store.db().count_responses() != sent) throw std::runtime_error("ingest lost responses");
    return static_cast<double>(sent) / seconds;
}

Options parse_options(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (i + 1 >= argc) throw std::invalid_argument(arg);
        const char* value = argv[++i];
        if (arg == "--responses")
            o.responses = std::atol(value);
        else if (arg == "--requests")
            o.requests = std::atoi(value);
        else if (arg == "--runs")
            o.runs = std::atoi(value);
        else if (arg == "--ingest")
            o.ingest = std::atol(value);
        else if (arg == "--reuse")
            o.reuse = value;
        else
            throw std::invalid_argument(arg);
    }
    if (o.responses < 1 || o.requests < 1 || o.runs < 1 || o.ingest < 1) {
        throw std::invalid_argument("a count");
    }
    return o;
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    try {
        options = parse_options(argc, argv);
    } catch (const std::invalid_argument&) {
        std::fprintf(stderr,
                     "usage: bench_console_pages [--responses N] [--requests K] [--runs R] "
                     "[--reuse PATH] [--ingest N]\n");
        return 2;
    }
    try {
        fv::test::no_proxy_for_loopback();
        fv::test::TempFolder temp;
        const fv::Consultation c = libraries();
        const fs::path db_path = options.reuse.empty() ? temp.path() / "central.db" : options.reuse;
        if (!options.reuse.empty() && fs::exists(db_path)) {
            std::printf(
                "reusing %s: %lld responses stored\n", db_path.c_str(),
                static_cast<long long>(fv::central::CentralDb::open(db_path)->count_responses()));
        } else {
            fill(db_path, c, options.responses);
        }
        std::fflush(stdout);
        const std::string id = kConsultation;
        const std::vector<Page> pages{
            {"results", "/consultations/" + id},
            {"equality cross-tab",
             "/consultations/" + id + "/equality?question=opening-hours&by=age-band"},
            {"filtered results",
             "/consultations/" + id + "?division=" + std::string(kFilterDivision) + "&mode=kiosk"},
            // The first look at the words page finds the texts stored since the last one (all
            // of them on a store that was never looked at: its max is that catch-up).
            {"own words", "/consultations/" + id + "/words"},
            {"own words search", "/consultations/" + id + "/words?q=staff"}};

        // Batched ingest: the same batches of 500 from one device over one kept-alive
        // connection, into fresh stores, made before the clock starts.
        std::vector<std::vector<std::string>> batches;
        {
            ResponseMaker maker(c, 99);
            for (long first = 0; first < options.ingest; first += kBatch) {
                batches.emplace_back();
                for (long i = first; i < std::min(options.ingest, first + kBatch); ++i) {
                    batches.back().push_back(maker.next_wire());
                }
            }
        }

        std::vector<std::vector<double>> p50(pages.size()), p99(pages.size());
        std::vector<double> firsts, hwm, with_rates, without_rates, ratios, fsyncs;
        for (int run = 1; run <= options.runs; ++run) {
            const ServeRun served = serve_pages(db_path, pages, options.requests, run);
            for (std::size_t p = 0; p < pages.size(); ++p) {
                p50[p].push_back(served.pages[p].p50);
                p99[p].push_back(served.pages[p].p99);
            }
            hwm.push_back(static_cast<double>(served.hwm_after_kib.back()) / 1024.0);
            firsts.push_back(served.first_ms);
            if (run == 1) time_phases(db_path, kFilterDivision, "kiosk");

            const auto run_dir = temp.path() / ("ingest-" + std::to_string(run));
            // Alternate which goes first, so neither always meets a warmer or busier disk.
            double with = 0, without = 0;
            if (run % 2) {
                with = ingest_rate(run_dir / "with", c, batches, true);
                without = ingest_rate(run_dir / "without", c, batches, false);
            } else {
                without = ingest_rate(run_dir / "without", c, batches, false);
                with = ingest_rate(run_dir / "with", c, batches, true);
            }
            fs::remove_all(run_dir);
            with_rates.push_back(with);
            without_rates.push_back(without);
            ratios.push_back(with / without);
            fsyncs.push_back(fv::bench::fdatasync_ms(temp.path(), 200));
            std::printf(
                "  batched ingest (%ld responses, batches of %d, one device, POST "
                "/api/v1/responses): as on main %.0f responses/s, without the console's "
                "bookkeeping "
                "%.0f responses/s: %.1f%% of it; raw fdatasync p50 %.3f ms\n",
                options.ingest, kBatch, with, without, 100 * with / without, fsyncs.back());
            std::fflush(stdout);
        }

        std::printf("medians of %d run(s), %d requests a page a run, store of %s:\n", options.runs,
                    options.requests, db_path.c_str());
        for (std::size_t p = 0; p < pages.size(); ++p) {
            std::printf("  %-18s p50 %8.1f ms  p99 %8.1f ms   (targets 100 and 300 ms)\n",
                        pages[p].name, median(p50[p]), median(p99[p]));
        }
        std::printf("  first results page after the store's start %.0f ms (the background's first "
                    "read of every response)\n", median(firsts));
        std::printf("  server peak RSS (VmHWM) %.1f MB   (target 250 MB)\n", median(hwm));
        std::printf(
            "  batched ingest as on main %.0f responses/s, without the console's bookkeeping %.0f "
            "responses/s: %.1f%%   (target: within 15%%); fdatasync p50 %.3f ms\n",
            median(with_rates), median(without_rates), 100 * median(ratios), median(fsyncs));
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_console_pages: %s\n", e.what());
        return 1;
    }
}
