// Shown only once the response is durably stored; returns to the start by itself (the
// router's timer) or when the resident taps "Finish". It carries the receipt: the response's
// reference, to quote for its erasure, and a QR code of the store's public page of the
// consultation (none when the kiosk has no store).
#pragma once

#include <string>

#include "app/screens/screen.hpp"
#include "app/ui/qr_code.hpp"

namespace fv::screens {

class ThanksScreen final : public Screen {
  public:
    void on_enter(Flow& flow) override;
    void draw(Flow& flow) override;

  private:
    void draw_receipt(Flow& flow, const std::string& reference);

    ui::QrCode page_qr_;  // empty without a store
};

}  // namespace fv::screens
