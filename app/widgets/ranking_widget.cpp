// Ranking (see ranking_widget.hpp).
#include "app/widgets/ranking_widget.hpp"

#include <algorithm>

#include "app/ui/probe.hpp"
#include "app/widgets/widget_kit.hpp"

namespace fv::widgets {

std::size_t RankingWidget::places() const {
    const std::size_t n = question_.options.size();
    if (question_.top <= 0 || static_cast<std::size_t>(question_.top) > n) return n;
    return static_cast<std::size_t>(question_.top);
}

bool RankingWidget::draw(const WidgetContext& ctx, nlohmann::json& value) {
    ImGui::PushID(question_.id.c_str());
    std::vector<std::string> ranked;
    if (value.is_array()) {
        for (const auto& v : value) {
            if (v.is_string()) ranked.push_back(v.get<std::string>());
        }
    }
    const ui::Theme& theme = ctx.theme;
    const float width = available_width(ctx);
    const float height = target_height(theme);
    const RowSpacing spacing(target_gap(theme));
    const std::size_t top = places();
    ui::muted(ctx.strings.format("widget.ranking.instructions", std::to_string(top)));

    bool changed = false;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    // The options, and "Clear": in two columns, in the cell an odd count leaves free; else on a
    // row of its own below them.
    const OptionGrid grid(static_cast<int>(question_.options.size()) + 1, width, height,
                          target_gap(theme));
    int shown = 0;
    for (const Option& option : question_.options) {
        const auto it = std::find(ranked.begin(), ranked.end(), option.id);
        const bool placed = it != ranked.end();
        const std::string label = option_label(ctx, option);
        grid.place(shown++);
        const bool tapped = option_button(ctx, question_, option, grid.size(),
                                          placed || ranked.size() < top, placed);
        if (placed) {
            // The place number in a badge at the button's left end (in Easy Read, where the
            // picture is, at its right end).
            const auto place = std::to_string(it - ranked.begin() + 1);
            const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
            const ImVec2 c(ctx.easy_read ? b.x - height / 2 : a.x + height / 2, (a.y + b.y) / 2);
            dl->AddCircleFilled(c, height * 0.36f, colour(theme.accent), 32);
            const ImVec2 ts = ImGui::CalcTextSize(place.c_str());
            dl->AddText(ImVec2(c.x - ts.x / 2, c.y - ts.y / 2), colour(theme.accent_text),
                        place.c_str());
            ui::Probe::current().text(ctx.strings.format("widget.ranking.place", place, label));
        }
        if (tapped) {
            if (placed) {
                ranked.erase(it);
            } else {
                ranked.push_back(option.id);
            }
            changed = true;
        }
    }
    const bool in_grid = grid.columns() == 2 && question_.options.size() % 2 == 1;
    ImVec2 clear_size(std::min(width, 6 * height), height);
    if (in_grid) {
        clear_size = ImVec2(grid.size().x, ImGui::GetItemRectSize().y);  // as tall as its row
        grid.place(shown);
    }
    if (ui::button(ctx.strings("widget.ranking.clear"), clear_size, !ranked.empty())) {
        ranked.clear();
        changed = true;
    }
    if (changed) {
        value = ranked.empty() ? nlohmann::json(nullptr) : nlohmann::json(ranked);
    }
    ImGui::PopID();
    return changed;
}

std::string RankingWidget::problem(const WidgetContext& ctx, const nlohmann::json& value) const {
    if (!value.is_array() || value.size() >= places()) return {};
    return ctx.strings.format("widget.ranking.more", std::to_string(places() - value.size()));
}

}  // namespace fv::widgets
