// What the current frame showed: every text drawn and every tappable item with its rectangle.
// Screens and widgets report through the helpers in ui.hpp; the headless test harness reads
// it to find "Next" and tap it, and to check that nothing of a wiped visit is still shown.
#pragma once

#include <string>
#include <vector>

namespace fv::ui {

struct ShownItem {
    std::string label;  // the visible label (without any ImGui "##id" suffix)
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    bool enabled = true;
    bool selected = false;  // a chosen option, a toggled switch
};

class Probe {
public:
    void begin_frame() {
        texts_.clear();
        items_.clear();
    }
    void text(std::string shown) { texts_.push_back(std::move(shown)); }
    void item(ShownItem item) { items_.push_back(std::move(item)); }

    const std::vector<std::string>& texts() const { return texts_; }
    const std::vector<ShownItem>& items() const { return items_; }

    // The one probe the app draws into (one app per process).
    static Probe& current();

private:
    std::vector<std::string> texts_;
    std::vector<ShownItem> items_;
};

}  // namespace fv::ui
