// Splitting JSON object and array texts into their parts with JsonScanner.
#include "core/util/json_scan.hpp"

namespace fv {

std::optional<std::vector<std::pair<std::string_view, std::string_view>>> split_plain_object(
    std::string_view text) {
    JsonScanner in(text);
    std::vector<std::pair<std::string_view, std::string_view>> members;
    in.skip_space();
    if (!in.take('{')) return std::nullopt;
    in.skip_space();
    if (!in.take('}')) {
        while (true) {
            in.skip_space();
            const auto key = in.plain_key();
            if (!key) return std::nullopt;
            in.skip_space();
            if (!in.take(':')) return std::nullopt;
            in.skip_space();
            const auto value = in.value();
            if (!value) return std::nullopt;
            members.emplace_back(*key, *value);
            in.skip_space();
            if (in.take(',')) continue;
            if (in.take('}')) break;
            return std::nullopt;
        }
    }
    in.skip_space();
    if (!in.at_end()) return std::nullopt;
    return members;
}

std::optional<std::vector<std::string_view>> split_array(std::string_view text) {
    JsonScanner in(text);
    std::vector<std::string_view> items;
    in.skip_space();
    if (!in.take('[')) return std::nullopt;
    in.skip_space();
    if (!in.take(']')) {
        while (true) {
            in.skip_space();
            const auto item = in.value();
            if (!item) return std::nullopt;
            items.push_back(*item);
            in.skip_space();
            if (in.take(',')) continue;
            if (in.take(']')) break;
            return std::nullopt;
        }
    }
    in.skip_space();
    if (!in.at_end()) return std::nullopt;
    return items;
}

}  // namespace fv
