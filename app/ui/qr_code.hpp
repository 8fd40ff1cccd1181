// A QR code the kiosk draws itself: libqrencode makes the modules, ImGui's draw list draws them
// as whole-pixel squares, dark on light in every theme, inside the standard's quiet zone.
#pragma once

#include <string>
#include <vector>

namespace fv::ui {

// Light modules around the symbol, as ISO/IEC 18004 asks: readers find the code by them.
inline constexpr int kQrQuietZone = 4;
// The smallest module drawn, in pixels: below this a phone at arm's length misreads it.
inline constexpr float kQrMinModulePx = 4.0f;

class QrCode {
  public:
    // `text` as 8-bit bytes, error correction M (15%: a smudged screen still reads); an empty
    // code when libqrencode cannot encode it.
    static QrCode encode(const std::string& text);

    bool empty() const { return side_ == 0; }
    const std::string& text() const { return text_; }
    // Modules along a side, without the quiet zone.
    int side() const { return side_; }
    bool dark(int x, int y) const { return dark_[static_cast<std::size_t>(y * side_ + x)] != 0; }

  private:
    std::string text_;
    int side_ = 0;
    std::vector<unsigned char> dark_;
};

// The largest whole-pixel module at which `code` and its quiet zone fit in `max_px` (never
// below kQrMinModulePx), and the side drawn at `module_px`, quiet zone included.
float qr_module_px(const QrCode& code, float max_px);
float qr_side_px(const QrCode& code, float module_px);

// Draws `code` at the cursor as one layout item and reports it to the Probe as an image
// labelled "qr:" followed by its text.
void draw_qr(const QrCode& code, float module_px);

}  // namespace fv::ui
