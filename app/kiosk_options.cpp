// Kiosk command line.
#include "app/kiosk_options.hpp"

#include <cstdio>

namespace fv {

KioskOptions parse_kiosk_options(const std::vector<std::string>& args, std::string& error) {
    KioskOptions o;
    error.clear();
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        const auto value = [&](const char* name) -> std::optional<std::string> {
            if (i + 1 >= args.size()) {
                error = std::string(name) + " needs a value";
                return std::nullopt;
            }
            return args[++i];
        };
        if (a == "--data-dir") {
            auto v = value("--data-dir");
            if (!v) return o;
            o.data_dir = *v;
        } else if (a == "--consultation") {
            auto v = value("--consultation");
            if (!v) return o;
            o.consultation = *v;
        } else if (a == "--usb-mount") {
            // A folder taken as a mounted USB stick, for kiosks whose automounter puts sticks
            // elsewhere than /media (and for tests).
            auto v = value("--usb-mount");
            if (!v) return o;
            o.usb_mounts.push_back(*v);
        } else if (a == "--windowed") {
            o.windowed = true;
        } else if (a == "--size") {
            auto v = value("--size");
            if (!v) return o;
            if (std::sscanf(v->c_str(), "%dx%d", &o.width, &o.height) != 2 || o.width < 320 ||
                o.height < 240) {
                error = "--size wants WIDTHxHEIGHT, e.g. 1280x800, not \"" + *v + "\"";
                return o;
            }
        } else {
            error = "unknown argument \"" + a + "\"";
            return o;
        }
    }
    return o;
}

}  // namespace fv
