// Attract screen.
#include "app/screens/attract_screen.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "app/languages.hpp"
#include "app/screens/page.hpp"
#include "app/ui/pictures.hpp"
#include "app/ui/ui.hpp"
#include "app/widgets/smiley_widget.hpp"
#include "core/model/easy_read.hpp"

namespace fv::screens {
namespace {

// The width a muted label over a row of buttons takes.
float group_width(const std::string& label, const std::vector<std::string>& buttons) {
    float row = 0;
    for (const std::string& b : buttons) row += button_width(b);
    row += ImGui::GetStyle().ItemSpacing.x * static_cast<float>(buttons.size() - 1);
    return std::max(row, ImGui::CalcTextSize(label.c_str()).x);
}

// The widest the page grows to hold "you said, we did" beside the start (a kiosk's 1280 or
// 1366 pixels less the margins), and the narrowest screen it does so on.
constexpr float kWideColumn = 1240.0f;
constexpr float kBesideFrom = 1200.0f;

// "2027-02-01" as "1 February 2027" in the visit's language; the text itself when not a date.
std::string spoken_date(const std::string& date, const ui::Strings& s) {
    int y = 0, m = 0, d = 0;
    if (date.size() != 10 || std::sscanf(date.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 ||
        m > 12) {
        return date;
    }
    return s.format("outcomes.date", std::to_string(d),
                    s("outcomes.month." + std::to_string(m)) + " " + std::to_string(y));
}

// What the card says of an entry: its Easy Read lines when Easy Read is on and it has them,
// else its text as one line, in the visit's language (else the consultation's).
struct CardText {
    std::vector<std::string> lines;
    bool easy = false;
};
CardText card_text(const Outcome& o, const Consultation& c, const std::string& lang, bool easy) {
    const std::string fallback = c.default_language();
    CardText out;
    if (easy) {
        const std::string easy_text = o.text_in(lang, fallback, true);
        const std::string plain = o.text_in(lang, fallback, false);
        if (easy_text != plain) {
            out.lines = easy_read_lines(easy_text);
            out.easy = true;
            return out;
        }
    }
    out.lines = {o.text_in(lang, fallback, false)};
    return out;
}

// The picture key an entry's picture is kept under when it can be shown (Easy Read), or "".
std::string card_picture(const Outcome& o, bool easy) {
    if (!easy || o.picture_png_b64.empty()) return {};
    const std::string key = "outcome:" + o.id;
    ui::Pictures* pictures = ui::Pictures::current();
    return pictures && pictures->get(key) ? key : std::string();
}

float picture_side(float width) {
    return std::min(96.0f * ui::theme().text_scale, width * 0.25f);
}

// The height the card's words (and picture) of `o` take at `width`, as draw_words draws them.
float words_height(const Outcome& o, const Consultation& c, const std::string& lang, bool easy,
                   float width) {
    const CardText t = card_text(o, c, lang, easy);
    const bool pic = !card_picture(o, easy).empty();
    const float side = pic ? picture_side(width) : 0.0f;
    const float text_width = pic ? width - side - 24.0f * ui::theme().text_scale : width;
    ImGui::PushFont(ui::theme().body);
    float h = 0;
    const float spacing = t.easy ? 6.0f * ui::theme().text_scale : ImGui::GetStyle().ItemSpacing.y;
    for (std::size_t i = 0; i < t.lines.size(); ++i) {
        if (i) h += spacing;
        h += ImGui::CalcTextSize(t.lines[i].c_str(), nullptr, false, text_width).y;
    }
    ImGui::PopFont();
    return std::max(h, side);
}

// "You said, we did": the entry showing, under its heading, with its date, and a step to the
// next when there are more. It keeps the height of its tallest entry, so that turning from
// one to the next moves nothing else on the page.
void draw_card(Flow& flow, const std::string& lang) {
    const Consultation& c = *flow.consultation();
    const ui::Strings& s = flow.strings();
    const auto& entries = flow.outcomes();
    const Outcome& o = entries[std::min(flow.outcome_shown(), entries.size() - 1)];
    const bool easy = flow.look().easy_read;
    const ui::Theme& t = ui::theme();
    const float bar = 6.0f * t.text_scale;
    const ImVec2 top = ImGui::GetCursorScreenPos();
    ImGui::Indent(bar + 16.0f * t.text_scale);
    ui::heading(s("outcomes.title"));
    const float width = column_width();
    float tallest = 0;
    for (const Outcome& each : entries) {
        tallest = std::max(tallest, words_height(each, c, lang, easy, width));
    }
    const float words_top = ImGui::GetCursorPosY();
    const CardText text = card_text(o, c, lang, easy);
    const std::string picture = card_picture(o, easy);
    if (text.easy || !picture.empty()) {
        ui::easy_read_block(text.lines, picture, width, /*large=*/false);
    } else {
        ui::text(text.lines.front());
    }
    const float drawn = ImGui::GetCursorPosY() - words_top - ImGui::GetStyle().ItemSpacing.y;
    if (tallest > drawn) ImGui::Dummy(ImVec2(1.0f, tallest - drawn));
    ui::muted(spoken_date(o.date, s));
    if (entries.size() > 1) {
        if (ui::button(s("outcomes.next"), {}, true, false, "#outcome_next")) {
            flow.show_next_outcome();
        }
        // "2 of 3" beside the step, or under it when the column is too narrow; never broken.
        const std::string position =
            s.format("outcomes.position", std::to_string(flow.outcome_shown() + 1),
                     std::to_string(entries.size()));
        const float room =
            ImGui::GetContentRegionMax().x - (ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x);
        ImGui::PushFont(t.body);
        const float needed =
            ImGui::CalcTextSize(position.c_str()).x + ImGui::GetStyle().ItemSpacing.x;
        ImGui::PopFont();
        if (needed <= room) {
            ImGui::SameLine();
            ImGui::AlignTextToFramePadding();
        }
        ui::muted(position);
    }
    // The card's width is the column's whatever its words: the page's content size stays the
    // same from one entry to the next, and the turn is one frame.
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    window->DC.CursorMaxPos.x = std::max(window->DC.CursorMaxPos.x, window->WorkRect.Max.x);
    ImGui::Unindent(bar + 16.0f * t.text_scale);
    const float bottom = ImGui::GetCursorScreenPos().y - ImGui::GetStyle().ItemSpacing.y;
    ImGui::GetWindowDrawList()->AddRectFilled(top, ImVec2(top.x + bar, bottom),
                                              ImGui::GetColorU32(t.accent));
}

// The one-tap pulse (docs/format.md "pulse"): its question, large, whose tap is a whole
// response, stored at once; then "Touch to start" is for those with more to say.
// The faces' largest size, px at 100% text: large, with room left for the rest of the page;
// larger when the faces have the page's width to themselves (no "you said, we did" beside).
constexpr float kPulseFace = 88.0f;
constexpr float kPulseFaceAlone = 112.0f;

void draw_pulse(Flow& flow, const Consultation& c, const Question& q, const std::string& lang,
                float max_face) {
    const ui::Strings& s = flow.strings();
    const bool easy_read = flow.look().easy_read;
    const std::string& prompt = local(c, q.prompt, lang);
    const std::string& easy =
        easy_read ? easy_read_text(q.easy_read, q.prompt, lang, c.default_language())
                  : std::string();
    // In the body's font: the faces are the large thing, and the page has room for one line.
    ui::text(easy.empty() ? prompt : easy);
    widgets::SmileyWidget faces(q, max_face);
    const widgets::WidgetContext ctx{c, lang, s, ui::theme(), column_width(), easy_read};
    nlohmann::json value;
    const std::string& failed = flow.visits().visit().submit_error;
    if (faces.draw(ctx, value) && value.is_number_integer()) {
        flow.submit_pulse(value.get<int>());
    }
    if (!failed.empty()) {
        ui::error_text(failed);
    } else {
        ui::muted(s("pulse.tap_hint"));
    }
}

void draw_start(Flow& flow, const Consultation& c, const std::string& lang,
                float max_face = kPulseFaceAlone) {
    ui::heading(local(c, c.title, lang));
    if (!c.intro.empty()) ui::text(local(c, c.intro, lang));
    const Question* pulse = c.pulse_question();
    gap(pulse != nullptr ? 2 : 8);
    if (pulse != nullptr) draw_pulse(flow, c, *pulse, lang, max_face);
    // With a pulse, the faces are the large thing to touch; the start is for more.
    ImGui::PushFont(ui::theme().heading);
    const float start_height = (pulse != nullptr ? 1.0f : 1.5f) * ui::theme().min_target;
    const bool start =
        ui::primary_button(flow.strings()("attract.start"), ImVec2(column_width(), start_height));
    ImGui::PopFont();
    if (start) flow.start_visit();
}

std::vector<std::string> size_labels(const ui::Strings& s) {
    return {s("attract.size_100"), s("attract.size_150"), s("attract.size_200")};
}

// Beside the labelled group just drawn, level with its buttons (not its label), where `width`
// fits on the row; else on a row of its own.
void beside_buttons_if_fits(float width, float spacing) {
    const float right = ImGui::GetWindowPos().x + ImGui::GetContentRegionMax().x;
    if (ImGui::GetItemRectMax().x + spacing + width > right) return;
    const float top = ImGui::GetItemRectMax().y - ui::theme().min_target;
    ImGui::SameLine(0, spacing);
    ImGui::SetCursorScreenPos(ImVec2(ImGui::GetCursorScreenPos().x, top));
    // The row goes on from the buttons' top: its height is theirs, not the group's with its
    // label (or the next row would start a label's height too low).
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    window->DC.CurrLineTextBaseOffset = 0;
    window->DC.CurrLineSize.y = 0;
}

// The width the language and text size take side by side.
float language_and_size_width(Flow& flow, const Consultation& c) {
    const ui::Strings& s = flow.strings();
    float w = group_width(s("attract.text_size"), size_labels(s));
    if (c.languages.size() > 1) {
        std::vector<std::string> names;
        for (const std::string& code : c.languages) names.push_back(language_name(code));
        w += group_width(s("attract.language"), names) + 3 * ImGui::GetStyle().ItemSpacing.x;
    }
    return w;
}

// A group's label: over its buttons, or (`inline_label`) before them on their row.
void group_label(const std::string& label, bool inline_label) {
    if (inline_label) ImGui::AlignTextToFramePadding();
    ui::muted(label);
    if (inline_label) ImGui::SameLine();
}

// The width of a group whose label is before its buttons.
float inline_group_width(const std::string& label, const std::vector<std::string>& buttons) {
    return ImGui::CalcTextSize(label.c_str()).x + ImGui::GetStyle().ItemSpacing.x +
           group_width("", buttons);
}

// The language and the text size, each a labelled row of buttons, side by side where they fit.
// `inline_labels`: each label before its buttons, on their row (the pulse's page, short of
// height).
void draw_language_and_size(Flow& flow, const Consultation& c, const std::string& lang,
                            bool inline_labels = false) {
    const ui::Strings& s = flow.strings();
    const float group_gap = 3 * ImGui::GetStyle().ItemSpacing.x;
    if (c.languages.size() > 1) {
        ImGui::BeginGroup();
        group_label(s("attract.language"), inline_labels);
        for (std::size_t i = 0; i < c.languages.size(); ++i) {
            if (i > 0) ImGui::SameLine();
            const std::string& code = c.languages[i];
            if (ui::button(language_name(code), {}, true, code == lang, code.c_str())) {
                flow.set_language(code);
            }
        }
        ImGui::EndGroup();
    }
    const float scales[] = {1.0f, 1.5f, 2.0f};
    const std::vector<std::string> sizes = size_labels(s);
    if (c.languages.size() > 1) {
        beside_if_fits(inline_labels ? inline_group_width(s("attract.text_size"), sizes)
                                     : group_width(s("attract.text_size"), sizes),
                       group_gap);
    }
    ImGui::BeginGroup();
    group_label(s("attract.text_size"), inline_labels);
    for (int i = 0; i < 3; ++i) {
        if (i > 0) ImGui::SameLine();
        if (ui::button(sizes[i], {}, true, flow.look().text_scale == scales[i])) {
            Look look = flow.look();
            look.text_scale = scales[i];
            flow.set_look(look);
        }
    }
    ImGui::EndGroup();
}

}  // namespace

void AttractScreen::draw(Flow& flow) {
    const Consultation& c = *flow.consultation();
    const ui::Strings& s = flow.strings();
    const std::string& lang = flow.visits().visit().language;

    // "You said, we did" beside the start where there is room (at 100% text on a kiosk's
    // screen); else after the choices, where a larger text may scroll to it. A pulse takes
    // the kiosk's width too: its faces, and the choices in rows as wide as the page (language,
    // text size and the toggles one after another), leave room for everything above the fold.
    const bool card = !flow.outcomes().empty();
    const bool has_pulse = c.pulse_question() != nullptr;
    const bool roomy =
        ui::theme().text_scale <= 1.0f && ImGui::GetIO().DisplaySize.x >= kBesideFrom;
    const bool beside = card && roomy;
    const bool flowing = has_pulse && roomy;
    begin_body("attract", 0, beside || flowing ? kWideColumn : ui::kMaxColumnWidth);
    // With a pulse, rows a little closer: the targets keep their size and 10 px between them.
    if (flowing) {
        ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing,
                            ImVec2(ImGui::GetStyle().ItemSpacing.x, 10.0f));
    }
    gap(8);
    bool choices_drawn = false;
    if (beside && ImGui::BeginTable("attract_top", 2)) {
        // The start's column: about three fifths, wider to hold the language and text size
        // side by side under the start (up to two thirds); else they go below both columns.
        // With a pulse the start's column is tall already: they go below.
        const float full = column_width();
        const float wanted = language_and_size_width(flow, c) + 2 * ImGui::GetStyle().CellPadding.x;
        const bool choices_beside = !has_pulse && wanted <= full * 0.66f;
        const float left = std::floor(std::max(choices_beside ? wanted : 0.0f, full * 0.62f));
        ImGui::TableSetupColumn("start", ImGuiTableColumnFlags_WidthFixed, left);
        ImGui::TableSetupColumn("said", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        const float row_top = ImGui::GetCursorScreenPos().y;
        draw_start(flow, c, lang, kPulseFace);
        if (choices_beside) {
            gap(8);
            draw_language_and_size(flow, c, lang);
            choices_drawn = true;
        }
        ImGui::TableSetColumnIndex(1);
        // Level with the title beside it.
        ImGui::SetCursorScreenPos(ImVec2(ImGui::GetCursorScreenPos().x, row_top));
        ImGui::Indent(16.0f);
        draw_card(flow, lang);
        ImGui::Unindent(16.0f);
        ImGui::EndTable();
    } else {
        draw_start(flow, c, lang);
    }
    if (!choices_drawn) draw_language_and_size(flow, c, lang, flowing);

    // Then the choices, in compact rows (at larger text each wraps where it must): language
    // beside text size; then the toggles for
    // how the kiosk looks, sounds and is worked, each beside the last where it fits, and the
    // scanning pace while scanning is on. What the resident sets is kept for the next visitor too,
    // but for read-aloud.
    // The first toggle starts a row of its own, unless the choices flow (then it goes beside
    // the text size where it fits, level with its buttons).
    const bool after_group = flowing && !choices_drawn;
    const auto toggle = [&](const std::string& label, bool value, bool first,
                            const char* id) -> bool {
        if (first && after_group) {
            beside_buttons_if_fits(button_width(label), 3 * ImGui::GetStyle().ItemSpacing.x);
        } else if (!first) {
            beside_if_fits(button_width(label));
        }
        return ui::button(label, {}, true, value, id);
    };
    const auto look_toggle = [&](const char* on, const char* off, bool Look::*field) {
        const bool value = flow.look().*field;
        if (toggle(s(value ? on : off), value, false, nullptr)) {
            Look look = flow.look();
            look.*field = !value;
            flow.set_look(look);
        }
    };
    if (!after_group) gap(8);

    // For a resident who cannot read the screen: every page is then spoken as it appears.
    // "###": one ImGui id for both labels, so the focus stays on the toggle as it flips.
    Visit& visit = flow.visits().visit();
    if (toggle(s(visit.read_aloud ? "speech.toggle_on" : "speech.toggle_off"), visit.read_aloud,
               true, "#read_aloud")) {
        visit.read_aloud = !visit.read_aloud;
    }
    look_toggle("attract.contrast_on", "attract.contrast_off", &Look::high_contrast);
    // Easy Read is offered only by a consultation that has it (docs/format.md).
    if (c.has_easy_read()) {
        look_toggle("attract.easy_read_on", "attract.easy_read_off", &Look::easy_read);
    }
    look_toggle("attract.motion_on", "attract.motion_off", &Look::reduced_motion);

    look_toggle("attract.scanning_on", "attract.scanning_off", &Look::scanning);
    if (flow.look().scanning) {
        const float group_gap = 3 * ImGui::GetStyle().ItemSpacing.x;
        // The pace, beside the toggle as one unit: its name, then the three choices.
        const std::string& name = s("attract.scan_pace");
        const float paces[] = {1.0f, 2.0f, 3.0f};
        const std::vector<std::string> pace_labels = {s("attract.scan_1"), s("attract.scan_2"),
                                                      s("attract.scan_3")};
        const float spacing = ImGui::GetStyle().ItemSpacing.x;
        beside_if_fits(ImGui::CalcTextSize(name.c_str()).x + spacing + group_width("", pace_labels),
                       group_gap);
        ImGui::AlignTextToFramePadding();
        ui::muted(name);
        for (int i = 0; i < 3; ++i) {
            ImGui::SameLine();
            if (ui::button(pace_labels[i], {}, true, flow.look().scan_seconds == paces[i])) {
                Look look = flow.look();
                look.scan_seconds = paces[i];
                flow.set_look(look);
            }
        }
    }
    if (card && !beside) {
        gap(16);
        draw_card(flow, lang);
    }
    gap(8);  // the last row's focus ring clear of the window's edge
    if (flowing) ImGui::PopStyleVar();
    end_body();
}

}  // namespace fv::screens
