// Makes the meeting and partner screens and lists them in the router (one call in KioskApp).
#pragma once

#include "app/screens/screen_registry.hpp"

namespace fv::screens {

void add_meeting_screens(ScreenRegistry& screens);

}  // namespace fv::screens
