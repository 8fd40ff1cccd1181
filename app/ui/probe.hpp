// What the current frame showed: every text drawn and every tappable item with its rectangle,
// and which item has the keyboard / switch focus.
// Screens and widgets report through the helpers in ui.hpp; the headless test harness reads
// it to find "Next" and tap it, and to check that nothing of a wiped visit is still shown.
// Read-aloud speaks a screen from the same reports, in the order they were drawn.
#pragma once

#include <string>
#include <vector>

namespace fv::ui {

struct ShownItem {
    std::string label;  // the visible label (without any ImGui "##id" suffix)
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    bool enabled = true;
    bool selected = false;  // a chosen option, a toggled switch
    bool focused = false;   // has the keyboard / switch focus (see focus.hpp)
};

// One text or item in drawing order, whether scrolled into view or not (read-aloud speaks a
// whole page, not only what fits on the screen).
struct ReadEntry {
    std::string label;
    bool is_item = false;
    bool enabled = true;
    bool selected = false;
    bool focused = false;
    bool spoken = true;  // false inside a QuietScope (on-screen keys, the read-aloud controls)
    // How read-aloud says it when that is not as shown ("" for as shown): a receipt's
    // reference is said a character at a time.
    std::string said;
};

class Probe {
  public:
    void begin_frame() {
        texts_.clear();
        items_.clear();
        reading_.clear();
        images_.clear();
        cues_.clear();
        quiet_ = 0;
    }
    void text(std::string shown) { text(std::move(shown), {}); }
    // A text shown as `shown` and said as `said` (see ReadEntry::said).
    void text(std::string shown, std::string said) {
        reading_.push_back({shown, false, true, false, false, quiet_ == 0, std::move(said)});
        texts_.push_back(std::move(shown));
    }
    // An item laid out this frame; `visible` false when it is scrolled out of its region (it
    // is then in the reading order only: it cannot be tapped).
    void item(ShownItem item, bool visible = true) {
        reading_.push_back(
            {item.label, true, item.enabled, item.selected, item.focused, quiet_ == 0, {}});
        if (visible) items_.push_back(std::move(item));
    }

    // A visual cue about the page itself ("More below"): shown, but neither one of the page's
    // texts nor spoken (read-aloud already reads the whole page, folded or not).
    void cue(std::string shown) { cues_.push_back(std::move(shown)); }
    const std::vector<std::string>& cues() const { return cues_; }

    const std::vector<std::string>& texts() const { return texts_; }
    const std::vector<ShownItem>& items() const { return items_; }
    const std::vector<ReadEntry>& reading_order() const { return reading_; }
    // A picture drawn (Easy Read), labelled with its path as the definition gives it.
    void image(ShownItem image) { images_.push_back(std::move(image)); }
    const std::vector<ShownItem>& images() const { return images_; }

    // While one is alive, what is reported is left out of a screen's spoken summary (a
    // focused key is still spoken on its own).
    class QuietScope {
      public:
        explicit QuietScope(Probe& probe) : probe_(probe) { ++probe_.quiet_; }
        ~QuietScope() { --probe_.quiet_; }
        QuietScope(const QuietScope&) = delete;
        QuietScope& operator=(const QuietScope&) = delete;

      private:
        Probe& probe_;
    };
    // The item with the keyboard / switch focus, or nullptr (nothing focused, or a frame in
    // which the focused item changed its label).
    const ShownItem* focused() const {
        for (const ShownItem& it : items_) {
            if (it.focused) return &it;
        }
        return nullptr;
    }

    // The probe the app draws into: the kiosk window's, or while a second window (the
    // projector's) draws, that window's own (set_current(nullptr) goes back to the kiosk's).
    static Probe& current();
    static void set_current(Probe* probe);

  private:
    std::vector<std::string> texts_;
    std::vector<ShownItem> items_;
    std::vector<ReadEntry> reading_;
    int quiet_ = 0;
    std::vector<ShownItem> images_;
    std::vector<std::string> cues_;
};

}  // namespace fv::ui
