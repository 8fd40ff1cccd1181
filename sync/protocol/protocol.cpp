// JSON (de)serialisation of PROTOCOL.md's messages. Parsers never throw: a bad reply from the
// other side is an expected failure in the field, reported as a value with where it went wrong.
#include "sync/protocol/protocol.hpp"

namespace fv::protocol {

using nlohmann::json;

namespace {

// Parses `body` as a JSON object; nullopt with a problem naming line and column otherwise.
std::optional<json> parse_object(std::string_view body, std::string* problem) {
    json j = json::parse(body, nullptr, false);
    if (j.is_discarded()) {
        if (problem) *problem = "the body is not valid JSON";
        return std::nullopt;
    }
    if (!j.is_object()) {
        if (problem) *problem = "the body is not a JSON object";
        return std::nullopt;
    }
    return j;
}

bool get_string(const json& obj, const char* key, std::string& out, std::string* problem,
                const std::string& where = "") {
    auto it = obj.find(key);
    if (it == obj.end() || !it->is_string()) {
        if (problem) {
            *problem = where + key + (it == obj.end() ? ": missing" : ": must be a string");
        }
        return false;
    }
    out = it->get<std::string>();
    return true;
}

}  // namespace

std::string officer_path(std::string_view consultation_id, std::string_view what) {
    std::string path(kConsultationsPath);
    path += '/';
    path += consultation_id;
    path += '/';
    path += what;
    return path;
}

json to_json(const ErrorBody& error) {
    return json{{"error", {{"code", error.code}, {"message", error.message}}}};
}

std::string error_body(std::string_view code, std::string_view message) {
    return to_json(ErrorBody{std::string(code), std::string(message)}).dump();
}

std::optional<ErrorBody> parse_error_body(std::string_view body) {
    auto j = parse_object(body, nullptr);
    if (!j) return std::nullopt;
    auto it = j->find("error");
    if (it == j->end() || !it->is_object()) return std::nullopt;
    ErrorBody error;
    if (!get_string(*it, "code", error.code, nullptr)) return std::nullopt;
    if (!get_string(*it, "message", error.message, nullptr)) return std::nullopt;
    return error;
}

json to_json(const Health& health) {
    return json{{"status", health.status},
                {"protocol", health.protocol},
                {"server_time", health.server_time}};
}

json to_json(const EnrolRequest& request) {
    return json{{"code", request.code}, {"device_name", request.device_name}};
}

json to_json(const EnrolReply& reply) {
    return json{
        {"device_id", reply.device_id}, {"token", reply.token}, {"store_name", reply.store_name}};
}

json to_json(const ConsultationsReply& reply) {
    json list = json::array();
    for (const auto& c : reply.consultations) list.push_back(c);
    return json{{"consultations", std::move(list)}};
}

json to_json(const ResponsesBatch& batch) {
    json list = json::array();
    for (const auto& r : batch.responses) list.push_back(r.to_json());
    return json{
        {"device_id", batch.device_id}, {"sent_at", batch.sent_at}, {"responses", std::move(list)}};
}

std::string responses_batch_text(const std::string& device_id, const std::string& sent_at,
                                 const std::vector<std::string_view>& wires) {
    // Keys in the order nlohmann's object (a std::map) dumps them, so both forms are equal.
    std::string out = "{\"device_id\":" + json(device_id).dump() + ",\"responses\":[";
    std::size_t size = out.size() + 64;
    for (const auto wire : wires) size += wire.size() + 1;
    out.reserve(size);
    for (std::size_t i = 0; i < wires.size(); ++i) {
        if (i > 0) out += ',';
        out += wires[i];
    }
    out += "],\"sent_at\":";
    out += json(sent_at).dump();
    out += '}';
    return out;
}

json to_json(const SessionsBatch& batch) {
    json list = json::array();
    for (const auto& s : batch.sessions) list.push_back(s);
    return json{{"device_id", batch.device_id}, {"sessions", std::move(list)}};
}

std::string_view item_status_name(ItemStatus status) {
    switch (status) {
        case ItemStatus::Stored:
            return "stored";
        case ItemStatus::Duplicate:
            return "duplicate";
        case ItemStatus::Rejected:
            return "rejected";
    }
    return "rejected";
}

std::optional<ItemStatus> item_status_from_name(std::string_view name) {
    if (name == "stored") return ItemStatus::Stored;
    if (name == "duplicate") return ItemStatus::Duplicate;
    if (name == "rejected") return ItemStatus::Rejected;
    return std::nullopt;
}

json to_json(const ItemResult& result) {
    json j{{"id", result.id}, {"status", item_status_name(result.status)}};
    if (result.status == ItemStatus::Rejected) {
        j["error"] = {{"code", result.error_code}, {"message", result.error_message}};
    }
    return j;
}

json to_json(const BatchReply& reply) {
    json list = json::array();
    for (const auto& r : reply.results) list.push_back(to_json(r));
    return json{{"results", std::move(list)}};
}

json to_json(const DeviceStatus& status) {
    return json{{"app_version", status.app_version},
                {"queued", status.queued},
                {"quarantined", status.quarantined},
                {"sessions_queued", status.sessions_queued},
                {"reported_at", status.reported_at}};
}

std::optional<DeviceStatus> parse_device_status(std::string_view body, std::string* problem) {
    auto j = parse_object(body, problem);
    if (!j) return std::nullopt;
    DeviceStatus status;
    if (!get_string(*j, "app_version", status.app_version, problem)) return std::nullopt;
    if (!get_string(*j, "reported_at", status.reported_at, problem)) return std::nullopt;
    for (auto [key, out] : {std::pair<const char*, std::int64_t*>{"queued", &status.queued},
                            {"quarantined", &status.quarantined},
                            {"sessions_queued", &status.sessions_queued}}) {
        auto it = j->find(key);
        if (it == j->end() || !it->is_number_integer() || it->get<std::int64_t>() < 0) {
            if (problem) *problem = std::string(key) + ": missing or not a whole number from 0";
            return std::nullopt;
        }
        *out = it->get<std::int64_t>();
    }
    return status;
}

std::optional<Health> parse_health(std::string_view body, std::string* problem) {
    auto j = parse_object(body, problem);
    if (!j) return std::nullopt;
    Health health;
    if (!get_string(*j, "status", health.status, problem)) return std::nullopt;
    auto it = j->find("protocol");
    if (it == j->end() || !it->is_number_integer()) {
        if (problem) *problem = "protocol: missing or not an integer";
        return std::nullopt;
    }
    health.protocol = it->get<int>();
    if (!get_string(*j, "server_time", health.server_time, problem)) return std::nullopt;
    return health;
}

std::optional<EnrolRequest> parse_enrol_request(std::string_view body, std::string* problem) {
    auto j = parse_object(body, problem);
    if (!j) return std::nullopt;
    EnrolRequest request;
    if (!get_string(*j, "code", request.code, problem)) return std::nullopt;
    if (!get_string(*j, "device_name", request.device_name, problem)) return std::nullopt;
    return request;
}

std::optional<EnrolReply> parse_enrol_reply(std::string_view body, std::string* problem) {
    auto j = parse_object(body, problem);
    if (!j) return std::nullopt;
    EnrolReply reply;
    if (!get_string(*j, "device_id", reply.device_id, problem)) return std::nullopt;
    if (!get_string(*j, "token", reply.token, problem)) return std::nullopt;
    if (!get_string(*j, "store_name", reply.store_name, problem)) return std::nullopt;
    return reply;
}

std::optional<ConsultationsReply> parse_consultations_reply(std::string_view body,
                                                            std::string* problem) {
    auto j = parse_object(body, problem);
    if (!j) return std::nullopt;
    auto it = j->find("consultations");
    if (it == j->end() || !it->is_array()) {
        if (problem) *problem = "consultations: missing or not an array";
        return std::nullopt;
    }
    ConsultationsReply reply;
    for (std::size_t i = 0; i < it->size(); ++i) {
        if (!(*it)[i].is_object()) {
            if (problem) *problem = "consultations[" + std::to_string(i) + "]: not an object";
            return std::nullopt;
        }
        reply.consultations.push_back((*it)[i]);
    }
    return reply;
}

std::optional<OutcomesReply> parse_outcomes_reply(std::string_view body, std::string* problem) {
    auto j = parse_object(body, problem);
    if (!j) return std::nullopt;
    auto it = j->find("outcomes");
    if (it == j->end() || !it->is_array()) {
        if (problem) *problem = "outcomes: missing or not an array";
        return std::nullopt;
    }
    OutcomesReply reply;
    for (std::size_t i = 0; i < it->size(); ++i) {
        std::string why;
        auto o = Outcome::from_json((*it)[i], &why);
        if (!o) {
            if (problem) *problem = "outcomes[" + std::to_string(i) + "]: " + why;
            return std::nullopt;
        }
        reply.outcomes.push_back(std::move(*o));
    }
    return reply;
}

std::optional<ErasuresReply> parse_erasures_reply(std::string_view body, std::string* problem) {
    auto j = parse_object(body, problem);
    if (!j) return std::nullopt;
    auto it = j->find("erasures");
    if (it == j->end() || !it->is_array()) {
        if (problem) *problem = "erasures: missing or not an array";
        return std::nullopt;
    }
    ErasuresReply reply;
    for (std::size_t i = 0; i < it->size(); ++i) {
        const auto& item = (*it)[i];
        auto id = item.is_object() ? item.find("id") : item.end();
        if (!item.is_object() || id == item.end() || !id->is_string()) {
            if (problem)
                *problem = "erasures[" + std::to_string(i) + "].id: missing or not a string";
            return std::nullopt;
        }
        reply.ids.push_back(id->get<std::string>());
    }
    return reply;
}

std::optional<BatchReply> parse_batch_reply(std::string_view body, std::string* problem) {
    auto j = parse_object(body, problem);
    if (!j) return std::nullopt;
    auto it = j->find("results");
    if (it == j->end() || !it->is_array()) {
        if (problem) *problem = "results: missing or not an array";
        return std::nullopt;
    }
    BatchReply reply;
    for (std::size_t i = 0; i < it->size(); ++i) {
        const json& item = (*it)[i];
        const std::string where = "results[" + std::to_string(i) + "].";
        if (!item.is_object()) {
            if (problem) *problem = "results[" + std::to_string(i) + "]: not an object";
            return std::nullopt;
        }
        ItemResult result;
        std::string status;
        if (!get_string(item, "id", result.id, problem, where)) return std::nullopt;
        if (!get_string(item, "status", status, problem, where)) return std::nullopt;
        auto parsed = item_status_from_name(status);
        if (!parsed) {
            if (problem) *problem = where + "status: unknown value \"" + status + "\"";
            return std::nullopt;
        }
        result.status = *parsed;
        if (result.status == ItemStatus::Rejected) {
            auto err = item.find("error");
            if (err != item.end() && err->is_object()) {
                auto c = err->find("code");
                auto m = err->find("message");
                result.error_code = c != err->end() && c->is_string() ? c->get<std::string>()
                                                                      : std::string("rejected");
                if (m != err->end() && m->is_string()) result.error_message = m->get<std::string>();
            } else {
                result.error_code = "rejected";
            }
        }
        reply.results.push_back(std::move(result));
    }
    return reply;
}

}  // namespace fv::protocol
