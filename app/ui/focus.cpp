// The focus model of focus.hpp.
#include "app/ui/focus.hpp"

#include <algorithm>

namespace fv::ui {

Focus& Focus::current() {
    static Focus focus;
    return focus;
}

void Focus::begin_frame() {
    now_.clear();
    text_field_now_ = false;
    in_frame_ = true;
    stale_ = false;
}

bool Focus::add(FocusItem item) {
    // The focus follows a finger too (then unringed), so Tab goes on from what was tapped and
    // read-aloud can name it.
    if (ImGui::IsItemActivated() && item.id != 0) {
        id_ = item.id;
        scroll_pending_ = false;
    }
    const bool focused = id_ && *id_ == item.id;
    if (focused && scroll_pending_) {
        // Partly hidden by its scrolling page: centre it (applied by ImGui in the next frame).
        const bool hidden = item.min.y < item.shown_min.y - 0.5f ||
                            item.max.y > item.shown_max.y + 0.5f || !item.shown();
        if (hidden) {
            ImGui::SetScrollFromPosY((item.min.y + item.max.y) * 0.5f - ImGui::GetWindowPos().y,
                                     0.5f);
        }
        scroll_pending_ = false;
    }
    if (focused) index_ = static_cast<int>(now_.size());
    now_.push_back(std::move(item));
    return focused;
}

void Focus::end_frame() {
    last_ = std::move(now_);
    now_.clear();
    in_frame_ = false;
    text_field_ = text_field_now_;
    cancel_ = false;
    if (stale_) {
        // The screen changed during the frame: what it drew is gone; the next frame tells.
        last_.clear();
        stale_ = false;
        return;
    }
    if (last_.empty()) return;
    const bool found = id_ && std::any_of(last_.begin(), last_.end(),
                                          [&](const FocusItem& it) { return it.id == *id_; });
    if (found) return;
    if (id_ && index_ >= 0 && (ring_ || always_)) {
        // The focused item changed its id (its label changed): stay at its place.
        index_ = std::min(index_, static_cast<int>(last_.size()) - 1);
        id_ = last_[static_cast<std::size_t>(index_)].id;
    } else if (always_) {
        index_ = -1;
        id_.reset();
        move(+1);
    } else {
        clear();  // what a finger focused is gone
    }
}

int Focus::index_in_last() const {
    if (!id_) return -1;
    for (std::size_t i = 0; i < last_.size(); ++i) {
        if (last_[i].id == *id_) return static_cast<int>(i);
    }
    return -1;
}

void Focus::move(int delta) {
    const int n = static_cast<int>(last_.size());
    if (n == 0) return;
    int at = index_in_last();
    if (at < 0) at = delta > 0 ? -1 : n;  // from nothing: the first, or the last
    for (int step = 0; step < n; ++step) {
        at = ((at + delta) % n + n) % n;
        if (last_[static_cast<std::size_t>(at)].enabled) {
            id_ = last_[static_cast<std::size_t>(at)].id;
            index_ = at;
            scroll_pending_ = true;
            ring_ = true;
            return;
        }
    }
}

void Focus::clear() {
    if (in_frame_) stale_ = true;
    id_.reset();
    index_ = -1;
    scroll_pending_ = false;
}

const FocusItem* Focus::focused() const {
    const int at = index_in_last();
    return at < 0 ? nullptr : &last_[static_cast<std::size_t>(at)];
}

bool Focus::take_cancel() {
    const bool was = cancel_;
    cancel_ = false;
    return was;
}

void Focus::draw_ring(const ImVec4& colour, const ImVec4& inner, float scale) const {
    const FocusItem* item = focused();
    if (item == nullptr || !item->shown() || !(ring_ || always_)) return;
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    const float band = 6.0f * scale;  // the ring, outside the item's edge
    const float edge = 3.0f * scale;  // a line of contrast between ring and item
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float m = band * 0.5f;  // the ring stays whole inside the window
    const auto clamp = [&](ImVec2 p) {
        return ImVec2(std::clamp(p.x, m, display.x - m), std::clamp(p.y, m, display.y - m));
    };
    const ImVec2 a = item->shown_min, b = item->shown_max;
    const float out = band * 0.5f + edge;
    dl->AddRect(clamp(ImVec2(a.x - out, a.y - out)), clamp(ImVec2(b.x + out, b.y + out)),
                ImGui::GetColorU32(colour), 12.0f * scale, 0, band);
    const float in = edge * 0.5f;
    dl->AddRect(clamp(ImVec2(a.x - in, a.y - in)), clamp(ImVec2(b.x + in, b.y + in)),
                ImGui::GetColorU32(inner), 10.0f * scale, 0, edge);
}

}  // namespace fv::ui
