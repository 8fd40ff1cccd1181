// Command-line front of the SyncEngine: argument parsing, progress lines, exit status.
#include "sync/client/sync_command.hpp"

#include <unistd.h>

#include <filesystem>
#include <map>
#include <optional>

#include "core/store/store.hpp"
#include "sync/client/sync_engine.hpp"

namespace fv {
namespace {

// Parses "--name value" pairs; returns a problem in plain words, or "" when fine.
std::string parse_flags(const std::vector<std::string>& args, const std::vector<std::string>& known,
                        std::map<std::string, std::string>& flags) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        bool found = false;
        for (const auto& name : known) {
            if (arg == name) {
                if (i + 1 >= args.size()) return arg + " needs a value";
                flags[name] = args[++i];
                found = true;
            } else if (arg.rfind(name + "=", 0) == 0) {
                flags[name] = arg.substr(name.size() + 1);
                found = true;
            }
        }
        if (!found) return "unknown argument '" + arg + "'";
    }
    return "";
}

std::optional<int> parse_positive(const std::string& text) {
    try {
        std::size_t used = 0;
        const int value = std::stoi(text, &used);
        if (used == text.size() && value > 0) return value;
    } catch (const std::exception&) {
    }
    return std::nullopt;
}

std::filesystem::path data_dir(const std::map<std::string, std::string>& flags) {
    const auto it = flags.find("--data-dir");
    return it != flags.end() ? std::filesystem::path(it->second) : default_data_dir();
}

std::string host_name() {
    char name[256] = {0};
    if (gethostname(name, sizeof name - 1) != 0 || name[0] == 0) return "fieldvoice device";
    return name;
}

}  // namespace

int sync_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    std::map<std::string, std::string> flags;
    if (auto problem =
            parse_flags(args, {"--data-dir", "--attempts", "--backoff-ms", "--batch-size"}, flags);
        !problem.empty()) {
        err << "fieldvoice sync: " << problem
            << "\nusage: fieldvoice sync [--data-dir DIR] [--attempts N] [--backoff-ms MS] "
               "[--batch-size N]\n";
        return 2;
    }
    SyncOptions options;
    int attempts = 5;
    if (flags.count("--attempts")) {
        const auto n = parse_positive(flags["--attempts"]);
        if (!n) {
            err << "fieldvoice sync: --attempts must be a positive whole number, not '"
                << flags["--attempts"] << "'\n";
            return 2;
        }
        attempts = *n;
    }
    if (flags.count("--backoff-ms")) {
        const auto n = parse_positive(flags["--backoff-ms"]);
        if (!n) {
            err << "fieldvoice sync: --backoff-ms must be a positive whole number, not '"
                << flags["--backoff-ms"] << "'\n";
            return 2;
        }
        options.backoff_base = std::chrono::milliseconds(*n);
        options.backoff_cap = std::chrono::milliseconds(*n) * 32;
    }
    if (flags.count("--batch-size")) {
        const auto n = parse_positive(flags["--batch-size"]);
        if (!n || *n > 500) {
            err << "fieldvoice sync: --batch-size must be a whole number from 1 to 500, not '"
                << flags["--batch-size"] << "'\n";
            return 2;
        }
        options.batch_size = static_cast<std::size_t>(*n);
    }
    try {
        const auto db = database_path(data_dir(flags));
        if (!std::filesystem::exists(db)) {
            err << "fieldvoice sync: no device database at " << db.string()
                << "; enrol the device first (fieldvoice enrol --url URL --code CODE)\n";
            return 1;
        }
        options.log = [&err](const std::string& line) {
            err << "fieldvoice sync: " << line << '\n';
        };
        options.on_progress = [&out](std::int64_t sent, std::int64_t total) {
            out << "sent " << sent << " of " << total << '\n' << std::flush;
        };
        SyncEngine engine(db, options);
        const SyncReport report = engine.run(attempts);
        out << "stored " << report.stored << ", duplicates " << report.duplicate << ", quarantined "
            << report.rejected << ", in " << report.batches << " batches\n";
        if (report.erased > 0) {
            // An officer erased them on the store at the request of whoever gave them.
            out << "erased on the store, so deleted here: " << report.erased << '\n';
        }
        if (report.consultations_unchanged) {
            out << "consultations: unchanged\n";
        } else if (report.outcome == SyncOutcome::Done) {
            out << "consultations: " << report.consultations_saved << " received";
            if (report.consultations_skipped > 0) {
                out << ", " << report.consultations_skipped << " skipped as invalid";
            }
            out << '\n';
        }
        if (!report.clock_warning.empty()) err << "warning: " << report.clock_warning << '\n';
        if (report.outcome != SyncOutcome::Done) {
            err << "fieldvoice sync: " << report.message << '\n';
            return 1;
        }
        if (report.rejected > 0) {
            err << "fieldvoice sync: the store refused " << report.rejected
                << " response(s); they are kept in quarantine with the reason (fieldvoice "
                   "status lists them)\n";
            return 1;
        }
        out << "everything queued is synced\n";
        return 0;
    } catch (const std::exception& e) {
        err << "fieldvoice sync: " << e.what() << '\n';
        return 1;
    }
}

int enrol_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    std::map<std::string, std::string> flags;
    const char* usage =
        "usage: fieldvoice enrol --url URL --code CODE [--name NAME] [--data-dir DIR] "
        "[--ca-bundle FILE]\n";
    if (auto problem =
            parse_flags(args, {"--url", "--code", "--name", "--data-dir", "--ca-bundle"}, flags);
        !problem.empty()) {
        err << "fieldvoice enrol: " << problem << '\n' << usage;
        return 2;
    }
    if (!flags.count("--url") || !flags.count("--code")) {
        err << "fieldvoice enrol: --url and --code are both needed\n" << usage;
        return 2;
    }
    try {
        const auto dir = data_dir(flags);
        std::filesystem::create_directories(dir);
        const auto db = database_path(dir);
        if (flags.count("--ca-bundle")) {
            const std::filesystem::path ca = std::filesystem::absolute(flags["--ca-bundle"]);
            if (!std::filesystem::is_regular_file(ca)) {
                err << "fieldvoice enrol: --ca-bundle: no file at " << ca.string() << '\n';
                return 2;
            }
            Store::open(db)->set_setting(kSettingCaBundle, ca.string());
        }
        SyncEngine engine(db);
        const std::string name = flags.count("--name") ? flags["--name"] : host_name();
        const EnrolResult result = engine.enrol(flags["--url"], flags["--code"], name);
        if (!result.ok) {
            err << "fieldvoice enrol: " << result.message << '\n';
            return 1;
        }
        out << result.message << " device id " << result.device_id << '\n';
        return 0;
    } catch (const std::exception& e) {
        err << "fieldvoice enrol: " << e.what() << '\n';
        return 1;
    }
}

}  // namespace fv
