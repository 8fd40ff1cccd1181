// Realistic responses to the sample consultation (assets/consultations/libraries-2027.json) for
// the sync tests and benchmarks: every question type it has, some long text, a sealed email.
#pragma once

#include <chrono>
#include <cstdint>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "core/model/consultation.hpp"
#include "core/model/response.hpp"
#include "core/util/ids.hpp"
#include "core/util/seal.hpp"

namespace fv::test {

inline std::string sample_consultation_path() {
    return std::string(FIELDVOICE_ASSETS_DIR) + "/consultations/libraries-2027.json";
}

inline std::string read_text_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The n-th response of a run seeded with `seed`: valid for the consultation, varied.
inline Response sample_response(const Consultation& c, std::uint64_t seed, int n,
                                std::size_t extra_text = 0) {
    std::mt19937_64 rng(seed * 1000003u + static_cast<std::uint64_t>(n));
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    Response r;
    r.id = new_uuid();
    r.consultation_id = c.id;
    r.consultation_version = c.version;
    r.mode = static_cast<CaptureMode>(pick(0, 3));
    r.language =
        c.languages[static_cast<std::size_t>(pick(0, static_cast<int>(c.languages.size()) - 1))];
    const auto start = std::chrono::system_clock::now() - std::chrono::minutes(pick(5, 5000));
    r.started_at = format_rfc3339(start);
    r.submitted_at = format_rfc3339(start + std::chrono::seconds(pick(30, 600)));
    const int rating = pick(1, 5);
    r.answers["visit-rating"] = rating;
    if (rating <= 2) {
        std::string why =
            "The computers were all taken and the printer jammed, n=" + std::to_string(n) +
            ". Zażółć gęślą jaźń.";
        why += std::string(std::min<std::size_t>(extra_text, 900), 'x');
        r.answers["visit-better"] = why;
    }
    const std::vector<std::string> services = {"borrow-books", "computers",    "wifi",  "children",
                                               "study",        "council-help", "events"};
    nlohmann::json used = nlohmann::json::array();
    for (const auto& s : services) {
        if (used.size() < 3 && pick(0, 2) == 0) used.push_back(s);
    }
    if (pick(0, 4) == 0) used.push_back("other:a reading group for n " + std::to_string(n));
    if (!used.empty()) r.answers["services-used"] = used;  // an empty list is no answer
    const std::vector<std::string> hours = {"weekday-evenings", "saturday", "sunday",
                                            "early-morning", "no-change"};
    r.answers["opening-hours"] = hours[static_cast<std::size_t>(pick(0, 4))];
    std::vector<std::string> priorities = {"more-books", "longer-hours", "digital-help",
                                           "children-young-people", "community-space"};
    std::shuffle(priorities.begin(), priorities.end(), rng);
    r.answers["priorities"] = {priorities[0], priorities[1], priorities[2]};
    const std::vector<std::string> verdicts = {"agree", "disagree", "pass"};
    r.answers["statements"] = {{"shared-building", verdicts[static_cast<std::size_t>(pick(0, 2))]},
                               {"volunteers", verdicts[static_cast<std::size_t>(pick(0, 2))]}};
    r.answers["recommend"] = pick(0, 10);
    r.answers["home-area"] = "OX" + std::to_string(pick(1, 29));
    if (pick(0, 1) == 0) r.answers["age-band"] = "45-64";
    if (pick(0, 3) == 0 && !c.public_key.empty()) {
        r.sealed = seal_to(R"({"email":"resident)" + std::to_string(n) + R"(@example.org"})",
                           c.public_key);
    }
    r.consent = {true, pick(0, 1) == 0, r.sealed.has_value()};
    if (pick(0, 20) == 0) r.flags.push_back("rapid_repeat");
    if (r.mode == CaptureMode::Partner) {
        r.participant = {{"kind", "partner"}, {"organisation", "Witney Age Concern"}};
    }
    return r;
}

}  // namespace fv::test
