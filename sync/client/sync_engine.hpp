// The device's sync engine (PROTOCOL.md): sends queued responses to fieldvoice-central in
// batches, applies per-item results, pulls consultations, on a worker thread or on demand.
// No ImGui here: the officer screen and `fieldvoice sync` both drive this one class.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/store/store.hpp"
#include "sync/client/http_client.hpp"

namespace fv {

// Setting keys the engine reads and writes (shared with the officer screen).
inline constexpr const char* kSettingStoreUrl = "store_url";
inline constexpr const char* kSettingDeviceId = "device_id";
inline constexpr const char* kSettingDeviceToken = "device_token";  // never logged
inline constexpr const char* kSettingCaBundle = "ca_bundle";
inline constexpr const char* kSettingConsultationsEtag = "consultations_etag";
inline constexpr const char* kSettingOutcomesEtag = "outcomes_etag";
inline constexpr const char* kSettingErasuresEtag = "erasures_etag";  // docs/receipt.md
// kSettingLastSyncAt and kSettingLastError live in core/store/store.hpp.

// How a sync pass ended. Each maps to what PROTOCOL.md's error table says the device does.
enum class SyncOutcome {
    Done,         // everything queued when the pass began was acknowledged or quarantined
    NotEnrolled,  // no store address or token yet
    EnrolAgain,   // 401: the token is unknown or revoked; stop until enrolled again
    Refused,      // 400, 403, 404 or another unexpected status: stop, show the message
    RateLimited,  // 429: try again after retry_after
    Transient,    // 5xx, timeout, no connection, TLS failure: back off and retry
    Cancelled,    // the cancel flag was raised
    LocalError,   // the device database failed
};
std::string_view to_string(SyncOutcome outcome);

struct SyncReport {
    SyncOutcome outcome = SyncOutcome::Done;
    std::string message;                       // plain words, for a person; "" when Done
    std::chrono::milliseconds retry_after{0};  // for RateLimited
    std::int64_t sent = 0;                     // responses that got a result
    std::int64_t stored = 0, duplicate = 0, rejected = 0;
    int batches = 0;                       // POSTs that came back with results
    int halvings = 0;                      // 413s answered by halving the batch
    int consultations_saved = 0;           // definitions received and valid (new or not)
    int consultations_skipped = 0;         // received but failed validation
    bool consultations_unchanged = false;  // 304 on If-None-Match
    int outcomes_kept = -1;                // you-said-we-did entries kept; -1: unchanged or none
                                           // fetched (304, or a store without them)
    std::string clock_warning;             // set when the store's clock is more than 5 min away
    int attempts = 1;                      // passes made by run()
    // Meeting sessions sent before the responses (stored or duplicate), and refused ones.
    int sessions_sent = 0, sessions_rejected = 0;
    // Responses deleted because an officer erased them on the store (a resend refused `erased`,
    // or the store's list of erasures; docs/receipt.md).
    int erased = 0;
};

// What the UI shows, copied out under a lock (never a reference into the worker's state).
struct SyncStatus {
    enum class Activity { Idle, Syncing, Waiting, Stopped };
    Activity activity = Activity::Idle;
    std::int64_t sent = 0, total = 0;  // progress of the pass in hand
    std::string last_success_at;       // RFC 3339, "" when never
    std::string last_error;            // plain words, "" when the last pass went well
    std::string clock_warning;
    QueueCounts counts;
    std::optional<SyncOutcome> last_outcome;
    std::chrono::system_clock::time_point next_attempt{};  // when Waiting
};

struct SyncOptions {
    std::size_t batch_size = 500;  // clamped to 1..protocol::kMaxBatch
    std::chrono::milliseconds backoff_base{2000};
    std::chrono::milliseconds backoff_cap{600000};
    std::chrono::milliseconds auto_interval{60000};  // the worker's periodic check
    std::chrono::seconds max_clock_skew{300};
    HttpOptions http;  // ca_bundle is taken from the "ca_bundle" setting when set there
    // Injected for tests; defaults: the system clock, a seeded mt19937_64, and a wait that
    // sleeps on a condition variable woken by cancel() and stop().
    std::function<std::chrono::system_clock::time_point()> now;
    std::function<double()> random01;
    std::function<void(std::chrono::milliseconds)> wait;
    // One line a call, never holding the token. Default: none.
    std::function<void(const std::string&)> log;
    // Called after each batch with (sent, total). Default: none.
    std::function<void(std::int64_t, std::int64_t)> on_progress;
    // Called (on the engine's thread, no lock held) whenever status() has changed: a pass
    // began, ended, or started waiting. The kiosk wakes its event loop with it. It may read
    // status(); it must not call start/stop/sync_now/cancel. Default: none.
    std::function<void()> on_status;
};

struct EnrolResult {
    bool ok = false;
    std::string message;  // plain words on failure; "Enrolled with <store name>" on success
    std::string device_id, store_name;
};

class SyncEngine {
  public:
    // Opens its own connection to the device database at `db_path` on first use.
    explicit SyncEngine(std::filesystem::path db_path, SyncOptions options = {});
    ~SyncEngine();  // stops the worker
    SyncEngine(const SyncEngine&) = delete;
    SyncEngine& operator=(const SyncEngine&) = delete;

    // One pass on the calling thread: health, sessions, responses, consultations.
    SyncReport run_once();
    // Passes until Done or a stopping outcome; Transient and RateLimited passes wait
    // (backoff with jitter, or Retry-After) and retry, up to `max_attempts` passes in all.
    SyncReport run(int max_attempts);

    // POSTs devices/enrol and saves store_url, device_id and device_token in the settings.
    EnrolResult enrol(const std::string& store_url, const std::string& code,
                      const std::string& device_name);

    // The worker: a pass every auto_interval (when enrolled), on sync_now(), with backoff
    // after transient failures; a stopping outcome pauses the periodic passes until sync_now().
    void start();
    void stop();
    void sync_now();
    void cancel();  // aborts the pass in hand between batches and inside a transfer

    SyncStatus status() const;
    std::int64_t progress_sent() const { return sent_.load(); }
    std::int64_t progress_total() const { return total_.load(); }
    // TCP connections opened so far (keep-alive keeps this far below the number of requests).
    long connections_opened() const;

  private:
    struct Pass;
    SyncReport pass();
    Store& store();
    void wait_for(std::chrono::milliseconds delay);
    void worker_loop();
    void finish(const SyncReport& report);
    void set_activity(SyncStatus::Activity activity,
                      std::optional<std::chrono::system_clock::time_point> next_attempt = {});
    void status_changed() const;
    void say(const std::string& line) const;

    std::filesystem::path db_path_;
    SyncOptions options_;
    std::unique_ptr<Store> store_;
    std::unique_ptr<HttpClient> http_;
    std::mutex run_mutex_;  // one pass (or enrolment) at a time

    std::atomic<bool> cancel_{false};
    std::atomic<std::int64_t> sent_{0}, total_{0};

    mutable std::mutex status_mutex_;
    SyncStatus status_;

    std::mutex wake_mutex_;
    std::condition_variable wake_;
    bool stopping_ = false, now_requested_ = false, paused_ = false;
    std::thread worker_;
};

}  // namespace fv
