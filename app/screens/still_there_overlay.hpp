// "Are you still there?" over the current screen after a minute without input, with a
// countdown; at zero the router wipes the visit. The resident keeps it with "Yes, continue",
// or with "I need more time", which also doubles the wait for the rest of the visit.
#pragma once

#include "app/flow.hpp"

namespace fv::screens {

class StillThereOverlay {
  public:
    enum class Choice { None, Continue, MoreTime, ClearNow };
    // Draws the overlay as its own top-most window; returns what the resident chose. Escape
    // is "Yes, continue". `countdown_seconds`: the whole countdown, for the still sentence of
    // reduced motion. `offer_more_time`: a visit is under way (not on the officer's PIN).
    Choice draw(Flow& flow, int seconds_left, int countdown_seconds, bool offer_more_time);
};

}  // namespace fv::screens
