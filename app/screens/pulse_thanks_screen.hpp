// The one-tap pulse's thank-you: shown only once the tap is durably stored, short (the router
// returns to the start after KioskApp::kPulseThanksTime), with "Tell us more?" into the full
// consultation, the tap's answer already given.
#pragma once

#include "app/screens/screen.hpp"

namespace fv::screens {

class PulseThanksScreen final : public Screen {
  public:
    void draw(Flow& flow) override;
};

}  // namespace fv::screens
