// Centred, scrolling page column and pinned footer.
#include "app/screens/page.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>

#include "app/ui/theme.hpp"
#include "app/ui/ui.hpp"

namespace fv::screens {
namespace {

float g_top_band = 0.0f;  // one kiosk window per process, as with ui::theme()

float column_x_and_width(float& width) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float margin = 24.0f;
    width = std::min(ui::kMaxColumnWidth, display.x - 2 * margin);
    return (display.x - width) * 0.5f;
}

}  // namespace

void set_top_band(float px) {
    g_top_band = px;
}

float top_band() {
    return g_top_band;
}

float footer_height() {
    const ImGuiStyle& style = ImGui::GetStyle();
    return ui::theme().min_target + style.WindowPadding.y * 2 + 8.0f;
}

void begin_body(const char* id, float footer) {
    float width = 0;
    const float x = column_x_and_width(width);
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    // The top band stays free: the officer's hidden long-press lives in its right corner.
    const float top = 16.0f + g_top_band;
    ImGui::SetCursorScreenPos(ImVec2(x, top));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8, 8));
    ImGui::BeginChild(id, ImVec2(width, display.y - top - footer), false,
                      ImGuiWindowFlags_NoBackground);
    ImGui::PopStyleVar();
}

void end_body() {
    // Touch screens have no wheel: a finger dragged over the page scrolls it, even when it
    // went down on a button (which then does not fire), as phones behave.
    const float threshold = 16.0f * ui::theme().text_scale;
    if (ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows |
                               ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) &&
        ImGui::IsMouseDragging(ImGuiMouseButton_Left, threshold) && ImGui::GetScrollMaxY() > 0) {
        ImGui::ClearActiveID();
        ImGui::SetScrollY(ImGui::GetScrollY() - ImGui::GetIO().MouseDelta.y);
    }
    ImGui::EndChild();
}

void begin_footer(const char* id) {
    float width = 0;
    const float x = column_x_and_width(width);
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float h = footer_height();
    ImGui::SetCursorScreenPos(ImVec2(x, display.y - h));
    ImGui::BeginChild(id, ImVec2(width, h), false,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoBackground);
    ImGui::SetCursorPosY(ImGui::GetStyle().WindowPadding.y);
}

void end_footer() {
    ImGui::EndChild();
}

float page_column_width() {
    float width = 0;
    column_x_and_width(width);
    return width;
}

float column_width() {
    return ImGui::GetContentRegionAvail().x;
}

void gap(float px) {
    ImGui::Dummy(ImVec2(1, px * ui::theme().text_scale));
}

const std::string& local(const Consultation& c, const LocalText& text, const std::string& lang) {
    return text.in(lang, c.default_language());
}

}  // namespace fv::screens
