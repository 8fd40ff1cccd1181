// The answers of every stored response, kept in memory in a compact form, so that the results and
// equality pages count a million responses in tens of milliseconds instead of parsing each stored
// JSON body again. Each response is the cell it falls in (version, device, mode, language, day:
// what a filter selects by) and its answers as small numbers (which question, which value); the
// values are the keys the results count (console_results.hpp), found once.
//
// It is found after ingest, like the texts in people's own words: `catch_up` reads what was stored
// since it last read (by seq; the store never changes a stored response), on a page's request
// and in the background when uploads go quiet (ConsoleWarmer). The one deletion, an officer's
// erasure (docs/receipt.md), leaves a tombstone with its own seq: each catch-up also reads the
// tombstones since it last read and marks their responses erased, so that no page counts them
// (from any store process on the database). A full response that continues a pulse response
// (docs/pulse.md) is linked to it as both are read, in either order, so that the pages count that
// person once. Nothing is written to the database: a restarted
// store reads every response again, in the background. Internal to sync/central.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/model/consultation.hpp"

namespace fv::central {

class ConsoleDb;

// The answers of one consultation's responses.
struct AnsweredPartition {
    static constexpr std::uint32_t kNoKey = 0xFFFFF;      // answered, but not with a counted value
    static constexpr std::uint32_t kErased = 0xFFFFFFFF;  // the cell_of of an erased response
    static constexpr std::uint32_t kMaxKeys = kNoKey;     // keys a question may have in the index

    // An answer: question slot << 20 | key slot (kNoKey for a text, a number, a postcode).
    static std::uint32_t question_of(std::uint32_t item) { return item >> 20; }
    static std::uint32_t key_of(std::uint32_t item) { return item & kNoKey; }

    struct Cell {
        int version = 0;
        std::uint32_t device = 0, mode = 0, language = 0, day = 0;  // slots of the lists below
        bool flagged = false;  // its responses were flagged rapid_repeat by their device
    };

    // Questions in order of first answer, with the type their answers were read as (the newest
    // version's at the time; Info for an id no version asked) and the keys seen, in order.
    std::vector<std::string> question_ids;
    std::vector<QuestionType> types;
    std::vector<std::vector<std::string>> keys;
    std::vector<std::string> devices, modes, languages, days;  // days YYYY-MM-DD (UTC)
    std::vector<Cell> cells;
    std::vector<std::uint32_t> cell_responses;  // responses in each cell, the erased ones not
    // Response i: cell cell_of[i] (kErased once erased: counted by no page), answers
    // items[start[i] .. start[i + 1]), one question's answers together; seq[i] its seq in the
    // store, rising, to find it when it is erased.
    std::vector<std::uint32_t> cell_of;
    std::vector<std::int64_t> seq;
    std::vector<std::uint32_t> start{0};
    std::vector<std::uint32_t> items;
    // Pulse responses continued by a full response of this consultation ("Tell us more?",
    // docs/pulse.md): (the pulse's response index, its continuation's), in the order found,
    // whichever of the two was stored first.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> continued;

    // False when an answer could not be kept as the pages would count it (a version changed a
    // question's type, or more values than an item holds): the pages count from the JSON then.
    bool complete = true;

    std::size_t responses() const { return cell_of.size(); }
};

class AnswerIndex {
  public:
    AnswerIndex();
    ~AnswerIndex();
    AnswerIndex(const AnswerIndex&) = delete;
    AnswerIndex& operator=(const AnswerIndex&) = delete;

    // Reads the responses stored since the last read, in pages, and returns how many were read.
    // One catch-up at a time; pages keep being counted while it reads. `keep_going` is asked
    // between pages (the background stops early when the store is stopping).
    std::int64_t catch_up(ConsoleDb& db, const std::function<bool()>& keep_going = {});

    // Calls `fn` with the consultation's partition (none when it has no response read) while
    // no catch-up changes it.
    void read(const std::string& consultation_id,
              const std::function<void(const AnsweredPartition*)>& fn) const;

    // The last seq read, and the memory the answers take (for the logs and the benchmark).
    std::int64_t read_upto() const;
    std::size_t bytes() const;

  private:
    struct Catching;
    mutable std::shared_mutex data_;  // held shared to count, unique to add a page
    std::mutex catching_;             // one catch-up at a time
    std::map<std::string, std::unique_ptr<AnsweredPartition>> partitions_;
    std::unique_ptr<Catching> state_;  // definitions read and slot look-ups; catching_ held
    std::int64_t upto_ = 0;            // data_ held
    std::int64_t erasures_upto_ = 0;   // the last tombstone read; catching_ held
};

}  // namespace fv::central
