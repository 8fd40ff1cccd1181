// One sync pass: health (clock skew), sessions, responses in batches, consultations, the "you
// said, we did" entries, the responses erased on the store, and the device's status.
// Every failure becomes a SyncReport whose outcome says what PROTOCOL.md's table asks for.
#include <curl/curl.h>

#include <algorithm>
#include <cmath>
#include <future>
#include <unordered_set>

#include "core/model/consultation.hpp"
#include "core/util/ids.hpp"
#include "sync/client/sync_engine.hpp"
#include "sync/protocol/protocol.hpp"

namespace fv {
namespace {

using std::chrono::milliseconds;

// Retry-After is either delta-seconds or an HTTP date (RFC 9110).
milliseconds parse_retry_after(const std::optional<std::string>& value,
                               std::chrono::system_clock::time_point now) {
    constexpr milliseconds kDefault{60000};
    if (!value || value->empty()) return kDefault;
    if (std::all_of(value->begin(), value->end(), [](char c) { return c >= '0' && c <= '9'; })) {
        const long seconds = std::min(std::stol(value->substr(0, 9)), 86400L);
        return milliseconds(seconds * 1000);
    }
    const time_t when = curl_getdate(value->c_str(), nullptr);
    if (when < 0) return kDefault;
    const auto delta = std::chrono::system_clock::from_time_t(when) - now;
    return std::max(milliseconds(0), std::chrono::duration_cast<milliseconds>(delta));
}

std::string store_words(const HttpResponse& reply) {
    if (auto error = protocol::parse_error_body(reply.body)) {
        return error->message + " (" + error->code + ")";
    }
    return "no explanation was given";
}

}  // namespace

#ifndef FIELDVOICE_VERSION
#error "FIELDVOICE_VERSION names the app's version (sync/CMakeLists.txt)"
#endif
constexpr const char* kAppVersion = FIELDVOICE_VERSION;

// The state of one pass: what it read from the settings and what it has done so far.
struct SyncEngine::Pass {
    SyncEngine& engine;
    Store& store;
    HttpClient& http;
    std::string base_url, device_id, token;
    SyncReport report;

    std::map<std::string, std::string> auth() const {
        return {{"Authorization", "Bearer " + token}};
    }

    // Turns a failed request into the report PROTOCOL.md's error table asks for.
    SyncReport& fail(const HttpResponse& reply, const std::string& what) {
        auto& r = report;
        switch (reply.error) {
            case TransportError::Cancelled:
                r.outcome = SyncOutcome::Cancelled;
                r.message = "Sync was cancelled.";
                return r;
            case TransportError::Timeout:
                r.outcome = SyncOutcome::Transient;
                r.message = "The store did not answer in time (" + what +
                            "): " + reply.error_message + ". Will try again.";
                return r;
            case TransportError::Connection:
                r.outcome = SyncOutcome::Transient;
                r.message = "Could not reach the store at " + base_url + " (" + what +
                            "): " + reply.error_message +
                            ". Will try again when the connection is back.";
                return r;
            case TransportError::Tls:
                r.outcome = SyncOutcome::Transient;
                r.message = "The store's certificate could not be trusted, so nothing was sent (" +
                            reply.error_message +
                            "). Check the store address, the device's clock, and the CA bundle "
                            "setting (ca_bundle).";
                return r;
            case TransportError::Other:
                r.outcome = SyncOutcome::Refused;
                r.message = "Could not send the request to " + base_url + " (" + what +
                            "): " + reply.error_message + ". Check the store address.";
                return r;
            case TransportError::None:
                break;
        }
        const std::string status = "HTTP " + std::to_string(reply.status);
        if (reply.status == 401) {
            r.outcome = SyncOutcome::EnrolAgain;
            r.message =
                "This device must be enrolled again: the store no longer accepts its "
                "token (" +
                store_words(reply) +
                "). Ask an officer for a new enrolment "
                "code.";
        } else if (reply.status == 429) {
            r.outcome = SyncOutcome::RateLimited;
            r.retry_after = parse_retry_after(reply.header("retry-after"), engine.options_.now());
            r.message = "The store asked the device to slow down; it will try again in " +
                        std::to_string((r.retry_after.count() + 999) / 1000) + " s.";
        } else if (reply.status >= 500) {
            r.outcome = SyncOutcome::Transient;
            r.message = "The store had a problem (" + status + ", " + what +
                        "): " + store_words(reply) + ". Will try again.";
        } else {
            r.outcome = SyncOutcome::Refused;
            r.message = "The store refused the request (" + status + ", " + what +
                        "): " + store_words(reply) + ".";
        }
        return r;
    }

    bool check_health() {
        const auto reply = http.get(join_url(base_url, protocol::kHealthPath), {});
        if (!reply.ok() || reply.status != 200) {
            fail(reply, "health check");
            return false;
        }
        std::string problem;
        const auto health = protocol::parse_health(reply.body, &problem);
        std::chrono::system_clock::time_point server_time;
        if (!health || !parse_rfc3339(health->server_time, server_time)) {
            // Not fatal: an old or odd store still takes responses. Say so in the log.
            engine.say("the store's health reply could not be read: " + problem);
            return true;
        }
        const auto skew =
            std::chrono::duration_cast<std::chrono::seconds>(engine.options_.now() - server_time);
        if (std::chrono::abs(skew) > engine.options_.max_clock_skew) {
            const auto minutes = std::abs(skew.count()) / 60;
            report.clock_warning = "This device's clock is " + std::to_string(minutes) +
                                   " minutes " + (skew.count() > 0 ? "ahead of" : "behind") +
                                   " the store's: set the date and time, or responses will "
                                   "carry wrong times.";
            engine.say(report.clock_warning);
        }
        return true;
    }

    // Meeting sessions go up before any response that names them (PROTOCOL.md). Only ended
    // sessions are sent (an open one still changes); until its session is acknowledged, a
    // meeting's responses are held back by Store::queued. A failure stops the pass as
    // push_responses does, so no response overtakes its session.
    bool push_sessions() {
        const std::string url = join_url(base_url, protocol::kSessionsPath);
        std::size_t batch = std::clamp<std::size_t>(engine.options_.batch_size, 1, 50);
        while (true) {
            if (engine.cancel_) {
                report.outcome = SyncOutcome::Cancelled;
                report.message = "Sync was cancelled.";
                return false;
            }
            const auto pending = store.sessions_to_send(static_cast<int>(batch));
            if (pending.empty()) return true;
            protocol::SessionsBatch body{device_id, {}};
            for (const auto& record : pending) body.sessions.push_back(record.to_json());
            const std::string json = protocol::to_json(body).dump();
            const bool too_large = json.size() > protocol::kMaxBodyBytes;
            const auto reply = too_large ? HttpResponse{} : http.post_json(url, auth(), json, true);
            if (too_large || (reply.ok() && reply.status == 413)) {
                if (pending.size() > 1) {
                    batch = pending.size() / 2;
                    ++report.halvings;
                    continue;
                }
                // One session alone is too large: quarantined, kept, shown to the officer.
                store.apply_session_results({{pending.front().session.id, ItemStatus::Rejected,
                                              std::string(protocol::code::kBodyTooLarge),
                                              "This meeting session is larger than the store "
                                              "accepts."}});
                ++report.sessions_rejected;
                continue;
            }
            if (!reply.ok() || reply.status != 200) {
                fail(reply, "sending meeting sessions");
                return false;
            }
            std::string problem;
            auto parsed = protocol::parse_batch_reply(reply.body, &problem);
            if (!parsed) {
                report.outcome = SyncOutcome::Transient;
                report.message = "The store's reply to the meeting sessions could not be read (" +
                                 problem + "); nothing was marked as synced. Will try again.";
                return false;
            }
            std::unordered_set<std::string> sent_ids;
            for (const auto& record : pending) sent_ids.insert(record.session.id);
            std::vector<ItemResult> results;
            for (auto& result : parsed->results) {
                if (sent_ids.erase(result.id) == 0) continue;
                if (result.status == ItemStatus::Rejected) {
                    ++report.sessions_rejected;
                    engine.say("meeting session " + result.id + " was rejected (" +
                               result.error_code + "): " + result.error_message);
                } else {
                    ++report.sessions_sent;
                }
                results.push_back(std::move(result));
            }
            if (results.empty()) {
                report.outcome = SyncOutcome::Refused;
                report.message =
                    "The store answered without a result for any meeting session sent; "
                    "nothing was marked as synced.";
                return false;
            }
            store.apply_session_results(results);
        }
    }

    std::string now_text() const { return format_rfc3339(engine.options_.now()); }

    // Responses deleted by apply_results (on its own thread; read once it has been waited for).
    int erased_here = 0;

    // One batch ready to send: read, spliced into a body and gzipped, off the sending thread.
    struct Prepared {
        std::int64_t last_seq = 0;  // the cursor after this batch
        std::vector<std::string> ids;
        bool too_large = false;  // more than one response and over the body limit as JSON
        std::string gzipped;
    };

    // `sent_at` is read on the calling thread: the engine's clock is not shared across threads.
    Prepared prepare(std::int64_t after_seq, std::size_t limit, const std::string& sent_at) const {
        Prepared out;
        const auto rows = store.queued_wire(after_seq, static_cast<int>(limit));
        if (rows.empty()) return out;
        out.last_seq = rows.back().seq;
        std::vector<std::string_view> wires;
        wires.reserve(rows.size());
        out.ids.reserve(rows.size());
        for (const auto& row : rows) {
            wires.emplace_back(row.wire);
            out.ids.push_back(row.id);
        }
        const std::string json = protocol::responses_batch_text(device_id, sent_at, wires);
        if (json.size() > protocol::kMaxBodyBytes && rows.size() > 1) {
            out.too_large = true;  // would be refused: the caller halves before sending
            return out;
        }
        out.gzipped = gzip_request_body(json);
        return out;
    }

    // Batches go in capture order, each applied in one local transaction once its results are
    // back. While one batch is in flight the next is read and compressed on another thread, and
    // the previous batch's results are applied on a third, so the device's work overlaps the
    // store's. A cursor (the last seq handed out) keeps the prepared batch from repeating the
    // one in flight; anything a reply leaves unanswered stays queued for the next pass. Results
    // are applied one batch at a time, in order, and always before the pass ends; a pass cut
    // short before a batch's results were applied leaves it queued, to come back `duplicate`.
    bool push_responses() {
        std::size_t batch =
            std::clamp<std::size_t>(engine.options_.batch_size, 1, protocol::kMaxBatch);
        engine.total_ = store.counts().queued;
        engine.sent_ = 0;
        const std::string url = join_url(base_url, protocol::kResponsesPath);
        std::int64_t cursor = 0;
        Prepared current = prepare(cursor, batch, now_text());
        std::future<Prepared> next;
        // Waits for a prepared batch nobody will send (its exceptions do not matter then).
        const auto drop_next = [&next] {
            if (!next.valid()) return;
            try {
                next.get();
            } catch (const std::exception&) {
            }
        };
        // The previous batch's results being applied. Waited for (rethrowing its failure)
        // before the next batch's are applied and at the end; on any other way out, the guard
        // waits, and a failure there only leaves that batch queued.
        std::future<void> applying;
        const auto wait_applied = [&applying] {
            if (applying.valid()) applying.get();
        };
        struct WaitOnExit {
            std::future<void>& applying;
            ~WaitOnExit() {
                if (!applying.valid()) return;
                try {
                    applying.get();
                } catch (const std::exception&) {
                }
            }
        } wait_on_exit{applying};
        while (true) {
            if (engine.cancel_) {
                report.outcome = SyncOutcome::Cancelled;
                report.message = "Sync was cancelled.";
                return false;
            }
            if (current.ids.empty()) {
                wait_applied();
                return true;
            }
            if (current.too_large) {
                batch = current.ids.size() / 2;
                ++report.halvings;
                current = prepare(cursor, batch, now_text());
                continue;
            }
            next = std::async(std::launch::async,
                              [this, after = current.last_seq, batch, sent_at = now_text()] {
                                  return prepare(after, batch, sent_at);
                              });
            const auto reply = http.post_gzipped_json(url, auth(), current.gzipped);
            if (reply.ok() && reply.status == 413) {
                drop_next();
                if (current.ids.size() > 1) {
                    batch = current.ids.size() / 2;
                    ++report.halvings;
                    engine.say("the store found the batch too large; sending " +
                               std::to_string(batch) + " at a time");
                    current = prepare(cursor, batch, now_text());
                    continue;
                }
                // One response alone is too large: it can never be accepted as it is, so it is
                // quarantined like a rejected one and the rest of the queue goes on.
                store.apply_results({{current.ids.front(), ItemStatus::Rejected,
                                      std::string(protocol::code::kBodyTooLarge),
                                      "This response is larger than the store accepts."}});
                ++report.rejected;
                ++engine.sent_;
                cursor = current.last_seq;
                current = prepare(cursor, batch, now_text());
                continue;
            }
            if (!reply.ok() || reply.status != 200) {
                drop_next();
                fail(reply, "sending responses");
                return false;
            }
            std::string problem;
            auto parsed = protocol::parse_batch_reply(reply.body, &problem);
            if (!parsed) {
                drop_next();
                report.outcome = SyncOutcome::Transient;
                report.message = "The store's reply could not be read (" + problem +
                                 "); nothing was marked as synced. Will try again.";
                return false;
            }
            std::unordered_set<std::string> sent_ids(current.ids.begin(), current.ids.end());
            std::vector<ItemResult> results;
            for (auto& result : parsed->results) {
                if (sent_ids.erase(result.id) == 0) continue;  // not ours, or named twice
                switch (result.status) {
                    case ItemStatus::Stored:
                        ++report.stored;
                        break;
                    case ItemStatus::Duplicate:
                        ++report.duplicate;
                        break;
                    case ItemStatus::Rejected:
                        if (result.error_code == protocol::code::kErased) {
                            engine.say("response " + result.id +
                                       " was erased on the store; it is deleted here");
                            break;  // counted once deleted
                        }
                        ++report.rejected;
                        engine.say("response " + result.id + " was rejected (" + result.error_code +
                                   "): " + result.error_message);
                        break;
                }
                results.push_back(std::move(result));
            }
            if (results.empty()) {
                drop_next();
                report.outcome = SyncOutcome::Refused;
                report.message =
                    "The store answered without a result for any response sent; "
                    "nothing was marked as synced.";
                return false;
            }
            const auto answered = static_cast<std::int64_t>(results.size());
            wait_applied();
            applying = std::async(std::launch::async, [this, results = std::move(results)] {
                erased_here += store.apply_results(results);  // one local transaction
            });
            report.sent += answered;
            ++report.batches;
            engine.sent_ += answered;
            if (engine.options_.on_progress)
                engine.options_.on_progress(engine.sent_, engine.total_);
            cursor = current.last_seq;
            current = next.get();
        }
    }

    bool pull_consultations() {
        auto headers = auth();
        const auto etag = store.setting(kSettingConsultationsEtag);
        if (etag) headers["If-None-Match"] = *etag;
        const auto reply = http.get(join_url(base_url, protocol::kConsultationsPath), headers);
        if (reply.ok() && reply.status == 304) {
            report.consultations_unchanged = true;
            return true;
        }
        if (!reply.ok() || reply.status != 200) {
            fail(reply, "fetching consultations");
            return false;
        }
        std::string problem;
        const auto parsed = protocol::parse_consultations_reply(reply.body, &problem);
        if (!parsed) {
            report.outcome = SyncOutcome::Transient;
            report.message = "The store's list of consultations could not be read (" + problem +
                             "). Will try again.";
            return false;
        }
        for (const auto& definition : parsed->consultations) {
            const auto result = parse_consultation(definition);
            if (!result.ok()) {
                // A bad definition is skipped, never saved; the others still arrive.
                ++report.consultations_skipped;
                std::string name = definition.is_object() && definition.contains("id") &&
                                           definition["id"].is_string()
                                       ? definition["id"].get<std::string>()
                                       : std::string("(no id)");
                engine.say("skipped consultation " + name + ": " +
                           result.problems.front().to_line());
                continue;
            }
            store.save_consultation(*result.consultation);
            ++report.consultations_saved;
        }
        if (auto tag = reply.header("etag")) store.set_setting(kSettingConsultationsEtag, *tag);
        return true;
    }

    // "You said, we did" (docs/outcomes.md): the store's list replaces the one kept. A store
    // without the endpoint (404) leaves the device with none; nothing else fails the pass.
    bool pull_outcomes() {
        auto headers = auth();
        const auto etag = store.setting(kSettingOutcomesEtag);
        if (etag) headers["If-None-Match"] = *etag;
        const auto reply = http.get(join_url(base_url, protocol::kOutcomesPath), headers);
        if (reply.ok() && (reply.status == 304 || reply.status == 404)) return true;
        if (!reply.ok() || reply.status != 200) {
            fail(reply, "fetching the you-said-we-did entries");
            return false;
        }
        std::string problem;
        const auto parsed = protocol::parse_outcomes_reply(reply.body, &problem);
        if (!parsed) {
            // Kept as they were; the responses are already safe on the store.
            engine.say("the store's you-said-we-did entries could not be read (" + problem +
                       "); the ones kept stay");
            return true;
        }
        store.replace_outcomes(parsed->outcomes);
        report.outcomes_kept = static_cast<int>(parsed->outcomes.size());
        if (auto tag = reply.header("etag")) store.set_setting(kSettingOutcomesEtag, *tag);
        return true;
    }

    // The responses an officer erased on the store that came from this device (docs/receipt.md):
    // those still held here go, whatever their state, in one transaction. A store without the
    // endpoint (404) or a list that cannot be read changes nothing and fails nothing: the
    // responses are already safe on the store.
    bool pull_erasures() {
        auto headers = auth();
        const auto etag = store.setting(kSettingErasuresEtag);
        if (etag) headers["If-None-Match"] = *etag;
        const auto reply = http.get(join_url(base_url, protocol::kErasuresPath), headers);
        if (reply.ok() && (reply.status == 304 || reply.status == 404)) return true;
        if (!reply.ok() || reply.status != 200) {
            fail(reply, "fetching the erased responses");
            return false;
        }
        std::string problem;
        const auto parsed = protocol::parse_erasures_reply(reply.body, &problem);
        if (!parsed) {
            engine.say("the store's list of erased responses could not be read (" + problem +
                       "); nothing was deleted");
            return true;
        }
        const int deleted = store.erase_responses(parsed->ids);
        report.erased += deleted;
        if (deleted > 0) {
            engine.say(std::to_string(deleted) + (deleted == 1 ? " response" : " responses") +
                       " erased on the store deleted from this device");
        }
        if (auto tag = reply.header("etag")) store.set_setting(kSettingErasuresEtag, *tag);
        return true;
    }

    // Tells the store what this device still holds (docs/device-status.md), so that an officer
    // sees a device that cannot send everything. Never fails the pass: a store that does not
    // know the endpoint (404) or any other failure is only logged.
    void report_status() {
        protocol::DeviceStatus status;
        status.app_version = kAppVersion;
        const QueueCounts counts = store.counts();
        status.queued = counts.queued;
        status.quarantined = counts.quarantined;
        status.sessions_queued = static_cast<std::int64_t>(store.sessions_to_send(10000).size());
        status.reported_at = now_text();
        const auto reply = http.post_json(join_url(base_url, protocol::kDeviceStatusPath), auth(),
                                          protocol::to_json(status).dump(), false);
        if (!reply.ok()) {
            engine.say("the device's status was not reported: " + reply.error_message);
        } else if (reply.status == 404) {
            engine.say("the store does not take device status reports (an older store)");
        } else if (reply.status / 100 != 2) {
            engine.say("the store did not take the device's status: HTTP " +
                       std::to_string(reply.status) + ", " + store_words(reply));
        }
    }
};

SyncReport SyncEngine::pass() {
    SyncReport report;
    try {
        Store& local = store();
        const auto url = local.setting(kSettingStoreUrl);
        const auto device_id = local.setting(kSettingDeviceId);
        const auto token = local.setting(kSettingDeviceToken);
        if (!url || !device_id || !token || url->empty() || token->empty()) {
            report.outcome = SyncOutcome::NotEnrolled;
            report.message =
                "This device is not enrolled with a store yet: enrol it on the "
                "officer screen with the store address and a one-time code.";
            total_ = local.counts().queued;
            sent_ = 0;
            return report;
        }
        HttpOptions http_options = options_.http;
        if (auto ca = local.setting(kSettingCaBundle); ca && !ca->empty()) {
            http_options.ca_bundle = *ca;
        }
        http_->set_options(http_options);
        Pass p{*this, local, *http_, *url, *device_id, *token, {}};
        if (p.check_health() && p.push_sessions() && p.push_responses() && p.pull_consultations() &&
            p.pull_outcomes() && p.pull_erasures()) {
            p.report_status();
        }
        p.report.erased += p.erased_here;  // push_responses has waited for its last results
        report = std::move(p.report);
    } catch (const std::exception& e) {
        // StoreError or a JSON library failure: the data stays as it was (transactions).
        report.outcome = SyncOutcome::LocalError;
        report.message = std::string("The device's database could not be used: ") + e.what() +
                         ". Nothing was lost; restart the device and try again.";
    }
    return report;
}

}  // namespace fv
