// Steps the meeting tests share: the officer screen through the PIN, a session started
// through the start screen, a tally read back from the store.
#pragma once

#include <string>

#include "kiosk_harness.hpp"

namespace fv::testing {

void open_officer(KioskHarness& h);
// Starts "Witney libraries meeting" through the start screen; returns the session's id.
std::string start_meeting(KioskHarness& h);
int tally(Store& store, const std::string& session, const std::string& question,
          const std::string& option);

}  // namespace fv::testing
