#include "figures.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <string>

namespace fv::bench {

double percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    const auto k = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(k, values.size() - 1)];
}

double median(std::vector<double> values) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

double fdatasync_ms(const std::filesystem::path& dir, int count) {
    const auto path = dir / "fsync-probe";
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) throw std::runtime_error("cannot write " + path.string());
    const std::string block(4096, 'f');
    std::vector<double> ms;
    for (int i = 0; i < count; ++i) {
        if (::write(fd, block.data(), block.size()) < 0) break;
        const auto t0 = std::chrono::steady_clock::now();
        ::fdatasync(fd);
        ms.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                .count());
    }
    ::close(fd);
    std::filesystem::remove(path);
    return median(ms);
}

}  // namespace fv::bench
