// The presenter view in a window of its own, on a second display (a projector): its own SDL
// window and renderer (from platform/), its own Dear ImGui context with the SDL renderer
// backend and a font atlas built for it, and its own Probe. It takes no input: the laptop
// keeps the controls. It draws only when what it would show has changed, or when SDL says
// its window needs drawing again, so an idle meeting draws nothing in either window.
#pragma once

#include <SDL.h>

#include <memory>

#include "app/flow.hpp"
#include "app/screens/presenter_charts.hpp"
#include "app/ui/imgui_host.hpp"
#include "app/ui/probe.hpp"
#include "app/ui/ui.hpp"
#include "platform/paths.hpp"
#include "platform/window.hpp"

namespace fv {

class ProjectorWindow {
  public:
    ProjectorWindow(std::unique_ptr<platform::Window> window, platform::FontFiles fonts);
    ~ProjectorWindow();
    ProjectorWindow(const ProjectorWindow&) = delete;
    ProjectorWindow& operator=(const ProjectorWindow&) = delete;

    std::uint32_t window_id() const { return window_->id(); }
    // An event for this window. Returns false when it asks to close (its window closed, or
    // Escape pressed on it).
    bool handle(const SDL_Event& event);
    // Draws a frame when the chart would look different from the last one drawn, or when the
    // window asked to be drawn again. Returns true when a frame was drawn.
    bool refresh(Flow& flow, bool high_contrast);

    long frames_drawn() const { return frames_drawn_; }
    // What its last frame showed (as the kiosk's Probe does for the laptop's window).
    const ui::Probe& probe() const { return probe_; }
    platform::Window& window() { return *window_; }

  private:
    void build_theme(bool high_contrast);
    void draw(const screens::PresenterContent& content, const ui::Strings& strings);

    std::unique_ptr<platform::Window> window_;
    platform::FontFiles fonts_;
    ui::ImGuiHost imgui_;  // after the window: its renderer outlives the context
    ui::Theme theme_;
    bool theme_built_ = false;
    ui::Probe probe_;
    screens::PresenterContent shown_;
    bool dirty_ = true;  // nothing drawn yet, or SDL asked for a redraw
    int drawn_w_ = 0, drawn_h_ = 0;
    long frames_drawn_ = 0;
};

}  // namespace fv
