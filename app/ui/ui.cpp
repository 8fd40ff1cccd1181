// The drawing helpers of ui.hpp: large targets, theme colours, and a report of each to the Probe.
#include "app/ui/ui.hpp"

#include <imgui_internal.h>

#include <algorithm>

#include "app/ui/focus.hpp"
#include "app/ui/probe.hpp"

namespace fv::ui {
namespace {

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

    ImGui::PushStyleColor(ImGuiCol_Button, bg);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, bg);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, t.high_contrast ? t.focus : t.selected);
    ImGui::PushStyleColor(ImGuiCol_Text, fg);
    ImGui::PushStyleColor(ImGuiCol_Border, t.high_contrast ? t.text : bg);
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, t.high_contrast ? 3.0f : 0.0f);
    if (!enabled) ImGui::BeginDisabled();
    const bool pressed = ImGui::Button(id.c_str(), size);
    if (!enabled) ImGui::EndDisabled();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(5);
    report_last_item(label, enabled, selected);
    return pressed && enabled;
}

void wrapped(const std::string& s, ImFont* font, const ImVec4* colour) {
    if (font) ImGui::PushFont(font);
    if (colour) ImGui::PushStyleColor(ImGuiCol_Text, *colour);
    ImGui::PushTextWrapPos(0.0f);
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
void heading(const std::string& s) {
    wrapped(s, theme().heading, nullptr);
}
void muted(const std::string& s) {
    wrapped(s, theme().body, &theme().muted_text);
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
