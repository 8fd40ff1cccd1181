// The built-in subcommands: validate a definition, show the queue, export responses.
#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/cli/cli.hpp"
#include "app/cli/export_file.hpp"
#include "core/model/consultation.hpp"
#include "core/model/easy_read.hpp"
#include "core/store/export.hpp"
#include "core/store/export_sessions.hpp"
#include "core/store/store.hpp"

namespace fv {

namespace {

void refuse_leftovers(const std::vector<std::string>& args) {
    if (!args.empty()) throw CliUsageError("unexpected argument \"" + args.front() + "\"");
}

std::filesystem::path data_dir_from(std::vector<std::string>& args) {
    const auto dir = take_option(args, "--data-dir");
    return dir ? std::filesystem::path(*dir) : default_data_dir();
}

// Opens an existing store; status and export never create one where there was none.
std::unique_ptr<Store> open_existing(const std::filesystem::path& data_dir) {
    const auto path = database_path(data_dir);
    if (!std::filesystem::exists(path)) return nullptr;
    return Store::open(path);
}

std::string plural(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

// Where a definition's pictures are looked for (docs/format.md): --assets DIR, else
// $FIELDVOICE_ASSETS_DIR, else the assets folder holding the file when it lies in
// <assets>/consultations/, else ./assets.
std::filesystem::path assets_dir_for(const std::string& file,
                                     const std::optional<std::string>& option) {
    if (option) return *option;
    if (const char* env = std::getenv("FIELDVOICE_ASSETS_DIR"); env != nullptr && *env != 0) {
        return env;
    }
    const auto folder = std::filesystem::absolute(file).parent_path();
    if (folder.filename() == "consultations") return folder.parent_path();
    return "assets";
}

}  // namespace

int validate_command(const std::vector<std::string>& args_in, std::ostream& out,
                     std::ostream& err) {
    std::vector<std::string> args = args_in;
    const auto assets = take_option(args, "--assets");
    if (args.empty()) throw CliUsageError("which file? give the definition to check");
    if (args.size() > 1) throw CliUsageError("unexpected argument \"" + args[1] + "\"");
    const std::string& file = args[0];
    ParseResult result = load_consultation_file(file);
    if (result.ok()) {
        // The pictures too: a kiosk shows a missing one as text only, so find it here.
        const auto problems = check_image_files(*result.consultation, assets_dir_for(file, assets));
        result.problems.insert(result.problems.end(), problems.begin(), problems.end());
    }
    if (!result.ok()) {
        for (const Problem& p : result.problems) out << p.to_line() << "\n";
        err << file << ": not valid (" << plural(result.problems.size(), "problem", "problems")
            << ")\n";
        return 2;
    }
    const Consultation& c = *result.consultation;
    out << file << ": valid (consultation " << c.id << " version " << c.version << ", "
        << plural(c.questions.size(), "question", "questions") << ")\n";
    return 0;
}

int status_command(const std::vector<std::string>& args_in, std::ostream& out, std::ostream&) {
    std::vector<std::string> args = args_in;
    const auto data_dir = data_dir_from(args);
    refuse_leftovers(args);
    const auto path = database_path(data_dir);
    auto store = open_existing(data_dir);
    if (!store) {
        out << "Database:      " << path.string() << " (none yet: nothing captured here)\n"
            << "Queued:        0\nSynced:        0\nQuarantined:   0\n"
            << "Last sync:     never\nLast error:    none\n";
        return 0;
    }
    const QueueCounts counts = store->counts();
    std::string consultations;
    for (const ConsultationRef& ref : store->consultations()) {
        if (!consultations.empty()) consultations += ", ";
        consultations += ref.id + " v" + std::to_string(ref.version);
    }
    const auto last_error = store->setting(kSettingLastError);
    out << "Database:      " << path.string() << "\n"
        << "Queued:        " << counts.queued << "\n"
        << "Synced:        " << counts.synced << "\n"
        << "Quarantined:   " << counts.quarantined << "\n"
        << "Last sync:     " << store->setting(kSettingLastSyncAt).value_or("never") << "\n"
        << "Last error:    " << (last_error && !last_error->empty() ? *last_error : "none") << "\n"
        << "Consultations: " << (consultations.empty() ? "none" : consultations) << "\n";
    return 0;
}

int export_command(const std::vector<std::string>& args_in, std::ostream& out, std::ostream& err) {
    std::vector<std::string> args = args_in;
    const auto data_dir = data_dir_from(args);
    const auto format = take_option(args, "--format");
    const auto out_file = take_option(args, "--out");
    const auto only = take_option(args, "--consultation");
    // --sessions: the meeting sessions and their results instead of the responses.
    const auto sessions_flag = std::find(args.begin(), args.end(), "--sessions");
    const bool sessions = sessions_flag != args.end();
    if (sessions) args.erase(sessions_flag);
    refuse_leftovers(args);
    if (!format) throw CliUsageError("--format is missing: csv or json");
    if (*format != "csv" && *format != "json") {
        throw CliUsageError("--format must be csv or json, not \"" + *format + "\"");
    }
    if (!out_file) throw CliUsageError("--out is missing: a file name, or - for standard output");

    auto store = open_existing(data_dir);
    if (!store) {
        throw std::runtime_error("there is no response database at " +
                                 database_path(data_dir).string() +
                                 ": nothing to export (check --data-dir)");
    }
    const ExportWriter writer = prepare_export(*store, {*format, sessions, only}, err);
    if (*out_file == "-") {
        writer.write(out);
        out.flush();
        if (!out) throw std::runtime_error("cannot write the export to standard output");
    } else {
        write_file_durably(*out_file, writer.write);
    }
    store->audit("export", *format + ", " + writer.what);
    err << "exported " << writer.what << " as " << *format << " to "
        << (*out_file == "-" ? std::string("standard output") : *out_file) << "\n";
    return 0;
}

}  // namespace fv
