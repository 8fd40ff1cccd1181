// Benchmark: the central store's ingest with many devices syncing at once (issue 3, item 7).
// Starts the store in-process on a loopback port (same code as fieldvoice-central serve, with a
// real SQLite file, WAL and synchronous=FULL), then N device threads each upload their responses
// in batches over keep-alive connections. Prints responses/s and p50/p99 batch latency.
//
//   bench_central_ingest [--devices 50] [--responses 2000] [--batch 100] [--slots N] [--gzip]
//                        [--reference]  (each response carries a receipt's reference)
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "bench/support/figures.hpp"
#include "core/model/consultation.hpp"
#include "core/util/ids.hpp"
#include "sync/central/central_db.hpp"
#include "sync/central/server.hpp"
#include "sync/client/gzip.hpp"
#include "sync/protocol/protocol.hpp"

namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;
using fv::bench::percentile;

json definition() {
    auto option = [](const char* id) { return json{{"id", id}, {"label", {{"en", id}}}}; };
    return json{
        {"id", "bench-consultation"},
        {"version", 1},
        {"title", {{"en", "Bench"}}},
        {"languages", json::array({"en"})},
        {"privacy_notice", {{"en", "Kept two years."}}},
        {"questions",
         json::array({{{"id", "rating"},
                       {"type", "smiley"},
                       {"prompt", {{"en", "How?"}}},
                       {"required", true}},
                      {{"id", "used"},
                       {"type", "multi_choice"},
                       {"prompt", {{"en", "Used?"}}},
                       {"options", json::array({option("books"), option("wifi"), option("cafe")})}},
                      {{"id", "why"},
                       {"type", "text"},
                       {"prompt", {{"en", "Why?"}}},
                       {"max_length", 1000}}})}};
}

json response(int i, bool reference) {
    const std::string now = fv::now_rfc3339();
    json r{
        {"id", fv::new_uuid()},
        {"consultation_id", "bench-consultation"},
        {"consultation_version", 1},
        {"mode", "kiosk"},
        {"language", "en"},
        {"started_at", now},
        {"submitted_at", now},
        {"answers",
         {{"rating", 1 + i % 5},
          {"used", json::array({"books", "wifi"})},
          {"why", "More evening opening hours would help working parents like me."}}},
        {"session_id", nullptr},
        {"participant", nullptr},
        {"consent", {{"privacy_notice", true}, {"quote_publicly", false}, {"contact_me", false}}},
        {"flags", json::array()},
        {"sealed", nullptr}};
    // As a kiosk's receipt gives every response one (issue "Closing the loop at the kiosk").
    if (reference) r["reference"] = fv::new_reference();
    return r;
}

}  // namespace

int main(int argc, char** argv) {
    int devices = 50, per_device = 2000, batch_size = 100, slots = 0;
    bool gzip = false, reference = false;
    for (int i = 1; i < argc; ++i) {
        auto next = [&] { return i + 1 < argc ? std::atoi(argv[++i]) : 0; };
        if (!std::strcmp(argv[i], "--devices"))
            devices = next();
        else if (!std::strcmp(argv[i], "--responses"))
            per_device = next();
        else if (!std::strcmp(argv[i], "--batch"))
            batch_size = next();
        else if (!std::strcmp(argv[i], "--slots"))
            slots = next();
        else if (!std::strcmp(argv[i], "--gzip"))
            gzip = true;
        else if (!std::strcmp(argv[i], "--reference"))
            reference = true;
        else {
            std::fprintf(stderr,
                         "usage: %s [--devices N] [--responses N] [--batch N] [--slots N] [--gzip] "
                         "[--reference]\n",
                         argv[0]);
            return 2;
        }
    }
    if (devices < 1 || per_device < 1 || batch_size < 1 || batch_size > 500) {
        std::fprintf(stderr, "devices, responses and batch (1..500) must be positive\n");
        return 2;
    }

    std::string dir_template =
        (std::filesystem::temp_directory_path() / "fv-bench-central-XXXXXX").string();
    const std::filesystem::path dir = mkdtemp(dir_template.data());
    auto db = fv::central::CentralDb::open(dir / "central.db");
    auto parsed = fv::parse_consultation(definition());
    if (!parsed.ok()) {
        std::fprintf(stderr, "bench definition invalid: %s\n",
                     parsed.problems.front().to_line().c_str());
        return 1;
    }
    db->publish(*parsed.consultation);
    struct Device {
        std::string id, token;
        std::vector<std::string> bodies;
    };
    std::vector<Device> fleet(static_cast<std::size_t>(devices));
    for (auto& d : fleet) {
        auto code = db->make_enrol_code("bench", std::chrono::system_clock::now());
        auto enrolled = db->enrol(code, "bench device", std::chrono::system_clock::now());
        d.id = enrolled->device_id;
        d.token = enrolled->token;
        for (int sent = 0; sent < per_device; sent += batch_size) {
            json list = json::array();
            for (int i = sent; i < std::min(per_device, sent + batch_size); ++i) {
                list.push_back(response(i, reference));
            }
            std::string body = json{
                {"device_id", d.id},
                {"sent_at", fv::now_rfc3339()},
                {"responses",
                 std::move(list)}}.dump();
            d.bodies.push_back(gzip ? fv::gzip_compress(body) : std::move(body));
        }
    }

    fv::central::ServerOptions options;
    options.port = 0;
    options.log_requests = false;
    options.upload_slots = slots;
    options.threads = std::max(64, devices + 8);
    fv::central::CentralServer server(*db, options);
    const int port = server.bind();
    std::thread serving([&] { server.run(); });

    std::vector<std::vector<double>> latencies(fleet.size());
    std::vector<int> failures(fleet.size(), 0);
    std::vector<std::thread> threads;
    const auto start = Clock::now();
    for (std::size_t k = 0; k < fleet.size(); ++k) {
        threads.emplace_back([&, k] {
            httplib::Client client("127.0.0.1", port);
            client.set_keep_alive(true);
            client.set_tcp_nodelay(true);  // as libcurl does by default
            client.set_read_timeout(120);
            httplib::Headers headers{{"Authorization", "Bearer " + fleet[k].token}};
            if (gzip) headers.emplace("Content-Encoding", "gzip");
            for (const auto& body : fleet[k].bodies) {
                const auto t0 = Clock::now();
                auto res = client.Post("/api/v1/responses", headers, body, "application/json");
                const auto t1 = Clock::now();
                if (!res || res->status != 200) {
                    if (failures[k]++ == 0) {
                        std::fprintf(stderr, "device %zu: batch failed: %s\n", k,
                                     res ? (std::to_string(res->status) + " " + res->body).c_str()
                                         : httplib::to_string(res.error()).c_str());
                    }
                    continue;
                }
                latencies[k].push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
            }
        });
    }
    for (auto& t : threads) t.join();
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    server.stop();
    serving.join();

    std::vector<double> all;
    int failed = 0;
    for (std::size_t k = 0; k < fleet.size(); ++k) {
        all.insert(all.end(), latencies[k].begin(), latencies[k].end());
        failed += failures[k];
    }
    const auto stored = db->count_responses();
    const long expected = static_cast<long>(devices) * per_device;
    std::printf("central ingest: %d devices x %d responses, batches of %d%s%s\n", devices,
                per_device, batch_size, gzip ? ", gzip" : "", reference ? ", with references" : "");
    std::printf("  stored %lld of %ld responses in %.2f s (%d failed batches)\n",
                static_cast<long long>(stored), expected, seconds, failed);
    std::printf("  throughput   %.0f responses/s\n", static_cast<double>(stored) / seconds);
    std::printf("  batch latency p50 %.1f ms, p99 %.1f ms, max %.1f ms (%zu batches)\n",
                percentile(all, 0.50), percentile(all, 0.99), percentile(all, 1.0), all.size());
    db.reset();
    std::filesystem::remove_all(dir);
    return stored == expected && failed == 0 ? 0 : 1;
}
