// fieldvoice: the kiosk. Parses the command line, opens the store and the window, and hands
// over to KioskApp; everything else lives in app/ and platform/.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <optional>
#include <string>
#include <vector>

#include "app/cli/cli.hpp"
#include "app/consultation_choice.hpp"
#include "app/kiosk_app.hpp"
#include "app/kiosk_options.hpp"
#include "platform/paths.hpp"
#include "platform/window.hpp"
#include "sync/client/sync_command.hpp"

int main(int argc, char** argv) {
    fv::register_subcommand("sync",
                            "fieldvoice sync [--data-dir DIR] [--attempts N] [--backoff-ms MS]",
                            fv::sync_command);
    fv::register_subcommand("enrol",
                            "fieldvoice enrol --url URL --code CODE [--name NAME] [--data-dir DIR] "
                            "[--ca-bundle FILE]",
                            fv::enrol_command);
    // validate, status, export, ... (app/cli); nullopt means the kiosk itself.
    if (const std::optional<int> status = fv::run_cli(argc, argv)) return *status;
    std::vector<std::string> args(argv + 1, argv + argc);
    std::string usage_error;
    const fv::KioskOptions options = fv::parse_kiosk_options(args, usage_error);
    if (!usage_error.empty()) {
        std::fprintf(stderr,
                     "fieldvoice: %s\nusage: fieldvoice [--data-dir DIR] [--consultation FILE|ID] "
                     "[--windowed] [--size WxH] [--usb-mount DIR]\n",
                     usage_error.c_str());
        return 2;
    }
    try {
        const auto data_dir = options.data_dir.value_or(fv::default_data_dir());
        std::filesystem::create_directories(data_dir);
        auto store = fv::Store::open(fv::database_path(data_dir));

        fv::KioskConfig config;
        config.assets_dir = fv::platform::find_assets_dir(FIELDVOICE_INSTALLED_ASSETS_DIR);
        config.fonts = fv::platform::find_fonts();
        fv::ConsultationChoice choice = fv::choose_consultation(*store, options.consultation);
        if (!choice.problem.empty() && !options.consultation.empty()) {
            std::fprintf(stderr, "fieldvoice: %s\n", choice.problem.c_str());
            return 2;
        }
        config.consultation = std::move(choice.consultation);
        config.consultation_problem = choice.problem;
        if (const char* probe = std::getenv("FIELDVOICE_PROBE_FILE")) config.probe_file = probe;
        config.usb_mounts = options.usb_mounts;

        auto window = fv::platform::open_window(
            {"Fieldvoice", options.width, options.height, !options.windowed});
        fv::SystemClock clock;
        fv::KioskApp app(*window, *store, clock, std::move(config));
        return app.run();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "fieldvoice: %s\n", e.what());
        return 1;
    }
}
