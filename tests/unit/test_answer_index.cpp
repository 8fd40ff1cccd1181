// The answer index (sync/central/answer_index.hpp) against the way it replaces: the results and
// cross-tabs counted from the index must equal, number for number and row for row, those counted
// by parsing every stored response's JSON, on a real store file, for every filter the pages offer,
// after more responses arrive, after a device moves division, and when a new version changes a
// question's type (the index then gives way to the JSON).
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/model/answers.hpp"
#include "core/model/consultation.hpp"
#include "core/model/response_wire.hpp"
#include "core/util/ids.hpp"
#include "fault/support/sample_responses.hpp"
#include "sync/central/answer_index.hpp"
#include "sync/central/central_db.hpp"
#include "sync/central/console_db.hpp"
#include "sync/central/console_results.hpp"
#include "tools/answer_maker.hpp"

namespace fv::central {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class AnswerIndexTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("fv-answer-index-" + new_uuid());
        fs::create_directories(dir_);
        db_ = CentralDb::open(dir_ / "store.db");
        const auto parsed = load_consultation_file(test::sample_consultation_path());
        ASSERT_TRUE(parsed.ok());
        v1_ = *parsed.consultation;
        ASSERT_EQ(db_->publish(v1_), PublishOutcome::Stored);
        console_ = ConsoleDb::open(dir_ / "store.db");
        for (int i = 0; i < 4; ++i) {
            const char* division = i == 3 ? "" : (i % 2 ? "Witney" : "Banbury");
            const auto code =
                db_->make_enrol_code("kiosk " + std::to_string(i), std::chrono::system_clock::now(),
                                     std::chrono::hours(1), division);
            auto enrolled =
                db_->enrol(code, "kiosk " + std::to_string(i), std::chrono::system_clock::now());
            ASSERT_TRUE(enrolled);
            devices_.push_back(enrolled->device_id);
        }
    }
    void TearDown() override {
        console_.reset();
        db_.reset();
        fs::remove_all(dir_);
    }

    // `count` responses of `c` from device `d`: valid answers, with the oddities a store may
    // hold mixed in (an "other" text, a value no definition lists, an empty ranking, an id no
    // version asks, a null, no language).
    void store(const Consultation& c, int d, int count, unsigned seed) {
        test::AnswerMaker maker(seed);
        std::vector<PreparedItem> items;
        for (int i = 0; i < count; ++i) {
            Response r;
            r.id = new_uuid();
            r.consultation_id = c.id;
            r.consultation_version = c.version;
            const int roll = maker.between(1, 4);
            r.mode = roll == 1   ? CaptureMode::Kiosk
                     : roll == 2 ? CaptureMode::Assisted
                     : roll == 3 ? CaptureMode::Meeting
                                 : CaptureMode::Partner;
            r.language = maker.chance(0.3) ? c.languages.back() : c.languages.front();
            r.submitted_at = "2026-11-" + std::to_string(10 + maker.between(0, 9)) + "T10:00:00Z";
            r.started_at = r.submitted_at;
            r.answers = maker.answers(c);
            r.consent.privacy_notice = true;
            r.sealed = seal_personal_answers(c, r.answers);
            json body = json::parse(canonical_text(r));
            const int odd = maker.between(1, 12);
            if (odd == 1) body["answers"]["opening-hours"] = "not-an-option";
            if (odd == 2) body["answers"]["priorities"] = json::array();
            if (odd == 3) body["answers"]["no-such-question"] = "x";
            if (odd == 4) body["answers"]["services-used"] = nullptr;
            if (odd == 5) body.erase("language");
            if (odd == 6) body["answers"]["recommend"] = "ten";
            PreparedItem item;
            item.id = r.id;
            item.body = body.dump();
            item.content_hash = item.id;
            item.consultation_id = c.id;
            item.consultation_version = c.version;
            item.mode = std::string(to_string(r.mode));
            item.submitted_at = r.submitted_at;
            items.push_back(std::move(item));
        }
        std::vector<ItemResult> results(items.size());
        db_->store_responses(devices_[static_cast<std::size_t>(d)], items, results);
        for (const auto& r : results) ASSERT_EQ(r.status, ItemStatus::Stored);
    }

    // Every counted question by every equalities question.
    static std::vector<CrossTabSpec> every_cross_tab(const std::vector<Consultation>& versions) {
        const Results shape = results_shape(versions);
        std::vector<CrossTabSpec> specs;
        for (const auto& q : shape.questions) {
            for (const auto& by : shape.questions) {
                if (q.counted && by.counted && by.equalities && q.id != by.id) {
                    specs.push_back({q.id, by.id});
                }
            }
        }
        return specs;
    }

    // The filters the pages offer, one field at a time and together.
    static std::vector<ResponseFilter> filters() {
        std::vector<ResponseFilter> out(1);
        ResponseFilter f;
        f.version = 1;
        out.push_back(f);
        f = {};
        f.version = 2;
        out.push_back(f);
        f = {};
        f.division = "Witney";
        out.push_back(f);
        f = {};
        f.mode = "partner";
        out.push_back(f);
        f = {};
        f.language = "pl";
        out.push_back(f);
        f = {};
        f.from = "2026-11-13";
        f.to = "2026-11-16";
        out.push_back(f);
        f = {};
        f.division = "Banbury";
        f.mode = "kiosk";
        f.language = "en";
        f.from = "2026-11-12";
        out.push_back(f);
        return out;
    }

    // Both ways, for every filter, compared whole.
    void expect_same(AnswerIndex& index, const std::string& when) {
        const auto versions = db_->versions(v1_.id);
        const auto specs = every_cross_tab(versions);
        for (const auto& f : filters()) {
            SCOPED_TRACE(when + ", filter: " + std::to_string(f.version) + "/" + f.division + "/" +
                         f.mode + "/" + f.language + "/" + f.from + "/" + f.to);
            const Results fast = compute_results(*console_, &index, v1_.id, versions, f, specs);
            const Results slow = compute_results(*console_, nullptr, v1_.id, versions, f, specs);
            ASSERT_EQ(fast.responses, slow.responses);
            ASSERT_EQ(fast.questions.size(), slow.questions.size());
            for (std::size_t q = 0; q < slow.questions.size(); ++q) {
                const auto& a = fast.questions[q];
                const auto& b = slow.questions[q];
                SCOPED_TRACE(b.id);
                EXPECT_EQ(a.answered, b.answered);
                ASSERT_EQ(a.options.size(), b.options.size());
                for (std::size_t o = 0; o < b.options.size(); ++o) {
                    EXPECT_EQ(a.options[o].key, b.options[o].key);
                    EXPECT_EQ(a.options[o].label, b.options[o].label);
                    EXPECT_EQ(a.options[o].count, b.options[o].count) << b.options[o].key;
                }
            }
            ASSERT_EQ(fast.cross_tabs.size(), slow.cross_tabs.size());
            for (std::size_t t = 0; t < slow.cross_tabs.size(); ++t) {
                const auto& a = fast.cross_tabs[t];
                const auto& b = slow.cross_tabs[t];
                SCOPED_TRACE(b.question + " by " + b.by);
                ASSERT_EQ(a.rows.size(), b.rows.size());
                ASSERT_EQ(a.columns.size(), b.columns.size());
                for (std::size_t r = 0; r < b.rows.size(); ++r)
                    EXPECT_EQ(a.rows[r].key, b.rows[r].key);
                for (std::size_t c = 0; c < b.columns.size(); ++c) {
                    EXPECT_EQ(a.columns[c].key, b.columns[c].key);
                }
                EXPECT_EQ(a.counts, b.counts);
            }
            if (f.version == 0 && f.division.empty() && f.mode.empty() && f.language.empty() &&
                f.from.empty()) {
                EXPECT_GT(slow.responses, 0);
            }
        }
    }

    fs::path dir_;
    std::unique_ptr<CentralDb> db_;
    std::unique_ptr<ConsoleDb> console_;
    Consultation v1_;
    std::vector<std::string> devices_;
};

TEST_F(AnswerIndexTest, CountsWhatTheJsonCountsForEveryFilter) {
    for (int d = 0; d < 4; ++d) store(v1_, d, 300, 17u + static_cast<unsigned>(d));
    AnswerIndex index;
    EXPECT_EQ(index.catch_up(*console_), 1200);
    expect_same(index, "first look");
    index.read(v1_.id, [](const AnsweredPartition* part) {
        ASSERT_NE(part, nullptr);
        EXPECT_EQ(part->responses(), 1200u);
        EXPECT_TRUE(part->complete);
    });
}

TEST_F(AnswerIndexTest, ReadsWhatArrivesAfterItsFirstLook) {
    store(v1_, 0, 200, 5u);
    AnswerIndex index;
    expect_same(index, "first look");  // compute_results catches up itself
    store(v1_, 1, 150, 6u);
    store(v1_, 3, 150, 7u);
    expect_same(index, "after more arrived");
    EXPECT_EQ(index.catch_up(*console_), 0);
    index.read(v1_.id, [](const AnsweredPartition* part) {
        ASSERT_NE(part, nullptr);
        EXPECT_EQ(part->responses(), 500u);
    });
}

TEST_F(AnswerIndexTest, DivisionIsTheDevicesDivisionNow) {
    for (int d = 0; d < 4; ++d) store(v1_, d, 100, 30u + static_cast<unsigned>(d));
    AnswerIndex index;
    expect_same(index, "before the move");
    ASSERT_TRUE(console_->set_division(devices_[0], "Witney"));
    ASSERT_TRUE(console_->set_division(devices_[3], "Banbury"));
    expect_same(index, "after two devices moved");
    ResponseFilter witney;
    witney.division = "Witney";
    const auto versions = db_->versions(v1_.id);
    EXPECT_EQ(compute_results(*console_, &index, v1_.id, versions, witney).responses, 200);
}

TEST_F(AnswerIndexTest, GivesWayToTheJsonWhenAVersionChangesAQuestionsType) {
    for (int d = 0; d < 2; ++d) store(v1_, d, 200, 40u + static_cast<unsigned>(d));
    AnswerIndex index;
    expect_same(index, "one version");
    // Version 2 asks opening-hours as a multiple choice: version 1's answers, one value each,
    // count as they did, and the index (which read them as a single choice) cannot say.
    json source = v1_.source;
    source["version"] = 2;
    for (auto& q : source["questions"]) {
        if (q["id"] == "opening-hours") q["type"] = "multi_choice";
    }
    const auto v2 = parse_consultation(source);
    ASSERT_TRUE(v2.ok()) << (v2.problems.empty() ? "" : v2.problems.front().to_line());
    ASSERT_EQ(db_->publish(*v2.consultation), PublishOutcome::Stored);
    store(*v2.consultation, 2, 200, 42u);
    expect_same(index, "after version 2");
    index.read(v1_.id, [](const AnsweredPartition* part) {
        ASSERT_NE(part, nullptr);
        EXPECT_FALSE(part->complete);
    });
}

// An officer's erasure (docs/receipt.md) deletes a response the index has read: the index reads
// the tombstone at its next look and no page counts the response, whatever the filter.
TEST_F(AnswerIndexTest, ForgetsAnErasedResponseNumberForNumber) {
    for (int d = 0; d < 4; ++d) store(v1_, d, 100, 60u + static_cast<unsigned>(d));
    AnswerIndex index;
    expect_same(index, "before the erasures");
    int erased = 0;
    for (const auto& row : console_->responses_since(0, 1000)) {
        if (row.seq % 16 != 3) continue;
        const auto id = json::parse(row.body)["id"].get<std::string>();
        ASSERT_EQ(console_->erase_response(id, "ann@example.org", "").outcome,
                  EraseOutcome::Erased);
        ++erased;
    }
    ASSERT_EQ(erased, 25);
    expect_same(index, "after 25 erasures");
    const auto versions = db_->versions(v1_.id);
    EXPECT_EQ(compute_results(*console_, &index, v1_.id, versions, {}).responses, 375);
    // More arrive, and one of them is erased: still the same as the JSON.
    store(v1_, 2, 50, 70u);
    const auto newest = console_->responses_since(0, 1000).back();
    ASSERT_EQ(console_
                  ->erase_response(json::parse(newest.body)["id"].get<std::string>(),
                                   "ann@example.org", "")
                  .outcome,
              EraseOutcome::Erased);
    expect_same(index, "after more arrived and one was erased");
    EXPECT_EQ(compute_results(*console_, &index, v1_.id, versions, {}).responses, 424);
}

TEST_F(AnswerIndexTest, AConsultationWithNoResponseCountsZero) {
    AnswerIndex index;
    const auto versions = db_->versions(v1_.id);
    const Results r = compute_results(*console_, &index, v1_.id, versions, {});
    EXPECT_EQ(r.responses, 0);
    for (const auto& q : r.questions) {
        EXPECT_EQ(q.answered, 0);
        for (const auto& o : q.options) EXPECT_EQ(o.count, 0);
    }
}

}  // namespace
}  // namespace fv::central
