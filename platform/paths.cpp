// Run-time discovery of assets and fonts.
#include "platform/paths.hpp"

#include <SDL.h>

#include <cstdlib>
#include <stdexcept>
#include <vector>

namespace fv::platform {
namespace fs = std::filesystem;

fs::path executable_dir() {
    char* base = SDL_GetBasePath();
    if (base == nullptr) return {};
    fs::path dir(base);
    SDL_free(base);
    return dir;
}

fs::path find_assets_dir(const fs::path& installed_dir) {
    if (const char* env = std::getenv("FIELDVOICE_ASSETS_DIR"); env != nullptr && *env != 0) {
        return fs::path(env);
    }
    std::error_code ec;
    if (!installed_dir.empty() && fs::is_directory(installed_dir, ec)) return installed_dir;
    const fs::path exe = executable_dir();
    for (const fs::path& candidate :
         {exe / "assets", exe / ".." / "assets", exe / ".." / ".." / "assets",
          exe / ".." / "share" / "fieldvoice" / "assets"}) {
        if (fs::is_directory(candidate, ec)) return candidate.lexically_normal();
    }
    return installed_dir;
}

FontFiles find_fonts() {
    std::vector<fs::path> dirs;
    if (const char* env = std::getenv("FIELDVOICE_FONT_DIR"); env != nullptr && *env != 0) {
        dirs.emplace_back(env);
    }
    dirs.emplace_back("/usr/share/fonts/truetype/dejavu");
    std::error_code ec;
    for (const fs::path& dir : dirs) {
        FontFiles files{dir / "DejaVuSans.ttf", dir / "DejaVuSans-Bold.ttf"};
        if (fs::is_regular_file(files.regular, ec)) {
            if (!fs::is_regular_file(files.bold, ec)) files.bold = files.regular;
            return files;
        }
    }
    throw std::runtime_error(
        "The DejaVu Sans font is missing (looked for "
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf). "
        "Install Debian's fonts-dejavu-core package: sudo apt-get install fonts-dejavu-core "
        "(or run platform/setup/install-deps.sh).");
}

}  // namespace fv::platform
