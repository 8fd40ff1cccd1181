// Presenter view: charts from the store as they are now; a tap on a tab switches the chart.
#include "app/screens/meeting_presenter_screen.hpp"

#include <imgui.h>

#include <algorithm>
#include <array>
#include <map>

#include "app/meeting/meeting.hpp"
#include "app/screens/meeting_notes_screen.hpp"
#include "app/ui/focus.hpp"
#include "app/ui/probe.hpp"
#include "app/ui/theme.hpp"
#include "app/ui/ui.hpp"

namespace fv::screens {

void MeetingPresenterScreen::on_enter(Flow& flow) {
    // The poll in hand first; the ideas when no poll runs.
    chart_ = flow.meeting().poll() != nullptr ? Chart::Poll : Chart::Ideas;
}

std::vector<MeetingPresenterScreen::Bar> MeetingPresenterScreen::poll_bars(Flow& flow,
                                                                           std::string& title) {
    Meeting& meeting = flow.meeting();
    const Question* q = meeting.poll();
    const Consultation* c = meeting.consultation();
    std::vector<Bar> bars;
    if (q == nullptr || c == nullptr) return bars;
    title = q->prompt.in(c->default_language(), c->default_language());
    const auto options = poll_options(*q, c->default_language(), flow.strings());
    std::map<std::string, int> counts;
    if (meeting.poll_mode == PollMode::Hands) {
        for (const auto& t : flow.store().tallies(meeting.session_id())) {
            if (t.question_id == q->id) counts[t.option] = t.count;
        }
    } else {
        for (const auto& r : flow.store().session_responses(meeting.session_id())) {
            const auto it = r.response.answers.find(q->id);
            if (it == r.response.answers.end()) continue;
            for (const PollOption& o : options) {
                const bool hit = it->is_array()
                                     ? std::find(it->begin(), it->end(), o.value[0]) != it->end()
                                     : *it == o.value;
                if (hit) ++counts[o.key];
            }
        }
    }
    for (const PollOption& o : options) bars.push_back({o.label, counts[o.key]});
    return bars;
}

std::vector<MeetingPresenterScreen::Bar> MeetingPresenterScreen::idea_bars(Flow& flow) {
    std::vector<Bar> bars;
    for (const Idea& i : ranked(flow.store().ideas(flow.meeting().session_id()))) {
        bars.push_back({i.text, i.dots});
    }
    return bars;
}

std::vector<MeetingPresenterScreen::Bar> MeetingPresenterScreen::theme_bars(Flow& flow) {
    std::vector<Bar> bars;
    const Consultation* c = flow.meeting().consultation();
    if (c == nullptr) return bars;
    const auto notes = flow.store().notes(flow.meeting().session_id());
    for (const std::string& t : c->themes) {
        int n = 0;
        for (const auto& note : notes) n += std::count(note.themes.begin(), note.themes.end(), t);
        bars.push_back({theme_words(t), n});
    }
    std::stable_sort(bars.begin(), bars.end(),
                     [](const Bar& a, const Bar& b) { return a.count > b.count; });
    return bars;
}

void MeetingPresenterScreen::draw_chart(Flow& flow, const std::string& title,
                                        const std::vector<Bar>& bars, float height) {
    const ui::Strings& s = flow.strings();
    const ui::Theme& theme = ui::theme();
    ui::heading(title);
    if (bars.empty()) {
        ui::muted(s("meeting.presenter.nothing"));
        return;
    }
    constexpr std::size_t kMostBars = 8;
    const std::size_t n = std::min(bars.size(), kMostBars);
    int most = kSmallestPublicCount;
    for (std::size_t i = 0; i < n; ++i) most = std::max(most, bars[i].count);

    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x;
    const float row = std::min(height / static_cast<float>(n), 96.0f);
    const float label_w = width * 0.38f;
    const float value_w = width * 0.16f;
    const float bar_w = width - label_w - value_w - 24.0f;
    ImFont* font = theme.heading;
    const float size = std::min(font->FontSize, row * 0.55f);
    const ImU32 bar_colour = ImGui::GetColorU32(theme.accent);
    const ImU32 text_colour = ImGui::GetColorU32(theme.text);
    const ImU32 track_colour = ImGui::GetColorU32(theme.button);
    for (std::size_t i = 0; i < n; ++i) {
        const Bar& b = bars[i];
        const float y = origin.y + row * static_cast<float>(i);
        const float text_y = y + (row - size) * 0.5f;
        // The label, cut to its column with an ellipsis when long.
        std::string label = b.label;
        while (label.size() > 4 &&
               font->CalcTextSizeA(size, FLT_MAX, 0, label.c_str()).x > label_w - 12.0f) {
            label.resize(label.size() - 4);
            while (!label.empty() && (static_cast<unsigned char>(label.back()) & 0xC0) == 0x80) {
                label.pop_back();  // never cut a UTF-8 sequence in half
            }
            label += "...";
        }
        draw->AddText(font, size, ImVec2(origin.x, text_y), text_colour, label.c_str());
        const float x0 = origin.x + label_w;
        const float bar_h = row * 0.62f;
        const float bar_y = y + (row - bar_h) * 0.5f;
        draw->AddRectFilled(ImVec2(x0, bar_y), ImVec2(x0 + bar_w, bar_y + bar_h), track_colour,
                            6.0f);
        const std::string shown = public_count(b.count, s);
        if (b.count >= kSmallestPublicCount) {
            const float len = bar_w * static_cast<float>(b.count) / static_cast<float>(most);
            draw->AddRectFilled(ImVec2(x0, bar_y), ImVec2(x0 + len, bar_y + bar_h), bar_colour,
                                6.0f);
        }
        const float value_size = b.count >= kSmallestPublicCount ? size : size * 0.7f;
        draw->AddText(font, value_size, ImVec2(x0 + bar_w + 16.0f, y + (row - value_size) * 0.5f),
                      text_colour, shown.c_str());
        ui::Probe::current().text(b.label + ": " + shown);
    }
    ImGui::Dummy(ImVec2(width, row * static_cast<float>(n)));
    if (bars.size() > n) {
        ui::muted(s.format("meeting.presenter.more", std::to_string(bars.size() - n)));
    }
}

void MeetingPresenterScreen::draw(Flow& flow) {
    const ui::Strings& s = flow.strings();
    Meeting& meeting = flow.meeting();
    if (!meeting.is_open()) {
        flow.go(ScreenId::MeetingStart);
        return;
    }
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float margin = std::max(24.0f, display.x * 0.04f);
    ImGui::SetCursorScreenPos(ImVec2(margin, margin * 0.6f));
    ImGui::BeginChild("presenter", ImVec2(display.x - 2 * margin, display.y - margin * 0.6f - 8),
                      false, ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoScrollbar);
    const auto session = flow.store().session(meeting.session_id());
    if (session) ui::muted(session->title);
    const float footer = ui::theme().min_target + 24.0f;
    const float chart_h = ImGui::GetContentRegionAvail().y - footer - 80.0f;
    switch (chart_) {
        case Chart::Poll: {
            std::string title = s("meeting.presenter.no_poll");
            draw_chart(flow, title, poll_bars(flow, title), chart_h);
            break;
        }
        case Chart::Ideas:
            draw_chart(flow, s("meeting.presenter.ideas"), idea_bars(flow), chart_h);
            break;
        case Chart::Themes:
            draw_chart(flow, s("meeting.presenter.themes"), theme_bars(flow), chart_h);
            break;
    }
    // The officer's controls, small and at the bottom, out of the audience's way.
    ImGui::SetCursorPosY(ImGui::GetWindowHeight() - footer);
    const std::array<std::pair<Chart, const char*>, 3> tabs{{
        {Chart::Poll, "meeting.presenter.tab_poll"},
        {Chart::Ideas, "meeting.presenter.tab_ideas"},
        {Chart::Themes, "meeting.presenter.tab_themes"},
    }};
    for (const auto& [chart, key] : tabs) {
        if (ui::button(s(key), ImVec2(0, 0), true, chart_ == chart)) chart_ = chart;
        ImGui::SameLine();
    }
    if (ui::button(s("meeting.presenter.close"), ImVec2(0, 0)) ||
        ui::Focus::current().take_cancel()) {
        flow.go(session && session->ended() ? ScreenId::MeetingSummary : ScreenId::MeetingNotes);
    }
    ImGui::EndChild();
}

}  // namespace fv::screens
