// `fieldvoice` without the window: the subcommands of app/cli, for tests on machines or
// builds where the kiosk program is not there.
#include <cstdio>

#include "app/cli/cli.hpp"

int main(int argc, char** argv) {
    if (const auto status = fv::run_cli(argc, argv)) return *status;
    std::fprintf(stderr, "fieldvoice-cli-test: the kiosk is not part of this test program\n");
    return 2;
}
