// Builds the kiosk's look: colours (normal or high contrast), ImGui style and the font atlas at
// the chosen text scale. The app calls set_theme between frames; ui::theme() reads the result.
#pragma once

#include <filesystem>

#include "app/ui/ui.hpp"

namespace fv::ui {

// Font sizes in pixels at text scale 1.0.
inline constexpr float kBodySize = 28.0f;
inline constexpr float kHeadingSize = 40.0f;
inline constexpr float kHugeSize = 64.0f;
// Widest content column, at any window size, so lines stay readable on a 1920 px screen.
inline constexpr float kMaxColumnWidth = 1000.0f;

// The colours of one theme; `high_contrast` selects black/white/yellow (contrast >= 7:1).
Theme make_theme(bool high_contrast, float text_scale);

// Rebuilds the font atlas for `theme.text_scale` from DejaVu Sans (regular and bold), applies
// colours and sizes to the ImGui style, and makes `theme` current. Must be called outside a
// frame; the caller re-creates the renderer's font texture afterwards.
void set_theme(Theme theme, const std::filesystem::path& regular_font,
               const std::filesystem::path& bold_font);

// Makes a theme already built by set_theme current again, without touching fonts or style: a
// second window (the projector's) has its own ImGui context and atlas, and its own theme is
// made current while it draws.
void use_theme(const Theme& theme);

// WCAG relative contrast of two colours (1..21), for tests and to keep the themes honest.
float contrast_ratio(const ImVec4& a, const ImVec4& b);

}  // namespace fv::ui
