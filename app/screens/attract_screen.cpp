// Attract screen.
#include "app/screens/attract_screen.hpp"

#include <imgui.h>

#include <algorithm>
#include <string>
#include <vector>

#include "app/languages.hpp"
#include "app/screens/page.hpp"
#include "app/ui/ui.hpp"

namespace fv::screens {
namespace {

// The width a muted label over a row of buttons takes.
float group_width(const std::string& label, const std::vector<std::string>& buttons) {
    float row = 0;
    for (const std::string& b : buttons) row += button_width(b);
    row += ImGui::GetStyle().ItemSpacing.x * static_cast<float>(buttons.size() - 1);
    return std::max(row, ImGui::CalcTextSize(label.c_str()).x);
}

}  // namespace

void AttractScreen::draw(Flow& flow) {
    const Consultation& c = *flow.consultation();
    const ui::Strings& s = flow.strings();
    const std::string& lang = flow.visits().visit().language;

    begin_body("attract", 0);
    gap(8);
    ui::heading(local(c, c.title, lang));
    if (!c.intro.empty()) ui::text(local(c, c.intro, lang));
    gap(8);

    ImGui::PushFont(ui::theme().heading);
    const bool start =
        ui::primary_button(s("attract.start"),
                           ImVec2(column_width(), 1.5f * ui::theme().min_target));
    ImGui::PopFont();
    if (start) flow.start_visit();

    // Then the choices, in compact rows (at larger text each wraps where it must): language
    // beside text size; then the toggles for how the kiosk looks, sounds and is worked, each
    // beside the last where it fits, and the scanning pace while scanning is on. What the
    // resident sets is kept for the next visitor too, but for read-aloud.
    const auto toggle = [&](const std::string& label, bool value, bool first,
                            const char* id) -> bool {
        if (!first) beside_if_fits(button_width(label));
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
    const float group_gap = 3 * ImGui::GetStyle().ItemSpacing.x;
    if (c.languages.size() > 1) {
        ImGui::BeginGroup();
        ui::muted(s("attract.language"));
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
    const std::vector<std::string> sizes = {s("attract.size_100"), s("attract.size_150"),
                                            s("attract.size_200")};
    if (c.languages.size() > 1) {
        beside_if_fits(group_width(s("attract.text_size"), sizes), group_gap);
    }
    ImGui::BeginGroup();
    ui::muted(s("attract.text_size"));
    for (int i = 0; i < 3; ++i) {
        if (i > 0) ImGui::SameLine();
        if (ui::button(sizes[i], {}, true, flow.look().text_scale == scales[i])) {
            Look look = flow.look();
            look.text_scale = scales[i];
            flow.set_look(look);
        }
    }
    ImGui::EndGroup();
    gap(8);

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
        // The pace, beside the toggle as one unit: its name, then the three choices.
        const std::string& name = s("attract.scan_pace");
        const float paces[] = {1.0f, 2.0f, 3.0f};
        const std::vector<std::string> pace_labels = {s("attract.scan_1"), s("attract.scan_2"),
                                                      s("attract.scan_3")};
        const float spacing = ImGui::GetStyle().ItemSpacing.x;
        beside_if_fits(ImGui::CalcTextSize(name.c_str()).x + spacing +
                           group_width("", pace_labels),
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
    gap(8);  // the last row's focus ring clear of the window's edge
    end_body();
}

}  // namespace fv::screens
