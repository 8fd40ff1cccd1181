// CSV and JSON export of responses for officers (the layout is described in export.hpp).
#include "core/store/export.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

namespace fv {

namespace {

// How one question column takes its cell from an answer.
enum class CellKind { Value, OptionChosen, OtherText, RankPosition, StatementView };

struct Column {
    std::string header;
    std::string question;
    CellKind kind = CellKind::Value;
    std::string key;  // option or statement id
};

// Question columns over every version, in order of first appearance, with no duplicates: a
// later version that adds an option adds its column after the ones already there.
std::vector<Column> question_columns(const std::vector<Consultation>& versions) {
    std::vector<Column> cols;
    std::map<std::string, bool> seen;
    auto add = [&](Column c) {
        if (seen.emplace(c.header, true).second) cols.push_back(std::move(c));
    };
    for (const Consultation& c : versions) {
        for (const Question& q : c.questions) {
            if (q.personal || q.type == QuestionType::Info) continue;
            switch (q.type) {
                case QuestionType::MultiChoice:
                    for (const Option& o : q.options) {
                        add({q.id + ":" + o.id, q.id, CellKind::OptionChosen, o.id});
                    }
                    if (q.other) add({q.id + ":other", q.id, CellKind::OtherText, ""});
                    break;
                case QuestionType::Ranking:
                    for (const Option& o : q.options) {
                        add({q.id + ":" + o.id, q.id, CellKind::RankPosition, o.id});
                    }
                    break;
                case QuestionType::Statements:
                    for (const Statement& s : q.statements) {
                        add({q.id + ":" + s.id, q.id, CellKind::StatementView, s.id});
                    }
                    break;
                default:
                    add({q.id, q.id, CellKind::Value, ""});
                    break;
            }
        }
    }
    return cols;
}

std::string plain(const nlohmann::json& v) {
    if (v.is_null()) return "";
    if (v.is_string()) return v.get<std::string>();
    if (v.is_boolean()) return v.get<bool>() ? "1" : "0";
    return v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

constexpr std::string_view kOtherPrefix = "other:";

std::string cell(const Column& col, const nlohmann::json& answers) {
    const auto it = answers.find(col.question);
    if (it == answers.end() || it->is_null()) return "";  // not shown or skipped
    const nlohmann::json& v = *it;
    switch (col.kind) {
        case CellKind::Value:
            return plain(v);
        case CellKind::OptionChosen: {
            if (!v.is_array()) return plain(v);
            for (const auto& x : v) {
                if (x.is_string() && x.get<std::string>() == col.key) return "1";
            }
            return "0";
        }
        case CellKind::OtherText: {
            if (!v.is_array()) return "";
            for (const auto& x : v) {
                if (!x.is_string()) continue;
                const std::string s = x.get<std::string>();
                if (s.rfind(kOtherPrefix, 0) == 0) return s.substr(kOtherPrefix.size());
            }
            return "";
        }
        case CellKind::RankPosition: {
            if (!v.is_array()) return "";
            for (std::size_t i = 0; i < v.size(); ++i) {
                if (v[i].is_string() && v[i].get<std::string>() == col.key) {
                    return std::to_string(i + 1);
                }
            }
            return "";  // not among the ones ranked
        }
        case CellKind::StatementView: {
            if (!v.is_object()) return "";
            const auto s = v.find(col.key);
            return s == v.end() ? "" : plain(*s);
        }
    }
    return "";
}

void write_row(std::ostream& out, const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i > 0) out << ',';
        out << csv_escape(cells[i]);
    }
    out << "\r\n";
}

const char* flag(bool b) {
    return b ? "1" : "0";
}

}  // namespace

std::string csv_escape(const std::string& cell) {
    if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
    std::string out = "\"";
    for (char c : cell) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

void write_csv(std::ostream& out, const std::vector<Consultation>& versions,
               const std::vector<ExportRow>& rows) {
    out << "\xEF\xBB\xBF";  // byte-order mark: spreadsheets then read the file as UTF-8
    export_table(versions, rows, [&](const std::vector<std::string>& cells) { write_row(out, cells); });
}

void export_table(const std::vector<Consultation>& versions, const std::vector<ExportRow>& rows,
                  const std::function<void(const std::vector<std::string>&)>& row_out) {
    const std::vector<Column> questions = question_columns(versions);
    std::vector<std::string> extras;
    for (const ExportRow& row : rows) {
        for (const auto& [name, value] : row.extra) {
            if (std::find(extras.begin(), extras.end(), name) == extras.end()) {
                extras.push_back(name);
            }
        }
    }

    std::vector<std::string> header = {"id",
                                       "consultation_id",
                                       "consultation_version",
                                       "mode",
                                       "language",
                                       "started_at",
                                       "submitted_at",
                                       "session_id",
                                       "participant_kind",
                                       "participant_organisation",
                                       "participant_name",
                                       "consent_privacy_notice",
                                       "consent_quote_publicly",
                                       "consent_contact_me",
                                       "flags"};
    header.insert(header.end(), extras.begin(), extras.end());
    for (const Column& c : questions) header.push_back(c.header);

    row_out(header);

    std::vector<std::string> cells;
    for (const ExportRow& row : rows) {
        const Response& r = row.response;
        cells.clear();
        std::string flags;
        for (const auto& f : r.flags) flags += (flags.empty() ? "" : ";") + f;
        auto participant_field = [&](const char* key) -> std::string {
            if (!r.participant.is_object()) return "";
            const auto it = r.participant.find(key);
            return it == r.participant.end() ? "" : plain(*it);
        };
        cells = {r.id,
                 r.consultation_id,
                 std::to_string(r.consultation_version),
                 std::string(to_string(r.mode)),
                 r.language,
                 r.started_at,
                 r.submitted_at,
                 r.session_id.value_or(""),
                 participant_field("kind"),
                 participant_field("organisation"),
                 participant_field("name"),
                 flag(r.consent.privacy_notice),
                 flag(r.consent.quote_publicly),
                 flag(r.consent.contact_me),
                 flags};
        for (const std::string& name : extras) {
            std::string value;
            for (const auto& [k, v] : row.extra) {
                if (k == name) value = v;
            }
            cells.push_back(std::move(value));
        }
        for (const Column& c : questions) cells.push_back(cell(c, r.answers));
        row_out(cells);
    }
}

void write_json(std::ostream& out, const std::vector<ExportRow>& rows) {
    out << "[";
    bool first = true;
    for (const ExportRow& row : rows) {
        nlohmann::json j = row.response.to_json();
        for (const auto& [name, value] : row.extra) {
            if (j.contains(name)) {
                throw std::invalid_argument("export column \"" + name +
                                            "\" would overwrite a field of the response");
            }
            j[name] = value;
        }
        out << (first ? "\n" : ",\n")
            << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        first = false;
    }
    out << (first ? "]\n" : "\n]\n");
}

}  // namespace fv
