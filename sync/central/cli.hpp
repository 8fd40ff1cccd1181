// The command line of fieldvoice-central: serve, enrol-code, publish, officer-token,
// revoke-device, keygen and export (DESIGN.md, "Command lines").
#pragma once

namespace fv::central {

// Runs one command; returns the exit status (0 done, 2 bad usage or input, 1 other failure).
int run_cli(int argc, char** argv);

}  // namespace fv::central
