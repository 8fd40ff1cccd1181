// Small-count suppression for published cross-tabulations (equality tables): cells of 1-4 read
// "fewer than 5", and further cells are hidden until no hidden cell can be worked out from the
// shown cells and totals by subtracting (or by any linear combination of the row and column sums).
#pragma once

#include <cstdint>
#include <vector>

namespace fv {

enum class CellDisplay {
    shown,         // the count is printed (0 is printed as 0: see suppress_cross_tab)
    fewer_than_5,  // primary: the count is 1..threshold-1
    hidden,        // secondary: hidden so that no small cell can be worked out from a total
};

struct SuppressedCrossTab {
    std::vector<std::vector<std::int64_t>> counts;  // rows x columns, as given
    std::vector<std::int64_t> row_totals, column_totals;
    std::int64_t total = 0;
    std::vector<std::vector<CellDisplay>> cells;
    std::vector<CellDisplay> row_total_display, column_total_display;
    CellDisplay total_display = CellDisplay::shown;
};

// Suppresses `counts` (every row the same length, no negative count). Every cell, row total,
// column total and the grand total from 1 to threshold-1 is primary suppressed; a 0 stays shown,
// since it names no person (the usual practice: a true zero is published). Then, while any
// hidden value is determined by the shown values and the sums (rows add up to their totals,
// columns to theirs, totals to the grand total), the smallest shown count on one of its lines is
// hidden as well (a non-zero one first, the grand total never). Stops when nothing is determined.
SuppressedCrossTab suppress_cross_tab(const std::vector<std::vector<std::int64_t>>& counts,
                                      std::int64_t threshold = 5);

// The same for a single list of counts with its total shown (a "who answered" table): each
// 1..threshold-1 count is primary, and a second count is hidden when only one would be.
std::vector<CellDisplay> suppress_counts(const std::vector<std::int64_t>& counts,
                                         std::int64_t threshold = 5);

}  // namespace fv
