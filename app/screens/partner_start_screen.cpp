// Partner start screen: who is submitting, then the usual consent and questions.
#include "app/screens/partner_start_screen.hpp"

#include <imgui.h>
#include <sodium.h>

#include <cfloat>
#include <cstring>

#include "app/meeting/meeting.hpp"
#include "app/screens/meeting_nav.hpp"
#include "app/screens/page.hpp"
#include "app/ui/ui.hpp"

namespace fv::screens {
namespace {

template <std::size_t N>
std::string trimmed_text(const std::array<char, N>& field) {
    std::string s(field.data(), strnlen(field.data(), N));
    const auto a = s.find_first_not_of(" \t");
    if (a == std::string::npos) return {};
    return s.substr(a, s.find_last_not_of(" \t") - a + 1);
}

}  // namespace

void PartnerStartScreen::on_enter(Flow& flow) {
    (void)flow;
    // A person's name is not kept on screen for the next partner.
    sodium_memzero(name_.data(), name_.size());
}

void PartnerStartScreen::draw(Flow& flow) {
    const ui::Strings& s = flow.strings();
    const Consultation* c = flow.consultation();
    begin_body("partner_start", footer_height());
    ui::heading(s("partner.title"));
    if (c != nullptr) {
        ui::text(s.format("partner.consultation",
                          c->title.in(c->default_language(), c->default_language())));
    }
    ui::muted(s("partner.explain"));
    gap(8);
    meeting_field(s("partner.organisation"), "##organisation", organisation_.data(),
                  organisation_.size(), -FLT_MIN);
    const auto known = flow.meeting().partner_organisations(flow.store());
    for (std::size_t i = 0; i < known.size(); ++i) {
        if (i > 0) ImGui::SameLine();
        if (i > 0 &&
            ImGui::GetContentRegionAvail().x < ImGui::CalcTextSize(known[i].c_str()).x + 40) {
            ImGui::NewLine();
        }
        if (ui::button(known[i], ImVec2(0, 0), true, trimmed_text(organisation_) == known[i],
                       ("known_" + known[i]).c_str())) {
            std::memset(organisation_.data(), 0, organisation_.size());
            std::memcpy(organisation_.data(), known[i].data(),
                        std::min(known[i].size(), organisation_.size() - 1));
        }
    }
    gap(4);
    meeting_field(s("partner.name"), "##person", name_.data(), name_.size(), -FLT_MIN);
    const std::string organisation = trimmed_text(organisation_);
    const std::string name = trimmed_text(name_);
    gap(8);
    const bool ready = c != nullptr && !organisation.empty() && !name.empty();
    if (c == nullptr)
        ui::error_text(s("partner.no_consultation"));
    else if (!ready)
        ui::muted(s("partner.needs"));
    end_body();

    // Start sits in the footer beside Back, so however many organisations are offered above,
    // it is always whole on the screen.
    begin_footer("partner_footer");
    const float half = (column_width() - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
    if (ui::button(s("meeting.back_to_officer"), ImVec2(half, 0))) {
        flow.go(ScreenId::Officer);
    }
    ImGui::SameLine();
    if (ui::primary_button(s("partner.start"), ImVec2(half, 0), ready)) {
        flow.store().audit("partner_submission_started", organisation);
        flow.start_visit();
        Visit& visit = flow.visits().visit();
        visit.mode = CaptureMode::Partner;
        visit.participant = {{"kind", "partner"}, {"organisation", organisation}, {"name", name}};
        sodium_memzero(name_.data(), name_.size());
    }
    end_footer();
}

}  // namespace fv::screens
