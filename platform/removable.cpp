#include "platform/removable.hpp"

#include <fstream>
#include <sstream>

namespace fv::platform {

namespace {

// /proc/mounts writes space, tab, newline and backslash in a path as \040, \011, \012, \134.
std::string unescape_mount_path(const std::string& field) {
    std::string out;
    for (std::size_t i = 0; i < field.size(); ++i) {
        if (field[i] == '\\' && field.size() - i >= 4) {
            const std::string octal = field.substr(i + 1, 3);
            if (octal.find_first_not_of("01234567") == std::string::npos) {
                out += static_cast<char>(std::stoi(octal, nullptr, 8));
                i += 3;
                continue;
            }
        }
        out += field[i];
    }
    return out;
}

bool under(const std::string& path, const std::string& prefix) {
    return path.size() > prefix.size() && path.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

std::vector<Drive> removable_drives_in(std::istream& mounts) {
    std::vector<Drive> drives;
    std::string line;
    while (std::getline(mounts, line)) {
        std::istringstream fields(line);
        std::string device, mount_point;
        if (!(fields >> device >> mount_point)) continue;
        const std::string path = unescape_mount_path(mount_point);
        if (!under(path, "/media/") && !under(path, "/run/media/")) continue;
        drives.push_back({path, std::filesystem::path(path).filename().string()});
    }
    return drives;
}

std::vector<Drive> removable_drives(const std::filesystem::path& mounts_file) {
    std::ifstream in(mounts_file);
    return removable_drives_in(in);
}

}  // namespace fv::platform
