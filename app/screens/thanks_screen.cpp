// Thank-you screen.
#include "app/screens/thanks_screen.hpp"

#include "app/screens/page.hpp"
#include "app/ui/focus.hpp"
#include "app/ui/ui.hpp"

namespace fv::screens {

void ThanksScreen::draw(Flow& flow) {
    const ui::Strings& s = flow.strings();
    begin_body("thanks", 0);
    gap(96);
    ui::heading(s("thanks.title"));
    ui::text(s("thanks.saved"));
    gap(16);
    ui::muted(s("thanks.auto_return"));
    gap(32);
    if (ui::primary_button(s("thanks.finish"), ImVec2(column_width(), 0)) ||
        ui::Focus::current().take_cancel()) {
        flow.finish_visit();
    }
    end_body();
}

}  // namespace fv::screens
