// The speech worker and its SDL audio device (queued audio: no callback of ours runs on
// SDL's audio thread).
#include "app/speech/speaker.hpp"

#include <cstdio>
#include <cstring>

namespace fv::speech {

Speaker::Speaker() {
    open_audio();
    worker_ = std::thread([this] { work(); });
}

Speaker::~Speaker() {
    {
        const std::lock_guard<std::mutex> hold(mutex_);
        quit_ = true;
        ++generation_;
    }
    wake_.notify_all();
    worker_.join();
    if (device_ != 0) SDL_CloseAudioDevice(device_);
    if (audio_subsystem_) SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

void Speaker::note_silence(std::string reason) {
    std::fprintf(stderr, "fieldvoice: read-aloud is silent: %s\n", reason.c_str());
    silent_reason_ = std::move(reason);
}

void Speaker::open_audio() {
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        note_silence(std::string("no audio driver could start (") + SDL_GetError() + ")");
        return;
    }
    audio_subsystem_ = true;
    SDL_AudioSpec want{};
    want.freq = 22050;  // espeak-ng's rate; SDL converts should the device want another
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = 1024;
    SDL_AudioSpec have{};
    device_ = SDL_OpenAudioDevice(nullptr, 0, &want, &have, 0);
    if (device_ == 0) {
        note_silence(std::string("no audio device could be opened (") + SDL_GetError() + ")");
        return;
    }
    SDL_PauseAudioDevice(device_, 0);
    const char* driver = SDL_GetCurrentAudioDriver();
    if (driver != nullptr &&
        (std::strcmp(driver, "dummy") == 0 || std::strcmp(driver, "disk") == 0)) {
        // The device takes the samples, but nobody hears them.
        note_silence(std::string("the audio driver is \"") + driver + "\"");
    }
}

void Speaker::say(Utterance u) {
    {
        const std::lock_guard<std::mutex> hold(mutex_);
        pending_ = std::move(u);
        ++generation_;
    }
    // The old speech stops now, not when the new one is ready.
    if (device_ != 0) SDL_ClearQueuedAudio(device_);
    wake_.notify_one();
}

void Speaker::stop() {
    {
        const std::lock_guard<std::mutex> hold(mutex_);
        pending_.reset();
        ++generation_;
    }
    if (device_ != 0) SDL_ClearQueuedAudio(device_);
    idle_.notify_all();
}

std::string Speaker::silent_reason() const {
    const std::lock_guard<std::mutex> hold(mutex_);
    return silent_reason_;
}

void Speaker::wait_until_idle() {
    std::unique_lock<std::mutex> hold(mutex_);
    idle_.wait(hold, [this] { return !working_ && !pending_; });
}

std::optional<Utterance> Speaker::last_utterance() const {
    const std::lock_guard<std::mutex> hold(mutex_);
    return last_utterance_;
}

std::optional<Pcm> Speaker::last_pcm() const {
    const std::lock_guard<std::mutex> hold(mutex_);
    return last_pcm_;
}

long Speaker::utterances_made() const {
    const std::lock_guard<std::mutex> hold(mutex_);
    return made_;
}

std::uint64_t Speaker::bytes_queued() const {
    const std::lock_guard<std::mutex> hold(mutex_);
    return bytes_queued_;
}

void Speaker::work() {
    std::string error;
    Synthesizer* synth = Synthesizer::open(error);
    if (synth == nullptr) {
        const std::lock_guard<std::mutex> hold(mutex_);
        // Said once; every utterance after this is dropped.
        std::fprintf(stderr, "fieldvoice: read-aloud is off: %s\n", error.c_str());
        silent_reason_ = error;
    }
    std::unique_lock<std::mutex> hold(mutex_);
    for (;;) {
        wake_.wait(hold, [this] { return quit_ || pending_.has_value(); });
        if (quit_) break;
        Utterance u = std::move(*pending_);
        pending_.reset();
        const std::uint64_t mine = generation_;
        working_ = true;
        hold.unlock();

        Pcm pcm;
        if (synth != nullptr) {
            // Abandoned as soon as a newer say() or a stop() comes.
            const std::function<bool()> replaced = [this, mine] {
                const std::lock_guard<std::mutex> check(mutex_);
                return generation_ != mine;
            };
            pcm = synth->synthesise(u, replaced);
        }

        hold.lock();
        if (generation_ == mine && synth != nullptr) {
            if (device_ != 0 && !pcm.samples.empty()) {
                const auto bytes = static_cast<Uint32>(pcm.samples.size() * sizeof(std::int16_t));
                SDL_ClearQueuedAudio(device_);
                if (SDL_QueueAudio(device_, pcm.samples.data(), bytes) == 0) bytes_queued_ += bytes;
            }
            last_utterance_ = std::move(u);
            last_pcm_ = std::move(pcm);
            ++made_;
        }
        working_ = false;
        if (!pending_) idle_.notify_all();
    }
}

}  // namespace fv::speech
