// Benchmark: the store's CPU per uploaded response, phase by phase, with no HTTP and no device in
// the way: batches of 500 realistic responses go through fieldvoice-central's own
// handle_responses on a real SQLite file (WAL, synchronous=FULL), and each phase is also timed
// alone (parse the body, check and canonicalise each response, hash, store). Prints microseconds
// per response, the median of the batches; the sync benchmark's rate is bounded by the total.
//
//   bench_central_handler [--batches 20] [--batch 500]
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "core/model/answers.hpp"
#include "fault/support/sync_rig.hpp"
#include "sync/central/central_db.hpp"
#include "sync/central/service.hpp"
#include "sync/protocol/protocol.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

// CPU time of the whole process (every thread), in microseconds.
double process_cpu_micros() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e6 + static_cast<double>(t.tv_nsec) / 1e3;
}

double micros_since(Clock::time_point start) {
    return std::chrono::duration<double, std::micro>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
    int batches = 20, batch = 500;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--batches") == 0) batches = std::atoi(argv[i + 1]);
        if (std::strcmp(argv[i], "--batch") == 0) batch = std::atoi(argv[i + 1]);
    }
    if (batches < 1 || batch < 1 || batch > static_cast<int>(fv::protocol::kMaxBatch)) {
        std::fprintf(stderr, "usage: bench_central_handler [--batches N] [--batch 1..500]\n");
        return 2;
    }
    try {
        fv::test::TempFolder dir;
        auto db = fv::central::CentralDb::open(dir.path() / "central.db");
        const auto parsed = fv::load_consultation_file(fv::test::sample_consultation_path());
        const fv::Consultation& consultation = *parsed.consultation;
        db->publish(consultation);
        const fv::central::Caller caller{fv::central::Role::Device, fv::new_uuid(), "bench"};

        // Two sets of bodies: one for the whole handler, one for the phases alone (each
        // response is stored once, as in a real sync; a resend would only be a lookup).
        auto make_bodies = [&](std::uint64_t seed) {
            std::vector<std::string> bodies;
            for (int b = 0; b < batches; ++b) {
                std::vector<std::string> wires;
                for (int i = 0; i < batch; ++i) {
                    wires.push_back(fv::test::sample_response(consultation, seed, b * batch + i)
                                        .to_json()
                                        .dump());
                }
                std::vector<std::string_view> views(wires.begin(), wires.end());
                bodies.push_back(fv::protocol::responses_batch_text(caller.device_id,
                                                                    "2026-12-02T00:00:00Z", views));
            }
            return bodies;
        };
        const auto whole_bodies = make_bodies(1);
        const auto phase_bodies = make_bodies(2);

        std::vector<double> whole, whole_cpu;
        for (const auto& body : whole_bodies) {
            const auto t0 = Clock::now();
            const double cpu0 = process_cpu_micros();
            const auto reply = fv::central::handle_responses(*db, caller, body);
            whole.push_back(micros_since(t0) / batch);
            whole_cpu.push_back((process_cpu_micros() - cpu0) / batch);
            if (reply.status != 200 || reply.body.find("rejected") != std::string::npos) {
                throw std::runtime_error("the store did not store the batch: " + reply.body);
            }
        }

        std::vector<double> parse, shape, check, canonical, hash, store;
        for (const auto& body : phase_bodies) {
            auto t0 = Clock::now();
            auto request = nlohmann::json::parse(body);
            parse.push_back(micros_since(t0) / batch);
            t0 = Clock::now();
            std::vector<fv::Response> responses;
            for (const auto& item : request["responses"]) {
                responses.push_back(fv::Response::from_json(item));
            }
            shape.push_back(micros_since(t0) / batch);
            t0 = Clock::now();
            for (const auto& r : responses) {
                if (!fv::check_answers(consultation, r.answers, true).empty()) {
                    throw std::runtime_error("a sample response broke its consultation's rules");
                }
            }
            check.push_back(micros_since(t0) / batch);
            std::vector<fv::central::PreparedItem> items(responses.size());
            t0 = Clock::now();
            for (std::size_t i = 0; i < responses.size(); ++i) {
                items[i].body = responses[i].to_json().dump();
            }
            canonical.push_back(micros_since(t0) / batch);
            t0 = Clock::now();
            for (auto& item : items) item.content_hash = fv::central::sha256_hex(item.body);
            hash.push_back(micros_since(t0) / batch);
            for (std::size_t i = 0; i < responses.size(); ++i) {
                items[i].id = responses[i].id;
                items[i].consultation_id = responses[i].consultation_id;
                items[i].consultation_version = responses[i].consultation_version;
                items[i].mode = std::string(fv::to_string(responses[i].mode));
                items[i].submitted_at = responses[i].submitted_at;
            }
            std::vector<fv::ItemResult> results(items.size());
            t0 = Clock::now();
            db->store_responses(caller.device_id, items, results);
            store.push_back(micros_since(t0) / batch);
        }

        std::printf("store CPU per response, median of %d batches of %d (microseconds)\n", batches,
                    batch);
        std::printf(
            "  whole handler (handle_responses): %7.2f wall, %7.2f CPU (all threads) "
            "-> at most %.0f responses/s\n",
            median(whole), median(whole_cpu), 1e6 / median(whole));
        std::printf(
            "  phases alone: parse %.2f, read fields %.2f, check answers %.2f, "
            "canonical JSON %.2f, SHA-256 %.2f, store and commit %.2f\n",
            median(parse), median(shape), median(check), median(canonical), median(hash),
            median(store));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_central_handler: %s\n", e.what());
        return 1;
    }
    return 0;
}
