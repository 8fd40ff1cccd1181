// The `fieldvoice` subcommands other than the kiosk (DESIGN.md, "Command lines"): a small
// registry that main.cpp dispatches through, and the built-in validate, status and export.
#pragma once

#include <functional>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace fv {

// A subcommand gets the arguments after its name. It returns its exit status (0 done, 1 failed,
// 2 bad usage or input), or throws: CliUsageError exits 2 with the usage line, any other
// std::exception exits 1 with its message on `err`.
using Subcommand =
    std::function<int(const std::vector<std::string>& args, std::ostream& out, std::ostream& err)>;

class CliUsageError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// The hook for subcommands that live elsewhere, e.g. in main.cpp before run_cli:
//   fv::register_subcommand("sync", "fieldvoice sync [--data-dir DIR]", fv::sync_command);
// `usage` is the line shown in help and after a usage error. Registering a name again
// replaces the earlier one. Not thread-safe: register before running.
void register_subcommand(const std::string& name, const std::string& usage, Subcommand run);

// Runs the subcommand named by argv[1] and returns its exit status; returns nullopt when the
// command line asks for the kiosk (no arguments, or the first one is an option such as
// --data-dir), leaving the kiosk's options to the kiosk's own parser. `help`, `--help` and
// `-h` print every usage line and return 0; an unknown subcommand returns 2.
std::optional<int> run_cli(int argc, char** argv);
// The same on `args` (the arguments after the program name), writing to the given streams.
std::optional<int> run_cli(const std::vector<std::string>& args, std::ostream& out,
                           std::ostream& err);

// Every usage line, kiosk first, one a line.
std::string cli_usage();

// Takes `--name VALUE` or `--name=VALUE` out of `args`; nullopt when absent. Throws
// CliUsageError when the option is there without a value or given twice.
std::optional<std::string> take_option(std::vector<std::string>& args, const std::string& name);

// The built-in subcommands, also callable directly (tests, other front ends).
// validate FILE.json [--assets DIR]: every problem on its own line on `out`, the pictures it
// names checked in the assets folder too; 0 valid, 2 not.
int validate_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// status [--data-dir DIR]: counts by state, last sync, last error.
int status_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// export [--data-dir DIR] [--consultation ID] --format csv|json --out FILE ("-" is `out`).
int export_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace fv
