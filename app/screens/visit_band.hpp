// The band at the top of an officer's visit's pages (consent and every question): whose
// feedback this is, so that nobody takes a partner's submission or an assisted visit for a
// resident's own.
#pragma once

#include "app/flow.hpp"

namespace fv::screens {

// "Partner feedback: ORGANISATION" or "Assisted visit"; nothing for a resident's own visit.
void visit_band(Flow& flow);

}  // namespace fv::screens
