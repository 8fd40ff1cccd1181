#include "app/cli/export_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <vector>

#include "core/store/export.hpp"
#include "core/store/export_sessions.hpp"

namespace fv {

namespace {

std::string plural(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

// fsync of a file or folder by path; the reason in words on failure, "" when done.
std::string sync_path(const std::filesystem::path& path, int flags) {
    const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
    if (fd < 0) return std::strerror(errno);
    const int rc = ::fsync(fd);
    const std::string reason = rc == 0 ? "" : std::strerror(errno);
    ::close(fd);
    return reason;
}

}  // namespace

ExportWriter prepare_export(Store& store, const ExportChoice& choice, std::ostream& warnings) {
    const auto& only = choice.only;
    auto meetings = std::make_shared<std::vector<SessionExport>>();
    if (choice.sessions) {
        for (const MeetingSession& m : store.sessions()) {
            if (only && m.consultation_id != *only) continue;
            SessionExport e{*store.session_record(m.id), store.session_responses(m.id), {}};
            // Without its definition a poll's options nobody voted for cannot be named; the
            // export goes ahead with what was counted.
            try {
                e.consultation = store.consultation(m.consultation_id, m.consultation_version);
                if (!e.consultation) {
                    warnings << "fieldvoice export: warning: consultation " << m.consultation_id
                             << " v" << m.consultation_version
                             << " is not stored; the polls of meeting session '" << m.title
                             << "' show only the options someone voted for\n";
                }
            } catch (const StoreError& problem) {
                warnings << "fieldvoice export: warning: " << problem.what()
                         << "; the polls of meeting session '" << m.title
                         << "' show only the options someone voted for\n";
            }
            meetings->push_back(std::move(e));
        }
        std::reverse(meetings->begin(), meetings->end());  // oldest first, as they happened
    }
    auto versions = std::make_shared<std::vector<Consultation>>();
    std::size_t known_versions = 0;
    for (const ConsultationRef& ref : store.consultations()) {
        if (only && ref.id != *only) continue;
        ++known_versions;
        if (choice.format != "csv") continue;  // JSON needs no question columns
        // A definition that later rules refuse must not keep the data from leaving the device.
        try {
            if (auto c = store.consultation(ref.id, ref.version))
                versions->push_back(std::move(*c));
        } catch (const StoreError& e) {
            warnings << "fieldvoice export: warning: " << e.what()
                     << "; its questions get no columns of their own\n";
        }
    }
    const auto stored = store.responses(only);
    if (only && known_versions == 0 && stored.empty()) {
        throw std::runtime_error("no consultation \"" + *only + "\" in the database at " +
                                 store.path().string());
    }
    auto rows = std::make_shared<std::vector<ExportRow>>();
    if (!choice.sessions) {
        rows->reserve(stored.size());
        for (const StoredResponse& s : stored) {
            ExportRow row{s.response, {{"state", std::string(to_string(s.state))}}};
            // CSV cannot carry the box usefully; it says there is one. JSON keeps `sealed`.
            if (choice.format == "csv")
                row.extra.push_back({"sealed", s.response.sealed ? "yes" : ""});
            if (s.state == SyncState::Quarantined) {
                row.extra.push_back({"quarantine_code", s.quarantine_code});
                row.extra.push_back({"quarantine_message", s.quarantine_message});
            }
            rows->push_back(std::move(row));
        }
    }
    ExportWriter writer;
    writer.what = choice.sessions ? plural(meetings->size(), "meeting session", "meeting sessions")
                                  : plural(rows->size(), "response", "responses");
    const bool csv = choice.format == "csv";
    const bool sessions = choice.sessions;
    writer.write = [=](std::ostream& to) {
        if (sessions) {
            if (csv) {
                write_sessions_csv(to, *meetings);
            } else {
                write_sessions_json(to, *meetings);
            }
        } else if (csv) {
            write_csv(to, *versions, *rows);
        } else {
            write_json(to, *rows);
        }
    };
    return writer;
}

void write_file_durably(const std::filesystem::path& target,
                        const std::function<void(std::ostream&)>& write) {
    std::filesystem::path partial = target;
    partial += ".part";
    auto give_up = [&](const std::string& reason) {
        std::error_code ignored;
        std::filesystem::remove(partial, ignored);
        throw std::runtime_error("cannot write " + target.string() + ": " + reason);
    };
    {
        std::ofstream file(partial, std::ios::binary | std::ios::trunc);
        if (!file) {
            throw std::runtime_error("cannot create " + partial.string() + ": " +
                                     std::strerror(errno));
        }
        write(file);
        file.flush();
        if (!file) {
            const std::string reason = std::strerror(errno);
            file.close();
            give_up(reason);
        }
    }
    // The data on the disk before the name: a stick pulled after this shows the old file or
    // the whole new one, never a short one under the final name.
    if (const std::string reason = sync_path(partial, O_RDONLY); !reason.empty()) give_up(reason);
    std::error_code ec;
    std::filesystem::rename(partial, target, ec);
    if (ec) give_up(ec.message());
    const auto folder = target.has_parent_path() ? target.parent_path() : ".";
    if (const std::string reason = sync_path(folder, O_RDONLY | O_DIRECTORY); !reason.empty()) {
        throw std::runtime_error("cannot make the new name of " + target.string() +
                                 " durable: " + reason);
    }
}

}  // namespace fv
