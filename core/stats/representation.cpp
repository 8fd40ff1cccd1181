#include "core/stats/representation.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>
#include <tuple>

namespace fv {
namespace {

std::string trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return std::string(s);
}

// One CSV record's fields ("..." quoting with "" inside); nullopt when a quote is left open.
std::optional<std::vector<std::string>> split_record(std::string_view line) {
    std::vector<std::string> fields;
    std::string field;
    bool quoted = false, was_quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = was_quoted = true;
        } else if (c == ',') {
            fields.push_back(was_quoted ? field : trim(field));
            field.clear();
            was_quoted = false;
        } else {
            field += c;
        }
    }
    if (quoted) return std::nullopt;
    fields.push_back(was_quoted ? field : trim(field));
    return fields;
}

std::optional<double> parse_share(const std::string& text) {
    std::string number = text;
    bool percent = false;
    if (!number.empty() && number.back() == '%') {
        percent = true;
        number = trim(std::string_view(number).substr(0, number.size() - 1));
    }
    if (number.empty()) return std::nullopt;
    double value = 0.0;
    const auto* end = number.data() + number.size();
    const auto [ptr, ec] = std::from_chars(number.data(), end, value);
    if (ec != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
    return percent ? value / 100.0 : value;
}

std::string area_name(const std::string& division) {
    return division.empty() ? "county-wide" : "in division \"" + division + "\"";
}

}  // namespace

ReferenceParse parse_reference_csv(std::string_view text, const Consultation& consultation) {
    ReferenceParse out;
    auto problem = [&](std::size_t line, std::string message) {
        out.problems.push_back({line, std::move(message)});
    };
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a spreadsheet's BOM

    std::vector<ReferenceShare> shares;
    std::map<std::tuple<std::string, std::string, std::string>, std::size_t> first_line;
    std::size_t columns = 0, line_no = 0;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const std::size_t nl = text.find('\n', pos);
        std::string_view raw =
            text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
        pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
        ++line_no;
        if (trim(raw).empty()) continue;
        const auto fields = split_record(raw);
        if (!fields) {
            problem(line_no, "a quoted field is not closed: end it with a double quote (\").");
            continue;
        }
        if (columns == 0) {
            std::vector<std::string> names;
            for (auto f : *fields) {
                std::transform(f.begin(), f.end(), f.begin(),
                               [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
                names.push_back(f);
            }
            const std::vector<std::string> three = {"question_id", "option_key", "share"};
            auto four = three;
            four.push_back("division");
            if (names == three || names == four) {
                columns = names.size();
                continue;
            }
            problem(line_no,
                    "the first line must be the header question_id,option_key,share "
                    "(and ,division for shares per division), not \"" +
                        trim(raw) + "\".");
            return out;
        }
        if (fields->size() != columns) {
            problem(line_no, "expected " + std::to_string(columns) +
                                 " fields as the header says, found " +
                                 std::to_string(fields->size()) + ".");
            continue;
        }
        ReferenceShare s;
        s.question_id = (*fields)[0];
        s.option_key = (*fields)[1];
        if (columns == 4) s.division = (*fields)[3];
        s.line = line_no;
        const Question* q = consultation.find(s.question_id);
        if (!q) {
            problem(line_no, "question \"" + s.question_id + "\" is not in consultation " +
                                 consultation.id + ".");
            continue;
        }
        if (q->category != "equalities") {
            problem(line_no, "question \"" + s.question_id +
                                 "\" is not an equalities question; a reference gives shares "
                                 "only for those.");
            continue;
        }
        const bool known = std::any_of(q->options.begin(), q->options.end(),
                                       [&](const Option& o) { return o.id == s.option_key; });
        if (!known) {
            std::string ids;
            for (const auto& o : q->options) ids += (ids.empty() ? "" : ", ") + o.id;
            problem(line_no, "option \"" + s.option_key + "\" is not an option of question \"" +
                                 s.question_id + "\" (its options are " + ids + ").");
            continue;
        }
        const auto share = parse_share((*fields)[2]);
        if (!share) {
            problem(line_no, "share \"" + (*fields)[2] +
                                 "\" is not a number: write a share from 0 to 1 (0.125) or a "
                                 "percentage (12.5%).");
            continue;
        }
        if (*share < 0.0 || *share > 1.0) {
            problem(line_no, "share \"" + (*fields)[2] + "\" is outside 0 to 1 (0% to 100%).");
            continue;
        }
        s.share = *share;
        const auto key = std::make_tuple(s.question_id, s.option_key, s.division);
        if (const auto it = first_line.find(key); it != first_line.end()) {
            problem(line_no, "question \"" + s.question_id + "\", option \"" + s.option_key +
                                 "\" " + area_name(s.division) + " is already given on line " +
                                 std::to_string(it->second) + ".");
            continue;
        }
        first_line.emplace(key, line_no);
        shares.push_back(std::move(s));
    }
    if (columns == 0) {
        problem(0,
                "the file is empty: it needs the header question_id,option_key,share and a "
                "line for each group.");
        return out;
    }
    if (shares.empty() && out.problems.empty()) problem(0, "the file has a header but no shares.");

    // Each question's shares in an area add up to 1.
    std::map<std::pair<std::string, std::string>, std::pair<double, std::size_t>> sums;
    for (const auto& s : shares) {
        auto& [sum, line] =
            sums.try_emplace({s.question_id, s.division}, 0.0, s.line).first->second;
        sum += s.share;
        line = std::min(line, s.line);
    }
    for (const auto& [key, sum_line] : sums) {
        const auto& [sum, line] = sum_line;
        if (std::fabs(sum - 1.0) > 0.01) {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.3g", sum);
            problem(line, "the shares of question \"" + key.first + "\" " + area_name(key.second) +
                              " add up to " + buf + ", not 1 (100%): give every group of it.");
        }
    }
    std::stable_sort(
        out.problems.begin(), out.problems.end(),
        [](const ReferenceProblem& a, const ReferenceProblem& b) { return a.line < b.line; });
    if (out.problems.empty()) out.shares = std::move(shares);
    return out;
}

std::vector<RepresentationRow> compare_representation(
    const std::vector<std::pair<std::string, std::int64_t>>& heard,
    const std::vector<ReferenceShare>& reference, double threshold) {
    std::vector<RepresentationRow> rows;
    std::int64_t base = 0;
    for (const auto& ref : reference) {
        RepresentationRow row;
        row.option_key = ref.option_key;
        row.reference_share = ref.share;
        for (const auto& [key, count] : heard)
            if (key == ref.option_key) row.heard += count;
        base += row.heard;
        rows.push_back(std::move(row));
    }
    std::optional<double> lowest;
    for (auto& row : rows) {
        row.heard_share =
            base == 0 ? 0.0 : static_cast<double>(row.heard) / static_cast<double>(base);
        if (row.reference_share > 0.0 && base > 0) {
            row.ratio = row.heard_share / row.reference_share;
            row.under_represented = *row.ratio < threshold;
            if (!lowest || *row.ratio < *lowest) lowest = row.ratio;
        }
    }
    for (auto& row : rows)
        row.lowest = row.ratio && lowest && std::fabs(*row.ratio - *lowest) < 1e-12;
    return rows;
}

}  // namespace fv
