// Shared widget helpers (see widget_kit.hpp).
#include "app/widgets/widget_kit.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "app/ui/pictures.hpp"
#include "app/ui/probe.hpp"
#include "core/model/easy_read.hpp"

namespace fv::widgets {

float target_height(const ui::Theme& theme) {
    const float scale = theme.text_scale > 0 ? theme.text_scale : 1.0f;
    return std::max(theme.min_target, 64.0f * scale);
}

float target_gap(const ui::Theme& theme) {
    const float scale = theme.text_scale > 0 ? theme.text_scale : 1.0f;
    return 12.0f * scale;
}

float available_width(const WidgetContext& ctx) {
    const float avail = ImGui::GetContentRegionAvail().x;
    if (ctx.width > 0) return avail > 0 ? std::min(ctx.width, avail) : ctx.width;
    return std::max(avail, 1.0f);
}

ImU32 colour(const ImVec4& c) {
    return ImGui::GetColorU32(c);
}

const std::string& local(const WidgetContext& ctx, const LocalText& text) {
    return text.in(ctx.language, ctx.consultation.default_language());
}

std::string option_label(const WidgetContext& ctx, const Option& option) {
    if (ctx.easy_read) {
        const std::string& easy = easy_read_text(option.easy_read, option.label, ctx.language,
                                                 ctx.consultation.default_language());
        if (!easy.empty()) {
            std::string joined;
            for (const std::string& line : easy_read_lines(easy)) {
                joined += (joined.empty() ? "" : "\n") + line;
            }
            if (!joined.empty()) return joined;
        }
    }
    return local(ctx, option.label);
}

float room_below() {
    const ImGuiWindow* window = ImGui::GetCurrentWindow();
    // In the page's own coordinates: the same answer at any scroll.
    const float top = ImGui::GetCursorScreenPos().y + window->Scroll.y;
    return window->InnerRect.Max.y - ImGui::GetStyle().WindowPadding.y - top;
}

OptionGrid::OptionGrid(int count, float width, float height, float gap)
    : size_(width, height), gap_(gap) {
    const float room = room_below();
    const float one_column = static_cast<float>(count) * (height + gap);
    // Two columns only where each half stays wide enough for its label to read.
    if (count > 3 && one_column > room && width >= 2 * 280.0f) {
        columns_ = 2;
        size_.x = (width - gap) * 0.5f;
    }
}

void OptionGrid::place(int index) const {
    if (columns_ == 2 && index % 2 == 1) ImGui::SameLine(0, gap_);
}

bool option_button(const WidgetContext& ctx, const Question& question, const Option& option,
                   ImVec2 size, bool enabled, bool selected) {
    const std::string label = option_label(ctx, option);
    const bool pictures = std::any_of(question.options.begin(), question.options.end(),
                                      [](const Option& o) { return !o.image.empty(); });
    if (ctx.easy_read && (pictures || label.find('\n') != std::string::npos)) {
        return ui::picture_button(label, option.image, size.x, enabled, selected, option.id.c_str(),
                                  pictures);
    }
    return ui::button(label, size, enabled, selected, option.id.c_str());
}

float centred_text(const std::string& s, ImVec2 top_left, float width, ImU32 col) {
    ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize();
    // Greedy word wrap: ImGui's own wrapping only left-aligns.
    std::vector<std::string> lines;
    std::string line;
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t end = s.find(' ', i);
        if (end == std::string::npos) end = s.size();
        const std::string word = s.substr(i, end - i);
        const std::string trial = line.empty() ? word : line + " " + word;
        if (!line.empty() && font->CalcTextSizeA(size, FLT_MAX, 0, trial.c_str()).x > width) {
            lines.push_back(line);
            line = word;
        } else {
            line = trial;
        }
        i = end + 1;
    }
    if (!line.empty()) lines.push_back(line);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float y = top_left.y;
    for (const std::string& l : lines) {
        const float w = font->CalcTextSizeA(size, FLT_MAX, 0, l.c_str()).x;
        dl->AddText(font, size, ImVec2(top_left.x + std::max(0.0f, (width - w) / 2), y), col,
                    l.c_str());
        y += ImGui::GetTextLineHeight();  // one label's lines close together
    }
    ui::Probe::current().text(s);
    return y - top_left.y + ImGui::GetStyle().ItemSpacing.y;
}

void line_text(const std::string& s, const ImVec4& col) {
    ImGui::PushStyleColor(ImGuiCol_Text, col);
    ImGui::TextUnformatted(s.c_str());
    ImGui::PopStyleColor();
    ui::Probe::current().text(s);
}

std::string format_number(double n) {
    if (std::isfinite(n) && n == std::floor(n) && std::fabs(n) < 1e15) {
        return std::to_string(static_cast<long long>(n));
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, "%g", n);
    return buf;
}

}  // namespace fv::widgets
