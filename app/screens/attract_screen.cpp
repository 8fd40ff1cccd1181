// Attract screen.
#include "app/screens/attract_screen.hpp"

#include <imgui.h>

#include "app/languages.hpp"
#include "app/screens/page.hpp"
#include "app/ui/ui.hpp"

namespace fv::screens {

void AttractScreen::draw(Flow& flow) {
    const Consultation& c = *flow.consultation();
    const ui::Strings& s = flow.strings();
    const std::string& lang = flow.visits().visit().language;

    begin_body("attract", 0);
    gap(16);
    ui::heading(local(c, c.title, lang));
    if (!c.intro.empty()) ui::text(local(c, c.intro, lang));
    gap(16);

    ImGui::PushFont(ui::theme().heading);
    const bool start =
        ui::primary_button(s("attract.start"), ImVec2(column_width(), 2 * ui::theme().min_target));
    ImGui::PopFont();
    if (start) flow.start_visit();
    gap(8);
    // For a resident who cannot read the screen: every page is then spoken as it appears.
    // "###": one ImGui id for both labels, so the focus stays on the toggle as it flips.
    Visit& visit = flow.visits().visit();
    if (ui::button(s(visit.read_aloud ? "speech.toggle_on" : "speech.toggle_off"),
                   ImVec2(column_width(), 0), true, visit.read_aloud, "#read_aloud")) {
        visit.read_aloud = !visit.read_aloud;
    }
    gap(16);

    if (c.languages.size() > 1) {
        ui::muted(s("attract.language"));
        for (const std::string& code : c.languages) {
            if (ui::button(language_name(code), {}, true, code == lang, code.c_str())) {
                flow.set_language(code);
            }
            ImGui::SameLine();
        }
        ImGui::NewLine();
        gap(8);
    }

    ui::muted(s("attract.text_size"));
    const float scales[] = {1.0f, 1.5f, 2.0f};
    const char* labels[] = {"attract.size_100", "attract.size_150", "attract.size_200"};
    for (int i = 0; i < 3; ++i) {
        if (ui::button(s(labels[i]), {}, true, flow.look().text_scale == scales[i])) {
            Look look = flow.look();
            look.text_scale = scales[i];
            flow.set_look(look);
        }
        ImGui::SameLine();
    }
    ImGui::NewLine();
    gap(8);
    const bool contrast = flow.look().high_contrast;
    if (ui::button(s(contrast ? "attract.contrast_on" : "attract.contrast_off"), {}, true,
                   contrast)) {
        Look look = flow.look();
        look.high_contrast = !contrast;
        flow.set_look(look);
    }
    // Easy Read is offered only by a consultation that has it (docs/format.md).
    if (c.has_easy_read()) {
        const bool easy = flow.look().easy_read;
        const std::string label = s(easy ? "attract.easy_read_on" : "attract.easy_read_off");
        const ImGuiStyle& style = ImGui::GetStyle();
        const float need =
            ImGui::CalcTextSize(label.c_str()).x + 2 * style.FramePadding.x + style.ItemSpacing.x;
        // Beside high contrast when it fits (at 200% in Polish it does not).
        if (ImGui::GetItemRectMax().x + need <=
            ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) {
            ImGui::SameLine();
        }
        if (ui::button(label, {}, true, easy)) {
            Look look = flow.look();
            look.easy_read = !easy;
            flow.set_look(look);
        }
    }
    gap(8);

    // Access: switch scanning (and its pace), reduced motion. Kept for the next visitor too.
    ui::muted(s("attract.access"));
    const bool scanning = flow.look().scanning;
    if (ui::button(s(scanning ? "attract.scanning_on" : "attract.scanning_off"), {}, true,
                   scanning)) {
        Look look = flow.look();
        look.scanning = !scanning;
        flow.set_look(look);
    }
    const bool still = flow.look().reduced_motion;
    const std::string& motion = s(still ? "attract.motion_on" : "attract.motion_off");
    // Beside the first when both fit the column (not at the larger text sizes).
    const float motion_w = ImGui::CalcTextSize(motion.c_str()).x +
                           2 * ImGui::GetStyle().FramePadding.x + ImGui::GetStyle().ItemSpacing.x;
    if (ImGui::GetItemRectMax().x + motion_w <=
        ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) {
        ImGui::SameLine();
    }
    if (ui::button(motion, {}, true, still)) {
        Look look = flow.look();
        look.reduced_motion = !still;
        flow.set_look(look);
    }
    if (scanning) {
        ui::muted(s("attract.scan_pace"));
        const float paces[] = {1.0f, 2.0f, 3.0f};
        const char* pace_labels[] = {"attract.scan_1", "attract.scan_2", "attract.scan_3"};
        for (int i = 0; i < 3; ++i) {
            if (ui::button(s(pace_labels[i]), {}, true, flow.look().scan_seconds == paces[i])) {
                Look look = flow.look();
                look.scan_seconds = paces[i];
                flow.set_look(look);
            }
            ImGui::SameLine();
        }
        ImGui::NewLine();
    }
    gap(16);  // the last row's focus ring clear of the window's edge
    end_body();
}

}  // namespace fv::screens
