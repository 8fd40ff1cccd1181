// Read-aloud controls.
#include "app/screens/read_aloud_bar.hpp"

#include <imgui.h>

#include "app/screens/page.hpp"
#include "app/ui/probe.hpp"
#include "app/ui/theme.hpp"
#include "app/ui/ui.hpp"

namespace fv::screens {
namespace {

const char* speed_key(speech::Speed speed) {
    switch (speed) {
        case speech::Speed::Slower:
            return "speech.speed_slower";
        case speech::Speed::Normal:
            return "speech.speed_normal";
        case speech::Speed::Faster:
            return "speech.speed_faster";
    }
    return "speech.speed_normal";
}

speech::Speed next_speed(speech::Speed speed) {
    switch (speed) {
        case speech::Speed::Normal:
            return speech::Speed::Faster;
        case speech::Speed::Faster:
            return speech::Speed::Slower;
        case speech::Speed::Slower:
            return speech::Speed::Normal;
    }
    return speech::Speed::Normal;
}

}  // namespace

float ReadAloudBar::height() {
    return ui::theme().min_target + 12.0f;
}

void ReadAloudBar::draw(Flow& flow) {
    const ui::Strings& s = flow.strings();
    Visit& visit = flow.visits().visit();
    const ui::Probe::QuietScope quiet(ui::Probe::current());
    const float width = page_column_width();
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    // In the page column's band above the body (begin_body starts below it), lined up with it.
    ImGui::SetCursorScreenPos(ImVec2((display.x - width) * 0.5f, 16.0f));
    if (ui::button(s("speech.again"), {}, true, false, "say_again")) flow.say_again();
    ImGui::SameLine();
    // "###": the id outlives the label, so the focus stays on the control as the speed turns.
    if (ui::button(s(speed_key(visit.speech_speed)), {}, true, false, "#speech_speed")) {
        visit.speech_speed = next_speed(visit.speech_speed);
    }
}

}  // namespace fv::screens
