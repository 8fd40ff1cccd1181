// A batch body split into its parts as text, without building a tree: the store parses the
// items of a large batch on several cores, and only the envelope on the thread that received it.
#pragma once

#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace fv::protocol {

struct BatchText {
    // Every member of the top-level object but the list, as (key, value text), in body order.
    std::vector<std::pair<std::string_view, std::string_view>> members;
    bool has_list = false;
    std::vector<std::string_view> items;  // the text of each item of the list
};

// Splits `body`, a JSON object with an array member `list_name`, into the texts of its members
// and of that array's items. The split only finds where each part begins and ends: each part
// still has to be parsed, and is valid JSON only if that succeeds. nullopt whenever the body is
// not plainly such an object (keys with escapes or other than [a-z0-9_], a byte-order mark,
// anything after it, a list that is not an array, broken strings): the caller then parses the
// body whole, which also finds the exact error and where it is.
std::optional<BatchText> split_batch_text(std::string_view body, std::string_view list_name);

}  // namespace fv::protocol
