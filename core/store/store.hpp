// The device's local store: one SQLite database in WAL mode (DESIGN.md, "Local store rules").
// Consultations (every version), responses with their sync state, settings and an audit log.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/model/consultation.hpp"
#include "core/model/outcome.hpp"
#include "core/model/response.hpp"
#include "core/store/session.hpp"

struct sqlite3;

namespace fv {

// A storage failure that means a bug or a broken disk; caught at one boundary in each program.
class StoreError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Mapped to the `state` column as these integers; never compare strings by hand.
enum class SyncState : int { Queued = 0, Synced = 1, Quarantined = 2 };
std::string_view to_string(SyncState state);

struct StoredResponse {
    std::int64_t seq = 0;  // capture order
    Response response;
    SyncState state = SyncState::Queued;
    std::string quarantine_code;     // set when quarantined
    std::string quarantine_message;  // the store's reason, for the officer
};

// A queued response as the sync engine sends it: its stored wire JSON, unparsed.
struct QueuedWire {
    std::int64_t seq = 0;  // capture order
    std::string id;
    std::string wire;  // exactly Response::to_json().dump() as stored at submit
};

struct QueueCounts {
    std::int64_t queued = 0, synced = 0, quarantined = 0;
};

struct ConsultationRef {
    std::string id;
    int version = 0;
    std::string title;  // in the default language
};

// One per-item result from the store (PROTOCOL.md, POST /responses).
enum class ItemStatus { Stored, Duplicate, Rejected };
struct ItemResult {
    std::string id;
    ItemStatus status = ItemStatus::Rejected;
    std::string error_code, error_message;  // for Rejected
};

class Store {
  public:
    // Opens or creates the database, sets WAL and synchronous=FULL, runs migrations.
    // Throws StoreError with a plain-words reason.
    static std::unique_ptr<Store> open(const std::filesystem::path& db_path);
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    const std::filesystem::path& path() const { return path_; }
    int schema_version();

    // -- consultations: every version kept; saving one already there is a no-op.
    void save_consultation(const Consultation& consultation);
    std::optional<Consultation> consultation(const std::string& id, int version);
    std::optional<Consultation> latest_consultation(const std::string& id);
    std::vector<ConsultationRef> consultations();  // every stored version, by id then version

    // -- responses
    // Durable on return: committed with synchronous=FULL. Throws StoreError on failure.
    void submit(const Response& response);
    QueueCounts counts();
    // Oldest first (capture order). A response naming a meeting session that is stored here and
    // not yet synced waits for its session: it is not in this list until the session is sent.
    std::vector<StoredResponse> queued(int limit);
    // Up to `limit` queued responses with seq > after_seq, oldest first, as stored. A row whose
    // saved form is not JSON throws StoreError (as queued() does), so it is never sent. Held back
    // with their session as queued() holds them.
    std::vector<QueuedWire> queued_wire(std::int64_t after_seq, int limit);
    std::vector<StoredResponse> quarantined();
    // Every response, capture order; only those of one consultation when given.
    std::vector<StoredResponse> responses(const std::optional<std::string>& consultation_id = {});
    std::optional<StoredResponse> response(const std::string& id);
    // Applies a batch's results in one transaction: Stored/Duplicate -> synced,
    // Rejected -> quarantined with the reason, but Rejected with the code "erased" (an officer
    // erased it on the store, docs/receipt.md) -> deleted, with an audit line. Unknown ids are
    // ignored. Returns how many were deleted.
    int apply_results(const std::vector<ItemResult>& results);
    // Deletes the responses with these ids whatever their state, in one transaction, with one
    // audit line naming them (never their answers): the store erased them. Ids not held are
    // ignored; returns how many went.
    int erase_responses(const std::vector<std::string>& ids);
    // Deletes synced responses older than their consultation's retention_days. Never touches
    // queued or quarantined ones. Returns how many went.
    int purge_expired(std::chrono::system_clock::time_point now);

    // -- meeting sessions (store_sessions.cpp). Each call is durable on return (its own commit
    // with synchronous=FULL). Anything that would change an ended session throws StoreError
    // saying so; so does naming a session, note or idea that is not stored.
    std::string start_session(const SessionDraft& draft);  // returns the new session's id
    std::optional<MeetingSession> session(const std::string& id);
    std::vector<MeetingSession> sessions();  // newest first
    void end_session(const std::string& id);
    // A session's title, place, division and facilitator, changed while it is open (its
    // consultation stays); a title is still required.
    void change_session_details(const std::string& id, const SessionDraft& details);
    std::string add_note(const std::string& session_id, const NoteDraft& note);  // the note's id
    void edit_note(const std::string& note_id, const NoteDraft& note);
    std::vector<SessionNote> notes(const std::string& session_id);  // newest first
    // Adds `delta` to an option's show-of-hands count (never below 0); returns the new count.
    int change_tally(const std::string& session_id, const std::string& question_id,
                     const std::string& option, int delta);
    std::vector<TallyCount> tallies(const std::string& session_id);
    std::string add_idea(const std::string& session_id, const std::string& text);
    std::vector<Idea> ideas(const std::string& session_id);  // in the order gathered, with dots
    // Voters are numbered from 1 by the dot-voting screen, one number a person.
    void add_dot(const std::string& session_id, const std::string& idea_id, int voter);
    bool remove_dot(const std::string& session_id, const std::string& idea_id, int voter);
    bool remove_last_dot(const std::string& session_id, int voter);  // the voter's latest
    int dots_of(const std::string& session_id, int voter);
    // The voter's own dots on each idea (idea id -> dots); ideas without one are left out.
    std::map<std::string, int> dots_by_idea(const std::string& session_id, int voter);
    std::optional<SessionRecord> session_record(const std::string& id);
    // Partner organisations named in any session's notes on this device, by name.
    std::vector<std::string> partner_organisations();
    // The responses that name a session (pass-round answers), capture order.
    std::vector<StoredResponse> session_responses(const std::string& session_id);
    // Ended sessions not yet acknowledged by the central store, oldest first (PROTOCOL.md: a
    // session goes up before any response that names it; an open one is never sent).
    std::vector<SessionRecord> sessions_to_send(int limit);
    // As apply_results, for sessions: Stored/Duplicate -> synced, Rejected -> quarantined.
    void apply_session_results(const std::vector<ItemResult>& results);

    // -- "you said, we did": the store's newest list replaces the one kept (one transaction);
    // outcomes() in the store's order, only one consultation's when given.
    void replace_outcomes(const std::vector<Outcome>& outcomes);
    std::vector<Outcome> outcomes(const std::optional<std::string>& consultation_id = {});

    // -- settings: small key/value pairs (enrolment, active consultation, PIN hash, last sync)
    std::optional<std::string> setting(const std::string& key);
    void set_setting(const std::string& key, const std::string& value);
    void erase_setting(const std::string& key);

    // -- audit log: what an officer did, never personal data or secrets
    void audit(const std::string& event, const std::string& detail = "");
    struct AuditEntry {
        std::string at, event, detail;
    };
    // Newest first; `offset` skips that many of the newest (a page of an officer's list).
    std::vector<AuditEntry> audit_log(int limit, int offset = 0);

    sqlite3* handle() { return db_; }  // for migrations' tests and benchmarks

  private:
    Store(std::filesystem::path path, sqlite3* db);
    std::filesystem::path path_;
    sqlite3* db_ = nullptr;
    // One connection may serve the UI and the sync worker; a transaction must not interleave.
    std::recursive_mutex mutex_;
};

// Setting keys shared by the sync engine (writer) and the status views (readers).
inline constexpr const char* kSettingLastSyncAt = "last_sync_at";  // RFC 3339
inline constexpr const char* kSettingLastError = "last_error";     // a sentence for a person

// The database file inside a data directory: DIR/fieldvoice.db.
std::filesystem::path database_path(const std::filesystem::path& data_dir);

// Where a device keeps its data: $XDG_DATA_HOME/fieldvoice or ~/.local/share/fieldvoice.
// Throws StoreError when neither variable gives an absolute path.
std::filesystem::path default_data_dir();

}  // namespace fv
