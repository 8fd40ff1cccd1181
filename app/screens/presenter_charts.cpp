// Presenter charts: bars from the store, drawn large with ImDrawList.
#include "app/screens/presenter_charts.hpp"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <map>
#include <utility>
#include <vector>

#include "app/screens/meeting_notes_screen.hpp"
#include "app/ui/probe.hpp"
#include "app/ui/theme.hpp"
#include "app/ui/ui.hpp"

namespace fv::screens {
namespace {

std::vector<PresenterBar> poll_bars(Flow& flow, std::string& title) {
    Meeting& meeting = flow.meeting();
    const Question* q = meeting.poll();
    const Consultation* c = meeting.consultation();
    std::vector<PresenterBar> bars;
    if (q == nullptr || c == nullptr) return bars;
    title = q->prompt.in(c->default_language(), c->default_language());
    const auto options = poll_options(*q, c->default_language(), flow.strings());
    // Both ways of counting together, whichever the laptop's poll page is on: a show of hands
    // and the answers passed round are the same room's votes (the poll page's table gives each
    // part; the public view only the sum, so that a part under 5 cannot be worked out).
    std::map<std::string, int> counts;
    for (const auto& t : flow.store().tallies(meeting.session_id())) {
        if (t.question_id == q->id) counts[t.option] += t.count;
    }
    count_poll_answers(flow.store().session_responses(meeting.session_id()), q->id, options,
                       counts);
    for (const PollOption& o : options) bars.push_back({o.label, counts[o.key], {}});
    return bars;
}

std::vector<PresenterBar> idea_bars(Flow& flow) {
    std::vector<PresenterBar> bars;
    for (const Idea& i : ranked(flow.store().ideas(flow.meeting().session_id()))) {
        bars.push_back({i.text, i.dots, {}});
    }
    return bars;
}

std::vector<PresenterBar> theme_bars(Flow& flow) {
    std::vector<PresenterBar> bars;
    const Consultation* c = flow.meeting().consultation();
    if (c == nullptr) return bars;
    const auto notes = flow.store().notes(flow.meeting().session_id());
    for (const std::string& t : c->themes) {
        int n = 0;
        for (const auto& note : notes) n += std::count(note.themes.begin(), note.themes.end(), t);
        bars.push_back({theme_words(t), n, {}});
    }
    std::stable_sort(bars.begin(), bars.end(), [](const PresenterBar& a, const PresenterBar& b) {
        return a.count > b.count;
    });
    return bars;
}

// `label` cut to `width` with "..." when long, never inside a UTF-8 sequence.
std::string fitted(ImFont* font, float size, std::string label, float width) {
    while (label.size() > 4 && font->CalcTextSizeA(size, FLT_MAX, 0, label.c_str()).x > width) {
        label.resize(label.size() - 4);
        while (!label.empty() && (static_cast<unsigned char>(label.back()) & 0xC0) == 0x80) {
            label.pop_back();
        }
        label += "...";
    }
    return label;
}

// `label` broken between words into a first line that fits `width` at `size`, and the rest.
std::pair<std::string, std::string> split_line(ImFont* font, float size, const std::string& label,
                                               float width) {
    const char* begin = label.c_str();
    const char* end = begin + label.size();
    const char* cut = font->CalcWordWrapPositionA(size / font->FontSize, begin, end, width);
    if (cut == begin) cut = begin + 1;
    std::string first(begin, cut);
    while (!first.empty() && first.back() == ' ') first.pop_back();
    while (cut < end && *cut == ' ') ++cut;
    return {first, std::string(cut, end)};
}

// All of `label` broken between words into lines that fit `width` at `size`.
std::vector<std::string> wrap_all(ImFont* font, float size, const std::string& label, float width) {
    std::vector<std::string> lines;
    std::string rest = label;
    while (!rest.empty()) {
        auto [line, after] = split_line(font, size, rest, width);
        lines.push_back(std::move(line));
        rest = std::move(after);
    }
    return lines;
}

// `label` as it is drawn in a row `row` high, and the size it is drawn at: one line at `size`
// when it fits; else as many lines as the row holds, at a smaller size (down to half) until
// the whole label fits them (an idea is often a whole sentence). Only a label too long even
// then has its last line cut with "...".
std::vector<std::string> label_lines(ImFont* font, float size, float row, const std::string& label,
                                     float width, float& drawn_size) {
    drawn_size = size;
    if (font->CalcTextSizeA(size, FLT_MAX, 0, label.c_str()).x <= width) return {label};
    const float smallest = size * 0.5f;
    for (float at = std::min(size, row * 0.45f); at >= smallest; at *= 0.9f) {
        std::vector<std::string> lines = wrap_all(font, at, label, width);
        if (static_cast<float>(lines.size()) * at * 1.1f <= row * 0.95f) {
            drawn_size = at;
            return lines;
        }
    }
    drawn_size = smallest;
    std::vector<std::string> lines = wrap_all(font, smallest, label, width);
    const std::size_t room =
        std::max<std::size_t>(1, static_cast<std::size_t>(row * 0.95f / (smallest * 1.1f)));
    if (lines.size() > room) {
        std::string last = lines[room - 1];
        for (std::size_t i = room; i < lines.size(); ++i) last += " " + lines[i];
        lines.resize(room);
        lines.back() = fitted(font, smallest, last, width);
    }
    return lines;
}

}  // namespace

PresenterContent presenter_content(Flow& flow, PresenterChart chart) {
    const ui::Strings& s = flow.strings();
    PresenterContent content;
    content.chart = chart;
    Meeting& meeting = flow.meeting();
    if (!meeting.is_open()) return content;
    if (const auto session = flow.store().session(meeting.session_id())) {
        content.session_title = session->title;
    }
    switch (chart) {
        case PresenterChart::Poll:
            content.title = s("meeting.presenter.no_poll");
            content.bars = poll_bars(flow, content.title);
            if (!content.bars.empty()) content.note = s("meeting.presenter.poll_both");
            break;
        case PresenterChart::Ideas:
            content.title = s("meeting.presenter.ideas");
            content.bars = idea_bars(flow);
            break;
        case PresenterChart::Themes:
            content.title = s("meeting.presenter.themes");
            content.bars = theme_bars(flow);
            break;
    }
    for (PresenterBar& b : content.bars) b.shown = public_count(b.count, s);
    return content;
}

void draw_presenter_content(const PresenterContent& content, const ui::Strings& s, float height) {
    const ui::Theme& theme = ui::theme();
    if (!content.session_title.empty()) ui::muted(content.session_title);
    ui::heading(content.title);
    if (!content.note.empty()) ui::muted(content.note);
    const auto& bars = content.bars;
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
    const float row = std::min(height / static_cast<float>(n), 96.0f * theme.text_scale);
    ImFont* font = theme.heading;
    const float size = std::min(font->FontSize, row * 0.55f);
    // The value column as wide as its widest value ("fewer than 5" is smaller than a number),
    // so no value is ever cut; the bars take what is left.
    const auto value_size_of = [size](const PresenterBar& b) {
        return b.count >= kSmallestPublicCount ? size : size * 0.7f;
    };
    float value_w = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const float vs = value_size_of(bars[i]);
        value_w = std::max(value_w, font->CalcTextSizeA(vs, FLT_MAX, 0, bars[i].shown.c_str()).x);
    }
    value_w = std::min(value_w + 16.0f, width * 0.3f);
    const float label_w = width * 0.42f;
    const float bar_w = width - label_w - value_w - 8.0f;
    const ImU32 bar_colour = ImGui::GetColorU32(theme.accent);
    const ImU32 text_colour = ImGui::GetColorU32(theme.text);
    const ImU32 track_colour = ImGui::GetColorU32(theme.button);
    for (std::size_t i = 0; i < n; ++i) {
        const PresenterBar& b = bars[i];
        const float y = origin.y + row * static_cast<float>(i);
        float label_size = size;
        const std::vector<std::string> lines =
            label_lines(font, size, row, b.label, label_w - 12.0f, label_size);
        const float line_h = label_size * 1.1f;
        const float top =
            y + (row - line_h * static_cast<float>(lines.size()) + (line_h - label_size)) * 0.5f;
        for (std::size_t l = 0; l < lines.size(); ++l) {
            draw->AddText(font, label_size, ImVec2(origin.x, top + line_h * static_cast<float>(l)),
                          text_colour, lines[l].c_str());
        }
        {
            // What the audience reads of the label, line by line (not spoken: the whole
            // bar is, below).
            ui::Probe::QuietScope quiet(ui::Probe::current());
            for (const std::string& line : lines) ui::Probe::current().text(line);
        }
        const float x0 = origin.x + label_w;
        const float bar_h = row * 0.62f;
        const float bar_y = y + (row - bar_h) * 0.5f;
        draw->AddRectFilled(ImVec2(x0, bar_y), ImVec2(x0 + bar_w, bar_y + bar_h), track_colour,
                            6.0f);
        if (b.count >= kSmallestPublicCount) {
            const float len = bar_w * static_cast<float>(b.count) / static_cast<float>(most);
            draw->AddRectFilled(ImVec2(x0, bar_y), ImVec2(x0 + len, bar_y + bar_h), bar_colour,
                                6.0f);
        }
        const float value_size = value_size_of(b);
        draw->AddText(font, value_size, ImVec2(x0 + bar_w + 16.0f, y + (row - value_size) * 0.5f),
                      text_colour, b.shown.c_str());
        ui::Probe::current().text(b.label + ": " + b.shown);
    }
    ImGui::Dummy(ImVec2(width, row * static_cast<float>(n)));
    if (bars.size() > n) {
        ui::muted(s.format("meeting.presenter.more", std::to_string(bars.size() - n)));
    }
}

}  // namespace fv::screens
