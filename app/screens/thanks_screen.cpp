// Thank-you screen and its receipt.
#include "app/screens/thanks_screen.hpp"

#include <imgui.h>

#include <algorithm>
#include <cfloat>

#include "app/receipt.hpp"
#include "app/screens/page.hpp"
#include "app/ui/focus.hpp"
#include "app/ui/probe.hpp"
#include "app/ui/theme.hpp"
#include "app/ui/ui.hpp"
#include "sync/client/sync_engine.hpp"

namespace fv::screens {
namespace {

// The QR code's side, quiet zone included, for a window `height` px tall: about 6-7 cm on a
// kiosk's 15-22" screen, which a phone reads from arm's length. It does not grow with the text
// size (the modules are what the camera needs), only with the screen.
float qr_room(float height) {
    return std::clamp(height * 0.35f, 240.0f, 360.0f);
}

}  // namespace

void ThanksScreen::on_enter(Flow& flow) {
    page_qr_ = {};
    const Consultation* c = flow.consultation();
    const auto store_url = flow.store().setting(kSettingStoreUrl);
    if (c == nullptr || !store_url || store_url->empty()) return;
    page_qr_ = ui::QrCode::encode(public_page_url(*store_url, c->id));
}

void ThanksScreen::draw(Flow& flow) {
    const ui::Strings& s = flow.strings();
    const std::string& reference = flow.visits().visit().reference;
    begin_body("thanks", 0);
    gap(reference.empty() ? 96 : 40);
    ui::heading(s("thanks.title"));
    ui::text(s("thanks.saved"));
    if (!reference.empty()) {
        gap(16);
        draw_receipt(flow, reference);
    }
    gap(16);
    ui::muted(s("thanks.auto_return"));
    gap(reference.empty() ? 32 : 16);
    if (ui::primary_button(s("thanks.finish"), ImVec2(column_width(), 0)) ||
        ui::Focus::current().take_cancel()) {
        flow.finish_visit();
    }
    end_body();
}

void ThanksScreen::draw_receipt(Flow& flow, const std::string& reference) {
    const ui::Strings& s = flow.strings();
    const ui::Theme& theme = ui::theme();
    const std::string shown = grouped_reference(reference);
    const float width = column_width();
    const float spacing = 40.0f * theme.text_scale;
    const float module = ui::qr_module_px(page_qr_, qr_room(ImGui::GetIO().DisplaySize.y));
    const float qr_side = ui::qr_side_px(page_qr_, module);
    ImFont* big = theme.huge ? theme.huge : ImGui::GetFont();
    const float shown_w = big->CalcTextSizeA(big->FontSize, FLT_MAX, 0.0f, shown.c_str()).x;
    // The words beside the code when the reference and a readable line fit there (100% text);
    // else the code below them (larger text, where the page may scroll).
    const bool beside = !page_qr_.empty() &&
                        width - qr_side - spacing >= std::max(shown_w, 420.0f * theme.text_scale);
    const float words_w = beside ? width - qr_side - spacing : width;

    ImGui::BeginGroup();
    ui::muted(s("thanks.reference_label"), words_w);
    ImGui::PushFont(big);
    ImGui::TextUnformatted(shown.c_str(), shown.c_str() + shown.size());
    ImGui::PopFont();
    ui::Probe::current().text(shown, spelled_reference(reference));
    gap(8);
    ui::text(s(flow.look().easy_read ? "thanks.reference_easy" : "thanks.reference_use"), words_w);
    if (page_qr_.empty()) {
        ImGui::EndGroup();
        return;
    }
    // The code's caption goes with the words, so that the code alone sets the height beside.
    gap(8);
    ui::muted(s("thanks.qr_caption"), words_w);
    ImGui::EndGroup();
    if (beside) {
        ImGui::SameLine(0, spacing);
    } else {
        gap(16);
    }
    ui::draw_qr(page_qr_, module);
}

}  // namespace fv::screens
