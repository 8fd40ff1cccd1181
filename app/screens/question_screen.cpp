// Question screen.
#include "app/screens/question_screen.hpp"

#include <imgui.h>

#include <algorithm>

#include "app/question_order.hpp"
#include "app/screens/page.hpp"
#include "app/screens/visit_band.hpp"
#include "app/ui/focus.hpp"
#include "app/ui/pictures.hpp"
#include "app/ui/ui.hpp"
#include "core/model/answers.hpp"
#include "core/model/easy_read.hpp"

namespace fv::screens {

void QuestionScreen::draw(Flow& flow) {
    const Consultation& c = *flow.consultation();
    const ui::Strings& s = flow.strings();
    VisitKeeper& keeper = flow.visits();
    Visit& visit = keeper.visit();

    const std::vector<std::size_t> shown =
        shown_questions(c, visit.answers, audience_of(visit.mode));
    if (shown.empty()) {  // a definition of only hidden questions: nothing to ask
        flow.end_visit();
        return;
    }
    // Stay on a shown question: the first shown one at or after the current index.
    auto at = std::lower_bound(shown.begin(), shown.end(), visit.question);
    if (at == shown.end()) at = shown.end() - 1;
    visit.question = *at;
    const std::size_t position = static_cast<std::size_t>(at - shown.begin());
    const bool last = position + 1 == shown.size();
    const Question& q = c.questions[visit.question];

    // Room above the footer for a storage failure's message (two lines).
    // Reserved only while there is such a message: at 200% text every line counts.
    const float strip = visit.submit_error.empty() ? 0.0f : ImGui::GetFontSize() * 2.6f;
    // A body of its own for each question, so that each starts scrolled to its top.
    begin_body(("question/" + q.id).c_str(), footer_height() + strip);
    visit_band(flow);
    ui::muted(
        s.format("question.progress", std::to_string(position + 1), std::to_string(shown.size())));
    ImGui::PushStyleColor(ImGuiCol_FrameBg, ui::theme().button);
    ImGui::ProgressBar(static_cast<float>(position + 1) / static_cast<float>(shown.size()),
                       ImVec2(-1, 16 * ui::theme().text_scale), "");
    ImGui::PopStyleColor();
    gap(8);
    const std::string& prompt = local(c, q.prompt, visit.language);
    const bool easy_read = flow.look().easy_read;
    const std::string& easy =
        easy_read ? easy_read_text(q.easy_read, q.prompt, visit.language, c.default_language())
                  : std::string();
    if (!easy.empty() || (easy_read && !q.image.empty())) {
        ui::easy_read_block(easy.empty() ? std::vector<std::string>{prompt} : easy_read_lines(easy),
                            q.image, column_width());
    } else {
        ui::heading(prompt);
    }
    if (q.category == "equalities") ui::muted(s("question.why_we_ask"));
    if (q.required) ui::muted(s("question.required"));
    gap(8);

    widgets::QuestionWidget* widget = keeper.widget_for(q);
    const widgets::WidgetContext ctx{c, visit.language, s, ui::theme(), column_width(), easy_read};
    nlohmann::json value = visit.answers.contains(q.id) ? visit.answers[q.id] : nlohmann::json();
    std::string problem;
    if (widget != nullptr) {
        if (widget->draw(ctx, value)) {
            visit.submit_error.clear();
        }
        problem = widget->problem(ctx, value);
    }
    if (is_answered(value)) {
        visit.answers[q.id] = value;
    } else {
        visit.answers.erase(q.id);
    }
    if (!problem.empty()) ui::error_text(problem);
    end_body();

    const bool answered = is_answered(value);
    const bool valid = !answered || !check_answer(q, value).has_value();
    const bool can_go_on = (!q.required || answered) && problem.empty() && valid;

    // A storage failure shows in the strip above the footer, with the answers still there.
    if (!visit.submit_error.empty()) {
        const float width = page_column_width();
        ImGui::SetCursorScreenPos(
            ImVec2((ImGui::GetIO().DisplaySize.x - width) * 0.5f, ImGui::GetCursorScreenPos().y));
        ImGui::BeginChild("submit_error", ImVec2(width, strip), false,
                          ImGuiWindowFlags_NoBackground);
        ui::error_text(visit.submit_error);
        ImGui::EndChild();
    }
    begin_footer("question_footer");
    const float third = (column_width() - 2 * ImGui::GetStyle().ItemSpacing.x) / 3.0f;
    // Escape is Back.
    if (ui::button(s("question.back"), ImVec2(third, 0)) || ui::Focus::current().take_cancel()) {
        if (position == 0) {
            flow.go(ScreenId::Consent);
        } else {
            visit.question = shown[position - 1];
        }
    }
    const std::string next_label = last ? s("question.submit") : s("question.next");
    // Next keeps the right-hand third, and grows leftwards when its label needs more (a long
    // "Send my answers" at large text), never over Back.
    const ImGuiStyle& style = ImGui::GetStyle();
    const float spacing = style.ItemSpacing.x;
    ImGui::PushFont(ImGui::GetFont());
    const float label_w = ImGui::CalcTextSize(next_label.c_str()).x + 2 * style.FramePadding.x;
    ImGui::PopFont();
    const float next_w = std::min(std::max(third, label_w), column_width() - third - spacing);
    ImGui::SameLine(0, 3 * third + 2 * spacing - third - next_w);
    if (ui::primary_button(next_label, ImVec2(next_w, 0), can_go_on)) {
        if (last) {
            flow.submit_visit();
        } else {
            visit.question = shown[position + 1];
        }
    }
    end_footer();
}

}  // namespace fv::screens
