// Compiles the integration folder's CentralProcess (POSIX only, no HTTP library) into the fault
// tests too, so both folders start the real fieldvoice-central the same way.
#include "integration/support/central_process.cpp"
