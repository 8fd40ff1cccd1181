// Removable drives the kiosk can save an export to: what the desktop's automounter (udisks)
// mounted under /media/ or /run/media/, as the kernel lists its mounts.
#pragma once

#include <filesystem>
#include <istream>
#include <string>
#include <vector>

namespace fv::platform {

struct Drive {
    std::filesystem::path mount_point;  // "/media/kiosk/STICK"
    std::string label;                  // its last component, for a person: "STICK"
};

// The mounts of /proc/self/mounts (or `mounts_file`) whose mount point lies under /media/ or
// /run/media/, in the order listed. Mount points come back decoded ("\040" is a space).
std::vector<Drive> removable_drives(const std::filesystem::path& mounts_file = "/proc/self/mounts");
// The same over the text of a mounts file.
std::vector<Drive> removable_drives_in(std::istream& mounts);

}  // namespace fv::platform
