// What the store's web console keeps and reads: users (Argon2id password hashes), sign-in sessions
// (SHA-256 of the cookie only), the audit log, failed sign-ins, and the views of consultations,
// responses and devices its pages show. Its own SQLite connection on the store's file (WAL), so
// that pages never wait behind a batch being written; the tables are made by CentralDb::open.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "sync/central/central_db.hpp"

namespace fv::central {

// viewer (a councillor) < officer < admin: each role may do all the one before it may.
enum class UserRole { Viewer = 0, Officer = 1, Admin = 2 };
std::string_view to_string(UserRole role);
std::optional<UserRole> user_role_from_string(std::string_view name);

struct User {
    std::int64_t id = 0;
    std::string email, name;
    UserRole role = UserRole::Viewer;
    bool must_change = false;  // signed in with a one-time password: change it first
    std::string created_at;
};

// A signed-in browser: who, and the token every form of theirs must carry.
struct WebSession {
    User user;
    std::string csrf;
};

// Bad input from an officer (a duplicate e-mail, a weak password): the message says what to do.
struct ConsoleInputError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Which responses a results page or download covers. Empty strings and version 0 mean "all";
// dates are YYYY-MM-DD, inclusive, compared with the day of submitted_at (UTC).
struct ResponseFilter {
    int version = 0;
    std::string division, mode, language, from, to;
};

struct VersionStats {
    int version = 0;
    std::string published_at;
    std::int64_t responses = 0;
};

struct ConsultationStats {
    std::string id;
    std::vector<VersionStats> versions;  // oldest first
    std::int64_t all = 0, last_7_days = 0, devices = 0;
};

struct DeviceRow {
    std::string id, name, division, enrolled_at, revoked_at, last_upload;
    std::int64_t responses = 0;
    // Its last status report (docs/device-status.md); reported_at "" when it never sent one.
    std::string app_version, reported_at;
    std::int64_t queued = 0, quarantined = 0, sessions_queued = 0;
    // The later of its last upload and its last report, "" when neither.
    std::string last_seen() const { return std::max(last_upload, reported_at); }
};

// A consultation's reference population (census shares or similar), as an officer uploaded it.
struct ReferenceFile {
    std::string csv, file_name, uploaded_by, uploaded_at;
};

// Which texts in people's own words the words page shows: the results' filter, plus a theme
// tag, a kind ("answer", "other", "note") and a full-text search. `match` is an FTS5 query
// already made safe (words_match_query); empty means no search.
struct WordFilter {
    ResponseFilter responses;
    std::string theme, kind, match;
};

// One text with where it came from (own_words.hpp); division and session title as they are now.
struct WordRow {
    std::int64_t id = 0;
    std::string kind, mode, question_id, session_id, session_title, organisation, division,
        language, said_at, text;
    int consultation_version = 0;
    bool quotable = false;
    std::vector<std::string> themes;  // its tags, sorted
};

struct WordPage {
    std::int64_t total = 0;  // texts the filter selects, all pages
    std::vector<WordRow> rows;
    // Over the texts the filter selects, leaving out its theme: how many carry each theme
    // (themes with none left out), and how many carry none.
    std::vector<std::pair<std::string, std::int64_t>> by_theme;
    std::int64_t untagged = 0;
};

// What a tag is put on.
struct WordRef {
    std::int64_t id = 0;
    std::string consultation_id, kind, text;
    int consultation_version = 0;
};

// Turns what a person typed into an FTS5 query that cannot be a syntax error: each word quoted
// as a phrase (quotes inside doubled), all of them required. "" when nothing but spaces.
std::string words_match_query(const std::string& typed);

// A stored response found by its receipt's reference (docs/receipt.md): where and when it was
// given, never its answers.
struct ResponseByReference {
    std::string id, reference, consultation_id, device_name, division, mode, submitted_at,
        stored_at;
    int consultation_version = 0;
};

// The tombstone of a response an officer erased: kept so that a resend of it is refused and the
// device it came from deletes its copy.
struct Erasure {
    std::string response_id, reference, consultation_id, device_id, content_hash, erased_at,
        erased_by;
};

// What a reference finds: the responses stored with it (normally one; references are random, not
// unique) and those erased already.
struct ReferenceMatches {
    std::vector<ResponseByReference> stored;
    std::vector<Erasure> erased;
};

enum class EraseOutcome { Erased, AlreadyErased, NotFound };
struct EraseResult {
    EraseOutcome outcome = EraseOutcome::NotFound;
    Erasure erasure;         // the tombstone kept now, or the earlier one
    std::int64_t texts = 0;  // its texts in people's own words that went with it
    // The one-tap pulse response it continued (docs/pulse.md) was erased with it (or, not
    // stored yet, given its tombstone).
    bool pulse_erased = false;
};

struct AuditRow {
    std::string at, who, action, detail, address;
};

class ConsoleDb {
  public:
    // Opens a second connection on the store's database (made by CentralDb::open first).
    static std::unique_ptr<ConsoleDb> open(const std::filesystem::path& path);
    ~ConsoleDb();
    ConsoleDb(const ConsoleDb&) = delete;
    ConsoleDb& operator=(const ConsoleDb&) = delete;

    // -- users. add_user returns the one-time password (shown once, only its hash kept).
    std::string add_user(const std::string& email, const std::string& name, UserRole role);
    // The user when the password is right; nullopt for a wrong password or unknown e-mail (the
    // same work is done either way, so the answer's time does not tell which).
    std::optional<User> check_password(const std::string& email, const std::string& password);
    // Throws ConsoleInputError when the new password is too short.
    void set_password(std::int64_t user_id, const std::string& password);
    std::vector<User> users();

    // -- failed sign-ins, kept per key ("account:EMAIL", "address:IP"): seconds to wait when any
    // key has `max_failures` failures within `window`, else nullopt.
    std::optional<std::int64_t> sign_in_retry_after(const std::vector<std::string>& keys,
                                                    std::int64_t now, int max_failures = 5,
                                                    std::int64_t window = 600);
    void sign_in_failed(const std::vector<std::string>& keys, std::int64_t now);

    // -- sessions: the cookie's token is returned once; the database has its SHA-256.
    struct NewSession {
        std::string token, csrf;
    };
    NewSession start_session(std::int64_t user_id, std::int64_t now);
    // The session when it is live (not ended, used within `idle_limit`), touching it.
    std::optional<WebSession> session(const std::string& token, std::int64_t now,
                                      std::int64_t idle_limit);
    void end_session(const std::string& token, std::int64_t now);
    // Ends every session of a user but `keep` (after a password change).
    void end_other_sessions(std::int64_t user_id, const std::string& keep, std::int64_t now);

    // -- audit log: who, when, what.
    void audit(const std::string& who, const std::string& action, const std::string& detail,
               const std::string& address);
    std::vector<AuditRow> audit_log(int limit);

    // -- consultations and responses
    std::vector<ConsultationStats> consultation_stats(std::chrono::system_clock::time_point now);
    std::optional<std::string> definition(const std::string& id, int version);
    std::vector<std::string> divisions();  // the divisions devices carry, sorted, no ""
    void for_each_response(const std::string& consultation_id, const ResponseFilter& filter,
                           const std::function<void(const StoredRow&)>& fn);
    // The ids of the responses a stored response of the consultation continues (docs/pulse.md),
    // each with whether `filter` selects a response that continues it (the results counted from
    // the JSON leave such a pulse response out).
    std::map<std::string, bool> continued_pulses(const std::string& consultation_id,
                                                 const ResponseFilter& filter);
    // For the answer index (answer_index.hpp): up to `limit` responses of any consultation
    // stored after seq `after`, in seq order; every version of every consultation; each
    // device's division now (no division: "").
    struct StoredSince {
        std::int64_t seq = 0;
        std::string consultation_id;
        int version = 0;
        std::string device_id, mode, day, body;  // day: YYYY-MM-DD of submitted_at
        bool flagged = false;                    // flagged rapid_repeat by its device
        // docs/pulse.md: a pulse response's own id ("" for other modes); the id of the pulse
        // response this one continues ("" when none) and that pulse's seq when it is stored in
        // the same consultation (0 when not, or not yet).
        std::string pulse_id, continues;
        std::int64_t continues_seq = 0;
    };
    std::vector<StoredSince> responses_since(std::int64_t after, int limit);
    struct Definition {
        std::string id;
        int version = 0;
        std::string json;
    };
    std::vector<Definition> definitions();
    std::map<std::string, std::string> device_divisions();

    // -- the reference population of a consultation's representation table (one, replaced)
    void set_reference(const std::string& consultation_id, const ReferenceFile& file);
    std::optional<ReferenceFile> reference(const std::string& consultation_id);

    // -- meeting sessions and partner submissions, newest first
    struct SessionRow {
        std::string id, device_id, division, stored_at, body;  // body: the session's JSON
        std::int64_t responses = 0;  // responses that name the session (pass-round answers)
    };
    std::vector<SessionRow> sessions();
    std::optional<SessionRow> session_by_id(const std::string& id);
    // Every partner submission (mode "partner") of every consultation, with the device's division.
    void for_each_partner_response(
        const std::function<void(const StoredRow&, const std::string& division)>& fn);
    // -- texts in people's own words, newest first, `limit` from `offset`
    WordPage own_words(const std::string& consultation_id, const WordFilter& filter,
                       std::int64_t offset, int limit);
    std::optional<WordRef> own_word(std::int64_t id);
    // Finds the texts of at most `limit` responses and sessions stored since the last look, in
    // one transaction (the background's step); true when none is left.
    bool find_own_words(std::int64_t limit);
    // True when the tag was added (false: it was there already); untag: true when removed.
    bool tag_own_word(std::int64_t id, const std::string& theme, const std::string& who);
    bool untag_own_word(std::int64_t id, const std::string& theme);

    // -- erasure by reference (console_erase_db.cpp). `reference` is normalised already.
    ReferenceMatches find_by_reference(const std::string& reference);
    // Adds the references of the responses stored since the last look to response_references
    // (the background's step; find_by_reference does it too), in one transaction.
    void find_references();
    std::optional<Erasure> erasure(const std::string& response_id);
    // In one transaction: the response, its texts, their tags and search entries deleted, the
    // tombstone kept and the audit line ("erase response") written; and the same for the pulse
    // response it continues, if it continues one (the same person's tap).
    EraseResult erase_response(const std::string& response_id, const std::string& who,
                               const std::string& address);
    // For the answer index: the erasures since `after` (their seq), oldest first.
    struct ErasedSince {
        std::int64_t seq = 0;
        std::string consultation_id;
        std::int64_t response_seq = 0;
    };
    std::vector<ErasedSince> erased_since(std::int64_t after);
    // How many people a consultation heard, every version (the public page): its responses,
    // less the pulse responses a stored response of it continues (docs/pulse.md).
    std::int64_t response_count(const std::string& consultation_id);

    // -- devices
    std::vector<DeviceRow> devices();
    std::optional<DeviceRow> device(const std::string& id);
    bool set_division(const std::string& device_id, const std::string& division);

  private:
    explicit ConsoleDb(sqlite3* db) : db_(db) {}
    // Finds the own words of what was stored since the last look (own_words.hpp); mutex_ held.
    void catch_up_words();
    // The same for the references (console_erase_db.cpp); mutex_ held.
    void catch_up_references();
    sqlite3* db_ = nullptr;
    std::mutex mutex_;
};

// Unix seconds now, for the methods above.
std::int64_t unix_now();

}  // namespace fv::central
