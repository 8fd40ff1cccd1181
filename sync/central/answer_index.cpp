#include "sync/central/answer_index.hpp"

#include <algorithm>
#include <future>
#include <iterator>
#include <nlohmann/json.hpp>
#include <thread>
#include <utility>

#include "sync/central/console_db.hpp"
#include "sync/central/console_results.hpp"

namespace fv::central {

using nlohmann::json;

namespace {

constexpr int kPage = 2000;  // responses read per page; the data lock is held to add one page
constexpr std::uint32_t kMaxQuestions = 1u << 12;

// Slot of `value` in `list`, adding it.
std::uint32_t slot_of(std::unordered_map<std::string, std::uint32_t>& slots,
                      std::vector<std::string>& list, const std::string& value) {
    auto [at, added] = slots.try_emplace(value, static_cast<std::uint32_t>(list.size()));
    if (added) list.push_back(value);
    return at->second;
}

// A response read and its answers' keys found, before it is added (no lock held).
struct Decoded {
    std::size_t row = 0;  // in the page
    std::string language;
    struct Answer {
        std::string question;
        QuestionType type = QuestionType::Info;
        std::vector<std::string> keys;  // empty: answered, no counted value
    };
    std::vector<Answer> answers;
};

}  // namespace

struct AnswerIndex::Catching {
    // Per consultation: each question's type in its newest version read.
    std::map<std::string, std::map<std::string, QuestionType>> types;
    std::map<std::pair<std::string, int>, bool> known;

    // The look-ups that find each slot of a partition.
    struct Slots {
        std::unordered_map<std::string, std::uint32_t> questions, devices, modes, languages, days,
            cells;
        std::vector<std::unordered_map<std::string, std::uint32_t>> keys;
        // Continuations read before their pulse response: by the pulse's seq when it was stored
        // already (read in a later page), by its id when it was not stored yet. Nearly always
        // empty; each holds the continuations' response indexes.
        std::unordered_map<std::int64_t, std::vector<std::uint32_t>> awaiting_seq;
        std::unordered_map<std::string, std::vector<std::uint32_t>> awaiting_id;
    };
    std::map<std::string, Slots> slots;

    void read_definitions(ConsoleDb& db) {
        types.clear();
        known.clear();
        std::map<std::string, int> newest;
        auto definitions = db.definitions();
        for (const auto& d : definitions) {
            known[{d.id, d.version}] = true;
            if (d.version >= newest[d.id]) newest[d.id] = d.version;
        }
        // Oldest first, so that the newest version's type of each question wins.
        std::sort(definitions.begin(), definitions.end(),
                  [](const auto& a, const auto& b) { return a.version < b.version; });
        for (const auto& d : definitions) {
            auto parsed = parse_consultation(std::string_view(d.json));
            if (!parsed.consultation) continue;
            auto& of = types[d.id];
            for (const auto& q : parsed.consultation->questions) of[q.id] = q.type;
        }
    }

    // Links the response just added as `index` with the pulse response it continues, or, when
    // it is a pulse response, with the continuations read before it (docs/pulse.md).
    static void link_continuation(AnsweredPartition& part, Slots& slots,
                                  const ConsoleDb::StoredSince& row, std::uint32_t index) {
        if (!slots.awaiting_seq.empty()) {
            if (auto at = slots.awaiting_seq.find(row.seq); at != slots.awaiting_seq.end()) {
                for (const auto c : at->second) part.continued.emplace_back(index, c);
                slots.awaiting_seq.erase(at);
            }
        }
        if (!row.pulse_id.empty() && !slots.awaiting_id.empty()) {
            if (auto at = slots.awaiting_id.find(row.pulse_id); at != slots.awaiting_id.end()) {
                for (const auto c : at->second) part.continued.emplace_back(index, c);
                slots.awaiting_id.erase(at);
            }
        }
        if (row.continues.empty()) return;
        if (row.continues_seq == 0) {  // its pulse response is not stored yet
            slots.awaiting_id[row.continues].push_back(index);
        } else if (row.continues_seq > row.seq) {  // stored after it: read later
            slots.awaiting_seq[row.continues_seq].push_back(index);
        } else {  // read already, unless its body was not an object (counted by no page)
            auto p = std::lower_bound(part.seq.begin(), part.seq.end(), row.continues_seq);
            if (p != part.seq.end() && *p == row.continues_seq) {
                part.continued.emplace_back(static_cast<std::uint32_t>(p - part.seq.begin()),
                                            index);
            }
        }
    }

    QuestionType type_of(const std::string& consultation, const std::string& question) const {
        auto c = types.find(consultation);
        if (c == types.end()) return QuestionType::Info;
        auto q = c->second.find(question);
        return q == c->second.end() ? QuestionType::Info : q->second;
    }
};

AnswerIndex::AnswerIndex() : state_(std::make_unique<Catching>()) {}
AnswerIndex::~AnswerIndex() = default;

std::int64_t AnswerIndex::catch_up(ConsoleDb& db, const std::function<bool()>& keep_going) {
    std::lock_guard catching(catching_);
    std::int64_t after;
    {
        std::shared_lock lock(data_);
        after = upto_;
    }
    std::int64_t read = 0;
    bool definitions_read = false;
    while (!keep_going || keep_going()) {
        const auto rows = db.responses_since(after, kPage);
        if (rows.empty()) break;
        // Every response names a published version (ingest refuses others): read the
        // definitions again when one is new to the index, or once per catch-up.
        bool unknown = !definitions_read;
        for (const auto& r : rows)
            unknown = unknown || !state_->known.count({r.consultation_id, r.version});
        if (unknown) {
            state_->read_definitions(db);
            definitions_read = true;
        }
        // The expensive part, parsing, without the data lock, on two cores when there are.
        auto decode = [&](std::size_t from, std::size_t to) {
            std::vector<Decoded> out;
            out.reserve(to - from);
            for (std::size_t i = from; i < to; ++i) {
                const json body = json::parse(rows[i].body, nullptr, false);
                if (!body.is_object()) continue;  // not counted by the pages either
                Decoded d;
                d.row = i;
                auto language = body.find("language");
                if (language != body.end() && language->is_string()) {
                    d.language = language->get<std::string>();
                }
                auto answers = body.find("answers");
                if (answers != body.end() && answers->is_object()) {
                    for (const auto& [qid, value] : answers->items()) {
                        if (value.is_null()) continue;
                        Decoded::Answer a;
                        a.question = qid;
                        a.type = state_->type_of(rows[i].consultation_id, qid);
                        if (is_counted(a.type)) a.keys = answer_keys(a.type, value);
                        d.answers.push_back(std::move(a));
                    }
                }
                out.push_back(std::move(d));
            }
            return out;
        };
        std::vector<Decoded> decoded;
        if (rows.size() >= 200 && std::thread::hardware_concurrency() > 1) {
            const std::size_t half = rows.size() / 2;
            auto second = std::async(std::launch::async, decode, half, rows.size());
            decoded = decode(0, half);
            auto rest = second.get();
            decoded.insert(decoded.end(), std::make_move_iterator(rest.begin()),
                           std::make_move_iterator(rest.end()));
        } else {
            decoded = decode(0, rows.size());
        }
        // Adding them: slots and numbers only.
        std::unique_lock lock(data_);
        for (const auto& d : decoded) {
            const auto& row = rows[d.row];
            auto& part = partitions_[row.consultation_id];
            if (!part) part = std::make_unique<AnsweredPartition>();
            auto& slots = state_->slots[row.consultation_id];
            AnsweredPartition::Cell cell;
            cell.version = row.version;
            cell.device = slot_of(slots.devices, part->devices, row.device_id);
            cell.mode = slot_of(slots.modes, part->modes, row.mode);
            cell.language = slot_of(slots.languages, part->languages, d.language);
            cell.day = slot_of(slots.days, part->days, row.day);
            cell.flagged = row.flagged;
            const std::string cell_key =
                std::to_string(cell.version) + "/" + std::to_string(cell.device) + "/" +
                std::to_string(cell.mode) + "/" + std::to_string(cell.language) + "/" +
                std::to_string(cell.day) + (cell.flagged ? "/f" : "");
            auto [at, added] =
                slots.cells.try_emplace(cell_key, static_cast<std::uint32_t>(part->cells.size()));
            if (added) {
                part->cells.push_back(cell);
                part->cell_responses.push_back(0);
            }
            ++part->cell_responses[at->second];
            const auto index = static_cast<std::uint32_t>(part->cell_of.size());
            part->cell_of.push_back(at->second);
            part->seq.push_back(row.seq);
            Catching::link_continuation(*part, slots, row, index);
            for (const auto& a : d.answers) {
                auto [q, new_question] = slots.questions.try_emplace(
                    a.question, static_cast<std::uint32_t>(part->question_ids.size()));
                if (new_question) {
                    part->question_ids.push_back(a.question);
                    part->types.push_back(a.type);
                    part->keys.emplace_back();
                    slots.keys.emplace_back();
                }
                const std::uint32_t question = q->second;
                // Read as another type than before (a version changed the question's type) or
                // past what an item holds: the pages count this consultation from its JSON.
                if (part->types[question] != a.type || question >= kMaxQuestions) {
                    part->complete = false;
                }
                if (a.keys.empty()) {
                    part->items.push_back(question << 20 | AnsweredPartition::kNoKey);
                    continue;
                }
                for (const auto& key : a.keys) {
                    std::uint32_t k = slot_of(slots.keys[question], part->keys[question], key);
                    if (k >= AnsweredPartition::kMaxKeys) {
                        part->complete = false;
                        k = AnsweredPartition::kNoKey - 1;
                    }
                    part->items.push_back(question << 20 | k);
                }
            }
            part->start.push_back(static_cast<std::uint32_t>(part->items.size()));
        }
        after = rows.back().seq;
        upto_ = after;
        read += static_cast<std::int64_t>(rows.size());
    }
    // Read after the responses: a response erased before its page was read is not in that page,
    // and one erased after is marked now or by the next catch-up.
    const auto erased = db.erased_since(erasures_upto_);
    if (!erased.empty()) {
        std::unique_lock lock(data_);
        for (const auto& e : erased) {
            auto at = partitions_.find(e.consultation_id);
            if (at == partitions_.end()) continue;
            AnsweredPartition& part = *at->second;
            auto row = std::lower_bound(part.seq.begin(), part.seq.end(), e.response_seq);
            if (row == part.seq.end() || *row != e.response_seq) continue;
            std::uint32_t& cell = part.cell_of[static_cast<std::size_t>(row - part.seq.begin())];
            if (cell == AnsweredPartition::kErased) continue;
            --part.cell_responses[cell];
            cell = AnsweredPartition::kErased;
        }
        erasures_upto_ = erased.back().seq;
    }
    return read;
}

void AnswerIndex::read(const std::string& consultation_id,
                       const std::function<void(const AnsweredPartition*)>& fn) const {
    std::shared_lock lock(data_);
    auto at = partitions_.find(consultation_id);
    fn(at == partitions_.end() ? nullptr : at->second.get());
}

std::int64_t AnswerIndex::read_upto() const {
    std::shared_lock lock(data_);
    return upto_;
}

std::size_t AnswerIndex::bytes() const {
    std::shared_lock lock(data_);
    std::size_t total = 0;
    for (const auto& [id, p] : partitions_) {
        total += p->items.capacity() * sizeof(std::uint32_t) +
                 p->cell_of.capacity() * sizeof(std::uint32_t) +
                 p->seq.capacity() * sizeof(std::int64_t) +
                 p->start.capacity() * sizeof(std::uint32_t) +
                 p->cells.capacity() * sizeof(AnsweredPartition::Cell) +
                 p->cell_responses.capacity() * sizeof(std::uint32_t) +
                 p->continued.capacity() * sizeof(p->continued[0]);
    }
    return total;
}

}  // namespace fv::central
