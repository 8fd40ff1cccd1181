// Speaks utterances aloud without ever blocking the caller: say() hands the text to a worker
// thread, which synthesises it (Synthesizer) and queues the samples on an SDL audio device.
// A new say() cancels what is being made or played. With no audio device (a CI machine, a
// kiosk without speakers) speech is still made but not heard, with one note in the log.
#pragma once

#include <SDL.h>

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "app/speech/synthesizer.hpp"

namespace fv::speech {

class Speaker {
  public:
    // Starts the worker and opens the default audio device (SDL_AUDIODRIVER picks the driver).
    Speaker();
    ~Speaker();
    Speaker(const Speaker&) = delete;
    Speaker& operator=(const Speaker&) = delete;

    // Replaces whatever is being said with `u`. Returns at once.
    void say(Utterance u);
    // Silence now, and nothing pending.
    void stop();

    // -- what tests and the log observe
    // Why nothing is heard ("" while an audio device plays the speech).
    std::string silent_reason() const;
    // Blocks until the worker has finished with every utterance given so far.
    void wait_until_idle();
    // The most recent utterance made in full, and its samples.
    std::optional<Utterance> last_utterance() const;
    std::optional<Pcm> last_pcm() const;
    // Utterances made in full, and bytes handed to the audio device, since the start.
    long utterances_made() const;
    std::uint64_t bytes_queued() const;

  private:
    void open_audio();
    void work();
    void note_silence(std::string reason);

    mutable std::mutex mutex_;
    std::condition_variable wake_, idle_;
    std::optional<Utterance> pending_;
    std::uint64_t generation_ = 0;  // bumped by say() and stop(): older work is abandoned
    bool working_ = false;          // the worker is making an utterance
    bool quit_ = false;

    SDL_AudioDeviceID device_ = 0;
    bool audio_subsystem_ = false;
    std::string silent_reason_;
    std::optional<Utterance> last_utterance_;
    std::optional<Pcm> last_pcm_;
    long made_ = 0;
    std::uint64_t bytes_queued_ = 0;

    std::thread worker_;  // last: it starts once everything above is ready
};

}  // namespace fv::speech
