// Counting answers for the results page, the same way the CSV export writes them, so that an
// officer who adds up the CSV's column gets the page's number.
#include "sync/central/console_results.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "sync/central/answer_index.hpp"

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

}  // namespace

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

std::string mode_label(const std::string& mode) {
    if (mode == "kiosk") return "Kiosk (on their own)";
    if (mode == "assisted") return "Assisted (an officer helped)";
    if (mode == "meeting") return "Community meeting";
    if (mode == "partner") return "Partner organisation";
    if (mode == "pulse") return "One-tap pulse";
    return mode;
}

namespace {

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

}  // namespace

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

namespace {

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

namespace {

// A cross-tab being counted: its table's cells grown as rows and columns are found.
struct CrossTabCounts {
    std::size_t question = 0, by = 0;              // indexes into Results::questions
    std::vector<std::vector<std::int64_t>> cells;  // [row][column], columns without "No answer"
    std::vector<std::int64_t> no_answer;           // [row]

    void add(std::size_t row, std::size_t column) {
        if (cells.size() <= row) cells.resize(row + 1);
        if (cells[row].size() <= column) cells[row].resize(column + 1, 0);
        ++cells[row][column];
    }
    void add_no_answer(std::size_t row) {
        if (no_answer.size() <= row) no_answer.resize(row + 1, 0);
        ++no_answer[row];
    }
};

// The text of a string field of a response's JSON, "" when it has none.
std::string text_of(const json& body, const char* field) {
    auto at = body.find(field);
    return at != body.end() && at->is_string() ? at->get<std::string>() : std::string();
}

bool flagged_rapid_repeat(const json& body) {
    auto flags = body.find("flags");
    if (flags == body.end() || !flags->is_array()) return false;
    return std::find(flags->begin(), flags->end(), json("rapid_repeat")) != flags->end();
}

// The slow way, and the one the index is held to: every selected response's JSON parsed.
void count_from_json(ConsoleDb& db, const std::string& consultation_id,
                     const ResponseFilter& filter, const std::map<std::string, std::size_t>& index,
                     Results& results, std::vector<CrossTabCounts>& tabs,
                     std::map<std::string, ModeCount>& modes) {
    const auto continued = db.continued_pulses(consultation_id, filter);
    std::vector<std::vector<std::string>> keys(results.questions.size());
    db.for_each_response(consultation_id, filter, [&](const StoredRow& row) {
        const json body = json::parse(row.body, nullptr, false);
        if (!body.is_object()) return;
        const std::string mode = text_of(body, "mode");
        ModeCount& by_mode = modes[mode];
        ++by_mode.responses;
        if (mode == "pulse") {
            auto c = continued.find(text_of(body, "id"));
            if (c != continued.end()) {
                ++by_mode.told_more;
                if (c->second) {  // its continuation is counted: this person is, once
                    ++results.left_out;
                    return;
                }
            }
        }
        const bool flagged = flagged_rapid_repeat(body);
        ++results.responses;
        ++by_mode.counted;
        if (flagged) ++results.flagged, ++by_mode.flagged;
        auto answers = body.find("answers");
        if (answers == body.end() || !answers->is_object()) return;
        for (auto& k : keys) k.clear();
        for (const auto& [qid, value] : answers->items()) {
            auto at = index.find(qid);
            if (at == index.end() || value.is_null()) continue;
            QuestionResult& r = results.questions[at->second];
            ++r.answered;
            if (flagged) ++r.answered_flagged;
            if (!r.counted) continue;
            keys[at->second] = answer_keys(r.question_type, value);
            for (const auto& key : keys[at->second]) {
                OptionCount& option = r.options[row_of(r.options, key)];
                ++option.count;
                if (flagged) ++option.flagged;
            }
        }
        for (std::size_t i = 0; i < tabs.size(); ++i) {
            const auto& row_keys = keys[tabs[i].question];
            const auto& column_keys = keys[tabs[i].by];
            CrossTab& t = results.cross_tabs[i];
            for (const auto& rk : row_keys) {
                const std::size_t r = row_of(t.rows, rk);
                if (column_keys.empty()) {
                    tabs[i].add_no_answer(r);
                    continue;
                }
                for (const auto& ck : column_keys) tabs[i].add(r, row_of(t.columns, ck));
            }
        }
    });
}

// The fast way: the answers the index keeps (answer_index.hpp), the same counts without parsing.
// False when the index cannot say (it read a question as another type than these versions ask).
bool count_from_index(const AnsweredPartition* part, const ResponseFilter& filter,
                      const std::map<std::string, std::string>& divisions,
                      const std::map<std::string, std::size_t>& index, Results& results,
                      std::vector<CrossTabCounts>& tabs, std::map<std::string, ModeCount>& modes) {
    if (!part) return true;  // nothing stored yet
    if (!part->complete) return false;
    constexpr int kNone = -1;
    // Each slot's question in the results, and each key's row, found as first met (so that a
    // value no definition lists gets its row in the order the JSON way would give it).
    const std::size_t slots = part->question_ids.size();
    std::vector<int> question_at(slots, kNone);
    for (std::size_t s = 0; s < slots; ++s) {
        auto at = index.find(part->question_ids[s]);
        if (at == index.end()) continue;
        const QuestionResult& r = results.questions[at->second];
        if (r.question_type != part->types[s] && (r.counted || is_counted(part->types[s]))) {
            return false;
        }
        question_at[s] = static_cast<int>(at->second);
    }
    std::vector<std::vector<int>> row_at(slots);
    for (std::size_t s = 0; s < slots; ++s) row_at[s].assign(part->keys[s].size(), kNone);
    // The same for each cross-tab's rows (its question's slot) and columns (its by's slot).
    std::vector<int> slot_of(results.questions.size(), kNone);
    for (std::size_t s = 0; s < slots; ++s) {
        if (question_at[s] != kNone)
            slot_of[static_cast<std::size_t>(question_at[s])] = static_cast<int>(s);
    }
    std::vector<std::vector<int>> tab_row(tabs.size()), tab_column(tabs.size());
    std::vector<char> paired(results.questions.size(), 0);
    for (std::size_t i = 0; i < tabs.size(); ++i) {
        paired[tabs[i].question] = paired[tabs[i].by] = 1;
        const int qs = slot_of[tabs[i].question], bs = slot_of[tabs[i].by];
        if (qs != kNone) tab_row[i].assign(part->keys[static_cast<std::size_t>(qs)].size(), kNone);
        if (bs != kNone) {
            tab_column[i].assign(part->keys[static_cast<std::size_t>(bs)].size(), kNone);
        }
    }

    // Which cells the filter selects: the division is the device's now, as in for_each_response.
    // 0: not selected; kSelected, with kFlagged when the cell's responses are flagged (in the
    // one byte the loop reads anyway, so that knowing a response flagged costs no other read).
    constexpr std::uint8_t kSelected = 1, kFlagged = 2;
    std::vector<std::uint8_t> selected(part->cells.size(), 0);
    for (std::size_t c = 0; c < part->cells.size(); ++c) {
        const auto& cell = part->cells[c];
        if (filter.version != 0 && cell.version != filter.version) continue;
        if (!filter.division.empty()) {
            auto d = divisions.find(part->devices[cell.device]);
            if (d == divisions.end() || d->second != filter.division) continue;
        }
        if (!filter.mode.empty() && part->modes[cell.mode] != filter.mode) continue;
        if (!filter.language.empty() && part->languages[cell.language] != filter.language) {
            continue;
        }
        const std::string& day = part->days[cell.day];
        if (!filter.from.empty() && day < filter.from) continue;
        if (!filter.to.empty() && day > filter.to) continue;
        selected[c] = cell.flagged ? kSelected | kFlagged : kSelected;
    }

    // The pulse responses a full response continues (both still stored), and of them those left
    // out because the filter selects their continuation too: in response order, for the loop.
    std::vector<std::int64_t> left_out_in(part->cells.size(), 0), told_more_in(part->cells.size(), 0);
    std::vector<std::uint32_t> left_out;
    for (const auto& [pulse, continuation] : part->continued) {
        const std::uint32_t pc = part->cell_of[pulse], cc = part->cell_of[continuation];
        if (pc == AnsweredPartition::kErased || cc == AnsweredPartition::kErased || !selected[pc]) {
            continue;
        }
        ++told_more_in[pc];
        if (selected[cc]) left_out.push_back(pulse);
    }
    std::sort(left_out.begin(), left_out.end());
    left_out.erase(std::unique(left_out.begin(), left_out.end()), left_out.end());
    auto next_left_out = left_out.begin();

    // Per response, the key slots of each paired question it answered.
    std::vector<std::vector<std::uint32_t>> keys(results.questions.size());
    const std::size_t n = part->responses();
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint32_t cell = part->cell_of[i];
        if (cell == AnsweredPartition::kErased) continue;
        const std::uint8_t state = selected[cell];
        if (!state) continue;
        if (next_left_out != left_out.end() && *next_left_out == i) {
            ++next_left_out;
            ++left_out_in[cell];
            continue;
        }
        const bool flagged = state & kFlagged;
        for (std::size_t q = 0; q < keys.size(); ++q) {
            if (paired[q]) keys[q].clear();
        }
        std::uint32_t last = ~0u;
        for (std::uint32_t at = part->start[i]; at < part->start[i + 1]; ++at) {
            const std::uint32_t item = part->items[at];
            const std::uint32_t s = AnsweredPartition::question_of(item);
            const int q = question_at[s];
            if (q == kNone) continue;
            QuestionResult& r = results.questions[static_cast<std::size_t>(q)];
            if (s != last) {
                ++r.answered;
                if (flagged) ++r.answered_flagged;
            }
            last = s;
            const std::uint32_t k = AnsweredPartition::key_of(item);
            if (!r.counted || k == AnsweredPartition::kNoKey) continue;
            int& row = row_at[s][k];
            if (row == kNone) row = static_cast<int>(row_of(r.options, part->keys[s][k]));
            OptionCount& option = r.options[static_cast<std::size_t>(row)];
            ++option.count;
            if (flagged) ++option.flagged;
            if (paired[static_cast<std::size_t>(q)]) keys[static_cast<std::size_t>(q)].push_back(k);
        }
        for (std::size_t t = 0; t < tabs.size(); ++t) {
            const auto& row_keys = keys[tabs[t].question];
            if (row_keys.empty()) continue;
            const auto& column_keys = keys[tabs[t].by];
            CrossTab& table = results.cross_tabs[t];
            const auto qs = static_cast<std::size_t>(slot_of[tabs[t].question]);
            for (const std::uint32_t rk : row_keys) {
                int& r = tab_row[t][rk];
                if (r == kNone) r = static_cast<int>(row_of(table.rows, part->keys[qs][rk]));
                if (column_keys.empty()) {
                    tabs[t].add_no_answer(static_cast<std::size_t>(r));
                    continue;
                }
                const auto bs = static_cast<std::size_t>(slot_of[tabs[t].by]);
                for (const std::uint32_t ck : column_keys) {
                    int& c = tab_column[t][ck];
                    if (c == kNone) c = static_cast<int>(row_of(table.columns, part->keys[bs][ck]));
                    tabs[t].add(static_cast<std::size_t>(r), static_cast<std::size_t>(c));
                }
            }
        }
    }
    // The counts of responses, by mode and flag, from the cells' (kept by the index as it reads
    // and erases): nothing counted per response for them.
    for (std::size_t c = 0; c < part->cells.size(); ++c) {
        if (!selected[c]) continue;
        const std::int64_t in_cell = part->cell_responses[c];
        const std::int64_t counted = in_cell - left_out_in[c];
        ModeCount& by_mode = modes[part->modes[part->cells[c].mode]];
        by_mode.responses += in_cell;
        by_mode.counted += counted;
        by_mode.told_more += told_more_in[c];
        results.responses += counted;
        results.left_out += left_out_in[c];
        if (part->cells[c].flagged) {
            by_mode.flagged += counted;
            results.flagged += counted;
        }
    }
    return true;
}

// The modes in the order the console lists them; a mode no device sends any more last.
std::vector<ModeCount> in_mode_order(std::map<std::string, ModeCount>& modes) {
    std::vector<ModeCount> out;
    for (const char* mode : {"kiosk", "assisted", "meeting", "partner", "pulse"}) {
        auto at = modes.find(mode);
        if (at == modes.end() || at->second.responses == 0) continue;
        at->second.mode = mode;
        out.push_back(at->second);
        modes.erase(at);
    }
    for (auto& [mode, count] : modes) {
        if (count.responses == 0) continue;
        count.mode = mode;
        out.push_back(count);
    }
    return out;
}

}  // namespace

Results compute_results(ConsoleDb& db, AnswerIndex* answers, const std::string& consultation_id,
                        const std::vector<Consultation>& versions, const ResponseFilter& filter,
                        const std::vector<CrossTabSpec>& cross_tabs) {
    Results results = results_shape(versions);
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < results.questions.size(); ++i) index[results.questions[i].id] = i;
    std::vector<CrossTabCounts> tabs;
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
        results.cross_tabs.push_back(std::move(t));
        CrossTabCounts counts;
        counts.question = q->second;
        counts.by = by->second;
        tabs.push_back(std::move(counts));
    }
    // What was stored since the index last read, then the counts from it (or, when it cannot
    // say, from the JSON, starting again from the shape).
    bool counted = false;
    const Results shape = results;
    std::map<std::string, ModeCount> modes;
    if (answers) {
        answers->catch_up(db);
        const auto divisions =
            filter.division.empty() ? std::map<std::string, std::string>{} : db.device_divisions();
        answers->read(consultation_id, [&](const AnsweredPartition* part) {
            counted = count_from_index(part, filter, divisions, index, results, tabs, modes);
        });
    }
    if (!counted) {
        results = shape;
        modes.clear();
        for (auto& t : tabs) t.cells.clear(), t.no_answer.clear();
        count_from_json(db, consultation_id, filter, index, results, tabs, modes);
    }
    results.modes = in_mode_order(modes);
    // The tables, with "No answer" as the last column.
    for (std::size_t i = 0; i < results.cross_tabs.size(); ++i) {
        CrossTab& t = results.cross_tabs[i];
        const std::size_t last = t.columns.size();
        t.columns.push_back({"", "No answer", 0});
        t.counts.assign(t.rows.size(), std::vector<std::int64_t>(t.columns.size(), 0));
        for (std::size_t r = 0; r < tabs[i].cells.size(); ++r) {
            for (std::size_t c = 0; c < tabs[i].cells[r].size(); ++c) {
                t.counts[r][c] = tabs[i].cells[r][c];
            }
        }
        for (std::size_t r = 0; r < tabs[i].no_answer.size(); ++r)
            t.counts[r][last] = tabs[i].no_answer[r];
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
