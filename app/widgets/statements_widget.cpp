// Statements (see statements_widget.hpp).
#include "app/widgets/statements_widget.hpp"

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
    const float button_w = (width - 2 * gap) / 3;
    bool changed = false;
    for (const Statement& statement : question_.statements) {
        ImGui::PushID(statement.id.c_str());
        const std::string& easy =
            ctx.easy_read ? easy_read_text(statement.easy_read, statement.text, ctx.language,
                                           ctx.consultation.default_language())
                          : std::string();
        if (!easy.empty() || (ctx.easy_read && !statement.image.empty())) {
            ui::easy_read_block(easy.empty() ? std::vector<std::string>{local(ctx, statement.text)}
                                             : easy_read_lines(easy),
                                statement.image, width, false);
        } else {
            ui::text(local(ctx, statement.text));
        }
        const auto found = answers.find(statement.id);
        const std::string current =
            found != answers.end() && found->is_string() ? found->get<std::string>() : "";
        for (int i = 0; i < 3; ++i) {
            if (i > 0) ImGui::SameLine(0, gap);
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
        ImGui::Dummy(ImVec2(0, gap));
        ImGui::PopID();
    }
    if (changed) value = answers.empty() ? nlohmann::json(nullptr) : answers;
    ImGui::PopID();
    return changed;
}

}  // namespace fv::widgets
