// The split of a batch body with JsonScanner; the parts are parsed afterwards.
#include "sync/protocol/batch_text.hpp"

#include <utility>

#include "core/util/json_scan.hpp"

namespace fv::protocol {

std::optional<BatchText> split_batch_text(std::string_view body, std::string_view list_name) {
    auto members = split_plain_object(body);
    if (!members) return std::nullopt;
    BatchText out;
    for (const auto& [key, value] : *members) {
        if (key != list_name) {
            out.members.emplace_back(key, value);
            continue;
        }
        // A repeated list replaces the earlier one, as a repeated key does in a parser.
        auto items = split_array(value);
        if (!items) return std::nullopt;  // not an array
        out.has_list = true;
        out.items = std::move(*items);
    }
    return out;
}

}  // namespace fv::protocol
