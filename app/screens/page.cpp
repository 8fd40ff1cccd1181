// Centred, scrolling page column and pinned footer.
#include "app/screens/page.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cfloat>
#include <map>

#include "app/ui/probe.hpp"
#include "app/ui/theme.hpp"
#include "app/ui/ui.hpp"

namespace fv::screens {
namespace {

float g_top_band = 0.0f;  // one kiosk window per process, as with ui::theme()
std::string g_page;       // the page being drawn, as the router names it
long g_page_visit = 0;    // counts the pages shown: a page left and come back to is a new one
std::string g_more_below = "More below";

// Each body's ImGui window and the showing of a page it last drew in, by the body's id.
struct BodyState {
    ImGuiID window = 0;
    long page_visit = -1;
};
std::map<std::string, BodyState>& bodies() {
    static std::map<std::string, BodyState> states;
    return states;
}

float column_x_and_width(float& width, float max_width = ui::kMaxColumnWidth) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float margin = 24.0f;
    width = std::min(max_width, display.x - 2 * margin);
    return (display.x - width) * 0.5f;
}

// While part of the body is below its fold: a band at its foot saying so, over the content,
// so nobody takes the last option they can see for the last there is. Drawn from the first
// frame the overflow is known (the scheduler draws until the layout has settled).
void draw_more_below() {
    const float scroll = ImGui::GetScrollY();
    const float max = ImGui::GetScrollMaxY();
    if (max <= 0.5f || scroll >= max - 0.5f) return;
    const ui::Theme& theme = ui::theme();
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    ImDrawList* draw = window->DrawList;
    ImFont* font = theme.body ? theme.body : ImGui::GetFont();
    const float size = font->FontSize;
    const ImVec2 text = font->CalcTextSizeA(size, FLT_MAX, 0.0f, g_more_below.c_str());
    const float arrow = size * 0.6f;
    const float pad = 8.0f * theme.text_scale;
    // A strip across the whole body at its foot, over the row the fold cuts.
    const ImRect inner = window->ClipRect;
    const float band_h = text.y + 2 * pad;
    const ImVec2 band_min(inner.Min.x, inner.Max.y - band_h);
    const ImVec2 band_max(inner.Max.x, inner.Max.y);
    const ImU32 bg = ImGui::GetColorU32(theme.background);
    const ImU32 fg = ImGui::GetColorU32(theme.text);
    draw->AddRectFilled(band_min, band_max, bg);
    draw->AddLine(band_min, ImVec2(band_max.x, band_min.y), fg, std::max(1.0f, theme.text_scale));
    const float words_w = text.x + pad + arrow;
    const ImVec2 at((band_min.x + band_max.x - words_w) * 0.5f, band_min.y + pad);
    draw->AddText(font, size, at, fg, g_more_below.c_str());
    // A downward triangle after the words: not colour alone, not a glyph the font may lack.
    const float ax = at.x + text.x + pad;
    const float ay = at.y + (text.y - arrow * 0.8f) * 0.5f;
    draw->AddTriangleFilled(ImVec2(ax, ay), ImVec2(ax + arrow, ay),
                            ImVec2(ax + arrow * 0.5f, ay + arrow * 0.8f), fg);
    ui::Probe::current().cue(g_more_below);
}

}  // namespace

void set_top_band(float px) {
    g_top_band = px;
}

float top_band() {
    return g_top_band;
}

void set_page(const std::string& key, const std::string& more_below) {
    if (key != g_page) {
        ++g_page_visit;
        // Dear ImGui sends the wheel to the window it last scrolled until the pointer moves or
        // two seconds pass; that window is the page just left, so the new page would not
        // scroll (a page changed by a key, or the visit wiped while the pointer rested).
        if (ImGuiContext* g = ImGui::GetCurrentContext()) {
            g->WheelingWindow = nullptr;
            g->WheelingWindowTimer = 0.0f;
        }
    }
    g_page = key;
    g_more_below = more_below;
}

float footer_height(float tallest) {
    const ImGuiStyle& style = ImGui::GetStyle();
    return std::max(ui::theme().min_target, tallest) + style.WindowPadding.y * 2 + 8.0f;
}

void begin_body(const char* id, float footer, float max_width) {
    float width = 0;
    const float x = column_x_and_width(width, max_width);
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    // The top band stays free: the officer's hidden long-press lives in its right corner.
    const float top = 16.0f + g_top_band;
    ImGui::SetCursorScreenPos(ImVec2(x, top));
    BodyState& state = bodies()[id];
    if (state.page_visit != g_page_visit) {
        // Set before Begin, so the very first frame of the page is drawn from its top (a
        // SetScrollY inside would only take effect a frame later).
        if (ImGuiWindow* window = ImGui::FindWindowByID(state.window)) {
            window->Scroll = ImVec2(0, 0);
            window->ScrollTarget = ImVec2(FLT_MAX, FLT_MAX);
        }
        state.page_visit = g_page_visit;
    }
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8, 8));
    ImGui::BeginChild(id, ImVec2(width, display.y - top - footer), false,
                      ImGuiWindowFlags_NoBackground);
    ImGui::PopStyleVar();
    state.window = ImGui::GetCurrentWindow()->ID;
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
    draw_more_below();
    ImGui::EndChild();
}

void begin_footer(const char* id, float height) {
    float width = 0;
    const float x = column_x_and_width(width);
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float h = height > 0 ? height : footer_height();
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

float button_width(const std::string& label) {
    return ImGui::CalcTextSize(label.c_str()).x + 2 * ImGui::GetStyle().FramePadding.x;
}

void beside_if_fits(float width, float spacing) {
    if (spacing < 0) spacing = ImGui::GetStyle().ItemSpacing.x;
    // The region's right edge: the window's, or the table cell's inside a table.
    const float right = ImGui::GetWindowPos().x + ImGui::GetContentRegionMax().x;
    if (ImGui::GetItemRectMax().x + spacing + width > right) return;
    // Top to top with the last item (a labelled group beside a plain button, or beside
    // another group).
    const float top = ImGui::GetItemRectMin().y;
    ImGui::SameLine(0, spacing);
    ImGui::SetCursorScreenPos(ImVec2(ImGui::GetCursorScreenPos().x, top));
    ImGui::GetCurrentWindow()->DC.CurrLineTextBaseOffset = 0;  // a group's label at its top
}

void gap(float px) {
    ImGui::Dummy(ImVec2(1, px * ui::theme().text_scale));
}

const std::string& local(const Consultation& c, const LocalText& text, const std::string& lang) {
    return text.in(lang, c.default_language());
}

}  // namespace fv::screens
