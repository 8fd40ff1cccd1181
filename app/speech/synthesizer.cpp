// espeak-ng in synchronous mode: espeak_Synth returns once the whole text is spoken, handing
// the samples to a callback chunk by chunk.
#include "app/speech/synthesizer.hpp"

#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <set>

namespace fv::speech {
namespace {

std::mutex& espeak_lock() {
    static std::mutex lock;
    return lock;
}

// What the callback fills; espeak-ng hands it back through each event's user_data.
struct Collect {
    Pcm* pcm = nullptr;
    const std::function<bool()>* stop = nullptr;
};

int on_samples(short* wav, int count, espeak_EVENT* events) {
    if (events == nullptr) return 0;
    auto* collect = static_cast<Collect*>(events->user_data);
    if (collect == nullptr) return 0;
    if (wav != nullptr && count > 0)
        collect->pcm->samples.insert(collect->pcm->samples.end(), wav, wav + count);
    // 1 asks espeak-ng to stop.
    return (collect->stop != nullptr && *collect->stop && (*collect->stop)()) ? 1 : 0;
}

std::string status_text(espeak_ng_STATUS status) {
    char buffer[512] = {};
    espeak_ng_GetStatusCodeMessage(status, buffer, sizeof buffer);
    return buffer;
}

}  // namespace

double Pcm::rms() const {
    if (samples.empty()) return 0.0;
    double sum = 0;
    for (std::int16_t s : samples) sum += static_cast<double>(s) * s;
    return std::sqrt(sum / static_cast<double>(samples.size()));
}

int words_per_minute(Speed speed) {
    switch (speed) {
        case Speed::Slower:
            return 120;
        case Speed::Normal:
            return 160;  // a little under espeak-ng's 175: a kiosk speaks to anyone
        case Speed::Faster:
            return 220;
    }
    return 160;
}

std::string voice_for(const std::string& language) {
    if (language == "en" || language.empty()) return "en-gb";
    return language;
}

std::filesystem::path data_dir() {
    if (const char* env = std::getenv("FIELDVOICE_ESPEAK_DATA"); env != nullptr && *env) {
        return env;
    }
    return FIELDVOICE_ESPEAK_DATA_DIR;
}

std::string check_data_dir(const std::filesystem::path& dir) {
    std::error_code ec;
    // phontab and phondata are what espeak-ng reads first; without them no voice speaks.
    for (const char* file : {"phontab", "phondata", "voices"}) {
        if (!std::filesystem::exists(dir / file, ec)) {
            return "espeak-ng's data is missing: " + (dir / file).string() +
                   " does not exist. Install Debian's espeak-ng-data package "
                   "(platform/setup/install-deps.sh), or set FIELDVOICE_ESPEAK_DATA to the "
                   "espeak-ng-data folder.";
        }
    }
    return {};
}

Synthesizer* Synthesizer::open(std::string& error, const std::filesystem::path& dir) {
    error = check_data_dir(dir);
    if (!error.empty()) return nullptr;
    const std::lock_guard<std::mutex> hold(espeak_lock());
    static std::unique_ptr<Synthesizer> instance;
    if (instance) return instance.get();
    espeak_ng_InitializePath(dir.c_str());
    espeak_ng_ERROR_CONTEXT context = nullptr;
    espeak_ng_STATUS status = espeak_ng_Initialize(&context);
    if (status != ENS_OK) {
        error =
            "espeak-ng could not load its data from " + dir.string() + ": " + status_text(status);
        espeak_ng_ClearErrorContext(&context);
        return nullptr;
    }
    status = espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 0, nullptr);
    if (status != ENS_OK) {
        error = "espeak-ng could not start: " + status_text(status);
        return nullptr;
    }
    espeak_SetSynthCallback(on_samples);
    instance.reset(new Synthesizer(espeak_ng_GetSampleRate()));
    return instance.get();
}

Pcm Synthesizer::synthesise(const Utterance& u, const std::function<bool()>& stop) {
    Pcm pcm;
    pcm.sample_rate = sample_rate_;
    const std::lock_guard<std::mutex> hold(espeak_lock());
    espeak_VOICE wanted{};
    const std::string voice = voice_for(u.language);
    wanted.languages = voice.c_str();
    if (espeak_SetVoiceByProperties(&wanted) != EE_OK) {
        // A language espeak-ng has no voice for: British English, noted once per language.
        static std::set<std::string> noted;
        if (noted.insert(voice).second) {
            std::fprintf(stderr,
                         "fieldvoice: read-aloud: espeak-ng has no voice for \"%s\"; using "
                         "British English\n",
                         voice.c_str());
        }
        wanted.languages = "en-gb";
        espeak_SetVoiceByProperties(&wanted);
    }
    espeak_SetParameter(espeakRATE, words_per_minute(u.speed), 0);
    Collect collect{&pcm, stop ? &stop : nullptr};
    espeak_Synth(u.text.c_str(), u.text.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr,
                 &collect);
    return pcm;
}

}  // namespace fv::speech
