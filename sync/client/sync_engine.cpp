// The SyncEngine's life: passes on demand or on its worker thread, retries with backoff,
// enrolment, and the status snapshot the officer screen reads.
#include "sync/client/sync_engine.hpp"

#include <algorithm>

#include "core/util/ids.hpp"
#include "sync/client/backoff.hpp"
#include "sync/protocol/protocol.hpp"

namespace fv {

std::string_view to_string(SyncOutcome outcome) {
    switch (outcome) {
        case SyncOutcome::Done:
            return "done";
        case SyncOutcome::NotEnrolled:
            return "not_enrolled";
        case SyncOutcome::EnrolAgain:
            return "enrol_again";
        case SyncOutcome::Refused:
            return "refused";
        case SyncOutcome::RateLimited:
            return "rate_limited";
        case SyncOutcome::Transient:
            return "transient";
        case SyncOutcome::Cancelled:
            return "cancelled";
        case SyncOutcome::LocalError:
            return "local_error";
    }
    return "unknown";
}

SyncEngine::SyncEngine(std::filesystem::path db_path, SyncOptions options)
    : db_path_(std::move(db_path)), options_(std::move(options)) {
    if (!options_.now) options_.now = [] { return std::chrono::system_clock::now(); };
    if (!options_.wait) options_.wait = [this](std::chrono::milliseconds d) { wait_for(d); };
    http_ = std::make_unique<HttpClient>(options_.http);
    http_->set_cancel_flag(&cancel_);
}

SyncEngine::~SyncEngine() {
    stop();
}

Store& SyncEngine::store() {
    if (!store_) store_ = Store::open(db_path_);
    return *store_;
}

void SyncEngine::say(const std::string& line) const {
    if (options_.log) options_.log(line);
}

long SyncEngine::connections_opened() const {
    return http_->connections_opened();
}

void SyncEngine::wait_for(std::chrono::milliseconds delay) {
    std::unique_lock lock(wake_mutex_);
    wake_.wait_for(lock, delay, [this] { return stopping_ || cancel_.load(); });
}

void SyncEngine::finish(const SyncReport& report) {
    std::string last_success;
    QueueCounts counts;
    try {
        Store& local = store();
        if (report.outcome == SyncOutcome::Done) {
            last_success = format_rfc3339(options_.now());
            local.set_setting(kSettingLastSyncAt, last_success);
            local.erase_setting(kSettingLastError);
        } else if (report.outcome != SyncOutcome::Cancelled) {
            local.set_setting(kSettingLastError, report.message);
        }
        if (last_success.empty()) last_success = local.setting(kSettingLastSyncAt).value_or("");
        counts = local.counts();
    } catch (const std::exception& e) {
        say(std::string("could not record the sync result: ") + e.what());
    }
    std::lock_guard lock(status_mutex_);
    status_.last_outcome = report.outcome;
    status_.last_success_at = last_success;
    status_.last_error = report.outcome == SyncOutcome::Done ? "" : report.message;
    if (report.outcome == SyncOutcome::Cancelled) status_.last_error = "";
    if (!report.clock_warning.empty() || report.outcome == SyncOutcome::Done) {
        status_.clock_warning = report.clock_warning;
    }
    status_.counts = counts;
    status_.sent = sent_;
    status_.total = total_;
}

void SyncEngine::set_activity(SyncStatus::Activity activity,
                              std::optional<std::chrono::system_clock::time_point> next_attempt) {
    {
        std::lock_guard lock(status_mutex_);
        status_.activity = activity;
        if (next_attempt) status_.next_attempt = *next_attempt;
    }
    status_changed();
}

void SyncEngine::status_changed() const {
    if (options_.on_status) options_.on_status();
}

SyncReport SyncEngine::run_once() {
    return run(1);
}

SyncReport SyncEngine::run(int max_attempts) {
    std::lock_guard run_lock(run_mutex_);
    cancel_ = false;  // a cancel() belongs to the run it interrupted, not to the next one
    Backoff backoff(options_.backoff_base, options_.backoff_cap, options_.random01);
    SyncReport total;  // counts summed over the attempts
    for (int attempt = 1;; ++attempt) {
        set_activity(SyncStatus::Activity::Syncing);
        SyncReport report = pass();
        total.sent += report.sent;
        total.stored += report.stored;
        total.duplicate += report.duplicate;
        total.rejected += report.rejected;
        total.batches += report.batches;
        total.halvings += report.halvings;
        report.sent = total.sent;
        report.stored = total.stored;
        report.duplicate = total.duplicate;
        report.rejected = total.rejected;
        report.batches = total.batches;
        report.halvings = total.halvings;
        report.attempts = attempt;
        finish(report);
        const bool retry =
            report.outcome == SyncOutcome::Transient || report.outcome == SyncOutcome::RateLimited;
        if (!retry || attempt >= max_attempts || cancel_) {
            set_activity(SyncStatus::Activity::Idle);
            return report;
        }
        if (report.sent > 0 && report.outcome == SyncOutcome::Transient) backoff.reset();
        const auto delay =
            report.outcome == SyncOutcome::RateLimited ? report.retry_after : backoff.next();
        say(report.message + " (waiting " + std::to_string(delay.count()) + " ms)");
        set_activity(SyncStatus::Activity::Waiting, options_.now() + delay);
        options_.wait(delay);
        if (cancel_) {
            report.outcome = SyncOutcome::Cancelled;
            report.message = "Sync was cancelled.";
            finish(report);
            set_activity(SyncStatus::Activity::Idle);
            return report;
        }
    }
}

EnrolResult SyncEngine::enrol(const std::string& store_url, const std::string& code,
                              const std::string& device_name) {
    std::lock_guard run_lock(run_mutex_);
    EnrolResult result;
    if (auto problem = check_store_url(store_url)) {
        result.message = *problem;
        return result;
    }
    if (code.empty()) {
        result.message = "Type the one-time enrolment code an officer made on the store.";
        return result;
    }
    try {
        Store& local = store();
        HttpOptions http_options = options_.http;
        if (auto ca = local.setting(kSettingCaBundle); ca && !ca->empty()) {
            http_options.ca_bundle = *ca;
        }
        http_->set_options(http_options);
        cancel_ = false;
        const auto body = protocol::to_json(protocol::EnrolRequest{code, device_name}).dump();
        const auto reply =
            http_->post_json(join_url(store_url, protocol::kEnrolPath), {}, body, false);
        if (!reply.ok()) {
            result.message = "Could not reach the store at " + store_url + ": " +
                             reply.error_message + ". Check the address and the connection.";
            return result;
        }
        if (reply.status != 201 && reply.status != 200) {
            const auto error = protocol::parse_error_body(reply.body);
            if (reply.status == 403) {
                result.message =
                    "The store did not accept the code: it is unknown, used or "
                    "expired. Ask an officer for a new one.";
            } else if (reply.status == 429) {
                result.message = "Too many attempts: wait " +
                                 reply.header("retry-after").value_or("a few") +
                                 " seconds and try again.";
            } else {
                result.message = "The store refused the enrolment (HTTP " +
                                 std::to_string(reply.status) + ")" +
                                 (error ? ": " + error->message : std::string(".")) +
                                 " Check the store address.";
            }
            return result;
        }
        std::string problem;
        const auto parsed = protocol::parse_enrol_reply(reply.body, &problem);
        if (!parsed) {
            result.message = "The store's answer could not be read (" + problem +
                             "); is this the address of a Fieldvoice store?";
            return result;
        }
        local.set_setting(kSettingStoreUrl, store_url);
        local.set_setting(kSettingDeviceId, parsed->device_id);
        local.set_setting(kSettingDeviceToken, parsed->token);
        local.erase_setting(kSettingConsultationsEtag);  // a new store: pull everything
        local.erase_setting(kSettingLastError);
        local.audit("enrolled", "store " + store_url + ", device " + parsed->device_id);
        result.ok = true;
        result.device_id = parsed->device_id;
        result.store_name = parsed->store_name;
        result.message =
            "Enrolled with " + (parsed->store_name.empty() ? store_url : parsed->store_name) + ".";
    } catch (const std::exception& e) {
        result.message = std::string("The device's database could not be used: ") + e.what();
        return result;
    }
    {
        std::lock_guard lock(wake_mutex_);
        paused_ = false;
    }
    return result;
}

void SyncEngine::start() {
    std::lock_guard lock(wake_mutex_);
    if (worker_.joinable()) return;
    stopping_ = false;
    worker_ = std::thread([this] { worker_loop(); });
}

void SyncEngine::stop() {
    {
        std::lock_guard lock(wake_mutex_);
        stopping_ = true;
    }
    cancel_ = true;
    wake_.notify_all();
    if (worker_.joinable()) worker_.join();
}

void SyncEngine::sync_now() {
    {
        std::lock_guard lock(wake_mutex_);
        now_requested_ = true;
        paused_ = false;
    }
    wake_.notify_all();
}

void SyncEngine::cancel() {
    cancel_ = true;
    wake_.notify_all();
}

SyncStatus SyncEngine::status() const {
    std::lock_guard lock(status_mutex_);
    SyncStatus copy = status_;
    if (copy.activity == SyncStatus::Activity::Syncing) {
        copy.sent = sent_;
        copy.total = total_;
    }
    return copy;
}

void SyncEngine::worker_loop() {
    Backoff backoff(options_.backoff_base, options_.backoff_cap, options_.random01);
    auto next = std::chrono::steady_clock::now();  // a first pass at once
    std::unique_lock lock(wake_mutex_);
    while (!stopping_) {
        wake_.wait_until(lock, next, [this] { return stopping_ || now_requested_; });
        if (stopping_) break;
        const bool requested = now_requested_;
        now_requested_ = false;
        if (!requested && std::chrono::steady_clock::now() < next) continue;
        if (!requested && paused_) {
            next = std::chrono::steady_clock::now() + options_.auto_interval;
            continue;
        }
        lock.unlock();
        const SyncReport report = run(1);
        lock.lock();
        auto delay = options_.auto_interval;
        switch (report.outcome) {
            case SyncOutcome::Done:
            case SyncOutcome::NotEnrolled:
            case SyncOutcome::Cancelled:
                backoff.reset();
                break;
            case SyncOutcome::Transient:
                if (report.sent > 0) backoff.reset();
                delay = backoff.next();
                break;
            case SyncOutcome::RateLimited:
                delay = report.retry_after;
                break;
            case SyncOutcome::EnrolAgain:
            case SyncOutcome::Refused:
            case SyncOutcome::LocalError:
                paused_ = true;
                break;
        }
        next = std::chrono::steady_clock::now() + delay;
        set_activity(
            paused_ ? SyncStatus::Activity::Stopped
            : (report.outcome == SyncOutcome::Done || report.outcome == SyncOutcome::NotEnrolled)
                ? SyncStatus::Activity::Idle
                : SyncStatus::Activity::Waiting,
            options_.now() + delay);
    }
}

}  // namespace fv
