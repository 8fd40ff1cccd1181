// The device-facing endpoints: enrolment, consultations, and the idempotent batch uploads.
// Items are validated outside the database lock; the batch is then stored in one transaction
// and only answered once committed, so "stored" always means durable.
#include <algorithm>
#include <atomic>
#include <exception>
#include <future>
#include <thread>

#include "core/model/answers.hpp"
#include "core/model/response.hpp"
#include "core/model/response_wire.hpp"
#include "core/util/ids.hpp"
#include "core/util/seal.hpp"
#include "sync/central/service.hpp"
#include "sync/protocol/batch_text.hpp"
#include "sync/protocol/protocol.hpp"

namespace fv::central {

using nlohmann::json;
namespace code = protocol::code;

Reply error_reply(int status, std::string_view error_code, std::string_view message) {
    return Reply{status, protocol::error_body(error_code, message), "application/json", {}};
}

namespace {

// Parses a request body as a JSON object, or gives the 400 reply saying where it broke.
std::optional<json> parse_body(std::string_view body, Reply& error) {
    try {
        json j = json::parse(body);
        if (!j.is_object()) {
            error =
                error_reply(400, code::kInvalidRequest, "The request body must be a JSON object.");
            return std::nullopt;
        }
        return j;
    } catch (const json::parse_error& e) {
        error = error_reply(
            400, code::kMalformedJson,
            "The request body is not valid JSON (at byte " + std::to_string(e.byte) + ").");
        return std::nullopt;
    }
}

const char* type_name(const json& value) {
    return value.type_name();
}

// Checks the shape of one response object field by field, so that a rejection names the field.
std::optional<std::string> check_response_shape(const json& item) {
    struct Field {
        const char* name;
        enum Kind { String, Integer, Object, Array, NullOrString, NullOrObject } kind;
    };
    static const Field kFields[] = {
        {"id", Field::String},
        {"consultation_id", Field::String},
        {"consultation_version", Field::Integer},
        {"mode", Field::String},
        {"language", Field::String},
        {"started_at", Field::String},
        {"submitted_at", Field::String},
        {"answers", Field::Object},
        {"consent", Field::Object},
        {"session_id", Field::NullOrString},
        {"participant", Field::NullOrObject},
        {"flags", Field::Array},
        {"sealed", Field::NullOrString},
        {"reference", Field::NullOrString},
        {"continues", Field::NullOrString},
    };
    for (const auto& f : kFields) {
        auto it = item.find(f.name);
        const bool optional_null = f.kind == Field::NullOrString || f.kind == Field::NullOrObject ||
                                   f.kind == Field::Array;
        if (it == item.end()) {
            if (optional_null) continue;  // absent reads as null / empty
            return std::string(f.name) + ": missing";
        }
        const json& v = *it;
        bool ok = false;
        const char* want = "";
        switch (f.kind) {
            case Field::String:
                ok = v.is_string(), want = "a string";
                break;
            case Field::Integer:
                ok = v.is_number_integer(), want = "an integer";
                break;
            case Field::Object:
                ok = v.is_object(), want = "an object";
                break;
            case Field::Array:
                ok = v.is_array(), want = "an array";
                break;
            case Field::NullOrString:
                ok = v.is_null() || v.is_string(), want = "null or a string";
                break;
            case Field::NullOrObject:
                ok = v.is_null() || v.is_object(), want = "null or an object";
                break;
        }
        if (!ok) return std::string(f.name) + ": must be " + want + ", not " + type_name(v);
    }
    if (!is_uuid(item["id"].get<std::string>())) return "id: must be a lower-case UUID";
    if (!capture_mode_from_string(item["mode"].get<std::string>())) {
        return "mode: must be kiosk, assisted, meeting, partner or pulse";
    }

    for (const char* t : {"started_at", "submitted_at"}) {
        std::chrono::system_clock::time_point parsed;
        if (!parse_rfc3339(item[t].get<std::string>(), parsed)) {
            return std::string(t) + ": must be an RFC 3339 UTC time such as 2026-11-23T14:05:09Z";
        }
    }
    for (const char* c : {"privacy_notice", "quote_publicly", "contact_me"}) {
        auto it = item["consent"].find(c);
        if (it != item["consent"].end() && !it->is_boolean()) {
            return std::string("consent.") + c + ": must be true or false";
        }
    }
    if (item.contains("flags")) {
        for (const auto& f : item["flags"]) {
            if (!f.is_string()) return "flags: every flag must be a string";
        }
    }
    return std::nullopt;
}

struct Pending {
    std::vector<PreparedItem> items;
    std::vector<std::size_t> index;  // position of items[k] in the batch
};

void reject(ItemResult& result, std::string_view error_code, std::string message) {
    result.status = ItemStatus::Rejected;
    result.error_code = std::string(error_code);
    result.error_message = std::move(message);
}

// Checks a response, however it was read, against its consultation; fills `prepared` or
// rejects `result`.
bool finish_response(CentralDb& db, Response response, const std::string& where,
                     PreparedItem& prepared, ItemResult& result) {
    auto consultation = db.consultation(response.consultation_id, response.consultation_version);
    if (!consultation) {
        reject(result, code::kUnknownConsultationVersion,
               "Consultation " + response.consultation_id + " version " +
                   std::to_string(response.consultation_version) +
                   " is not published on this store.");
        return false;
    }
    // A one-tap pulse holds its one answer; every other response is held to the whole rules.
    auto problems = response.mode == CaptureMode::Pulse
                        ? check_pulse_answers(*consultation, response.answers)
                        : check_answers(*consultation, response.answers, /*personal_sealed=*/true,
                                        response.audience());
    if (!problems.empty()) {
        std::string message = where + "answers: ";
        for (std::size_t k = 0; k < problems.size(); ++k) {
            if (k) message += "; ";
            message += problems[k].to_line();
        }
        reject(result, code::kInvalidResponse, message);
        return false;
    }
    if (response.reference && !is_reference(*response.reference)) {
        reject(result, code::kInvalidResponse,
               where + "reference: must be 8 characters from " + std::string(kReferenceAlphabet));
        return false;
    }
    if (response.continues && !is_uuid(*response.continues)) {
        reject(result, code::kInvalidResponse,
               where + "continues: must be the lower-case UUID of the pulse response it continues");
        return false;
    }
    if (response.sealed) {
        auto box = base64_decode(*response.sealed);
        if (!box || box->size() < 48) {  // a sealed box carries a 32-byte key and a 16-byte MAC
            reject(result, code::kInvalidResponse,
                   where + "sealed: not the base64 of a sealed box");
            return false;
        }
    }
    prepared.body = canonical_text(response);
    prepared.content_hash = sha256_hex(prepared.body);
    prepared.id = std::move(response.id);
    prepared.consultation_id = std::move(response.consultation_id);
    prepared.consultation_version = response.consultation_version;
    prepared.mode = std::string(to_string(response.mode));
    prepared.submitted_at = std::move(response.submitted_at);
    prepared.reference = std::move(response.reference);
    prepared.continues = std::move(response.continues);
    if (!response.flags.empty()) prepared.flags = nlohmann::json(response.flags).dump();
    return true;
}

std::string response_where(std::size_t i) {
    return "responses[" + std::to_string(i) + "].";
}

// The general way: validates one parsed response field by field, so that a rejection names the
// field, then checks it against its consultation. The item is taken apart (answers moved).
bool prepare_response(CentralDb& db, json& item, std::size_t i, PreparedItem& prepared,
                      ItemResult& result) {
    const std::string where = response_where(i);
    if (!item.is_object()) {
        reject(result, code::kInvalidResponse,
               where.substr(0, where.size() - 1) + ": not an object");
        return false;
    }
    if (auto it = item.find("id"); it != item.end() && it->is_string()) result.id = *it;
    if (auto problem = check_response_shape(item)) {
        reject(result, code::kInvalidResponse, where + *problem);
        return false;
    }
    Response response;
    try {
        response = Response::from_json(std::move(item));
    } catch (const std::exception& e) {
        reject(result, code::kInvalidResponse, where.substr(0, where.size() - 1) + ": " + e.what());
        return false;
    }
    return finish_response(db, std::move(response), where, prepared, result);
}

// One response from its text: in one pass when it is plainly well formed (as a device sends
// it), else parsed and checked the general way. Throws json::parse_error when it is not JSON.
bool prepare_response_text(CentralDb& db, std::string_view text, std::size_t i,
                           PreparedItem& prepared, ItemResult& result) {
    if (auto response = read_plain_wire_response(text)) {
        result.id = response->id;
        return finish_response(db, std::move(*response), response_where(i), prepared, result);
    }
    json item = json::parse(text);
    return prepare_response(db, item, i, prepared, result);
}

bool prepare_session(const json& item, std::size_t i, PreparedItem& prepared, ItemResult& result) {
    const std::string where = "sessions[" + std::to_string(i) + "]";
    if (!item.is_object()) {
        reject(result, code::kInvalidSession, where + ": not an object");
        return false;
    }
    auto id = item.find("id");
    if (id == item.end() || !id->is_string() || !is_uuid(id->get<std::string>())) {
        reject(result, code::kInvalidSession, where + ".id: missing or not a lower-case UUID");
        return false;
    }
    result.id = *id;
    auto started = item.find("started_at");
    std::chrono::system_clock::time_point t;
    if (started == item.end() || !started->is_string() ||
        !parse_rfc3339(started->get<std::string>(), t)) {
        reject(result, code::kInvalidSession,
               where + ".started_at: missing or not an RFC 3339 time");
        return false;
    }
    for (const char* text : {"title", "place", "division", "facilitator", "consultation_id"}) {
        auto it = item.find(text);
        if (it != item.end() && !it->is_null() && !it->is_string()) {
            reject(result, code::kInvalidSession, where + "." + text + ": must be a string");
            return false;
        }
    }
    auto ended = item.find("ended_at");
    if (ended != item.end() && !ended->is_null() &&
        (!ended->is_string() || !parse_rfc3339(ended->get<std::string>(), t))) {
        reject(result, code::kInvalidSession, where + ".ended_at: not an RFC 3339 time");
        return false;
    }
    // What a meeting recorded travels in the session (kept as given): each part is a list.
    for (const char* list : {"notes", "tallies", "ideas"}) {
        auto it = item.find(list);
        if (it != item.end() && !it->is_null() && !it->is_array()) {
            reject(result, code::kInvalidSession, where + "." + list + ": must be a list");
            return false;
        }
    }
    prepared.id = result.id;
    prepared.body = item.dump();
    prepared.content_hash = sha256_hex(prepared.body);
    return true;
}

bool prepare_session_text(std::string_view text, std::size_t i, PreparedItem& prepared,
                          ItemResult& result) {
    return prepare_session(json::parse(text), i, prepared, result);
}

// Batches being handled now, on all of the server's threads. With several at once the cores are
// shared out already, and no batch is split further.
std::atomic<int> batches_in_hand{0};

struct BatchInHand {
    BatchInHand() { ++batches_in_hand; }
    ~BatchInHand() { --batches_in_hand; }
    BatchInHand(const BatchInHand&) = delete;
    BatchInHand& operator=(const BatchInHand&) = delete;
};

// Runs work(from, to) over [0, n) in parts, one a free core, when the batch is large enough to
// be worth a thread: parsing and checking a batch's items is most of the store's work, and one
// device sends one batch at a time. The first exception of any part is rethrown once all have
// ended.
template <typename Work>
void for_each_part(std::size_t n, Work work) {
    constexpr std::size_t kItemsAPart = 100;
    const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t busy = static_cast<std::size_t>(std::max(1, batches_in_hand.load()));
    const std::size_t free_cores = std::max<std::size_t>(1, cores / busy);
    const std::size_t parts =
        std::clamp<std::size_t>(n / kItemsAPart, 1, std::min<std::size_t>(free_cores, 4));
    if (parts == 1) {
        work(0, n);
        return;
    }
    std::vector<std::future<void>> others;
    const std::size_t size = (n + parts - 1) / parts;
    for (std::size_t p = 1; p < parts; ++p) {
        others.push_back(
            std::async(std::launch::async, work, p * size, std::min(n, (p + 1) * size)));
    }
    std::exception_ptr first;
    try {
        work(0, size);
    } catch (...) {
        first = std::current_exception();
    }
    for (auto& other : others) {
        try {
            other.get();
        } catch (...) {
            if (!first) first = std::current_exception();
        }
    }
    if (first) std::rethrow_exception(first);
}

// The common frame of both batch endpoints. The body is split into its parts as text; the
// items are then read and checked in parts, one a free core, each on its own. A body the split
// does not plainly take, or with a part that is not JSON, is parsed whole (the general way),
// which gives the same items, or the same error, as it always did.
template <typename PrepareJson, typename PrepareText, typename Store>
Reply handle_batch(const Caller& caller, std::string_view body, const char* list_name,
                   PrepareJson prepare_json, PrepareText prepare_text, Store store) {
    const BatchInHand in_hand;
    Reply error;
    auto split = protocol::split_batch_text(body, list_name);
    json head = json::object();  // the request's members but the list
    if (split) {
        try {
            for (const auto& [key, value] : split->members) {
                head[std::string(key)] = json::parse(value);
            }
        } catch (const json::parse_error&) {
            split.reset();
        }
    }
    json whole;
    const auto parse_whole = [&]() -> bool {
        auto request = parse_body(body, error);
        if (!request) return false;
        whole = std::move(*request);
        split.reset();
        return true;
    };
    if (!split && !parse_whole()) return error;
    const json& request = split ? head : whole;
    // A refusal of the whole request names a body that is not JSON first, as it always has.
    const auto refuse = [&](Reply reply) {
        if (split && !parse_whole()) return error;
        return reply;
    };
    auto device = request.find("device_id");
    if (device == request.end() || !device->is_string()) {
        return refuse(
            error_reply(400, code::kInvalidRequest, "device_id: missing or not a string."));
    }
    if (device->get<std::string>() != caller.device_id) {
        return refuse(error_reply(400, code::kInvalidRequest,
                                  "device_id does not match the device this token was issued to."));
    }
    const auto list = split ? request.end() : request.find(list_name);
    if (split ? !split->has_list : (list == request.end() || !list->is_array())) {
        return refuse(error_reply(400, code::kInvalidRequest,
                                  std::string(list_name) + ": missing or not an array."));
    }
    const std::size_t n = split ? split->items.size() : list->size();
    if (n > protocol::kMaxBatch) {
        return refuse(error_reply(413, code::kBatchTooLarge,
                                  "A batch holds at most " + std::to_string(protocol::kMaxBatch) +
                                      " items; this one has " + std::to_string(n) +
                                      ". Nothing of it was stored."));
    }
    std::vector<ItemResult> results(n);
    std::vector<PreparedItem> prepared(n);
    std::vector<char> accepted(n, 0);
    std::atomic<bool> not_json{false};
    const auto prepare_all = [&] {
        json* items = split ? nullptr : &whole[list_name];  // found once, not on every thread
        for_each_part(n, [&](std::size_t from, std::size_t to) {
            for (std::size_t i = from; i < to; ++i) {
                try {
                    const bool ok = split
                                        ? prepare_text(split->items[i], i, prepared[i], results[i])
                                        : prepare_json((*items)[i], i, prepared[i], results[i]);
                    accepted[i] = ok ? 1 : 0;
                } catch (const json::parse_error&) {
                    not_json = true;
                }
            }
        });
    };
    prepare_all();
    if (not_json) {
        // An item that is not JSON: the whole body is not, and parsing it whole says where.
        if (!parse_whole()) return error;
        const auto list_again = whole.find(list_name);
        if (list_again == whole.end() || !list_again->is_array() || list_again->size() != n) {
            return error_reply(400, code::kInvalidRequest,
                               std::string(list_name) + ": its items could not be told apart.");
        }
        results.assign(n, ItemResult{});
        prepared.assign(n, PreparedItem{});
        accepted.assign(n, 0);
        prepare_all();
    }
    Pending pending;
    for (std::size_t i = 0; i < n; ++i) {
        if (!accepted[i]) continue;
        pending.items.push_back(std::move(prepared[i]));
        pending.index.push_back(i);
    }
    std::vector<ItemResult> stored(pending.items.size());
    store(pending.items, stored);  // throws StoreError: nothing committed, the device retries
    for (std::size_t k = 0; k < stored.size(); ++k)
        results[pending.index[k]] = std::move(stored[k]);
    return Reply{200,
                 protocol::to_json(protocol::BatchReply{std::move(results)}).dump(),
                 "application/json",
                 {}};
}

}  // namespace

Reply handle_responses(CentralDb& db, const Caller& caller, std::string_view body) {
    return handle_batch(
        caller, body, "responses",
        [&](json& item, std::size_t i, PreparedItem& prepared, ItemResult& result) {
            return prepare_response(db, item, i, prepared, result);
        },
        [&](std::string_view text, std::size_t i, PreparedItem& prepared, ItemResult& result) {
            return prepare_response_text(db, text, i, prepared, result);
        },
        [&](const std::vector<PreparedItem>& items, std::vector<ItemResult>& results) {
            db.store_responses(caller.device_id, items, results);
        });
}

Reply handle_sessions(CentralDb& db, const Caller& caller, std::string_view body) {
    return handle_batch(
        caller, body, "sessions", prepare_session, prepare_session_text,
        [&](const std::vector<PreparedItem>& items, std::vector<ItemResult>& results) {
            db.store_sessions(caller.device_id, items, results);
        });
}

Reply handle_consultations(CentralDb& db, const std::string& if_none_match) {
    json list = json::array();
    for (const auto& text : db.latest_definitions()) list.push_back(json::parse(text));
    return etagged(json{{"consultations", std::move(list)}}.dump(), if_none_match);
}

Reply etagged(std::string body, const std::string& if_none_match) {
    const std::string etag = "\"" + sha256_hex(body).substr(0, 32) + "\"";
    Reply reply;
    reply.headers.push_back({"ETag", etag});
    reply.headers.push_back({"Cache-Control", "no-cache"});
    // If-None-Match may list several tags, or be weak (W/"...").
    if (!if_none_match.empty() &&
        (if_none_match.find(etag) != std::string::npos || if_none_match == "*")) {
        reply.status = 304;
        return reply;
    }
    reply.body = std::move(body);
    return reply;
}

std::optional<std::int64_t> EnrolLimiter::retry_after(const std::string& address,
                                                      std::chrono::steady_clock::time_point now) {
    std::lock_guard lock(mutex_);
    auto it = failures_.find(address);
    if (it == failures_.end()) return std::nullopt;
    prune(it->second, now);
    if (static_cast<int>(it->second.size()) < max_failures_) return std::nullopt;
    const auto free_at = it->second.front() + window_;
    const auto wait = std::chrono::ceil<std::chrono::seconds>(free_at - now).count();
    return std::max<std::int64_t>(1, wait);
}

void EnrolLimiter::failed(const std::string& address, std::chrono::steady_clock::time_point now) {
    std::lock_guard lock(mutex_);
    auto& times = failures_[address];
    prune(times, now);
    times.push_back(now);
}

void EnrolLimiter::prune(std::vector<std::chrono::steady_clock::time_point>& times,
                         std::chrono::steady_clock::time_point now) const {
    times.erase(
        std::remove_if(times.begin(), times.end(), [&](auto t) { return now - t >= window_; }),
        times.end());
}

Reply handle_enrol(CentralDb& db, EnrolLimiter& limiter, const std::string& address,
                   const std::string& store_name, std::string_view body) {
    const auto now = std::chrono::steady_clock::now();
    if (auto wait = limiter.retry_after(address, now)) {
        Reply reply = error_reply(429, code::kRateLimited,
                                  "Too many failed enrolments from this address; try again in " +
                                      std::to_string(*wait) + " seconds.");
        reply.headers.push_back({"Retry-After", std::to_string(*wait)});
        return reply;
    }
    Reply error;
    auto request = parse_body(body, error);
    if (!request) return error;
    std::string problem;
    auto enrol = protocol::parse_enrol_request(request->dump(), &problem);
    if (!enrol) return error_reply(400, code::kInvalidRequest, problem + ".");
    if (enrol->device_name.empty() || enrol->device_name.size() > 200) {
        return error_reply(400, code::kInvalidRequest,
                           "device_name: must be between 1 and 200 characters.");
    }
    auto enrolled = db.enrol(enrol->code, enrol->device_name, std::chrono::system_clock::now());
    if (!enrolled) {
        limiter.failed(address, now);
        return error_reply(403, code::kInvalidEnrolmentCode,
                           "This enrolment code is unknown, already used or expired. Ask an "
                           "officer for a new one.");
    }
    protocol::EnrolReply reply{enrolled->device_id, enrolled->token, store_name};
    return Reply{201, protocol::to_json(reply).dump(), "application/json", {}};
}

Reply handle_device_status(CentralDb& db, const Caller& caller, std::string_view body) {
    Reply error;
    if (!parse_body(body, error)) return error;
    std::string problem;
    const auto status = protocol::parse_device_status(body, &problem);
    if (!status) {
        return error_reply(400, code::kInvalidRequest,
                           "The device status is not of the documented form (" + problem + ").");
    }
    db.record_device_status(caller.device_id, *status);
    return Reply{204, "", "application/json", {}};
}

}  // namespace fv::central
