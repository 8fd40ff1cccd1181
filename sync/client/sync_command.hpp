// The `fieldvoice sync` and `fieldvoice enrol` subcommands (DESIGN.md, "Command lines"), kept
// beside the engine so tests can run them without the kiosk program.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace fv {

// fieldvoice sync [--data-dir DIR] [--attempts N] [--backoff-ms MS] [--batch-size N]
// One run with progress on `out`: up to N passes (default 5) with backoff from MS (default
// 2000) between transient failures; a smaller batch is for tests. Exit 0 when everything queued was
// acknowledged by the store, 1 otherwise with the reason on `err`, 2 on bad usage.
int sync_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// fieldvoice enrol --url URL --code CODE [--name NAME] [--data-dir DIR] [--ca-bundle FILE]
// Exit 0 when enrolled, 1 when the store refused or could not be reached, 2 on bad usage.
int enrol_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace fv
