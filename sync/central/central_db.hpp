// The central store's database: devices, tokens (hashes only), enrolment codes, every version of
// every consultation, the responses and meeting sessions devices uploaded, and (schema 2) the
// web console's users, sessions and audit log, which ConsoleDb reads and writes. SQLite in WAL mode
// with synchronous=FULL; one connection shared by the server's threads behind a mutex.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/model/consultation.hpp"
#include "core/store/store.hpp"  // StoreError, ItemResult
#include "sync/protocol/protocol.hpp"

struct sqlite3;

namespace fv::central {

enum class Role { Device, Officer };

// Who a bearer token belongs to.
struct Caller {
    Role role = Role::Device;
    std::string device_id;  // for Role::Device
    std::string name;
};

// One uploaded item (response or session) after validation, ready to be stored. The content
// hash is over the canonical JSON, so a resend with the same content is a duplicate.
struct PreparedItem {
    std::string id;
    std::string content_hash;
    std::string body;  // canonical JSON
    // responses only
    std::string consultation_id;
    int consultation_version = 0;
    std::string mode;
    std::string submitted_at;
    std::optional<std::string> reference;  // the receipt's (docs/receipt.md)
    std::optional<std::string> continues;  // the pulse response it continues (docs/pulse.md)
    std::optional<std::string> flags;      // the JSON array of its flags, none when empty
};

struct StoredRow {
    std::int64_t seq = 0;
    std::string device_id;
    std::string stored_at;
    std::string body;  // the response's canonical JSON
};

// "You said, we did": one thing the council did about what people said (outcomes.hpp).
struct OutcomeEntry {
    std::int64_t id = 0;
    std::string consultation_id;
    std::map<std::string, std::string> text, easy_read;  // by language; easy_read optional
    std::string picture_png;                             // the PNG's bytes, or ""
    std::string theme;                                   // one of the consultation's, or ""
    std::string day;                                     // YYYY-MM-DD
    std::string created_by, created_at, withdrawn_by, withdrawn_at;
    bool withdrawn() const { return !withdrawn_at.empty(); }
};

enum class PublishOutcome { Stored, AlreadyPublished, ConflictingVersion };

class CentralDb {
  public:
    // Opens or creates the database; throws StoreError with a plain-words reason.
    static std::unique_ptr<CentralDb> open(const std::filesystem::path& path);
    ~CentralDb();
    CentralDb(const CentralDb&) = delete;
    CentralDb& operator=(const CentralDb&) = delete;

    // -- enrolment and tokens. Secrets are returned once and only their SHA-256 is kept.
    std::string make_enrol_code(const std::string& name, std::chrono::system_clock::time_point now,
                                std::chrono::seconds valid_for = std::chrono::hours(24),
                                const std::string& division = "");
    struct Enrolled {
        std::string device_id, token;
    };
    // nullopt when the code is unknown, used or expired.
    std::optional<Enrolled> enrol(const std::string& code, const std::string& device_name,
                                  std::chrono::system_clock::time_point now);
    std::string make_officer_token(const std::string& name);
    bool revoke_device(const std::string& device_id);              // false when unknown
    std::optional<Caller> authenticate(const std::string& token);  // nullopt: unknown or revoked
    // Keeps what a device reports holding, with the store's time (its last successful sync).
    void record_device_status(const std::string& device_id, const protocol::DeviceStatus& status);

    // -- consultations (every version kept, immutable once published)
    PublishOutcome publish(const Consultation& consultation);
    std::vector<std::string> latest_definitions();  // newest version of each, as JSON text
    // Parsed definitions are cached: a published version never changes.
    std::shared_ptr<const Consultation> consultation(const std::string& id, int version);
    std::vector<Consultation> versions(const std::string& id);  // oldest first

    // -- uploads: one transaction for the whole batch, committed before returning.
    // `results[i]` is filled for each items[i] (Stored, Duplicate, or Rejected conflict).
    void store_responses(const std::string& device_id, const std::vector<PreparedItem>& items,
                         std::vector<ItemResult>& results);
    void store_sessions(const std::string& device_id, const std::vector<PreparedItem>& items,
                        std::vector<ItemResult>& results);

    // -- "you said, we did" (outcomes.cpp). Newest day first; `consultation_id` "" for all.
    std::int64_t add_outcome(const OutcomeEntry& entry);
    std::vector<OutcomeEntry> outcomes(const std::string& consultation_id, bool withdrawn_too);
    std::optional<OutcomeEntry> outcome(std::int64_t id);
    // False when there is no such entry or it was withdrawn already.
    bool withdraw_outcome(std::int64_t id, const std::string& who);

    // -- erasures (docs/receipt.md): the responses erased on the console that came from a
    // device, oldest erasure first.
    struct Erased {
        std::string response_id, erased_at;
    };
    std::vector<Erased> erasures_of(const std::string& device_id);

    // -- officer views
    std::vector<StoredRow> responses_page(const std::string& consultation_id, std::int64_t after,
                                          int limit);
    // Calls `fn` for every stored response of a consultation, in the order stored.
    void for_each_response(const std::string& consultation_id,
                           const std::function<void(const StoredRow&)>& fn);
    std::int64_t count_responses();

    const std::filesystem::path& path() const { return path_; }

  private:
    CentralDb(std::filesystem::path path, sqlite3* db);
    // Group commit: batches arriving while another is being written are written together, in
    // one transaction and one fsync, by whichever caller is the leader; each caller returns once
    // the transaction holding its batch has committed (or throws if it failed).
    struct CommitRequest {
        bool sessions = false;
        const std::string* device_id = nullptr;
        const std::vector<PreparedItem>* items = nullptr;
        std::vector<ItemResult>* results = nullptr;
        bool done = false;
        std::exception_ptr error;
    };
    void store_items(bool sessions, const std::string& device_id,
                     const std::vector<PreparedItem>& items, std::vector<ItemResult>& results);
    void write_group(const std::vector<CommitRequest*>& group);

    std::filesystem::path path_;
    sqlite3* db_ = nullptr;
    std::mutex mutex_;
    std::mutex group_mutex_;
    std::condition_variable group_done_;
    std::vector<CommitRequest*> group_queue_;
    bool group_leader_ = false;
    std::mutex cache_mutex_;
    std::map<std::pair<std::string, int>, std::shared_ptr<const Consultation>> cache_;
};

// Lower-case hex SHA-256 of a secret or a response's canonical text.
std::string sha256_hex(std::string_view data);
// 32 random bytes, hex: a bearer token.
std::string new_token();
// "7KQ2-9XMD" from an alphabet without look-alikes; normalise_code undoes case and dashes.
std::string new_enrol_code();
std::string normalise_code(std::string_view code);

}  // namespace fv::central
