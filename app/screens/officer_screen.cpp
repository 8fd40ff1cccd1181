// Officer screen.
#include "app/screens/officer_screen.hpp"

#include <imgui.h>

#include "app/screens/page.hpp"
#include "app/ui/ui.hpp"

namespace fv::screens {

void OfficerScreen::draw(Flow& flow) {
    const ui::Strings& s = flow.strings();
    begin_body("officer", footer_height());
    ui::heading(s("officer.title"));
    const QueueCounts counts = flow.store().counts();
    ui::text(s.format("officer.queued", std::to_string(counts.queued)));
    ui::text(s.format("officer.synced", std::to_string(counts.synced)));
    ui::text(s.format("officer.quarantined", std::to_string(counts.quarantined)));
    gap(16);
    if (const Consultation* c = flow.consultation()) {
        ui::text(s.format("officer.active",
                          c->title.in(c->default_language(), c->default_language()),
                          c->id + " v" + std::to_string(c->version)));
    } else {
        ui::text(s("officer.no_active"));
    }
    end_body();

    begin_footer("officer_footer");
    const float half = (column_width() - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
    if (ui::primary_button(s("officer.return"), ImVec2(half, 0))) {
        flow.store().audit("officer_returned_to_kiosk");
        flow.end_visit();
    }
    ImGui::SameLine();
    if (ui::button(s("officer.quit"), ImVec2(half, 0))) {
        flow.store().audit("officer_quit");
        flow.quit();
    }
    end_footer();
}

}  // namespace fv::screens
