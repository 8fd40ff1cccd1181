// The drawing helpers of ui.hpp: large targets, theme colours, and a report of each to the Probe.
#include "app/ui/ui.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cfloat>
#include <utility>
#include <vector>

#include "app/ui/focus.hpp"
#include "app/ui/probe.hpp"

namespace fv::ui {
namespace {

// The label of the last item, each line centred, within `width` at `font_size`.
void draw_wrapped_label(const std::string& label, float font_size, float width) {
    ImFont* font = ImGui::GetFont();
    const ImVec2 a = ImGui::GetItemRectMin();
    const ImVec2 b = ImGui::GetItemRectMax();
    std::vector<std::pair<const char*, const char*>> lines;
    const char* s = label.c_str();
    const char* end = s + label.size();
    while (s < end) {
        const char* e = font->CalcWordWrapPositionA(font_size / font->FontSize, s, end, width);
        if (e == s) {
            // Nothing fits: one whole character (never a byte of one: U+2212 cut in three
            // drew three "?").
            unsigned int c = 0;
            e = s + std::max(1, ImTextCharFromUtf8(&c, s, end));
        }
        const char* trimmed = e;
        while (trimmed > s && trimmed[-1] == ' ') --trimmed;
        lines.emplace_back(s, trimmed);
        s = e;
        while (s < end && *s == ' ') ++s;
    }
    const float line_h = font_size;
    float y = a.y + ((b.y - a.y) - line_h * static_cast<float>(lines.size())) * 0.5f;
    const ImU32 col = ImGui::GetColorU32(ImGuiCol_Text);
    for (const auto& [from, to] : lines) {
        const float w = font->CalcTextSizeA(font_size, FLT_MAX, 0, from, to).x;
        ImGui::GetWindowDrawList()->AddText(
            font, font_size, ImVec2(a.x + ((b.x - a.x) - w) * 0.5f, y), col, from, to);
        y += line_h;
    }
}

bool styled_button(const std::string& label, ImVec2 size, bool enabled, const ImVec4& bg,
                   const ImVec4& fg, bool selected, const char* id_suffix) {
    const Theme& t = theme();
    std::string id = label + "##" + (id_suffix ? id_suffix : "b");
    const ImVec2 text = ImGui::CalcTextSize(label.c_str(), nullptr, true);
    const ImGuiStyle& style = ImGui::GetStyle();
    if (size.x <= 0) size.x = std::max(text.x + style.FramePadding.x * 2, t.min_target);
    if (size.y <= 0) size.y = std::max(text.y + style.FramePadding.y * 2, t.min_target);
    size.x = std::max(size.x, t.min_target);
    size.y = std::max(size.y, t.min_target);
    // A label wider than its button is never cut: it wraps over more lines (the button grows
    // taller), and a single word still too wide is drawn smaller.
    const float room = size.x - 2 * style.FramePadding.x;
    const bool own_label = text.x > room + 0.5f;
    float font_size = ImGui::GetFontSize();
    if (own_label) {
        ImFont* font = ImGui::GetFont();
        float widest = 0;
        for (std::size_t at = 0; at < label.size();) {
            std::size_t end = label.find(' ', at);
            if (end == std::string::npos) end = label.size();
            widest = std::max(widest, font->CalcTextSizeA(font_size, FLT_MAX, 0, label.c_str() + at,
                                                          label.c_str() + end)
                                          .x);
            at = end + 1;
        }
        // A little under the exact fit, so that the wrap below keeps the word on one line.
        if (widest > room) font_size *= std::max(0.5f, room / widest * 0.97f);
        const ImVec2 wrapped =
            font->CalcTextSizeA(font_size, FLT_MAX, room, label.c_str(), nullptr);
        size.y = std::max(size.y, wrapped.y + style.FramePadding.y * 2);
        id = "##" + id;  // ImGui draws no label; it is drawn below
    }

    ImGui::PushStyleColor(ImGuiCol_Button, bg);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, bg);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, t.high_contrast ? t.focus : t.selected);
    ImGui::PushStyleColor(ImGuiCol_Text, fg);
    ImGui::PushStyleColor(ImGuiCol_Border, t.high_contrast ? t.text : bg);
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, t.high_contrast ? 3.0f : 0.0f);
    if (!enabled) ImGui::BeginDisabled();
    const bool pressed = ImGui::Button(id.c_str(), size);
    if (own_label) draw_wrapped_label(label, font_size, room);
    if (!enabled) ImGui::EndDisabled();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(5);
    report_last_item(label, enabled, selected);
    return pressed && enabled;
}

void wrapped(const std::string& s, ImFont* font, const ImVec4* colour, float width = 0.0f) {
    if (font) ImGui::PushFont(font);
    if (colour) ImGui::PushStyleColor(ImGuiCol_Text, *colour);
    ImGui::PushTextWrapPos(width > 0 ? ImGui::GetCursorPosX() + width : 0.0f);
    ImGui::TextUnformatted(s.c_str(), s.c_str() + s.size());
    ImGui::PopTextWrapPos();
    if (colour) ImGui::PopStyleColor();
    if (font) ImGui::PopFont();
    Probe::current().text(s);
}

}  // namespace

bool button(const std::string& label, ImVec2 size, bool enabled, bool selected,
            const char* id_suffix) {
    const Theme& t = theme();
    return styled_button(label, size, enabled, selected ? t.selected : t.button,
                         selected ? t.selected_text : t.button_text, selected, id_suffix);
}

bool primary_button(const std::string& label, ImVec2 size, bool enabled, const char* id_suffix) {
    const Theme& t = theme();
    return styled_button(label, size, enabled, t.accent, t.accent_text, false, id_suffix);
}

void text(const std::string& s) {
    wrapped(s, theme().body, nullptr);
}
void text(const std::string& s, float width) {
    wrapped(s, theme().body, nullptr, width);
}
void heading(const std::string& s) {
    wrapped(s, theme().heading, nullptr);
}
void muted(const std::string& s) {
    wrapped(s, theme().body, &theme().muted_text);
}
void muted(const std::string& s, float width) {
    wrapped(s, theme().body, &theme().muted_text, width);
}
void error_text(const std::string& s) {
    wrapped(s, theme().body, &theme().error);
}

void report_last_item(const std::string& label, bool enabled, bool selected) {
    const ImVec2 a = ImGui::GetItemRectMin();
    const ImVec2 b = ImGui::GetItemRectMax();
    // Only what is really visible: an item scrolled out of its region cannot be tapped.
    const ImVec2 clip_a = ImGui::GetWindowDrawList()->GetClipRectMin();
    const ImVec2 clip_b = ImGui::GetWindowDrawList()->GetClipRectMax();
    ShownItem item;
    item.label = label;
    item.x0 = std::max(a.x, clip_a.x);
    item.y0 = std::max(a.y, clip_a.y);
    item.x1 = std::min(b.x, clip_b.x);
    item.y1 = std::min(b.y, clip_b.y);
    item.enabled = enabled;
    item.selected = selected;
    // Every item joins the focus order, a hidden one too: focus scrolls it into view.
    FocusItem focusable;
    focusable.id = ImGui::GetItemID();
    focusable.label = label;
    focusable.min = a;
    focusable.max = b;
    focusable.shown_min = ImVec2(item.x0, item.y0);
    focusable.shown_max = ImVec2(item.x1, item.y1);
    focusable.enabled = enabled;
    item.focused = Focus::current().add(std::move(focusable));
    const bool visible = item.x1 > item.x0 && item.y1 > item.y0;
    Probe::current().item(std::move(item), visible);
}

}  // namespace fv::ui
