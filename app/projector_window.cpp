// The projector's window: a second ImGui context drawing the presenter charts, on request.
#include "app/projector_window.hpp"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>

#include "app/meeting/meeting.hpp"
#include "app/ui/theme.hpp"

namespace fv {
namespace {

// While alive, ImGui, the theme and the Probe are the projector's; then the kiosk's again.
class ProjectorScope {
  public:
    ProjectorScope(const ui::ImGuiHost& host, ui::Probe* probe)
        : kiosk_theme_(ui::theme()), context_(host) {
        ui::Probe::set_current(probe);
    }
    ~ProjectorScope() {
        ui::Probe::set_current(nullptr);
        ui::use_theme(kiosk_theme_);
    }
    ProjectorScope(const ProjectorScope&) = delete;
    ProjectorScope& operator=(const ProjectorScope&) = delete;

  private:
    ui::Theme kiosk_theme_;
    ui::ImGuiHost::Scope context_;
};

// Text for the back of a hall: larger with a taller projector picture (1.25 at 720 lines,
// 1.75 at 1080), in quarter steps so a small resize does not rebuild the fonts.
float projector_text_scale(int height) {
    const float scale = std::round(static_cast<float>(height) / 640.0f * 4.0f) / 4.0f;
    return std::clamp(scale, 1.0f, 2.5f);
}

}  // namespace

ProjectorWindow::ProjectorWindow(std::unique_ptr<platform::Window> window,
                                 platform::FontFiles fonts)
    : window_(std::move(window)),
      fonts_(std::move(fonts)),
      // Only the renderer backend: this window takes no input, so SDL's platform backend
      // (mouse, keyboard, cursor) stays with the laptop's context.
      imgui_(*window_, ui::ImGuiHost::Input::None) {}

ProjectorWindow::~ProjectorWindow() = default;

bool ProjectorWindow::handle(const SDL_Event& e) {
    if (e.type == SDL_WINDOWEVENT) {
        switch (e.window.event) {
            case SDL_WINDOWEVENT_CLOSE:
                return false;
            case SDL_WINDOWEVENT_EXPOSED:
            case SDL_WINDOWEVENT_SIZE_CHANGED:
            case SDL_WINDOWEVENT_RESTORED:
            case SDL_WINDOWEVENT_SHOWN:
                dirty_ = true;
                break;
            default:
                break;
        }
    }
    // Someone who clicked on the projector's picture and pressed Escape wants it gone.
    if (e.type == SDL_KEYDOWN && e.key.keysym.sym == SDLK_ESCAPE) return false;
    return true;
}

void ProjectorWindow::build_theme(bool high_contrast) {
    int w = 0, h = 0;
    window_->size(w, h);
    const float scale = projector_text_scale(h);
    if (theme_built_ && theme_.high_contrast == high_contrast && theme_.text_scale == scale) {
        return;
    }
    ui::set_theme(ui::make_theme(high_contrast, scale), fonts_.regular, fonts_.bold);
    theme_ = ui::theme();
    imgui_.upload_fonts();
    theme_built_ = true;
    dirty_ = true;
}

bool ProjectorWindow::refresh(Flow& flow, bool high_contrast) {
    screens::PresenterContent content =
        screens::presenter_content(flow, flow.meeting().presenter_chart);
    int w = 0, h = 0;
    window_->size(w, h);
    ProjectorScope scope(imgui_, &probe_);
    build_theme(high_contrast);
    if (!dirty_ && content == shown_ && w == drawn_w_ && h == drawn_h_) {
        ui::use_theme(theme_);
        return false;
    }
    ui::use_theme(theme_);
    draw(content, flow.strings());
    shown_ = std::move(content);
    drawn_w_ = w;
    drawn_h_ = h;
    dirty_ = false;
    return true;
}

void ProjectorWindow::draw(const screens::PresenterContent& content, const ui::Strings& strings) {
    int w = 0, h = 0;
    window_->size(w, h);
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(static_cast<float>(w), static_cast<float>(h));
    io.DisplayFramebufferScale = ImVec2(1, 1);
    io.DeltaTime = 1.0f / 60.0f;  // nothing here animates
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    // A new context lays a window out in its first frame: that one is not shown.
    const int frames = frames_drawn_ == 0 ? 2 : 1;
    for (int i = 0; i < frames; ++i) {
        imgui_.new_frame();
        ImGui::NewFrame();
        probe_.begin_frame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(io.DisplaySize);
        ImGui::Begin("##projector", nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                         ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoScrollbar |
                         ImGuiWindowFlags_NoScrollWithMouse);
        const float margin = std::max(24.0f, io.DisplaySize.x * 0.04f);
        ImGui::SetCursorScreenPos(ImVec2(margin, margin * 0.6f));
        ImGui::BeginChild("projector_chart",
                          ImVec2(io.DisplaySize.x - 2 * margin, io.DisplaySize.y - margin * 1.2f),
                          false, ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoScrollbar);
        // Room for the session title, the heading and "and N more" around the bars.
        const float text_rows = ImGui::GetTextLineHeightWithSpacing() * 2 +
                                theme_.heading->FontSize + ImGui::GetStyle().ItemSpacing.y * 2;
        screens::draw_presenter_content(content, strings,
                                        ImGui::GetContentRegionAvail().y - text_rows);
        ImGui::EndChild();
        ImGui::End();
        ImGui::Render();
    }
    const ImVec4 bg = theme_.background;
    SDL_Renderer* r = window_->renderer();
    SDL_SetRenderDrawColor(r, static_cast<Uint8>(bg.x * 255), static_cast<Uint8>(bg.y * 255),
                           static_cast<Uint8>(bg.z * 255), 255);
    SDL_RenderClear(r);
    imgui_.render_draw_data();
    window_->present();
    ++frames_drawn_;
}

}  // namespace fv
