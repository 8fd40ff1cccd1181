#include "app/screens/officer_records_screen.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "app/screens/page.hpp"
#include "app/ui/ui.hpp"
#include "core/model/tally.hpp"

namespace fv::screens {

namespace {

std::string percent(std::int64_t part, std::int64_t whole) {
    if (whole == 0) return "";
    char text[16];
    std::snprintf(text, sizeof text, "%.0f%%",
                  100.0 * static_cast<double>(part) / static_cast<double>(whole));
    return text;
}

// One answer's row: its label, a bar as long as its share of the largest count, and the
// count with its share in words (the bar is never the only way to read it).
void bar_row(const std::string& label, std::int64_t count, std::int64_t top, std::int64_t answered,
             float label_width) {
    const ui::Theme& t = ui::theme();
    ui::text(label, label_width);
    ImGui::SameLine(label_width + ImGui::GetStyle().ItemSpacing.x);
    const float bar_room = std::max(40.0f, ImGui::GetContentRegionAvail().x * 0.55f);
    const float height = ImGui::GetTextLineHeight();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float length = top > 0 ? bar_room * static_cast<float>(count) / static_cast<float>(top) : 0;
    ImGui::GetWindowDrawList()->AddRectFilled(
        at, ImVec2(at.x + std::max(length, count > 0 ? 2.0f : 0.0f), at.y + height),
        ImGui::ColorConvertFloat4ToU32(t.accent));
    ImGui::Dummy(ImVec2(bar_room, height));
    ImGui::SameLine();
    ui::text(std::to_string(count) + "  " + percent(count, answered));
}

}  // namespace

void OfficerRecordsScreen::on_enter(Flow& flow) {
    (void)flow;
    audit_page_ = 0;
}

void OfficerRecordsScreen::draw(Flow& flow) {
    const ui::Strings& s = flow.strings();
    begin_body("officer_records", footer_height());
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float half = (column_width() - spacing) * 0.5f;
    // Another tab or page starts at its top, as another page of the kiosk does.
    if (ui::button(s("officer.records.results"), ImVec2(half, 0), true, !audit_) && audit_) {
        audit_ = false;
        ImGui::SetScrollY(0.0f);
    }
    ImGui::SameLine();
    if (ui::button(s("officer.records.audit"), ImVec2(half, 0), true, audit_) && !audit_) {
        audit_ = true;
        audit_page_ = 0;
        ImGui::SetScrollY(0.0f);
    }
    gap(8);
    if (audit_) {
        draw_audit(flow);
    } else {
        draw_results(flow);
    }
    end_body();

    begin_footer("officer_records_footer");
    if (ui::primary_button(s("officer.records.back"), ImVec2(column_width(), 0))) {
        flow.go(ScreenId::Officer);
    }
    end_footer();
}

void OfficerRecordsScreen::draw_results(Flow& flow) {
    const ui::Strings& s = flow.strings();
    const Consultation* c = flow.consultation();
    if (c == nullptr) {
        ui::muted(s("officer.no_active"));
        return;
    }
    const std::string& lang = c->default_language();
    std::vector<Response> responses;
    for (auto& stored : flow.store().responses(c->id)) responses.push_back(std::move(stored.response));
    const std::size_t stored = responses.size();
    drop_continued_pulses(responses);  // a tap and its "Tell us more?" are one person
    ui::heading(c->title.in(lang, lang));
    ui::text(s.format("officer.records.count", std::to_string(stored)));
    if (responses.size() < stored) {
        ui::muted(
            s.format("officer.records.counted_once", std::to_string(stored - responses.size())));
    }
    const float label_width = column_width() * 0.35f;
    for (const QuestionTally& t : tally(*c, responses, lang)) {
        gap(12);
        ui::heading(t.question->prompt.in(lang, lang));
        ui::muted(s.format("officer.records.answered", std::to_string(t.answered)));
        std::int64_t top = 0;
        for (const auto& row : t.rows) top = std::max(top, row.count);
        for (const auto& row : t.rows) {
            std::string label = row.label;
            if (t.question->type == QuestionType::Smiley) {
                label = row.key + " " + s("widget.smiley." + row.key);
            }
            bar_row(label, row.count, top, t.answered, label_width);
        }
    }
}

void OfficerRecordsScreen::draw_audit(Flow& flow) {
    const ui::Strings& s = flow.strings();
    // One entry more than a page: whether there is an older page.
    const auto entries = flow.store().audit_log(kAuditPage + 1, audit_page_ * kAuditPage);
    // Newer and Older above the list, where they stay in reach whatever the text size.
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float half = (column_width() - spacing) * 0.5f;
    if (ui::button(s("officer.records.newer"), ImVec2(half, 0), audit_page_ > 0)) {
        --audit_page_;
        ImGui::SetScrollY(0.0f);
    }
    ImGui::SameLine();
    const bool older = entries.size() > static_cast<std::size_t>(kAuditPage);
    if (ui::button(s("officer.records.older"), ImVec2(half, 0), older)) {
        ++audit_page_;
        ImGui::SetScrollY(0.0f);
    }
    ui::text(s.format("officer.records.page", std::to_string(audit_page_ + 1)));
    if (entries.empty()) ui::muted(s("officer.records.empty"));
    for (std::size_t i = 0; i < entries.size() && i < static_cast<std::size_t>(kAuditPage); ++i) {
        const auto& e = entries[i];
        const std::string when = e.at.size() >= 19 ? e.at.substr(0, 10) + " " + e.at.substr(11, 8)
                                                   : e.at;
        ui::text(when + "  " + e.event + (e.detail.empty() ? "" : ": " + e.detail));
    }
}

}  // namespace fv::screens
