// Read-aloud for a visit: after each frame, speaks a page that has just appeared (its texts
// and items in drawing order, exactly as the Probe saw them drawn), then the item that takes
// the focus, and repeats the page on request. The voice follows the visit's language.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "app/speech/speaker.hpp"
#include "app/ui/probe.hpp"
#include "app/ui/strings.hpp"

namespace fv::speech {

// One thing said: a text or a label exactly as shown, and its state ("selected", "not
// available") in the visit's language, or "".
struct SpokenPart {
    std::string shown;
    std::string state;
    bool item = false;  // a button or option (else a text)
    std::string said;   // what is said instead of `shown` ("" for `shown`: ui::ReadEntry::said)
};

// The page's speech: every text and item of `reading` outside a quiet scope, in order.
std::vector<SpokenPart> page_speech(const std::vector<ui::ReadEntry>& reading,
                                    const ui::Strings& strings);
SpokenPart item_speech(const ui::ReadEntry& entry, const ui::Strings& strings);
// The parts as one text for the synthesiser: each a sentence of its own.
std::string utterance_text(const std::vector<SpokenPart>& parts);

class ReadAloud {
  public:
    // What one frame showed, for after_frame.
    struct Frame {
        bool on = false;  // the visit asked for read-aloud
        // While off: still say the focused item (the attract screen reached by keyboard or
        // switch, so that a person who cannot see it finds the read-aloud toggle).
        bool focus_when_off = false;
        std::string page_before;  // the page (screen, question, language...) as the frame began
        std::string page_after;   // ... and as it ended: they differ in a frame that moved on
        std::string language;
        Speed speed = Speed::Normal;
        const std::vector<ui::ReadEntry>* reading = nullptr;
        const ui::Strings* strings = nullptr;
    };
    // Speaks what the frame calls for. Returns true when it needs one more frame drawn (a focus
    // change is spoken once it has held for a frame, with the item's new state).
    bool after_frame(const Frame& frame);
    // "Say it again": the page is spoken afresh after the next frame.
    void say_again() { repeat_ = true; }

    // The speaker, made when read-aloud is first turned on (nullptr before).
    Speaker* speaker() { return speaker_.get(); }
    // What the current page said when it appeared or was last repeated.
    const std::vector<SpokenPart>& page() const { return page_; }

  private:
    void say(const std::string& text, const Frame& frame);
    bool speak_focus_off(const Frame& frame);

    std::unique_ptr<Speaker> speaker_;
    bool was_on_ = false;
    std::string page_key_;
    std::vector<SpokenPart> page_;
    std::string focus_key_;  // the focused item (label and state) last spoken or passed over
    std::string pending_focus_;
    // Each item's label and selected state last frame, to hear what a tap chose or flipped even
    // where the tap moved no focus.
    std::vector<std::pair<std::string, bool>> choices_;
    Speed speed_ = Speed::Normal;
    bool repeat_ = false;
    bool speak_focus_ = false;  // the speed changed: say the (relabelled) focused control
};

}  // namespace fv::speech
