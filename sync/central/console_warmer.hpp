// Keeps what the console finds after ingest up to date in the background: the answer index the
// results and equality pages count (answer_index.hpp) and the texts in people's own words
// (own_words.hpp). It reads when the store starts, and after uploads have been quiet for a second
// (or a minute at the latest under uploads that never stop), so that ingest never waits for it
// and the first officer to open a page after a big sync rarely does. Internal to sync/central.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace fv::central {

class AnswerIndex;
class ConsoleDb;

class ConsoleWarmer {
  public:
    // Starts reading at once. `log`: a line on stderr when a catch-up read many responses.
    ConsoleWarmer(ConsoleDb& db, AnswerIndex& answers, bool log);
    // Stops after the page in hand (the rest is read by the next look, or the next start).
    ~ConsoleWarmer();
    ConsoleWarmer(const ConsoleWarmer&) = delete;
    ConsoleWarmer& operator=(const ConsoleWarmer&) = delete;

    // Something was stored: read it once uploads go quiet.
    void stored();

  private:
    using Clock = std::chrono::steady_clock;
    void run();
    void warm();
    bool stopping() const;

    ConsoleDb& db_;
    AnswerIndex& answers_;
    bool log_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool stop_ = false;
    bool pending_ = true;  // read at the start
    Clock::time_point first_stored_{}, last_stored_{};
    std::thread thread_;  // last: started once the rest is made
};

}  // namespace fv::central
