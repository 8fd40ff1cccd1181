// Counting answers for the results page, the same way the CSV export writes them, so that an
// officer who adds up the CSV's column gets the page's number.
#include "sync/central/console_results.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace fv::central {

using nlohmann::json;

namespace {

const char* kSmileyLabels[] = {"1 (very unhappy)", "2 (unhappy)", "3 (neither)", "4 (happy)",
                               "5 (very happy)"};

std::string value_key(const json& value) {
    if (value.is_string()) {
        const auto& s = value.get_ref<const std::string&>();
        return s.rfind("other:", 0) == 0 ? std::string("other") : s;
    }
    return value.dump();
}

// The rows a question's table always has, in the definition's order, each at 0 to start.
std::vector<OptionCount> rows_of(const Question& q, const std::string& lang) {
    std::vector<OptionCount> rows;
    switch (q.type) {
        case QuestionType::SingleChoice:
        case QuestionType::MultiChoice:
        case QuestionType::Ranking:
            for (const auto& o : q.options) rows.push_back({o.id, o.label.in(lang, lang), 0});
            if (q.other && q.type != QuestionType::Ranking) rows.push_back({"other", "Other", 0});
            break;
        case QuestionType::Smiley:
            for (int i = 1; i <= 5; ++i)
                rows.push_back({std::to_string(i), kSmileyLabels[i - 1], 0});
            break;
        case QuestionType::Scale:
            for (int i = q.scale_min; i <= q.scale_max; ++i) {
                std::string label = std::to_string(i);
                if (i == q.scale_min && !q.min_label.empty()) {
                    label += " (" + q.min_label.in(lang, lang) + ")";
                }
                if (i == q.scale_max && !q.max_label.empty()) {
                    label += " (" + q.max_label.in(lang, lang) + ")";
                }
                rows.push_back({std::to_string(i), label, 0});
            }
            break;
        case QuestionType::Statements:
            for (const auto& s : q.statements) {
                for (const char* verdict : {"agree", "disagree", "pass"}) {
                    rows.push_back(
                        {s.id + ":" + verdict, s.text.in(lang, lang) + ": " + verdict, 0});
                }
            }
            break;
        default:
            break;
    }
    return rows;
}

bool is_counted(QuestionType type) {
    switch (type) {
        case QuestionType::SingleChoice:
        case QuestionType::MultiChoice:
        case QuestionType::Smiley:
        case QuestionType::Scale:
        case QuestionType::Ranking:
        case QuestionType::Statements:
            return true;
        default:
            return false;
    }
}

std::string xml_escape(const std::string& text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

// Cuts a label to `max` characters (UTF-8 aware) with an ellipsis; the table has it whole.
std::string shorten(const std::string& text, std::size_t max) {
    std::size_t chars = 0, i = 0;
    for (; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            if (chars == max) return text.substr(0, i) + "…";
            ++chars;
        }
    }
    return text;
}

// A chart label: `shorten`, except that a statement's verdict (the part after its last ": ")
// stays whole, so that "agree" and "disagree" bars of one long statement can be told apart.
std::string chart_label(const std::string& label, std::size_t max) {
    const auto cut = label.rfind(": ");
    if (cut == std::string::npos || label.size() - cut > 12) return shorten(label, max);
    const std::string verdict = label.substr(cut);
    return shorten(label.substr(0, cut), max - verdict.size()) + verdict;
}

// The values one answer adds to its question's table: "other" for an other text, a ranking's
// first choice, each statement's verdict as "statement:verdict", each of several choices.
std::vector<std::string> answer_keys(QuestionType type, const json& value) {
    std::vector<std::string> keys;
    if (type == QuestionType::MultiChoice && value.is_array()) {
        for (const auto& v : value) keys.push_back(value_key(v));
    } else if (type == QuestionType::Ranking && value.is_array()) {
        if (!value.empty()) keys.push_back(value_key(value.front()));
    } else if (type == QuestionType::Statements && value.is_object()) {
        for (const auto& [statement, verdict] : value.items()) {
            keys.push_back(statement + ":" + value_key(verdict));
        }
    } else {
        keys.push_back(value_key(value));
    }
    return keys;
}

// The index of `key` among `rows`, adding a row for a value the definition does not list.
std::size_t row_of(std::vector<OptionCount>& rows, const std::string& key) {
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (rows[i].key == key) return i;
    }
    rows.push_back({key, key, 0});
    return rows.size() - 1;
}

}  // namespace

const QuestionResult* Results::find(const std::string& question_id) const {
    for (const auto& q : questions) {
        if (q.id == question_id) return &q;
    }
    return nullptr;
}

Results results_shape(const std::vector<Consultation>& versions) {
    // Questions in order of first appearance; the newest version's wording wins.
    std::vector<std::string> order;
    std::map<std::string, std::pair<const Question*, std::string>> newest;
    for (const auto& c : versions) {
        for (const auto& q : c.questions) {
            if (q.personal || q.type == QuestionType::Info) continue;
            if (!newest.count(q.id)) order.push_back(q.id);
            newest[q.id] = {&q, c.default_language()};
        }
    }
    Results results;
    for (const auto& id : order) {
        const auto& [q, lang] = newest[id];
        QuestionResult r;
        r.id = id;
        r.prompt = q->prompt.in(lang, lang);
        r.question_type = q->type;
        r.type = std::string(to_string(q->type));
        r.counted = is_counted(q->type);
        r.equalities = q->category == "equalities";
        r.single = q->type != QuestionType::MultiChoice && q->type != QuestionType::Statements;
        r.options = rows_of(*q, lang);
        results.questions.push_back(std::move(r));
    }
    return results;
}

Results compute_results(ConsoleDb& db, const std::string& consultation_id,
                        const std::vector<Consultation>& versions, const ResponseFilter& filter,
                        const std::vector<CrossTabSpec>& cross_tabs) {
    Results results = results_shape(versions);
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < results.questions.size(); ++i) index[results.questions[i].id] = i;
    // Each cross-tab as the indexes of its two questions.
    std::vector<std::pair<std::size_t, std::size_t>> pairs;
    for (const auto& spec : cross_tabs) {
        auto q = index.find(spec.question), by = index.find(spec.by);
        if (q == index.end() || by == index.end() || !results.questions[q->second].counted ||
            !results.questions[by->second].counted) {
            throw std::invalid_argument("no cross-tab of " + spec.question + " by " + spec.by);
        }
        CrossTab t;
        t.question = spec.question;
        t.by = spec.by;
        t.rows = results.questions[q->second].options;
        t.columns = results.questions[by->second].options;
        for (auto& o : t.rows) o.count = 0;
        for (auto& o : t.columns) o.count = 0;
        results.cross_tabs.push_back(std::move(t));
        pairs.emplace_back(q->second, by->second);
    }
    std::vector<std::vector<std::string>> keys(results.questions.size());
    std::vector<std::map<std::pair<std::size_t, std::size_t>, std::int64_t>> cells(pairs.size());
    std::vector<std::map<std::size_t, std::int64_t>> no_answer(pairs.size());
    db.for_each_response(consultation_id, filter, [&](const StoredRow& row) {
        const json body = json::parse(row.body, nullptr, false);
        if (!body.is_object()) return;
        ++results.responses;
        auto answers = body.find("answers");
        if (answers == body.end() || !answers->is_object()) return;
        for (auto& k : keys) k.clear();
        for (const auto& [qid, value] : answers->items()) {
            auto at = index.find(qid);
            if (at == index.end() || value.is_null()) continue;
            QuestionResult& r = results.questions[at->second];
            ++r.answered;
            if (!r.counted) continue;
            keys[at->second] = answer_keys(r.question_type, value);
            for (const auto& key : keys[at->second]) ++r.options[row_of(r.options, key)].count;
        }
        for (std::size_t i = 0; i < pairs.size(); ++i) {
            const auto& row_keys = keys[pairs[i].first];
            const auto& column_keys = keys[pairs[i].second];
            CrossTab& t = results.cross_tabs[i];
            for (const auto& rk : row_keys) {
                const std::size_t r = row_of(t.rows, rk);
                if (column_keys.empty()) {
                    ++no_answer[i][r];
                    continue;
                }
                for (const auto& ck : column_keys) ++cells[i][{r, row_of(t.columns, ck)}];
            }
        }
    });
    // The tables, with "No answer" as the last column.
    for (std::size_t i = 0; i < results.cross_tabs.size(); ++i) {
        CrossTab& t = results.cross_tabs[i];
        const std::size_t last = t.columns.size();
        t.columns.push_back({"", "No answer", 0});
        t.counts.assign(t.rows.size(), std::vector<std::int64_t>(t.columns.size(), 0));
        for (const auto& [at, n] : cells[i]) t.counts[at.first][at.second] = n;
        for (const auto& [r, n] : no_answer[i]) t.counts[r][last] = n;
    }
    return results;
}

std::string bar_chart_svg(const QuestionResult& question, const std::string& title_id) {
    // Each answer's label on its own line above its bar, so that a long label is not cut
    // (DejaVu Sans, the fallback font, is wide: about 9 px a character at 15 px).
    constexpr int kBarWidth = 370, kRow = 50, kWidth = 430;
    std::int64_t top = 1;
    for (const auto& o : question.options) top = std::max(top, o.count);
    const int height = static_cast<int>(question.options.size()) * kRow + 4;
    std::string svg = "<svg class=\"fv-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" +
                      std::to_string(kWidth) + "\" height=\"" + std::to_string(height) +
                      "\" viewBox=\"0 0 " + std::to_string(kWidth) + " " + std::to_string(height) +
                      "\" role=\"img\" aria-labelledby=\"" + title_id + "\" focusable=\"false\">";
    svg += "<title id=\"" + title_id +
           "\">Bar chart of the answers to: " + xml_escape(question.prompt) +
           " (the numbers are in the table)</title>";
    int y = 0;
    for (const auto& o : question.options) {
        const int bar = static_cast<int>(kBarWidth * o.count / top);
        svg += "<text x=\"0\" y=\"" + std::to_string(y + 17) +
               "\" font-size=\"15\" fill=\"#0b0c0c\">" + xml_escape(chart_label(o.label, 46)) +
               "</text>";
        svg += "<rect x=\"0\" y=\"" + std::to_string(y + 23) + "\" width=\"" +
               std::to_string(std::max(bar, o.count > 0 ? 2 : 0)) +
               "\" height=\"20\" fill=\"#1d70b8\"/>";
        svg += "<text x=\"" + std::to_string(bar + 6) + "\" y=\"" + std::to_string(y + 39) +
               "\" font-size=\"15\" fill=\"#0b0c0c\">" + std::to_string(o.count) + "</text>";
        y += kRow;
    }
    svg += "</svg>";
    return svg;
}

}  // namespace fv::central
