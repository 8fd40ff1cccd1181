#include "sync/central/console_warmer.hpp"

#include <algorithm>
#include <cstdio>
#include <exception>

#include "sync/central/answer_index.hpp"
#include "sync/central/console_db.hpp"

namespace fv::central {

namespace {

constexpr auto kQuiet = std::chrono::seconds(1);            // no upload for this long: read
constexpr auto kAtLatest = std::chrono::seconds(60);        // under uploads that never stop
constexpr std::int64_t kWordsStep = 5000;                   // responses per own-words transaction
constexpr std::int64_t kLogFrom = 100000;                   // responses read that earn a log line
constexpr auto kMaxPause = std::chrono::milliseconds(200);  // between own-words steps

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

ConsoleWarmer::ConsoleWarmer(ConsoleDb& db, AnswerIndex& answers, bool log)
    : db_(db), answers_(answers), log_(log), thread_([this] { run(); }) {}

ConsoleWarmer::~ConsoleWarmer() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void ConsoleWarmer::stored() {
    {
        std::lock_guard lock(mutex_);
        const auto now = Clock::now();
        if (!pending_) first_stored_ = now;
        pending_ = true;
        last_stored_ = now;
    }
    wake_.notify_all();
}

bool ConsoleWarmer::stopping() const {
    std::lock_guard lock(mutex_);
    return stop_;
}

void ConsoleWarmer::run() {
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return stop_ || pending_; });
        if (stop_) return;
        // Wait for the uploads to go quiet (stored() moves last_stored_ on).
        for (;;) {
            const auto due = std::min(last_stored_ + kQuiet, first_stored_ + kAtLatest);
            if (stop_) return;
            if (Clock::now() >= due) break;
            wake_.wait_until(lock, due);
        }
        pending_ = false;
        lock.unlock();
        try {
            warm();
        } catch (const std::exception& e) {
            // A page's own look reads what this missed; the store keeps serving.
            std::fprintf(stderr,
                         "fieldvoice-central: reading stored responses for the console "
                         "failed: %s\n",
                         e.what());
        }
        lock.lock();
    }
}

void ConsoleWarmer::warm() {
    auto keep_going = [this] { return !stopping(); };
    auto start = Clock::now();
    const std::int64_t read = answers_.catch_up(db_, keep_going);
    if (log_ && read >= kLogFrom) {
        std::fprintf(stderr,
                     "fieldvoice-central: the console's figures read %lld responses in %.1f s "
                     "(%.0f MB in memory)\n",
                     static_cast<long long>(read), seconds_since(start),
                     static_cast<double>(answers_.bytes()) / (1024.0 * 1024.0));
    }
    db_.find_references();  // one transaction: the erase page's look-ups stay quick
    start = Clock::now();
    bool done = false;
    while (!done && keep_going()) {
        // Each step holds the console's connection; as long again is left to the pages (a
        // mutex is not fair: without the pause, a waiting page could wait for every step).
        const auto step = Clock::now();
        done = db_.find_own_words(kWordsStep);
        std::unique_lock lock(mutex_);
        wake_.wait_for(lock, std::min<Clock::duration>(Clock::now() - step, kMaxPause),
                       [this] { return stop_; });
    }
    if (log_ && read >= kLogFrom && done) {
        std::fprintf(stderr,
                     "fieldvoice-central: the console found the texts in people's own "
                     "words in %.1f s\n",
                     seconds_since(start));
    }
}

}  // namespace fv::central
