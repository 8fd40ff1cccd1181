// Text to speech with espeak-ng (Debian's libespeak-ng), offline, into a PCM buffer: the
// kiosk plays the buffer through SDL audio, tests measure it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace fv::speech {

// 16-bit signed mono samples.
struct Pcm {
    std::vector<std::int16_t> samples;
    int sample_rate = 0;

    double seconds() const {
        return sample_rate > 0 ? static_cast<double>(samples.size()) / sample_rate : 0.0;
    }
    // Root mean square of the samples, 0 (silence) to 32768.
    double rms() const;
};

// How fast the voice speaks, in words a minute (espeak-ng takes 80 to 450).
enum class Speed { Slower, Normal, Faster };
int words_per_minute(Speed speed);

struct Utterance {
    std::string text;      // UTF-8, plain (no SSML)
    std::string language;  // the visit's language code: "en", "pl", ...
    Speed speed = Speed::Normal;
};

// The espeak-ng voice for a kiosk language: "en" is British English ("en-gb"); others go by
// their own code ("pl").
std::string voice_for(const std::string& language);

// Where espeak-ng's data is: FIELDVOICE_ESPEAK_DATA when set, else the folder CMake found
// (Debian's espeak-ng-data package: /usr/lib/<multiarch>/espeak-ng-data).
std::filesystem::path data_dir();
// "" when `dir` holds espeak-ng's data, else what is missing and what to install.
std::string check_data_dir(const std::filesystem::path& dir);

// The process's one synthesiser: espeak-ng keeps global state, so every call goes through
// one lock. Synthesis takes a few milliseconds a sentence; still, the kiosk calls it only on
// its speech worker thread.
class Synthesizer {
  public:
    // Loads espeak-ng from `dir` on the first successful call. nullptr, with `error` saying what
    // is wrong, when the data is missing or espeak-ng refuses it.
    static Synthesizer* open(std::string& error, const std::filesystem::path& dir = data_dir());

    // Speaks `u` into a buffer. `stop`, polled between chunks, ends synthesis early (a newer
    // utterance replaces this one); the buffer then holds what was made so far.
    Pcm synthesise(const Utterance& u, const std::function<bool()>& stop = {});
    int sample_rate() const { return sample_rate_; }

  private:
    explicit Synthesizer(int sample_rate) : sample_rate_(sample_rate) {}
    int sample_rate_;
};

}  // namespace fv::speech
