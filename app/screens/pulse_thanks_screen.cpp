// The one-tap pulse's thank-you.
#include "app/screens/pulse_thanks_screen.hpp"

#include <imgui.h>

#include "app/screens/page.hpp"
#include "app/ui/focus.hpp"
#include "app/ui/theme.hpp"
#include "app/ui/ui.hpp"

namespace fv::screens {

void PulseThanksScreen::draw(Flow& flow) {
    const ui::Strings& s = flow.strings();
    const ui::Theme& t = ui::theme();
    begin_body("pulse_thanks", 0);
    gap(96);
    ui::heading(s("thanks.title"));
    ui::text(s(flow.look().easy_read ? "pulse.saved_easy" : "pulse.saved"));
    gap(32);
    // The one thing this page leads to, as large as "Touch to start".
    ImGui::PushFont(t.heading);
    const bool more =
        ui::primary_button(s("pulse.tell_us_more"), ImVec2(column_width(), 1.5f * t.min_target));
    ImGui::PopFont();
    ui::muted(s("pulse.tell_us_more_hint"));
    gap(32);
    ui::muted(s("thanks.auto_return"));
    gap(8);
    const bool done = ui::button(s("pulse.done"), ImVec2(column_width(), 0)) ||
                      ui::Focus::current().take_cancel();
    end_body();
    // Acted on after the page is whole: each leaves this screen.
    if (more) {
        flow.tell_us_more();
    } else if (done) {
        flow.end_visit();
    }
}

}  // namespace fv::screens
