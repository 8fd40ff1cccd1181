// Shown when the kiosk has nothing to ask: tells the officer, in plain words, how to give it a
// consultation. Residents see no buttons here except the officer's.
#pragma once

#include "app/screens/screen.hpp"

namespace fv::screens {

class NoConsultationScreen final : public Screen {
  public:
    void draw(Flow& flow) override;
};

}  // namespace fv::screens
