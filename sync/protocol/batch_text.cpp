// The split of a batch body with JsonScanner; the parts are parsed afterwards.
#include "sync/protocol/batch_text.hpp"

#include <cstddef>

#include "core/util/json_scan.hpp"

namespace fv::protocol {

std::optional<BatchText> split_batch_text(std::string_view body, std::string_view list_name) {
    JsonScanner in(body);
    BatchText out;
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
            if (*key == list_name) {
                // A repeated list replaces the earlier one, as a repeated key does in a parser.
                if (!in.take('[')) return std::nullopt;
                out.has_list = true;
                out.items.clear();
                in.skip_space();
                if (!in.take(']')) {
                    while (true) {
                        in.skip_space();
                        const auto item = in.value();
                        if (!item) return std::nullopt;
                        out.items.push_back(*item);
                        in.skip_space();
                        if (in.take(',')) continue;
                        if (in.take(']')) break;
                        return std::nullopt;
                    }
                }
            } else {
                const auto value = in.value();
                if (!value) return std::nullopt;
                out.members.emplace_back(*key, *value);
            }
            in.skip_space();
            if (in.take(',')) continue;
            if (in.take('}')) break;
            return std::nullopt;
        }
    }
    in.skip_space();
    if (!in.at_end()) return std::nullopt;
    return out;
}

}  // namespace fv::protocol
