// Benchmark support: the figures every benchmark prints (percentiles, medians) and the disk's raw
// fdatasync time, so that a benchmark bound by the disk says so in the same run.
#pragma once

#include <filesystem>
#include <vector>

namespace fv::bench {

// The p-th percentile (0..1) of `values`, nearest rank; 0 when empty.
double percentile(std::vector<double> values, double p);
// The median of `values`; 0 when empty.
double median(std::vector<double> values);
// The cost of one fdatasync of a 4 KiB append to a file in `dir`, median of `count`, in ms.
double fdatasync_ms(const std::filesystem::path& dir, int count);

}  // namespace fv::bench
