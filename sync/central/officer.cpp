// The officer endpoints and the export: pages of stored responses, counts computed by the store,
// and the CSV spanning every version of a consultation (with sealed answers opened only when the
// private key is given, which happens on the command line, never over HTTP).
#include <sstream>
#include <stdexcept>

#include "core/model/response.hpp"
#include "core/store/export.hpp"
#include "core/util/seal.hpp"
#include "sync/central/service.hpp"
#include "sync/protocol/protocol.hpp"

namespace fv::central {

using nlohmann::json;
namespace code = protocol::code;

namespace {

constexpr int kDefaultPage = 100;
constexpr int kMaxPage = 1000;

Reply unknown_consultation(const std::string& id) {
    return error_reply(404, code::kUnknownConsultation,
                       "No consultation \"" + id + "\" is published on this store.");
}

bool parse_int(const std::string& text, std::int64_t& out) {
    if (text.empty() || text.size() > 18) return false;
    std::int64_t value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return false;
        value = value * 10 + (c - '0');
    }
    out = value;
    return true;
}

// Question id -> question, the newest version winning, so counts span versions.
std::map<std::string, const Question*> questions_by_id(const std::vector<Consultation>& versions) {
    std::map<std::string, const Question*> out;
    for (const auto& c : versions) {
        for (const auto& q : c.questions) out[q.id] = &q;
    }
    return out;
}

std::string value_key(const json& value) {
    if (value.is_string()) {
        const auto& s = value.get_ref<const std::string&>();
        return s.rfind("other:", 0) == 0 ? std::string("other") : s;
    }
    return value.dump();
}

void count_answer(json& counts, const Question& q, const json& value) {
    auto bump = [&](const std::string& key) {
        json& slot = counts[q.id][key];
        slot = slot.is_number() ? slot.get<std::int64_t>() + 1 : 1;
    };
    switch (q.type) {
        case QuestionType::SingleChoice:
        case QuestionType::Smiley:
        case QuestionType::Scale:
            bump(value_key(value));
            break;
        case QuestionType::MultiChoice:
            if (value.is_array()) {
                for (const auto& v : value) bump(value_key(v));
            }
            break;
        case QuestionType::Ranking:  // the first choice is what a summary can count fairly
            if (value.is_array() && !value.empty()) bump(value_key(value.front()));
            break;
        case QuestionType::Statements:
            if (value.is_object()) {
                for (const auto& [statement, verdict] : value.items()) {
                    bump(statement + ":" + value_key(verdict));
                }
            }
            break;
        default:
            break;  // free text, numbers, postcodes: no option to count
    }
}

}  // namespace

Reply handle_responses_page(CentralDb& db, const std::string& consultation_id,
                            const std::string& after, const std::string& limit) {
    if (db.versions(consultation_id).empty()) return unknown_consultation(consultation_id);
    std::int64_t cursor = 0, page = kDefaultPage;
    if (!after.empty() && !parse_int(after, cursor)) {
        return error_reply(400, code::kInvalidRequest,
                           "after: must be a cursor given as next_cursor by an earlier page.");
    }
    if (!limit.empty() && (!parse_int(limit, page) || page < 1 || page > kMaxPage)) {
        return error_reply(
            400, code::kInvalidRequest,
            "limit: must be a whole number from 1 to " + std::to_string(kMaxPage) + ".");
    }
    auto rows = db.responses_page(consultation_id, cursor, static_cast<int>(page));
    json list = json::array();
    for (const auto& row : rows) {
        json r = json::parse(row.body);
        r["device_id"] = row.device_id;
        r["stored_at"] = row.stored_at;
        list.push_back(std::move(r));
    }
    json body{{"responses", std::move(list)}};
    // A short page is the last one.
    body["next_cursor"] = static_cast<std::int64_t>(rows.size()) == page
                              ? json(std::to_string(rows.back().seq))
                              : json(nullptr);
    return Reply{200, body.dump(), "application/json", {}};
}

Reply handle_summary(CentralDb& db, const std::string& consultation_id) {
    auto versions = db.versions(consultation_id);
    if (versions.empty()) return unknown_consultation(consultation_id);
    const auto questions = questions_by_id(versions);
    std::int64_t total = 0;
    json by_option = json::object(), by_day = json::object(), by_device = json::object(),
         by_mode = json::object(), by_version = json::object();
    auto bump = [](json& obj, const std::string& key) {
        json& slot = obj[key];
        slot = slot.is_number() ? slot.get<std::int64_t>() + 1 : 1;
    };
    db.for_each_response(consultation_id, [&](const StoredRow& row) {
        json r = json::parse(row.body);
        ++total;
        bump(by_day, r.value("submitted_at", std::string()).substr(0, 10));
        bump(by_device, row.device_id);
        bump(by_mode, r.value("mode", std::string()));
        bump(by_version, std::to_string(r.value("consultation_version", 0)));
        for (const auto& [qid, value] : r["answers"].items()) {
            auto q = questions.find(qid);
            if (q != questions.end()) count_answer(by_option, *q->second, value);
        }
    });
    json body{{"consultation_id", consultation_id}, {"total", total},
              {"by_option", std::move(by_option)},  {"by_day", std::move(by_day)},
              {"by_device", std::move(by_device)},  {"by_mode", std::move(by_mode)},
              {"by_version", std::move(by_version)}};
    return Reply{200, body.dump(), "application/json", {}};
}

std::string export_csv(CentralDb& db, const std::string& consultation_id,
                       const std::optional<std::string>& private_key_b64) {
    auto versions = db.versions(consultation_id);
    if (versions.empty()) {
        throw std::runtime_error("no consultation \"" + consultation_id +
                                 "\" is published on this store");
    }
    return export_csv(
        versions, [&](const RowVisitor& fn) { db.for_each_response(consultation_id, fn); },
        private_key_b64);
}

std::string export_csv(const std::vector<Consultation>& versions, const RowSource& source,
                       const std::optional<std::string>& private_key_b64) {
    std::ostringstream csv;
    write_csv(csv, versions, export_rows(versions, source, private_key_b64));
    return csv.str();
}

std::vector<ExportRow> export_rows(const std::vector<Consultation>& versions,
                                   const RowSource& source,
                                   const std::optional<std::string>& private_key_b64) {
    // Personal questions across versions, in order of first appearance: the opened columns.
    std::vector<std::string> personal;
    for (const auto& c : versions) {
        for (const auto& q : c.questions) {
            if (q.personal && std::find(personal.begin(), personal.end(), q.id) == personal.end()) {
                personal.push_back(q.id);
            }
        }
    }
    std::vector<ExportRow> rows;
    source([&](const StoredRow& row) {
        ExportRow out;
        out.response = Response::from_json(json::parse(row.body));
        out.extra.push_back({"device_id", row.device_id});
        out.extra.push_back({"stored_at", row.stored_at});
        // The pulse response a full one continues (docs/pulse.md), so that a spreadsheet can
        // count each person once as the console does; the column is there when one is.
        if (out.response.continues) out.extra.push_back({"continues", *out.response.continues});
        if (!private_key_b64) {
            out.extra.push_back({"sealed", out.response.sealed ? "yes" : ""});
        } else {
            json opened = json::object();
            std::string state;
            if (out.response.sealed) {
                std::string public_key;
                for (const auto& c : versions) {
                    if (c.version == out.response.consultation_version) public_key = c.public_key;
                }
                auto plain = open_sealed(*out.response.sealed, public_key, *private_key_b64);
                if (plain) {
                    opened = json::parse(*plain, nullptr, false);
                    state = opened.is_object() ? "opened" : "damaged";
                    if (!opened.is_object()) opened = json::object();
                } else {
                    state = "wrong_key";
                }
            }
            out.extra.push_back({"sealed", state});
            for (const auto& qid : personal) {
                auto it = opened.find(qid);
                std::string cell;
                if (it != opened.end())
                    cell = it->is_string() ? it->get<std::string>() : it->dump();
                out.extra.push_back({"personal:" + qid, cell});
            }
        }
        rows.push_back(std::move(out));
    });
    return rows;
}

Reply handle_export_csv(CentralDb& db, const std::string& consultation_id) {
    if (db.versions(consultation_id).empty()) return unknown_consultation(consultation_id);
    Reply reply{200, export_csv(db, consultation_id, std::nullopt), "text/csv; charset=utf-8", {}};
    reply.headers.push_back(
        {"Content-Disposition", "attachment; filename=\"" + consultation_id + ".csv\""});
    return reply;
}

}  // namespace fv::central
