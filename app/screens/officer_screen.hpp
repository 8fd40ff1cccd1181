// The officer's screen behind the PIN: the queue by state, the active consultation, back to
// the kiosk, or quit. The sync work (enrolment, sync now, quarantine) extends it.
#pragma once

#include "app/screens/screen.hpp"

namespace fv::screens {

class OfficerScreen final : public Screen {
  public:
    void draw(Flow& flow) override;
};

}  // namespace fv::screens
