// Makes the meeting and partner screens and lists them in the router (one call in KioskApp).
#pragma once

#include <map>
#include <memory>
#include <vector>

#include "app/screens/screen.hpp"

namespace fv::screens {

void add_meeting_screens(std::map<ScreenId, Screen*>& router,
                         std::vector<std::unique_ptr<Screen>>& owned);

}  // namespace fv::screens
