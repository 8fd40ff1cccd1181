// "You said, we did" on the attract screen: which entries the kiosk shows, and their turning.
#include <cstdio>

#include "app/kiosk_app.hpp"
#include "core/model/answers.hpp"
#include "core/util/seal.hpp"

namespace fv {

namespace {

// Why the attract screen's card cannot hold `o` (a text longer than it shows), or "".
std::string too_long(const Outcome& o) {
    for (const auto* texts : {&o.text, &o.easy_read}) {
        for (const auto& [lang, text] : *texts) {
            const std::size_t n = utf8_length(text);
            if (n > KioskApp::kMaxOutcomeChars) {
                return std::string(texts == &o.text ? "text" : "easy_read") + "." + lang + " is " +
                       std::to_string(n) + " characters, more than the " +
                       std::to_string(KioskApp::kMaxOutcomeChars) + " the attract screen holds";
            }
        }
    }
    return {};
}

bool same_entries(const std::vector<Outcome>& a, const std::vector<Outcome>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].to_json() != b[i].to_json()) return false;
    }
    return true;
}

}  // namespace

void KioskApp::refresh_outcomes() {
    std::vector<Outcome> shown;
    if (consultation() != nullptr) {
        try {
            for (Outcome& o : store_.outcomes(consultation()->id)) {
                if (shown.size() == kOutcomesShown) break;
                if (const std::string why = too_long(o); !why.empty()) {
                    if (outcomes_refused_.insert(o.id).second) {
                        std::fprintf(stderr,
                                     "fieldvoice: you-said-we-did entry %s is not shown: its %s; "
                                     "shorten it on the store's outcomes page.\n",
                                     o.id.c_str(), why.c_str());
                    }
                    continue;
                }
                shown.push_back(std::move(o));
            }
        } catch (const std::exception& e) {
            // The kept list stays on screen; the next sync's wake tries again.
            std::fprintf(stderr, "fieldvoice: could not read the you-said-we-did entries: %s\n",
                         e.what());
            return;
        }
    }
    if (same_entries(shown, outcomes_)) return;
    // Pictures are decoded once, when an entry first arrives (ui::picture finds them by key).
    if (pictures_) {
        for (const Outcome& o : shown) {
            if (o.picture_png_b64.empty()) continue;
            const std::string key = "outcome:" + o.id;
            if (pictures_->kept(key)) continue;
            const auto png = base64_decode(o.picture_png_b64);
            pictures_->add_png(key, png ? std::string_view(*png) : std::string_view(),
                               "you-said-we-did entry " + o.id);
        }
    }
    outcomes_ = std::move(shown);
    if (outcome_shown_ >= outcomes_.size()) outcome_shown_ = 0;
    timers_.outcome_reset();
    want_frames();
}

void KioskApp::show_next_outcome() {
    if (outcomes_.empty()) return;
    outcome_shown_ = (outcome_shown_ + 1) % outcomes_.size();
    // A step by hand: the next turn waits its whole time from now.
    timers_.outcome_reset();
    want_frames();
}

bool KioskApp::outcomes_turn() const {
    return screen_ == ScreenId::Attract && outcomes_.size() > 1 && !look_.reduced_motion &&
           !visits_.visit().read_aloud && !timers_.still_there();
}

}  // namespace fv
