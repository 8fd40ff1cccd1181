// Statements (see statements_widget.hpp).
#include "app/widgets/statements_widget.hpp"

#include <algorithm>
#include <string>

#include "app/ui/pictures.hpp"
#include "app/widgets/widget_kit.hpp"
#include "core/model/easy_read.hpp"

namespace fv::widgets {

bool StatementsWidget::draw(const WidgetContext& ctx, nlohmann::json& value) {
    static constexpr const char* kChoices[] = {"agree", "disagree", "pass"};
    ImGui::PushID(question_.id.c_str());
    nlohmann::json answers = value.is_object() ? value : nlohmann::json::object();
    const float width = available_width(ctx);
    const float height = target_height(ctx.theme);
    const float gap = target_gap(ctx.theme);
    // Each statement with its three choices beside it where they fit in half the width (at
    // 100% text they do), else the choices on a row below it.
    float label_w = height;
    for (const char* choice : kChoices) {
        const std::string label = ctx.strings(std::string("widget.statements.") + choice);
        label_w = std::max(label_w, ImGui::CalcTextSize(label.c_str()).x +
                                        2 * ImGui::GetStyle().FramePadding.x);
    }
    const float beside_w = std::max(3 * label_w + 2 * gap, width * 0.4f);
    const bool beside = beside_w <= width * 0.5f;
    const float beside_button_w = (beside_w - 2 * gap) / 3;
    const float stacked_button_w = (width - 2 * gap) / 3;
    const float text_w = width - beside_w - 2 * gap;
    bool changed = false;
    for (const Statement& statement : question_.statements) {
        ImGui::PushID(statement.id.c_str());
        const std::string& easy =
            ctx.easy_read ? easy_read_text(statement.easy_read, statement.text, ctx.language,
                                           ctx.consultation.default_language())
                          : std::string();
        const bool block = !easy.empty() || (ctx.easy_read && !statement.image.empty());
        const bool row = beside && !block;
        const float button_w = row ? beside_button_w : stacked_button_w;
        const ImVec2 top = ImGui::GetCursorScreenPos();
        float row_h = height;
        if (block) {
            ui::easy_read_block(easy.empty() ? std::vector<std::string>{local(ctx, statement.text)}
                                             : easy_read_lines(easy),
                                statement.image, width, false);
        } else if (row) {
            // The text and the choices centred on one another.
            const std::string& text = local(ctx, statement.text);
            const ImVec2 size = ImGui::CalcTextSize(text.c_str(), nullptr, false, text_w);
            row_h = std::max(height, size.y);
            ImGui::SetCursorScreenPos(ImVec2(top.x, top.y + (row_h - size.y) / 2));
            ui::text(text, text_w);
        } else {
            ui::text(local(ctx, statement.text));
        }
        const auto found = answers.find(statement.id);
        const std::string current =
            found != answers.end() && found->is_string() ? found->get<std::string>() : "";
        for (int i = 0; i < 3; ++i) {
            if (row) {
                ImGui::SetCursorScreenPos(
                    ImVec2(top.x + text_w + 2 * gap + static_cast<float>(i) * (button_w + gap),
                           top.y + (row_h - height) / 2));
            } else if (i > 0) {
                ImGui::SameLine(0, gap);
            }
            const std::string choice = kChoices[i];
            const bool selected = current == choice;
            if (ui::button(ctx.strings("widget.statements." + choice), ImVec2(button_w, height),
                           true, selected, kChoices[i])) {
                if (selected) {
                    answers.erase(statement.id);
                } else {
                    answers[statement.id] = choice;
                }
                changed = true;
            }
        }
        if (row) ImGui::SetCursorScreenPos(ImVec2(top.x, top.y + row_h));
        ImGui::Dummy(ImVec2(0, row ? 0.0f : gap));
        ImGui::PopID();
    }
    if (changed) value = answers.empty() ? nlohmann::json(nullptr) : answers;
    ImGui::PopID();
    return changed;
}

}  // namespace fv::widgets
