// Shown only once the response is durably stored; returns to the start by itself (the
// router's timer) or when the resident taps "Finish".
#pragma once

#include "app/screens/screen.hpp"

namespace fv::screens {

class ThanksScreen final : public Screen {
  public:
    void draw(Flow& flow) override;
};

}  // namespace fv::screens
