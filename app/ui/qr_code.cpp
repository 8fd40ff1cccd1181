// QR codes: libqrencode's modules drawn as rectangles on ImGui's draw list.
#include "app/ui/qr_code.hpp"

#include <imgui.h>
#include <qrencode.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "app/ui/probe.hpp"

namespace fv::ui {

QrCode QrCode::encode(const std::string& text) {
    QrCode code;
    // Version 0: the smallest that holds the text; case-sensitive, since a URL's path is.
    std::unique_ptr<QRcode, decltype(&QRcode_free)> qr(
        QRcode_encodeString8bit(text.c_str(), 0, QR_ECLEVEL_M), &QRcode_free);
    if (!qr || qr->width <= 0) return code;
    code.text_ = text;
    code.side_ = qr->width;
    const std::size_t n = static_cast<std::size_t>(qr->width) * static_cast<std::size_t>(qr->width);
    code.dark_.resize(n);
    // Bit 0 of each of libqrencode's bytes is the module's colour (1: dark).
    for (std::size_t i = 0; i < n; ++i) code.dark_[i] = qr->data[i] & 1u;
    return code;
}

float qr_module_px(const QrCode& code, float max_px) {
    if (code.empty()) return kQrMinModulePx;
    const float modules = static_cast<float>(code.side() + 2 * kQrQuietZone);
    return std::max(kQrMinModulePx, std::floor(max_px / modules));
}

float qr_side_px(const QrCode& code, float module_px) {
    if (code.empty()) return 0.0f;
    return static_cast<float>(code.side() + 2 * kQrQuietZone) * module_px;
}

void draw_qr(const QrCode& code, float module_px) {
    if (code.empty()) return;
    const float side = qr_side_px(code, module_px);
    // Whole pixels, so that every module edge is crisp (no blending with its neighbour).
    const ImVec2 cursor = ImGui::GetCursorScreenPos();
    const ImVec2 at(std::round(cursor.x), std::round(cursor.y));
    ImGui::SetCursorScreenPos(at);
    ImGui::Dummy(ImVec2(side, side));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    // Black on white in both themes: readers expect dark modules on a light ground, and this is
    // the most contrast there is.
    const ImU32 light = IM_COL32(255, 255, 255, 255);
    const ImU32 dark = IM_COL32(0, 0, 0, 255);
    draw->AddRectFilled(at, ImVec2(at.x + side, at.y + side), light);
    const float origin = static_cast<float>(kQrQuietZone) * module_px;
    for (int y = 0; y < code.side(); ++y) {
        // One rectangle per run of dark modules along a row: fewer vertices, the same pixels.
        for (int x = 0; x < code.side();) {
            if (!code.dark(x, y)) {
                ++x;
                continue;
            }
            int end = x;
            while (end < code.side() && code.dark(end, y)) ++end;
            const ImVec2 a(at.x + origin + static_cast<float>(x) * module_px,
                           at.y + origin + static_cast<float>(y) * module_px);
            const ImVec2 b(at.x + origin + static_cast<float>(end) * module_px, a.y + module_px);
            draw->AddRectFilled(a, b, dark);
            x = end;
        }
    }
    ShownItem image;
    image.label = "qr:" + code.text();
    image.x0 = at.x;
    image.y0 = at.y;
    image.x1 = at.x + side;
    image.y1 = at.y + side;
    Probe::current().image(std::move(image));
}

}  // namespace fv::ui
