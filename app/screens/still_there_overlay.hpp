// "Are you still there?" over the current screen after a minute without input, with a
// countdown; at zero the router wipes the visit. The resident keeps it with "Yes, continue".
#pragma once

#include "app/flow.hpp"

namespace fv::screens {

class StillThereOverlay {
  public:
    enum class Choice { None, Continue, ClearNow };
    // Draws the overlay as its own top-most window; returns what the resident chose.
    Choice draw(Flow& flow, int seconds_left);
};

}  // namespace fv::screens
