// fieldvoice-central: the central programme store. Everything happens in cli.cpp.
#include "sync/central/cli.hpp"

int main(int argc, char** argv) {
    return fv::central::run_cli(argc, argv);
}
