// Test support: valid, varied answers for any consultation from a seeded generator, so the same
// seed gives the same answers. Used by fill_device (a device's queue) and the console benchmark.
#pragma once

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "core/model/answers.hpp"
#include "core/model/consultation.hpp"

namespace fv::test {

// Words free-text answers are made of, so a search finds some of them and not others.
inline const char* const kAnswerWords[] = {
    "opening",   "hours",    "evening", "children", "parking", "bus",
    "computers", "quiet",    "study",   "space",    "books",   "staff",
    "friendly",  "Saturday", "closed",  "café",     "toilets", "ramp"};

class AnswerMaker {
  public:
    explicit AnswerMaker(unsigned seed) : rng_(seed) {}

    // A value `question` accepts, or null to leave it unanswered (optional questions only).
    nlohmann::json answer(const Question& q) {
        if (!q.required && chance(0.15)) return nullptr;
        switch (q.type) {
            case QuestionType::SingleChoice:
                if (q.other && chance(0.1)) return "other:" + words(3);
                return pick(q.options).id;
            case QuestionType::MultiChoice: {
                nlohmann::json chosen = nlohmann::json::array();
                const std::size_t most =
                    q.max_choices ? static_cast<std::size_t>(*q.max_choices) : q.options.size();
                for (const auto& o : q.options) {
                    if (o.id == "prefer-not-to-say") continue;
                    if (chosen.size() < most && chance(0.35)) chosen.push_back(o.id);
                }
                if (chosen.empty()) chosen.push_back(pick(q.options).id);
                return chosen;
            }
            case QuestionType::Ranking: {
                std::vector<std::string> ids;
                for (const auto& o : q.options) ids.push_back(o.id);
                std::shuffle(ids.begin(), ids.end(), rng_);
                ids.resize(static_cast<std::size_t>(q.top));
                return ids;
            }
            case QuestionType::Smiley:
                return between(1, 5);
            case QuestionType::Scale:
                return between(q.scale_min, q.scale_max);
            case QuestionType::Text:
                return words(4 + between(0, 8));
            case QuestionType::Number: {
                const int lo = q.number_min ? static_cast<int>(*q.number_min) : 0;
                const int hi = q.number_max ? static_cast<int>(*q.number_max) : 100;
                return between(lo, hi);
            }
            case QuestionType::Postcode:
                return q.precision == PostcodePrecision::District
                           ? "OX" + std::to_string(between(1, 9))
                           : "OX" + std::to_string(between(1, 9)) + " " +
                                 std::to_string(between(1, 9)) + "AA";
            case QuestionType::Statements: {
                nlohmann::json verdicts = nlohmann::json::object();
                const char* const kinds[] = {"agree", "disagree", "pass"};
                for (const auto& s : q.statements) verdicts[s.id] = kinds[between(0, 2)];
                return verdicts;
            }
            case QuestionType::Email:
                return "resident" + std::to_string(between(1, 9999)) + "@example.org";
            case QuestionType::Phone:
                return "01865 " + std::to_string(between(100000, 999999));
            case QuestionType::Info:
                return nullptr;
        }
        return nullptr;
    }

    // Answers for every question shown given the answers before it (info and skipped optional
    // questions left out), as the kiosk would store them before sealing.
    // Only the questions asked of `audience` (docs/format.md, "Audiences"), as the kiosk asks.
    nlohmann::json answers(const Consultation& c, std::string_view audience = "resident") {
        nlohmann::json out = nlohmann::json::object();
        const bool by_audience = c.asks(audience);
        for (const auto& q : c.questions) {
            if (by_audience && !asked_of(q, audience)) continue;
            if (!is_shown(q, out)) continue;
            nlohmann::json value = answer(q);
            if (!value.is_null()) out[q.id] = std::move(value);
        }
        return out;
    }

    bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
    int between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
    template <class T>
    const T& pick(const std::vector<T>& items) {
        return items[static_cast<std::size_t>(between(0, static_cast<int>(items.size()) - 1))];
    }

  private:
    std::string words(int n) {
        std::string out;
        for (int i = 0; i < n; ++i) {
            if (i) out += ' ';
            out += kAnswerWords[between(0, static_cast<int>(std::size(kAnswerWords)) - 1)];
        }
        return out;
    }

    std::mt19937 rng_;
};

}  // namespace fv::test
