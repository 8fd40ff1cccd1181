// Read-aloud: what a page says, and when.
#include "app/speech/read_aloud.hpp"

namespace fv::speech {
namespace {

const ui::ReadEntry* focused(const std::vector<ui::ReadEntry>& reading) {
    for (const ui::ReadEntry& e : reading) {
        if (e.is_item && e.focused) return &e;
    }
    return nullptr;
}

std::vector<std::pair<std::string, bool>> choices_of(const std::vector<ui::ReadEntry>& reading) {
    std::vector<std::pair<std::string, bool>> out;
    for (const ui::ReadEntry& e : reading) {
        if (e.is_item) out.emplace_back(e.label, e.selected);
    }
    return out;
}

// The item a tap just changed, between `before` and `now` (the same items in the same order):
// the one newly chosen (or let go), else the one item that took a new label (a toggle), else
// nullptr.
const ui::ReadEntry* changed_item(const std::vector<std::pair<std::string, bool>>& before,
                                  const std::vector<ui::ReadEntry>& now) {
    const ui::ReadEntry* chosen = nullptr;
    const ui::ReadEntry* relabelled = nullptr;
    int relabels = 0;
    std::size_t i = 0;
    for (const ui::ReadEntry& e : now) {
        if (!e.is_item) continue;
        if (i >= before.size()) return nullptr;
        if (before[i].first != e.label) {
            relabelled = &e;
            ++relabels;
        } else if (before[i].second != e.selected && (chosen == nullptr || e.selected)) {
            chosen = &e;
        }
        ++i;
    }
    if (i != before.size()) return nullptr;
    if (chosen != nullptr && relabels == 0) return chosen;
    return relabels == 1 ? relabelled : nullptr;
}

std::string focus_key(const ui::ReadEntry* e) {
    if (e == nullptr) return {};
    return e->label + (e->selected ? "\x1f+" : "\x1f-") + (e->enabled ? "" : "\x1f!");
}

bool ends_sentence(const std::string& s) {
    if (s.empty()) return true;
    const char last = s.back();
    return last == '.' || last == '?' || last == '!' || last == ':' || last == ';';
}

}  // namespace

SpokenPart item_speech(const ui::ReadEntry& entry, const ui::Strings& strings) {
    SpokenPart part{entry.label, {}, entry.is_item, entry.said};
    if (entry.is_item && entry.selected) part.state = strings("speech.selected");
    if (entry.is_item && !entry.enabled) part.state = strings("speech.unavailable");
    return part;
}

std::vector<SpokenPart> page_speech(const std::vector<ui::ReadEntry>& reading,
                                    const ui::Strings& strings) {
    std::vector<SpokenPart> parts;
    for (const ui::ReadEntry& e : reading) {
        if (!e.spoken || e.label.find_first_not_of(" \t\n") == std::string::npos) continue;
        SpokenPart part = item_speech(e, strings);
        // A caption drawn as a text beside its own button (a smiley's name) is said once,
        // as the button.
        if (!parts.empty() && parts.back().shown == part.shown &&
            (parts.back().item || part.item)) {
            if (part.item) parts.back() = std::move(part);
            continue;
        }
        parts.push_back(std::move(part));
    }
    return parts;
}

std::string utterance_text(const std::vector<SpokenPart>& parts) {
    std::string text;
    for (const SpokenPart& p : parts) {
        std::string line = p.said.empty() ? p.shown : p.said;
        if (!p.state.empty()) line += ", " + p.state;
        // A full stop between parts, so "Back" and "Next" do not run together.
        if (!ends_sentence(line)) line += '.';
        if (!text.empty()) text += '\n';
        text += line;
    }
    return text;
}

void ReadAloud::say(const std::string& text, const Frame& frame) {
    if (!speaker_ || text.empty()) return;
    speaker_->say(Utterance{text, frame.language, frame.speed});
}

bool ReadAloud::speak_focus_off(const Frame& frame) {
    if (frame.reading == nullptr || frame.strings == nullptr) return false;
    const ui::ReadEntry* focus = focused(*frame.reading);
    const std::string key = focus_key(focus);
    if (key == focus_key_) return false;
    if (key != pending_focus_) {
        pending_focus_ = key;
        return true;
    }
    focus_key_ = key;
    pending_focus_.clear();
    if (focus == nullptr) return false;
    if (!speaker_) speaker_ = std::make_unique<Speaker>();
    say(utterance_text({item_speech(*focus, *frame.strings)}), frame);
    return false;
}

bool ReadAloud::after_frame(const Frame& frame) {
    if (!frame.on) {
        // Turned off on the page it was on: quiet at once. A visit that ended (another page)
        // may finish its last sentence.
        if (was_on_ && speaker_ && frame.page_before == frame.page_after) speaker_->stop();
        was_on_ = false;
        page_key_.clear();
        page_.clear();
        repeat_ = speak_focus_ = false;
        return frame.focus_when_off && speak_focus_off(frame);
    }
    was_on_ = true;
    if (!speaker_) speaker_ = std::make_unique<Speaker>();
    if (frame.reading == nullptr || frame.strings == nullptr) return false;
    // A frame that moved to another page drew half of each: the next one is the page.
    if (frame.page_before != frame.page_after) return true;

    const ui::ReadEntry* focus = focused(*frame.reading);
    const std::string key = focus_key(focus);
    const ui::ReadEntry* changed = changed_item(choices_, *frame.reading);
    choices_ = choices_of(*frame.reading);
    if (frame.page_after != page_key_ || repeat_) {
        page_key_ = frame.page_after;
        page_ = page_speech(*frame.reading, *frame.strings);
        say(utterance_text(page_), frame);
        focus_key_ = key;
        pending_focus_.clear();
        speed_ = frame.speed;
        repeat_ = speak_focus_ = false;
        return false;
    }
    if (frame.speed != speed_) {
        // The speed control was pressed in this frame; its new label shows in the next.
        speed_ = frame.speed;
        speak_focus_ = true;
        return true;
    }
    if (speak_focus_ || (key != focus_key_ && key == pending_focus_)) {
        speak_focus_ = false;
        focus_key_ = key;
        pending_focus_.clear();
        // The focused control, or (a tap that moved no focus) the one that changed.
        const ui::ReadEntry* target = focus != nullptr ? focus : changed;
        if (target != nullptr) say(utterance_text({item_speech(*target, *frame.strings)}), frame);
        return false;
    }
    if (key != focus_key_) {
        pending_focus_ = key;
        return true;
    }
    // A tap that chose an option or flipped a toggle without taking the focus to it.
    if (changed != nullptr && changed != focus) {
        say(utterance_text({item_speech(*changed, *frame.strings)}), frame);
    }
    return false;
}

}  // namespace fv::speech
