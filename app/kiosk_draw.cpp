// The kiosk's drawing: one frame of the screen in hand with the page's look, the layout
// signature the frame scheduler settles on, and the probe file tests and tools read.
#include <imgui.h>
#include <imgui_internal.h>

#include <cfloat>
#include <cmath>
#include <fstream>

#include "app/kiosk_app.hpp"
#include "app/screens/page.hpp"
#include "app/ui/focus.hpp"
#include "app/ui/probe.hpp"
#include "app/ui/theme.hpp"
#include "core/util/ids.hpp"

namespace fv {

// [SECTION] Drawing

std::string KioskApp::focus_page_key() const {
    std::string key(to_string(screen_));
    if (screen_ == ScreenId::Question) key += "/" + std::to_string(visits_.visit().question);
    if (timers_.still_there()) key += "/still_there";
    return key;
}

std::string KioskApp::page_key() const {
    const Visit& v = visits_.visit();
    std::string key(to_string(screen_));
    if (screen_ == ScreenId::Question) key += "/" + std::to_string(v.question);
    // Another "you said, we did" entry is another page to read out.
    if (screen_ == ScreenId::Attract && !outcomes_.empty()) {
        key += "/outcome/" + outcomes_[outcome_shown_].id;
    }
    key += "/" + v.language;
    if (timers_.still_there()) key += "/still_there";
    if (v.read_aloud) key += "/read_aloud";
    return key;
}

void KioskApp::apply_look() {
    ui::set_theme(ui::make_theme(look_.high_contrast, look_.text_scale), config_.fonts.regular,
                  config_.fonts.bold);
    imgui_->upload_fonts();
    look_dirty_ = false;
}

void KioskApp::draw_frame() {
    if (look_dirty_) apply_look();
    imgui_->new_frame();
    ImGuiIO& io = ImGui::GetIO();
    int w = 0, h = 0;
    window_.size(w, h);
    io.DisplaySize = ImVec2(static_cast<float>(w), static_cast<float>(h));
    io.DisplayFramebufferScale = ImVec2(1, 1);
    io.MousePos = mouse_known_ ? ImVec2(mouse_x_, mouse_y_) : ImVec2(-FLT_MAX, -FLT_MAX);
    // A press and release between two frames still shows ImGui one frame with the button down.
    io.MouseDown[0] = mouse_down_ || mouse_pressed_;
    io.MouseDown[1] = io.MouseDown[2] = false;
    mouse_pressed_ = false;
    if (const auto tap = access_.tap_frame()) {
        // A key's press of the focused item: down for a frame, then up, at its centre.
        io.MousePos = ImVec2(tap->x, tap->y);
        io.MouseDown[0] = tap->down;
        want_frames(3);
    }
    ImGui::NewFrame();
    ui::Probe::current().begin_frame();
    const std::string page_before = page_key();
    const bool read_aloud_bar = visits_.visit().read_aloud;
    screens::set_top_band(read_aloud_bar ? screens::ReadAloudBar::height() : 0.0f);
    // The overlay comes and goes over a page that keeps its place; the page itself is the
    // screen and the question.
    {
        std::string page(to_string(screen_));
        if (screen_ == ScreenId::Question) page += "/" + std::to_string(visits_.visit().question);
        screens::set_page(page, strings()("page.more_below"));
    }
    ui::Focus::current().begin_frame();
    const std::string focus_page = focus_page_key();

    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("##kiosk", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                     ImGuiWindowFlags_NoScrollWithMouse);
    const bool veiled = timers_.still_there();
    if (!veiled) {
        screens_.screen(screen_).draw(*this);
        if (read_aloud_bar && visits_.visit().read_aloud) read_aloud_bar_.draw(*this);
    }
    ImGui::End();
    if (veiled) {
        shown_seconds_ = timers_.seconds_left();
        const bool offer_more_time = visits_.visit().active;
        switch (still_there_.draw(*this, shown_seconds_, static_cast<int>(kCountdown.count()),
                                  offer_more_time)) {
            case screens::StillThereOverlay::Choice::MoreTime: {
                int& factor = visits_.visit().time_factor;
                factor = std::min(factor * 2, kMaxTimeFactor);
                [[fallthrough]];
            }
            case screens::StillThereOverlay::Choice::Continue:
                timers_.still_here();
                ui::Focus::current().clear();
                restart_scan();
                want_frames();
                break;
            case screens::StillThereOverlay::Choice::ClearNow:
                end_visit();
                break;
            case screens::StillThereOverlay::Choice::None:
                break;
        }
    }

    ui::Focus& focus = ui::Focus::current();
    // Another question (Next, Back), another overlay: the focus starts afresh, as on a new
    // screen, rather than landing on whatever now stands where the pressed item stood.
    if (focus_page_key() != focus_page) focus.clear();
    focus.end_frame();
    const ui::Theme& theme = ui::theme();
    focus.draw_ring(theme.focus_ring, theme.focus_ring_inner, std::max(1.0f, theme.text_scale));

    ImGui::Render();
    const std::size_t layout = layout_signature();
    if (layout != last_layout_) {
        last_layout_ = layout;
        // 2: this frame still counts against what is wanted when it returns.
        if (++unsettled_frames_ <= kMaxSettleFrames) want_frames(2);
    } else {
        unsettled_frames_ = 0;
    }
    const ImVec4 bg = ui::theme().background;
    SDL_SetRenderDrawColor(window_.renderer(), static_cast<Uint8>(bg.x * 255),
                           static_cast<Uint8>(bg.y * 255), static_cast<Uint8>(bg.z * 255), 255);
    SDL_RenderClear(window_.renderer());
    imgui_->render_draw_data();
    window_.present();
    ++frames_drawn_;

    speech::ReadAloud::Frame spoken;
    spoken.on = visits_.visit().read_aloud;
    spoken.focus_when_off = screen_ == ScreenId::Attract && (input_by_key_ || look_.scanning);
    spoken.page_before = page_before;
    spoken.page_after = page_key();
    spoken.language = visits_.visit().language;
    spoken.speed = visits_.visit().speech_speed;
    spoken.reading = &ui::Probe::current().reading_order();
    spoken.strings = &strings();
    // 2: this frame still counts against what is wanted when it returns.
    if (read_aloud_.after_frame(spoken)) want_frames(2);
    if (!config_.probe_file.empty()) write_probe_file();
}

std::size_t KioskApp::layout_signature() const {
    // What ImGui settles over the frames after a change: each shown window's place, size,
    // content size, scroll and scrollbars.
    std::size_t h = 0;
    const auto mix = [&h](auto v) {
        h ^= std::hash<decltype(v)>{}(v) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    };
    for (const ImGuiWindow* w : GImGui->Windows) {
        if (!w->Active) continue;
        mix(w->ID);
        for (const ImVec2& v : {w->Pos, w->Size, w->ContentSize, w->Scroll, w->ScrollMax}) {
            mix(v.x);
            mix(v.y);
        }
        mix(w->ScrollbarX);
        mix(w->ScrollbarY);
    }
    return h;
}

void KioskApp::write_probe_file() {
    const ui::Probe& probe = ui::Probe::current();
    nlohmann::json doc;
    doc["screen"] = std::string(to_string(screen_));
    doc["still_there"] = timers_.still_there();
    doc["texts"] = probe.texts();
    nlohmann::json items = nlohmann::json::array();
    for (const ui::ShownItem& it : probe.items()) {
        items.push_back({{"label", it.label},
                         {"x0", it.x0},
                         {"y0", it.y0},
                         {"x1", it.x1},
                         {"y1", it.y1},
                         {"enabled", it.enabled},
                         {"selected", it.selected},
                         {"focused", it.focused}});
    }
    doc["items"] = std::move(items);
    nlohmann::json images = nlohmann::json::array();
    for (const ui::ShownItem& it : probe.images()) {
        images.push_back(
            {{"image", it.label}, {"x0", it.x0}, {"y0", it.y0}, {"x1", it.x1}, {"y1", it.y1}});
    }
    doc["images"] = std::move(images);
    std::string text = doc.dump();
    if (text == last_probe_json_) return;
    // Written whole and renamed, so a reader never sees half a file.
    const std::filesystem::path tmp = config_.probe_file.string() + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << text;
    }
    std::error_code ec;
    std::filesystem::rename(tmp, config_.probe_file, ec);
    last_probe_json_ = std::move(text);
}

}  // namespace fv
