// The kiosk's own command line (DESIGN.md: fieldvoice [--data-dir DIR] [--consultation FILE|ID]),
// plus --windowed and --size for laptops and development. Kept small so that app/cli's parser
// can replace it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace fv {

struct KioskOptions {
    std::optional<std::filesystem::path> data_dir;
    std::string consultation;  // a definition file, or a stored consultation's id
    bool windowed = false;
    int width = 1280, height = 800;
    std::vector<std::filesystem::path> usb_mounts;  // --usb-mount DIR, repeatable
};

// Parses the arguments after the program name. Returns the reason on bad usage in `error`.
KioskOptions parse_kiosk_options(const std::vector<std::string>& args, std::string& error);

}  // namespace fv
