// One Dear ImGui context on one SDL window's renderer, set up as every Fieldvoice window wants
// it (no ini file or log, no ImGui navigation: app/ui/focus.hpp is the focus model; no
// blinking cursor) and torn down in the right order. The laptop's window also takes SDL's
// input through the platform backend; the projector's draws only. Made while another context
// is current (the projector's, beside the kiosk's), it leaves that one current.
#pragma once

#include "platform/window.hpp"

struct ImGuiContext;
union SDL_Event;

namespace fv::ui {

class ImGuiHost {
  public:
    enum class Input { FromSdl, None };
    ImGuiHost(platform::Window& window, Input input);
    ~ImGuiHost();
    ImGuiHost(const ImGuiHost&) = delete;
    ImGuiHost& operator=(const ImGuiHost&) = delete;

    ImGuiContext* context() const { return context_; }
    // Sends the font atlas just built (a new theme) to the renderer, then drops the atlas's
    // own pixels (tens of MB at large text), which would only sit in memory.
    void upload_fonts();
    // An SDL event for the laptop's context (mouse, keys, text), as SDL's backend reads it.
    void process_event(const SDL_Event& event);
    // The backends' part of ImGui::NewFrame (the platform's only with SDL input).
    void new_frame();
    // Draws what ImGui::Render made into the window's renderer.
    void render_draw_data();

    // While alive, this host's context is current; then the one before.
    class Scope {
      public:
        explicit Scope(const ImGuiHost& host);
        ~Scope();
        Scope(const Scope&) = delete;
        Scope& operator=(const Scope&) = delete;

      private:
        ImGuiContext* before_;
    };

  private:
    Input input_;
    ImGuiContext* context_ = nullptr;
};

}  // namespace fv::ui
