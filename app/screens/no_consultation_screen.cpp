// No-consultation screen.
#include "app/screens/no_consultation_screen.hpp"

#include "app/screens/page.hpp"
#include "app/ui/ui.hpp"

namespace fv::screens {

void NoConsultationScreen::draw(Flow& flow) {
    const ui::Strings& s = flow.strings();
    begin_body("no_consultation", 0);
    gap(64);
    ui::heading(s("setup.no_consultation.title"));
    ui::text(s("setup.no_consultation.body"));
    if (!flow.consultation_problem().empty()) {
        gap(16);
        ui::error_text(flow.consultation_problem());
    }
    gap(32);
    if (ui::button(s("setup.officer"))) flow.go(ScreenId::Pin);
    end_body();
}

}  // namespace fv::screens
