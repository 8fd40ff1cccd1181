#include "core/model/tally.hpp"

#include <map>
#include <set>

namespace fv {

namespace {

constexpr std::string_view kOther = "other:";

std::vector<TallyRow> rows_for(const Question& q, const std::string& lang) {
    std::vector<TallyRow> rows;
    const std::string& fallback = lang;
    switch (q.type) {
        case QuestionType::SingleChoice:
        case QuestionType::MultiChoice:
        case QuestionType::Ranking:
            for (const auto& o : q.options) rows.push_back({o.id, o.label.in(lang, fallback), 0});
            if (q.other && q.type != QuestionType::Ranking) rows.push_back({"other", "Other", 0});
            break;
        case QuestionType::Smiley:  // the face's words are the kiosk's (widget.smiley.N)
            for (int i = 1; i <= 5; ++i) rows.push_back({std::to_string(i), std::to_string(i), 0});
            break;
        case QuestionType::Scale:
            for (int i = q.scale_min; i <= q.scale_max; ++i) {
                rows.push_back({std::to_string(i), std::to_string(i), 0});
            }
            break;
        case QuestionType::Statements:
            for (const auto& s : q.statements) {
                for (const char* verdict : {"agree", "disagree", "pass"}) {
                    rows.push_back(
                        {s.id + ":" + verdict, s.text.in(lang, fallback) + ": " + verdict, 0});
                }
            }
            break;
        default:
            break;
    }
    return rows;
}

std::string key_of(const nlohmann::json& value) {
    if (value.is_string()) {
        const auto& text = value.get_ref<const std::string&>();
        return text.rfind(kOther, 0) == 0 ? std::string("other") : text;
    }
    if (value.is_number_integer()) return std::to_string(value.get<long long>());
    return value.dump();
}

}  // namespace

void drop_continued_pulses(std::vector<Response>& responses) {
    std::set<std::string> continued;
    for (const Response& r : responses) {
        if (r.continues) continued.insert(*r.continues);
    }
    if (continued.empty()) return;
    std::erase_if(responses, [&continued](const Response& r) {
        return r.mode == CaptureMode::Pulse && continued.count(r.id) > 0;
    });
}

std::vector<QuestionTally> tally(const Consultation& consultation,
                                 const std::vector<Response>& responses, const std::string& lang) {
    std::vector<QuestionTally> out;
    std::map<std::string, std::size_t> index;  // question id -> out position
    std::vector<std::map<std::string, std::size_t>> row_index;
    for (const Question& q : consultation.questions) {
        if (q.type == QuestionType::Info || q.personal) continue;
        index[q.id] = out.size();
        QuestionTally t;
        t.question = &q;
        t.rows = rows_for(q, lang);
        std::map<std::string, std::size_t> rows;
        for (std::size_t i = 0; i < t.rows.size(); ++i) rows[t.rows[i].key] = i;
        row_index.push_back(std::move(rows));
        out.push_back(std::move(t));
    }
    for (const Response& r : responses) {
        if (r.consultation_id != consultation.id || !r.answers.is_object()) continue;
        for (const auto& [id, value] : r.answers.items()) {
            const auto at = index.find(id);
            if (at == index.end()) continue;  // a question of another version
            QuestionTally& t = out[at->second];
            auto& rows = row_index[at->second];
            ++t.answered;
            auto bump = [&](const std::string& key) {
                if (auto it = rows.find(key); it != rows.end()) ++t.rows[it->second].count;
            };
            if (value.is_array()) {
                for (const auto& v : value) bump(key_of(v));
            } else if (value.is_object()) {
                for (const auto& [statement, verdict] : value.items()) {
                    bump(statement + ":" + key_of(verdict));
                }
            } else if (!t.rows.empty()) {
                bump(key_of(value));
            }
        }
    }
    return out;
}

}  // namespace fv
