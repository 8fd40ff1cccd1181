// The few drawing helpers every screen and widget uses, so that every text and every tappable
// thing is large enough for a kiosk and is reported to the Probe (what tests read).
#pragma once

#include <imgui.h>

#include <string>

namespace fv::ui {

// Colours and sizes of the current theme (normal or high contrast, text scale 1.0/1.5/2.0).
struct Theme {
    bool high_contrast = false;
    float text_scale = 1.0f;   // the "larger text" toggle: 1.0, 1.5, 2.0
    float min_target = 64.0f;  // smallest side of a touch target, in pixels (scaled)
    ImVec4 background, text, muted_text, accent, accent_text, button, button_text, selected,
        selected_text, focus, error;
    // The keyboard / switch focus ring (at least 7:1 against the background in both themes)
    // and the thin line inside it that parts it from the item it surrounds.
    ImVec4 focus_ring, focus_ring_inner;
    // A list row chosen, and one under the mouse, behind `text` (4.5:1, 7:1 in high contrast).
    ImVec4 row_selected, row_hovered;
    ImFont* body = nullptr;     // question text, options
    ImFont* heading = nullptr;  // titles, prompts
    ImFont* huge = nullptr;     // smiley faces, big numbers
};

// The theme in force this frame (set by the app when the resident toggles contrast or size).
const Theme& theme();

// A large button, reported to the Probe. `id_suffix` keeps ImGui ids unique when two buttons
// share a label; one starting with '#' makes the id that alone (ImGui's "###"), for a toggle
// whose label changes but whose focus must stay. Returns true when tapped (and enabled).
bool button(const std::string& label, ImVec2 size = {0, 0}, bool enabled = true,
            bool selected = false, const char* id_suffix = nullptr);

// A button in the accent colour, for the one action a screen leads to ("Next", "Touch to
// start"). Same contract as button().
bool primary_button(const std::string& label, ImVec2 size = {0, 0}, bool enabled = true,
                    const char* id_suffix = nullptr);

// Wrapped text in the body font (or heading font), reported to the Probe.
void text(const std::string& s);
// The same, wrapped to `width` from the cursor instead of at the window's edge.
void text(const std::string& s, float width);
void heading(const std::string& s);
void muted(const std::string& s);
void muted(const std::string& s, float width);
void error_text(const std::string& s);

// Reports the last ImGui item (drawn by hand) to the Probe with this label.
void report_last_item(const std::string& label, bool enabled = true, bool selected = false);

}  // namespace fv::ui
