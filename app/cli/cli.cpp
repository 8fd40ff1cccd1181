// Dispatch of `fieldvoice` subcommands: the registry, usage lines and option parsing.
#include "app/cli/cli.hpp"

#include <iostream>
#include <map>

namespace fv {

namespace {

struct Entry {
    std::string usage;
    Subcommand run;
};

constexpr const char* kKioskUsage = "fieldvoice [--data-dir DIR] [--consultation FILE|ID]";

std::map<std::string, Entry>& registry() {
    // Built-ins are there from the first use; others are added by register_subcommand.
    static std::map<std::string, Entry> entries = {
        {"validate", {"fieldvoice validate FILE.json [--assets DIR]", validate_command}},
        {"status", {"fieldvoice status [--data-dir DIR]", status_command}},
        {"export",
         {"fieldvoice export [--data-dir DIR] [--consultation ID] [--sessions] --format csv|json "
          "--out FILE",
          export_command}},
    };
    return entries;
}

bool is_help(const std::string& arg) {
    return arg == "help" || arg == "--help" || arg == "-h";
}

}  // namespace

void register_subcommand(const std::string& name, const std::string& usage, Subcommand run) {
    registry()[name] = Entry{usage, std::move(run)};
}

std::string cli_usage() {
    std::string out = std::string("usage: ") + kKioskUsage + "\n";
    for (const auto& [name, entry] : registry()) out += "       " + entry.usage + "\n";
    return out;
}

std::optional<std::string> take_option(std::vector<std::string>& args, const std::string& name) {
    std::optional<std::string> value;
    const std::string prefix = name + "=";
    for (std::size_t i = 0; i < args.size();) {
        std::optional<std::string> found;
        if (args[i] == name) {
            if (i + 1 >= args.size() || args[i + 1].empty()) {
                throw CliUsageError(name + " needs a value");
            }
            found = args[i + 1];
            args.erase(args.begin() + static_cast<std::ptrdiff_t>(i),
                       args.begin() + static_cast<std::ptrdiff_t>(i) + 2);
        } else if (args[i].rfind(prefix, 0) == 0) {
            found = args[i].substr(prefix.size());
            if (found->empty()) throw CliUsageError(name + " needs a value");
            args.erase(args.begin() + static_cast<std::ptrdiff_t>(i));
        } else {
            ++i;
            continue;
        }
        if (value) throw CliUsageError(name + " is given twice");
        value = std::move(found);
    }
    return value;
}

std::optional<int> run_cli(const std::vector<std::string>& args, std::ostream& out,
                           std::ostream& err) {
    if (args.empty() || (!is_help(args[0]) && args[0].rfind("-", 0) == 0)) {
        return std::nullopt;  // the kiosk
    }
    if (is_help(args[0])) {
        out << cli_usage();
        return 0;
    }
    const auto it = registry().find(args[0]);
    if (it == registry().end()) {
        err << "fieldvoice: unknown command \"" << args[0] << "\"\n" << cli_usage();
        return 2;
    }
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (rest.size() == 1 && is_help(rest[0])) {
        out << "usage: " << it->second.usage << "\n";
        return 0;
    }
    try {
        return it->second.run(rest, out, err);
    } catch (const CliUsageError& e) {
        err << "fieldvoice " << args[0] << ": " << e.what() << "\nusage: " << it->second.usage
            << "\n";
        return 2;
    } catch (const std::exception& e) {
        err << "fieldvoice " << args[0] << ": " << e.what() << "\n";
        return 1;
    }
}

std::optional<int> run_cli(int argc, char** argv) {
    std::vector<std::string> args;
    for (int i = 1; i < argc; ++i) args.emplace_back(argv[i]);
    const auto status = run_cli(args, std::cout, std::cerr);
    std::cout.flush();
    return status;
}

}  // namespace fv
