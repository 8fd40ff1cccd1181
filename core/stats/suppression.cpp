#include "core/stats/suppression.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <stdexcept>
#include <tuple>

namespace fv {
namespace {

// The table with its margins as one (rows+1) x (columns+1) grid of unknowns: the last column
// holds the row totals, the last row the column totals, the corner the grand total. Each grid
// row and each grid column gives one equation: its cells minus its total cell make 0.
struct Grid {
    std::size_t rows = 0, cols = 0;  // of the grid, margins included
    std::vector<std::int64_t> value;
    std::vector<CellDisplay> display;
    std::size_t at(std::size_t r, std::size_t c) const { return r * cols + c; }
};

using Equation = std::vector<double>;  // one coefficient per grid cell

std::vector<Equation> equations(const Grid& g) {
    std::vector<Equation> out;
    for (std::size_t r = 0; r < g.rows; ++r) {
        Equation e(g.value.size(), 0.0);
        for (std::size_t c = 0; c + 1 < g.cols; ++c) e[g.at(r, c)] = 1.0;
        e[g.at(r, g.cols - 1)] = -1.0;
        out.push_back(std::move(e));
    }
    for (std::size_t c = 0; c < g.cols; ++c) {
        Equation e(g.value.size(), 0.0);
        for (std::size_t r = 0; r + 1 < g.rows; ++r) e[g.at(r, c)] = 1.0;
        e[g.at(g.rows - 1, c)] = -1.0;
        out.push_back(std::move(e));
    }
    return out;
}

// Rank of `m` restricted to the columns in `keep`, by Gaussian elimination with partial pivoting
// (the coefficients are small integers, so a tolerance of 1e-9 is far from any real pivot).
std::size_t rank_of(std::vector<Equation> m, const std::vector<std::size_t>& keep) {
    std::size_t rank = 0;
    for (std::size_t col : keep) {
        std::size_t pivot = rank;
        for (std::size_t r = rank; r < m.size(); ++r)
            if (std::fabs(m[r][col]) > std::fabs(m[pivot][col])) pivot = r;
        if (pivot >= m.size() || std::fabs(m[pivot][col]) < 1e-9) continue;
        std::swap(m[pivot], m[rank]);
        for (std::size_t r = 0; r < m.size(); ++r) {
            if (r == rank || std::fabs(m[r][col]) < 1e-12) continue;
            const double f = m[r][col] / m[rank][col];
            for (std::size_t k : keep) m[r][k] -= f * m[rank][k];
        }
        if (++rank == m.size()) break;
    }
    return rank;
}

// A hidden cell is determined when its unit vector lies in the span of the equations restricted
// to the hidden cells: then some combination of the sums isolates it, the rest being shown.
std::vector<std::size_t> determined_hidden(const Grid& g, const std::vector<Equation>& eqs) {
    std::vector<std::size_t> hidden;
    for (std::size_t i = 0; i < g.display.size(); ++i)
        if (g.display[i] != CellDisplay::shown) hidden.push_back(i);
    std::vector<std::size_t> out;
    if (hidden.empty()) return out;
    const std::size_t base = rank_of(eqs, hidden);
    for (std::size_t k : hidden) {
        std::vector<Equation> with = eqs;
        Equation unit(g.value.size(), 0.0);
        unit[k] = 1.0;
        with.push_back(std::move(unit));
        if (rank_of(std::move(with), hidden) == base) out.push_back(k);
    }
    return out;
}

// The cell to hide next for a determined `cell`: on whichever of its grid row and column holds
// fewer hidden cells (the line that gives it away), the smallest shown count, preferring a cell
// of the table to a total and a non-zero count to a 0 (a hidden 0 beside a small cell would let a
// reader bound it), and never a 0 on a line whose total is 0; never the grand total. size() when
// nothing is left to hide.
std::size_t lone_line(const Grid& g, std::size_t cell) {
    const std::size_t row = cell / g.cols, col = cell % g.cols;
    std::size_t in_row = 0, in_col = 0;
    for (std::size_t c = 0; c < g.cols; ++c)
        in_row += g.display[g.at(row, c)] != CellDisplay::shown;
    for (std::size_t r = 0; r < g.rows; ++r)
        in_col += g.display[g.at(r, col)] != CellDisplay::shown;
    return std::min(in_row, in_col);
}

std::size_t next_to_hide(const Grid& g, std::size_t cell) {
    const std::size_t row = cell / g.cols, col = cell % g.cols;
    const std::size_t corner = g.at(g.rows - 1, g.cols - 1);
    std::vector<std::size_t> row_line, col_line;
    for (std::size_t c = 0; c < g.cols; ++c) row_line.push_back(g.at(row, c));
    for (std::size_t r = 0; r < g.rows; ++r) col_line.push_back(g.at(r, col));
    auto hidden_in = [&](const std::vector<std::size_t>& line) {
        std::size_t n = 0;
        for (std::size_t i : line) n += g.display[i] != CellDisplay::shown;
        return n;
    };
    // A 0 on a line whose total is 0 is known whatever is shown (no count is negative): hiding
    // it protects nothing, so it comes last.
    auto known_zero = [&](std::size_t i) {
        return g.value[i] == 0 && (g.value[g.at(i / g.cols, g.cols - 1)] == 0 ||
                                   g.value[g.at(g.rows - 1, i % g.cols)] == 0);
    };
    auto rank = [&](std::size_t i) {
        const bool margin = i / g.cols == g.rows - 1 || i % g.cols == g.cols - 1;
        return std::make_tuple(known_zero(i), margin, g.value[i] == 0, g.value[i]);
    };
    auto smallest = [&](const std::vector<std::size_t>& line) {
        std::size_t best = g.value.size();
        for (std::size_t i : line) {
            if (i == corner || g.display[i] != CellDisplay::shown) continue;
            if (best == g.value.size() || rank(i) < rank(best)) best = i;
        }
        return best;
    };
    const std::size_t in_row = hidden_in(row_line), in_col = hidden_in(col_line);
    std::size_t best = g.value.size();
    if (in_row <= in_col) best = smallest(row_line);
    if (best == g.value.size() || (in_col < in_row)) {
        const std::size_t other = smallest(col_line);
        if (other != g.value.size() && (in_col < in_row || best == g.value.size())) best = other;
    }
    if (best == g.value.size()) {  // both lines are all hidden: widen to the whole table
        std::vector<std::size_t> all(g.value.size());
        for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
        best = smallest(all);
    }
    return best;
}

}  // namespace

SuppressedCrossTab suppress_cross_tab(const std::vector<std::vector<std::int64_t>>& counts,
                                      std::int64_t threshold) {
    SuppressedCrossTab out;
    out.counts = counts;
    const std::size_t rows = counts.size();
    const std::size_t cols = rows == 0 ? 0 : counts.front().size();
    out.row_totals.assign(rows, 0);
    out.column_totals.assign(cols, 0);
    for (std::size_t r = 0; r < rows; ++r) {
        if (counts[r].size() != cols)
            throw std::invalid_argument("cross-tab rows differ in length");
        for (std::size_t c = 0; c < cols; ++c) {
            if (counts[r][c] < 0) throw std::invalid_argument("cross-tab count below 0");
            out.row_totals[r] += counts[r][c];
            out.column_totals[c] += counts[r][c];
            out.total += counts[r][c];
        }
    }

    Grid g;
    g.rows = rows + 1;
    g.cols = cols + 1;
    g.value.assign(g.rows * g.cols, 0);
    for (std::size_t r = 0; r < rows; ++r) {
        for (std::size_t c = 0; c < cols; ++c) g.value[g.at(r, c)] = counts[r][c];
        g.value[g.at(r, cols)] = out.row_totals[r];
    }
    for (std::size_t c = 0; c < cols; ++c) g.value[g.at(rows, c)] = out.column_totals[c];
    g.value[g.at(rows, cols)] = out.total;
    g.display.assign(g.value.size(), CellDisplay::shown);
    for (std::size_t i = 0; i < g.value.size(); ++i)
        if (g.value[i] > 0 && g.value[i] < threshold) g.display[i] = CellDisplay::fewer_than_5;

    const auto eqs = equations(g);
    for (;;) {
        const auto determined = determined_hidden(g, eqs);
        if (determined.empty()) break;
        // Start from the cell most plainly given away: the one alone, or nearly, on a line.
        std::size_t pick = determined.front();
        for (std::size_t k : determined)
            if (lone_line(g, k) < lone_line(g, pick)) pick = k;
        const std::size_t hide = next_to_hide(g, pick);
        if (hide == g.value.size()) break;  // only the grand total is left shown
        g.display[hide] = CellDisplay::hidden;
    }

    out.cells.assign(rows, std::vector<CellDisplay>(cols, CellDisplay::shown));
    out.row_total_display.assign(rows, CellDisplay::shown);
    out.column_total_display.assign(cols, CellDisplay::shown);
    for (std::size_t r = 0; r < rows; ++r) {
        for (std::size_t c = 0; c < cols; ++c) out.cells[r][c] = g.display[g.at(r, c)];
        out.row_total_display[r] = g.display[g.at(r, cols)];
    }
    for (std::size_t c = 0; c < cols; ++c) out.column_total_display[c] = g.display[g.at(rows, c)];
    out.total_display = g.display[g.at(rows, cols)];
    return out;
}

std::vector<CellDisplay> suppress_counts(const std::vector<std::int64_t>& counts,
                                         std::int64_t threshold) {
    std::vector<CellDisplay> out(counts.size(), CellDisplay::shown);
    std::size_t hidden = 0;
    for (std::size_t i = 0; i < counts.size(); ++i) {
        if (counts[i] < 0) throw std::invalid_argument("count below 0");
        if (counts[i] > 0 && counts[i] < threshold) {
            out[i] = CellDisplay::fewer_than_5;
            ++hidden;
        }
    }
    if (hidden == 1) {  // the total would give it away: hide the smallest other, non-zero first
        std::size_t best = counts.size();
        for (std::size_t i = 0; i < counts.size(); ++i) {
            if (out[i] != CellDisplay::shown) continue;
            if (best == counts.size() ||
                ((counts[i] == 0) != (counts[best] == 0) ? counts[best] == 0
                                                         : counts[i] < counts[best]))
                best = i;
        }
        if (best != counts.size()) out[best] = CellDisplay::hidden;
    }
    return out;
}

}  // namespace fv
