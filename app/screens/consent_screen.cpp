// Consent screen.
#include "app/screens/consent_screen.hpp"

#include <imgui.h>

#include "app/screens/page.hpp"
#include "app/screens/visit_band.hpp"
#include "app/ui/focus.hpp"
#include "app/ui/ui.hpp"

namespace fv::screens {
namespace {

// A toggle drawn as a full-width button with a tick when on.
bool toggle(const std::string& label, bool on, const char* id) {
    const std::string shown = (on ? "\u2713 " : "") + label;
    return ui::button(shown, ImVec2(column_width(), 0), true, on, id);
}

}  // namespace

void ConsentScreen::draw(Flow& flow) {
    const Consultation& c = *flow.consultation();
    const ui::Strings& s = flow.strings();
    Visit& visit = flow.visits().visit();

    begin_body("consent", footer_height());
    visit_band(flow);
    ui::heading(s("consent.title"));
    // A partner's submitter has just given their name: they read the partner notice.
    ui::text(local(c, c.privacy_notice_for(audience_of(visit.mode)), visit.language));
    gap(16);
    ui::muted(s("consent.optional"));
    if (toggle(s("consent.quote_publicly"), visit.consent.quote_publicly, "quote")) {
        visit.consent.quote_publicly = !visit.consent.quote_publicly;
    }
    if (toggle(s("consent.contact_me"), visit.consent.contact_me, "contact")) {
        visit.consent.contact_me = !visit.consent.contact_me;
    }
    end_body();

    begin_footer("consent_footer");
    const float half = (column_width() - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
    // Escape, as "No thanks", goes back to the start.
    if (ui::button(s("consent.no_thanks"), ImVec2(half, 0)) || ui::Focus::current().take_cancel()) {
        flow.end_visit();
    }
    ImGui::SameLine();
    if (ui::primary_button(s("consent.agree"), ImVec2(half, 0))) {
        visit.consent.privacy_notice = true;
        flow.go(ScreenId::Question);
    }
    end_footer();
}

}  // namespace fv::screens
