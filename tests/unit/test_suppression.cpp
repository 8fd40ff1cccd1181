// Small-count suppression of equality tables: primary cells read "fewer than 5", secondary cells
// hide them from subtraction, and two attackers (peeling single unknowns off the row and column
// totals, and enumerating every table that fits the shown figures) recover no hidden count.
#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <random>
#include <set>
#include <vector>

#include "core/stats/suppression.hpp"

namespace fv {
namespace {

using Table = std::vector<std::vector<std::int64_t>>;

// What a reader sees: the grid with margins, each value known or not.
struct Seen {
    std::size_t rows = 0, cols = 0;  // with margins
    std::vector<std::optional<std::int64_t>> value;
    std::vector<std::int64_t> truth;
};

Seen seen_of(const SuppressedCrossTab& t) {
    Seen s;
    s.rows = t.counts.size() + 1;
    s.cols = (t.counts.empty() ? 0 : t.counts.front().size()) + 1;
    s.value.resize(s.rows * s.cols);
    s.truth.resize(s.rows * s.cols);
    auto put = [&](std::size_t r, std::size_t c, std::int64_t v, CellDisplay d) {
        s.truth[r * s.cols + c] = v;
        if (d == CellDisplay::shown) s.value[r * s.cols + c] = v;
    };
    for (std::size_t r = 0; r + 1 < s.rows; ++r) {
        for (std::size_t c = 0; c + 1 < s.cols; ++c) put(r, c, t.counts[r][c], t.cells[r][c]);
        put(r, s.cols - 1, t.row_totals[r], t.row_total_display[r]);
    }
    for (std::size_t c = 0; c + 1 < s.cols; ++c)
        put(s.rows - 1, c, t.column_totals[c], t.column_total_display[c]);
    put(s.rows - 1, s.cols - 1, t.total, t.total_display);
    return s;
}

// The lines of the grid: each is its cells and, last, its total.
std::vector<std::vector<std::size_t>> lines_of(const Seen& s) {
    std::vector<std::vector<std::size_t>> lines;
    for (std::size_t r = 0; r < s.rows; ++r) {
        std::vector<std::size_t> line;
        for (std::size_t c = 0; c < s.cols; ++c) line.push_back(r * s.cols + c);
        lines.push_back(line);
    }
    for (std::size_t c = 0; c < s.cols; ++c) {
        std::vector<std::size_t> line;
        for (std::size_t r = 0; r < s.rows; ++r) line.push_back(r * s.cols + c);
        lines.push_back(line);
    }
    return lines;
}

// Attacker 1: whenever a line (cells and total) has one unknown, subtract; repeat until stable.
// Returns the hidden cells it recovered.
std::vector<std::size_t> peel(Seen s) {
    std::vector<std::size_t> recovered;
    const auto lines = lines_of(s);
    for (bool progress = true; progress;) {
        progress = false;
        for (const auto& line : lines) {
            std::size_t unknown = 0, which = 0;
            std::int64_t sum = 0;  // cells minus total
            for (std::size_t k = 0; k < line.size(); ++k) {
                const std::size_t i = line[k];
                if (!s.value[i]) {
                    ++unknown;
                    which = k;
                } else {
                    sum += (k + 1 == line.size() ? -1 : 1) * *s.value[i];
                }
            }
            if (unknown != 1) continue;
            const std::size_t i = line[which];
            s.value[i] = which + 1 == line.size() ? sum : -sum;
            recovered.push_back(i);
            progress = true;
        }
    }
    return recovered;
}

// Attacker 2: every non-negative table that fits what is shown, by search; a hidden cell that
// takes one value in all of them is recovered. Only for small tables (values bounded by the total).
std::vector<std::size_t> enumerate_recovered(const Seen& s) {
    std::vector<std::size_t> hidden;
    for (std::size_t i = 0; i < s.value.size(); ++i)
        if (!s.value[i]) hidden.push_back(i);
    const auto lines = lines_of(s);
    const std::int64_t bound = s.truth.back();
    std::vector<std::set<std::int64_t>> seen_values(s.value.size());
    std::vector<std::int64_t> v(s.value.size(), 0);
    for (std::size_t i = 0; i < s.value.size(); ++i)
        if (s.value[i]) v[i] = *s.value[i];
    std::vector<bool> assigned(s.value.size());
    for (std::size_t i = 0; i < s.value.size(); ++i) assigned[i] = s.value[i].has_value();

    // Branch on the first free cell; a line left with one free cell forces it (or fails).
    std::function<void(std::vector<std::int64_t>, std::vector<bool>)> search =
        [&](std::vector<std::int64_t> val, std::vector<bool> set) {
            for (bool forced = true; forced;) {
                forced = false;
                for (const auto& line : lines) {
                    std::size_t free = 0, which = 0;
                    std::int64_t sum = 0;
                    for (std::size_t k = 0; k < line.size(); ++k) {
                        if (!set[line[k]]) {
                            ++free;
                            which = k;
                        } else {
                            sum += (k + 1 == line.size() ? -1 : 1) * val[line[k]];
                        }
                    }
                    if (free == 0 && sum != 0) return;
                    if (free != 1) continue;
                    const std::int64_t x = which + 1 == line.size() ? sum : -sum;
                    if (x < 0 || x > bound) return;
                    val[line[which]] = x;
                    set[line[which]] = true;
                    forced = true;
                }
            }
            std::size_t next = val.size();
            for (std::size_t i : hidden)
                if (!set[i]) {
                    next = i;
                    break;
                }
            if (next == val.size()) {
                for (std::size_t i : hidden) seen_values[i].insert(val[i]);
                return;
            }
            set[next] = true;
            for (std::int64_t x = 0; x <= bound; ++x) {
                val[next] = x;
                search(val, set);
            }
        };
    search(v, assigned);
    std::vector<std::size_t> recovered;
    for (std::size_t i : hidden)
        if (seen_values[i].size() < 2) recovered.push_back(i);
    return recovered;
}

std::size_t hidden_count(const SuppressedCrossTab& t) {
    std::size_t n = 0;
    for (const auto& row : t.cells)
        for (CellDisplay d : row) n += d != CellDisplay::shown;
    return n;
}

TEST(SuppressCrossTab, LargeCountsAreAllShown) {
    const auto t = suppress_cross_tab({{10, 20}, {30, 40}});
    EXPECT_EQ(hidden_count(t), 0u);
    EXPECT_EQ(t.row_totals, (std::vector<std::int64_t>{30, 70}));
    EXPECT_EQ(t.column_totals, (std::vector<std::int64_t>{40, 60}));
    EXPECT_EQ(t.total, 100);
    EXPECT_EQ(t.total_display, CellDisplay::shown);
}

TEST(SuppressCrossTab, ZeroIsShownAndFiveIsNotSmall) {
    const auto t = suppress_cross_tab({{0, 5, 12}, {7, 9, 0}});
    EXPECT_EQ(hidden_count(t), 0u);
    EXPECT_EQ(t.cells[0][0], CellDisplay::shown);
    EXPECT_EQ(t.cells[0][1], CellDisplay::shown);
}

TEST(SuppressCrossTab, OneToFourAreFewerThanFive) {
    for (std::int64_t small = 1; small <= 4; ++small) {
        const auto t = suppress_cross_tab({{small, 20, 30}, {40, 50, 60}, {70, 80, 90}});
        EXPECT_EQ(t.cells[0][0], CellDisplay::fewer_than_5) << small;
        for (std::size_t r = 0; r < 3; ++r)
            for (std::size_t c = 0; c < 3; ++c)
                if (!(r == 0 && c == 0)) {
                    EXPECT_NE(t.cells[r][c], CellDisplay::fewer_than_5);
                }
    }
}

TEST(SuppressCrossTab, OneSmallCellTakesThreeMoreWithIt) {
    // A lone small cell: its row and column each need a second hidden cell, and those two share
    // a line that then needs a fourth: the smallest cells of the rectangle are hidden.
    const auto t = suppress_cross_tab({{3, 20, 30}, {40, 50, 60}, {70, 80, 90}});
    EXPECT_EQ(t.cells[0][0], CellDisplay::fewer_than_5);
    EXPECT_EQ(t.cells[0][1], CellDisplay::hidden);  // 20, the smallest in row 0
    EXPECT_EQ(t.cells[1][0], CellDisplay::hidden);  // 40, the smallest in column 0
    EXPECT_EQ(t.cells[1][1], CellDisplay::hidden);  // 50 closes the rectangle
    EXPECT_EQ(hidden_count(t), 4u);
    EXPECT_TRUE(peel(seen_of(t)).empty());
    // The totals are all shown and still add up.
    EXPECT_EQ(t.total_display, CellDisplay::shown);
    for (CellDisplay d : t.row_total_display) EXPECT_EQ(d, CellDisplay::shown);
    EXPECT_EQ(t.row_totals[0] + t.row_totals[1] + t.row_totals[2], t.total);
}

TEST(SuppressCrossTab, SecondaryPrefersANonZeroCell) {
    const auto t = suppress_cross_tab({{2, 0, 30}, {40, 50, 60}});
    EXPECT_EQ(t.cells[0][0], CellDisplay::fewer_than_5);
    EXPECT_EQ(t.cells[0][1], CellDisplay::shown);   // the 0 stays shown
    EXPECT_EQ(t.cells[0][2], CellDisplay::hidden);  // 30 is the smallest non-zero
    EXPECT_TRUE(peel(seen_of(t)).empty());
}

TEST(SuppressCrossTab, TwoSmallCellsInARowStillNeedTheirColumns) {
    const auto t = suppress_cross_tab({{1, 2, 30}, {40, 50, 60}, {70, 80, 90}});
    EXPECT_EQ(t.cells[0][0], CellDisplay::fewer_than_5);
    EXPECT_EQ(t.cells[0][1], CellDisplay::fewer_than_5);
    // Columns 0 and 1 each had one hidden cell: the next smallest in each goes.
    EXPECT_EQ(t.cells[1][0], CellDisplay::hidden);
    EXPECT_EQ(t.cells[1][1], CellDisplay::hidden);
    EXPECT_TRUE(peel(seen_of(t)).empty());
}

TEST(SuppressCrossTab, ASmallRowTotalIsHiddenAndCannotBeWorkedOut) {
    const auto t = suppress_cross_tab({{1, 2}, {40, 50}, {60, 70}});
    EXPECT_EQ(t.row_total_display[0], CellDisplay::fewer_than_5);  // 3 people in that group
    EXPECT_TRUE(peel(seen_of(t)).empty());
    EXPECT_TRUE(enumerate_recovered(seen_of(t)).empty());
}

TEST(SuppressCrossTab, ASingleRowOrColumnIsAsSafe) {
    const auto row = suppress_cross_tab({{3, 12, 40}});
    EXPECT_TRUE(peel(seen_of(row)).empty());
    const auto column = suppress_cross_tab({{3}, {12}, {40}});
    EXPECT_TRUE(peel(seen_of(column)).empty());
    EXPECT_TRUE(enumerate_recovered(seen_of(column)).empty());
}

TEST(SuppressCrossTab, RefusesRaggedOrNegativeTables) {
    EXPECT_THROW(suppress_cross_tab({{1, 2}, {3}}), std::invalid_argument);
    EXPECT_THROW(suppress_cross_tab({{1, -2}}), std::invalid_argument);
}

// The proof: over many random tables full of small cells, neither attacker recovers any hidden
// count, every primary cell is 1..4, every shown cell is its true count, totals are consistent.
TEST(SuppressCrossTab, NoHiddenCellIsRecoverableFromTheShownTotals) {
    std::mt19937 rng(20261203);
    std::uniform_int_distribution<int> shape(1, 5), kind(0, 3), big(5, 60), small(1, 4);
    int with_secondary = 0;
    for (int n = 0; n < 1500; ++n) {
        const std::size_t rows = static_cast<std::size_t>(shape(rng));
        const std::size_t cols = static_cast<std::size_t>(shape(rng));
        Table counts(rows, std::vector<std::int64_t>(cols));
        for (auto& row : counts)
            for (auto& cell : row) {
                const int k = kind(rng);
                cell = k == 0 ? 0 : k == 1 ? small(rng) : big(rng);
            }
        const auto t = suppress_cross_tab(counts);
        const Seen s = seen_of(t);
        ASSERT_TRUE(peel(s).empty()) << "table " << n;
        std::int64_t sum = 0;
        for (std::size_t r = 0; r < rows; ++r)
            for (std::size_t c = 0; c < cols; ++c) {
                sum += counts[r][c];
                const bool is_small = counts[r][c] > 0 && counts[r][c] < 5;
                EXPECT_EQ(t.cells[r][c] == CellDisplay::fewer_than_5, is_small);
                with_secondary += t.cells[r][c] == CellDisplay::hidden;
            }
        EXPECT_EQ(sum, t.total);
    }
    EXPECT_GT(with_secondary, 100);  // the tables did exercise secondary suppression
}

// The same proof by exhaustive search on small tables: every hidden count could be at least two
// different numbers given all that is shown.
TEST(SuppressCrossTab, ExhaustiveSearchFindsEveryHiddenCellAmbiguous) {
    std::mt19937 rng(7);
    std::uniform_int_distribution<int> shape(1, 3), kind(0, 2), big(5, 9), small(1, 4);
    for (int n = 0; n < 60; ++n) {
        const std::size_t rows = static_cast<std::size_t>(shape(rng));
        const std::size_t cols = static_cast<std::size_t>(shape(rng));
        Table counts(rows, std::vector<std::int64_t>(cols));
        for (auto& row : counts)
            for (auto& cell : row) {
                const int k = kind(rng);
                cell = k == 0 ? 0 : k == 1 ? small(rng) : big(rng);
            }
        const auto t = suppress_cross_tab(counts);
        std::size_t hidden = 0;
        for (const auto& v : seen_of(t).value) hidden += !v.has_value();
        if (hidden > 6) continue;  // keeps the search small
        EXPECT_TRUE(enumerate_recovered(seen_of(t)).empty()) << "table " << n;
    }
}

// Two small cells in opposite corners of a 4x4 table: each gets its own rectangle of hidden cells,
// and the exhaustive search finds every hidden count ambiguous.
TEST(SuppressCrossTab, TwoSmallCellsFarApartAreBothProtected) {
    const auto t =
        suppress_cross_tab({{2, 9, 50, 50}, {9, 9, 50, 50}, {50, 50, 3, 9}, {50, 50, 9, 9}});
    EXPECT_TRUE(enumerate_recovered(seen_of(t)).empty());
}

TEST(SuppressCounts, ALoneSmallCountTakesTheNextSmallestWithIt) {
    const auto d = suppress_counts({40, 3, 0, 12, 25});
    EXPECT_EQ(
        d, (std::vector<CellDisplay>{CellDisplay::shown, CellDisplay::fewer_than_5,
                                     CellDisplay::shown, CellDisplay::hidden, CellDisplay::shown}));
}

TEST(SuppressCounts, TwoSmallCountsNeedNothingMore) {
    const auto d = suppress_counts({40, 3, 1, 12});
    EXPECT_EQ(d, (std::vector<CellDisplay>{CellDisplay::shown, CellDisplay::fewer_than_5,
                                           CellDisplay::fewer_than_5, CellDisplay::shown}));
}

TEST(SuppressCounts, NoSmallCountHidesNothing) {
    const auto d = suppress_counts({40, 0, 12});
    EXPECT_EQ(d, (std::vector<CellDisplay>(3, CellDisplay::shown)));
}

// A 0 on a line whose total is 0 is known to be 0 (no count is negative), so hiding it protects
// nothing: the table of the console's equality test (opening hours by age, "No answer" last),
// where that once gave away the 5 beside it.
TEST(SuppressCrossTab, NeverHidesAZeroThatItsZeroTotalGivesAway) {
    const Table counts{{0, 1, 5, 5, 0, 0, 0},
                       {0, 0, 6, 6, 2, 0, 6},
                       {0, 0, 5, 0, 0, 0, 0},
                       {0, 0, 0, 0, 0, 0, 0},
                       {0, 0, 0, 0, 0, 0, 0}};
    const auto t = suppress_cross_tab(counts);
    for (std::size_t r = 0; r < counts.size(); ++r) {
        for (std::size_t c = 0; c < counts[r].size(); ++c) {
            if (t.cells[r][c] != CellDisplay::hidden) continue;
            EXPECT_NE(t.row_totals[r], 0) << r << "," << c;
            EXPECT_NE(t.column_totals[c], 0) << r << "," << c;
        }
    }
    EXPECT_TRUE(enumerate_recovered(seen_of(t)).empty());
    EXPECT_TRUE(peel(seen_of(t)).empty());
}

}  // namespace
}  // namespace fv
