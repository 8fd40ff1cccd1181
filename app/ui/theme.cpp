// Colours, ImGui style and fonts of the kiosk.
#include "app/ui/theme.hpp"

#include <algorithm>
#include <cmath>

namespace fv::ui {
namespace {

Theme g_theme;

// Latin with Latin Extended-A/B (Polish, Romanian, Czech, ...), Greek, Cyrillic, typographic
// punctuation, the euro sign, arrows, the minus sign of the tally buttons, the bullet for PIN
// dots and a tick. ImGui keeps a
// pointer to this array, so it lives for the whole program.
const ImWchar kTextRanges[] = {
    0x0020, 0x00FF, 0x0100, 0x024F, 0x0370, 0x03FF, 0x0400, 0x052F, 0x2010, 0x205E, 0x20AC,
    0x20AC, 0x2190, 0x2193, 0x2212, 0x2212, 0x25CF, 0x25CF, 0x2713, 0x2713, 0,
};
const ImWchar kHugeRanges[] = {0x0020, 0x00FF, 0};

ImVec4 rgb(int hex) {
    return ImVec4(((hex >> 16) & 0xFF) / 255.0f, ((hex >> 8) & 0xFF) / 255.0f,
                  (hex & 0xFF) / 255.0f, 1.0f);
}

float channel(float c) {
    return c <= 0.03928f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f);
}
float luminance(const ImVec4& c) {
    return 0.2126f * channel(c.x) + 0.7152f * channel(c.y) + 0.0722f * channel(c.z);
}

}  // namespace

const Theme& theme() {
    return g_theme;
}

void use_theme(const Theme& t) {
    g_theme = t;
}

float contrast_ratio(const ImVec4& a, const ImVec4& b) {
    float la = luminance(a), lb = luminance(b);
    if (la < lb) std::swap(la, lb);
    return (la + 0.05f) / (lb + 0.05f);
}

Theme make_theme(bool high_contrast, float text_scale) {
    Theme t;
    t.high_contrast = high_contrast;
    t.text_scale = text_scale;
    t.min_target = 64.0f * text_scale;
    if (high_contrast) {
        t.background = rgb(0x000000);
        t.text = rgb(0xFFFFFF);
        t.muted_text = rgb(0xE6E6E6);
        t.accent = rgb(0xFFFF00);
        t.accent_text = rgb(0x000000);
        t.button = rgb(0x000000);
        t.button_text = rgb(0xFFFFFF);
        t.selected = rgb(0xFFFF00);
        t.selected_text = rgb(0x000000);
        t.focus = rgb(0x00FFFF);
        t.error = rgb(0xFF9E9E);
        t.focus_ring = rgb(0x00FFFF);
        t.focus_ring_inner = rgb(0x000000);
        t.row_selected = rgb(0x0000AA);
        t.row_hovered = rgb(0x333333);
    } else {
        t.background = rgb(0xF6F5F0);
        t.text = rgb(0x1B1B1B);
        t.muted_text = rgb(0x4B4B4B);
        t.accent = rgb(0x0B4F8A);
        t.accent_text = rgb(0xFFFFFF);
        t.button = rgb(0xDCE3EA);
        t.button_text = rgb(0x1B1B1B);
        t.selected = rgb(0x0B4F8A);
        t.selected_text = rgb(0xFFFFFF);
        t.focus = rgb(0xE8A317);
        t.error = rgb(0xA4001D);
        // Black with a yellow edge, as GOV.UK marks focus: plain on the light page, and the
        // yellow keeps it apart from the dark blue of a primary button.
        t.focus_ring = rgb(0x0B0C0C);
        t.focus_ring_inner = rgb(0xFFDD00);
        t.row_selected = rgb(0xB7D4F0);
        t.row_hovered = rgb(0xDCE3EA);
    }
    return t;
}

void set_theme(Theme t, const std::filesystem::path& regular_font,
               const std::filesystem::path& bold_font) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    ImFontConfig config;
    config.OversampleH = 1;  // the atlas stays small at 2.0 text scale; kiosk text is large
    config.OversampleV = 1;
    const float s = t.text_scale;
    t.body = io.Fonts->AddFontFromFileTTF(regular_font.c_str(), std::round(kBodySize * s), &config,
                                          kTextRanges);
    t.heading = io.Fonts->AddFontFromFileTTF(bold_font.c_str(), std::round(kHeadingSize * s),
                                             &config, kTextRanges);
    t.huge = io.Fonts->AddFontFromFileTTF(bold_font.c_str(), std::round(kHugeSize * s), &config,
                                          kHugeRanges);
    if (t.body == nullptr || t.heading == nullptr || t.huge == nullptr) {
        io.Fonts->Clear();
        t.body = t.heading = t.huge = io.Fonts->AddFontDefault();
    }
    io.Fonts->Build();
    io.FontDefault = t.body;

    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();
    style.WindowPadding = ImVec2(24 * s, 24 * s);
    style.FramePadding = ImVec2(20 * s, 14 * s);
    style.ItemSpacing = ImVec2(16 * s, 16 * s);
    style.ItemInnerSpacing = ImVec2(12 * s, 12 * s);
    style.ScrollbarSize = 32 * s;  // wide enough to drag with a finger
    style.GrabMinSize = 48 * s;
    style.FrameRounding = 10 * s;
    style.GrabRounding = 10 * s;
    style.WindowRounding = 0;
    style.WindowBorderSize = 0;
    style.FrameBorderSize = t.high_contrast ? 3.0f : 0.0f;
    style.TouchExtraPadding = ImVec2(4, 4);

    ImVec4* c = style.Colors;
    c[ImGuiCol_WindowBg] = t.background;
    c[ImGuiCol_ChildBg] = t.background;
    c[ImGuiCol_PopupBg] = t.background;
    c[ImGuiCol_Text] = t.text;
    c[ImGuiCol_TextDisabled] = t.muted_text;
    c[ImGuiCol_Border] = t.high_contrast ? t.text : t.muted_text;
    c[ImGuiCol_Button] = t.button;
    c[ImGuiCol_ButtonHovered] = t.button;
    c[ImGuiCol_ButtonActive] = t.selected;
    c[ImGuiCol_FrameBg] = t.high_contrast ? rgb(0x000000) : rgb(0xFFFFFF);
    c[ImGuiCol_FrameBgHovered] = c[ImGuiCol_FrameBg];
    c[ImGuiCol_FrameBgActive] = c[ImGuiCol_FrameBg];
    c[ImGuiCol_CheckMark] = t.accent;
    c[ImGuiCol_SliderGrab] = t.accent;
    c[ImGuiCol_SliderGrabActive] = t.accent;
    // List rows (a Selectable draws its text in ImGuiCol_Text): light behind dark text, dark
    // behind light text in high contrast, never the dark blue of a button behind dark text.
    c[ImGuiCol_Header] = t.row_selected;
    c[ImGuiCol_HeaderHovered] = t.row_hovered;
    c[ImGuiCol_HeaderActive] = t.row_selected;
    c[ImGuiCol_PlotHistogram] = t.accent;
    c[ImGuiCol_ScrollbarBg] = t.high_contrast ? rgb(0x000000) : rgb(0xE4E4E0);
    c[ImGuiCol_ScrollbarGrab] = t.high_contrast ? rgb(0xFFFFFF) : rgb(0x8A8A8A);
    c[ImGuiCol_ScrollbarGrabHovered] = c[ImGuiCol_ScrollbarGrab];
    c[ImGuiCol_ScrollbarGrabActive] = t.accent;
    c[ImGuiCol_NavHighlight] = t.focus;
    c[ImGuiCol_TextSelectedBg] = t.high_contrast ? rgb(0x0000AA) : rgb(0xB7D4F0);
    c[ImGuiCol_ModalWindowDimBg] = ImVec4(0, 0, 0, 0.6f);
    g_theme = t;
}

}  // namespace fv::ui
