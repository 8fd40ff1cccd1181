// This device's export, for `fieldvoice export` and the officer screen's USB stick: the
// responses (or the meeting sessions) as CSV or JSON, and a file written so that a pulled stick
// or a power cut never leaves half a file that looks complete.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <ostream>
#include <string>

#include "core/store/store.hpp"

namespace fv {

struct ExportChoice {
    std::string format = "csv";  // "csv" or "json"
    bool sessions = false;       // the meeting sessions instead of the responses
    std::optional<std::string> only;  // one consultation's id
};

struct ExportWriter {
    std::function<void(std::ostream&)> write;  // writes the whole export
    std::string what;                          // "12 responses", "1 meeting session"
};

// Reads what the export holds from `store` (throwing std::runtime_error when `only` names no
// consultation there); `warnings` gets a line for each definition it could not use.
ExportWriter prepare_export(Store& store, const ExportChoice& choice, std::ostream& warnings);

// Writes `target` through TARGET.part: written, fsync'ed, renamed over `target`, then the
// folder fsync'ed, so the file is whole on the disk when this returns. Throws
// std::runtime_error naming the file and the reason; no .part is left behind.
void write_file_durably(const std::filesystem::path& target,
                        const std::function<void(std::ostream&)>& write);

}  // namespace fv
