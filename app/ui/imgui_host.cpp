#include "app/ui/imgui_host.hpp"

#include <backends/imgui_impl_sdl.h>
#include <backends/imgui_impl_sdlrenderer.h>
#include <imgui.h>

namespace fv::ui {

ImGuiHost::ImGuiHost(platform::Window& window, Input input) : input_(input) {
    IMGUI_CHECKVERSION();
    ImGuiContext* before = ImGui::GetCurrentContext();
    context_ = ImGui::CreateContext();
    ImGui::SetCurrentContext(context_);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // a kiosk remembers no window layout between runs
    io.LogFilename = nullptr;
    // Keyboard and switch access use the focus model of app/ui/focus.hpp, not ImGui's own
    // navigation: its order and state are ours to test, scanning steps it on a timer, and a
    // key press reaches every widget as the tap it already handles.
    io.ConfigFlags &= ~ImGuiConfigFlags_NavEnableKeyboard;
    io.ConfigInputTextCursorBlink = false;  // nothing on screen blinks
    if (input_ == Input::FromSdl) ImGui_ImplSDL2_InitForSDLRenderer(window.sdl_window());
    ImGui_ImplSDLRenderer_Init(window.renderer());
    if (before != nullptr) ImGui::SetCurrentContext(before);
}

ImGuiHost::~ImGuiHost() {
    ImGuiContext* before = ImGui::GetCurrentContext();
    ImGui::SetCurrentContext(context_);
    ImGui_ImplSDLRenderer_Shutdown();
    if (input_ == Input::FromSdl) ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext(context_);
    ImGui::SetCurrentContext(before == context_ ? nullptr : before);
}

void ImGuiHost::upload_fonts() {
    ImGui_ImplSDLRenderer_DestroyFontsTexture();
    ImGui_ImplSDLRenderer_CreateFontsTexture();
    ImGui::GetIO().Fonts->ClearTexData();
}

void ImGuiHost::process_event(const SDL_Event& event) {
    if (input_ == Input::FromSdl) ImGui_ImplSDL2_ProcessEvent(&event);
}

void ImGuiHost::new_frame() {
    ImGui_ImplSDLRenderer_NewFrame();
    if (input_ == Input::FromSdl) ImGui_ImplSDL2_NewFrame();
}

void ImGuiHost::render_draw_data() { ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData()); }

ImGuiHost::Scope::Scope(const ImGuiHost& host) : before_(ImGui::GetCurrentContext()) {
    ImGui::SetCurrentContext(host.context());
}

ImGuiHost::Scope::~Scope() { ImGui::SetCurrentContext(before_); }

}  // namespace fv::ui
