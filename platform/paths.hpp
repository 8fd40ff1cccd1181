// Where the app finds what it ships (assets) and what Debian gives it (fonts), at run time.
#pragma once

#include <filesystem>
#include <string>

namespace fv::platform {

// The folder of the running program ("" when SDL cannot tell).
std::filesystem::path executable_dir();

// The assets folder: $FIELDVOICE_ASSETS_DIR, else `installed_dir` (the build's compile-time
// default) when it exists, else "assets" next to the binary or one and two levels up.
std::filesystem::path find_assets_dir(const std::filesystem::path& installed_dir);

struct FontFiles {
    std::filesystem::path regular, bold;
};

// DejaVu Sans (and Bold) from Debian's fonts-dejavu-core, or $FIELDVOICE_FONT_DIR when set.
// Throws std::runtime_error naming the package to install when they are missing.
FontFiles find_fonts();

}  // namespace fv::platform
