// Each language's name in itself, for the language buttons ("Polski", not "Polish"), so a
// resident finds their own whatever language the screen is in.
#pragma once

#include <string>

namespace fv {

std::string language_name(const std::string& code);

}  // namespace fv
