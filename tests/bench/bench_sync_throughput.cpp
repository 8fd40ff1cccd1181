// Benchmark: one device syncing 10,000 responses over loopback with the real SyncEngine
// (batches of 500, gzip, one kept-alive connection), next to the same engine sending one
// response per request (as the field's older protocols do), against the same store in the
// same run. The store is fieldvoice-central's own server code, in-process on a loopback port,
// on a real SQLite file (WAL, synchronous=FULL). Prints responses/s for both and the ratio,
// each run and then the medians, and the disk's raw fdatasync time in the same run: the
// one-per-POST client pays two durable commits a response (the store's and the device's), so
// its rate, and the ratio, follow the disk.
//
//   bench_sync_throughput [--responses 10000] [--single 2000] [--runs 1]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "bench/support/figures.hpp"
#include "fault/support/sync_rig.hpp"
#include "sync/central/central_db.hpp"
#include "sync/central/server.hpp"
#include "sync/client/sync_engine.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using fv::bench::fdatasync_ms;
using fv::bench::median;

struct Run {
    double seconds = 0;
    fv::SyncReport report;
    long connections = 0;
};

// Enrols a device database on the store, fills its queue, and times one sync of all of it.
Run sync_device(const std::filesystem::path& dir, const std::string& url,
                fv::central::CentralDb& db, const fv::Consultation& consultation, int responses,
                std::size_t batch, std::uint64_t seed) {
    const auto path = fv::database_path(dir);
    {
        fv::SyncEngine enroller(path);
        const auto code = db.make_enrol_code("bench device", std::chrono::system_clock::now());
        const auto enrolled = enroller.enrol(url, code, "bench device");
        if (!enrolled.ok) throw std::runtime_error(enrolled.message);
        auto store = fv::Store::open(path);
        fv::test::fill_queue(*store, consultation, responses, seed);
    }
    fv::SyncOptions options;
    options.batch_size = batch;
    fv::SyncEngine engine(path, options);
    const auto start = Clock::now();
    Run run;
    run.report = engine.run_once();
    run.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    run.connections = engine.connections_opened();
    if (run.report.outcome != fv::SyncOutcome::Done || run.report.stored != responses) {
        throw std::runtime_error("the sync did not finish: " + run.report.message);
    }
    return run;
}

}  // namespace

int main(int argc, char** argv) {
    int responses = 10000, single = 2000, runs = 1;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--responses") == 0) responses = std::atoi(argv[i + 1]);
        if (std::strcmp(argv[i], "--single") == 0) single = std::atoi(argv[i + 1]);
        if (std::strcmp(argv[i], "--runs") == 0) runs = std::atoi(argv[i + 1]);
    }
    if (responses < 1 || single < 1 || runs < 1) {
        std::fprintf(stderr,
                     "usage: bench_sync_throughput [--responses N] [--single N] [--runs N]\n");
        return 2;
    }
    try {
        fv::test::no_proxy_for_loopback();
        fv::test::TempFolder dir;
        auto db = fv::central::CentralDb::open(dir.path() / "central.db");
        const auto parsed = fv::load_consultation_file(fv::test::sample_consultation_path());
        db->publish(*parsed.consultation);
        fv::central::ServerOptions server_options;
        server_options.port = 0;
        server_options.log_requests = false;
        fv::central::CentralServer server(*db, server_options);
        const int port = server.bind();
        std::thread serving([&] { server.run(); });
        const std::string url = "http://127.0.0.1:" + std::to_string(port) + "/";

        std::printf("sync throughput over loopback, one device, store on SQLite (WAL, FULL)\n");
        std::vector<double> batched_rates, single_rates, ratios, fsyncs;
        for (int run = 1; run <= runs; ++run) {
            const auto run_dir = dir.path() / ("run-" + std::to_string(run));
            std::filesystem::create_directories(run_dir);
            const Run batched = sync_device(run_dir / "batched", url, *db, *parsed.consultation,
                                            responses, 500, 2 * run - 1);
            const Run one_each = sync_device(run_dir / "one-each", url, *db, *parsed.consultation,
                                             single, 1, 2 * run);
            const double fsync = fdatasync_ms(run_dir, 200);
            batched_rates.push_back(responses / batched.seconds);
            single_rates.push_back(single / one_each.seconds);
            ratios.push_back(batched_rates.back() / single_rates.back());
            fsyncs.push_back(fsync);
            std::printf("run %d:\n", run);
            std::printf(
                "  batched (500 a POST, gzip): %6d responses in %7.3f s = %9.0f responses/s "
                "(%d POSTs, %ld connection(s))\n",
                responses, batched.seconds, batched_rates.back(), batched.report.batches,
                batched.connections);
            std::printf(
                "  one response a POST:        %6d responses in %7.3f s = %9.0f responses/s "
                "(%d POSTs, %ld connection(s))\n",
                single, one_each.seconds, single_rates.back(), one_each.report.batches,
                one_each.connections);
            std::printf("  ratio: %.1fx; raw fdatasync on this disk now: p50 %.3f ms\n",
                        ratios.back(), fsync);
            std::fflush(stdout);
        }
        server.stop();
        serving.join();
        if (runs > 1) {
            std::printf(
                "median of %d runs: batched %.0f responses/s, one a POST %.0f responses/s, "
                "ratio %.1fx, fdatasync p50 %.3f ms\n",
                runs, median(batched_rates), median(single_rates), median(ratios), median(fsyncs));
        }
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_sync_throughput: %s\n", e.what());
        return 1;
    }
}
