// Keyboard and switch focus: an explicit focus model rather than Dear ImGui's own navigation.
// Every tappable item the ui helpers report (ui::button, ui::report_last_item) joins this
// frame's focus order, in drawing order; keys move the focus along that order between frames,
// and a key "press" on the focused item is the same press a finger makes (KioskApp replays it
// at the item's centre), so every widget works by keyboard and switch with no code of its own.
#pragma once

#include <imgui.h>

#include <optional>
#include <string>
#include <vector>

namespace fv::ui {

struct FocusItem {
    ImGuiID id = 0;
    std::string label;
    ImVec2 min, max;              // the whole item
    ImVec2 shown_min, shown_max;  // the part inside its window's clip rectangle (may be empty)
    bool enabled = true;
    bool shown() const { return shown_max.x > shown_min.x && shown_max.y > shown_min.y; }
};

class Focus {
  public:
    static Focus& current();

    // -- the frame (called by the app around the screens' drawing)
    void begin_frame();
    // Closes the frame's focus order; keeps the focus on the same place when its item changed
    // its id (a toggle whose label changed) and focuses the first item when `always` is on.
    void end_frame();
    // Joins the focus order; true when this is the focused item. Scrolls the current window
    // to bring it into view after a move (call from inside the item's window).
    bool add(FocusItem item);

    // -- keys (between frames, on the last frame's order)
    void move(int delta);  // +1 next, -1 previous, wrapping; skips disabled items
    void clear();          // nothing focused: a new screen
    // A finger or the mouse took over: no ring until a key moves the focus again.
    void hide_ring() { ring_ = false; }
    bool ring_shown() const { return (ring_ || always_) && focused() != nullptr; }
    // On (switch scanning): a frame never ends without a focused item while there is one.
    void set_always(bool on) { always_ = on; }
    const FocusItem* focused() const;  // in the last complete frame, or nullptr
    // The last complete frame's focus order, and the focused item's place in it (-1: none).
    const std::vector<FocusItem>& order() const { return last_; }
    int focused_index() const { return index_in_last(); }

    // Escape: the screen that draws next treats it as its Back or Cancel. Unclaimed, it lapses
    // at the end of the frame.
    void request_cancel() { cancel_ = true; }
    bool take_cancel();

    // A typed-text field was on screen in the last frame (Space then types, never presses).
    void text_field_shown() { text_field_now_ = true; }
    bool text_field() const { return text_field_; }

    // Draws the focus ring around the focused item on the foreground layer.
    void draw_ring(const ImVec4& colour, const ImVec4& inner, float scale) const;

  private:
    int index_in_last() const;

    std::vector<FocusItem> now_, last_;
    std::optional<ImGuiID> id_;
    int index_ = -1;  // the focused item's place in the order, for when its id changes
    bool scroll_pending_ = false;
    bool always_ = false;
    bool ring_ = false;
    bool cancel_ = false;
    bool in_frame_ = false, stale_ = false;
    bool text_field_now_ = false, text_field_ = false;
};

}  // namespace fv::ui
