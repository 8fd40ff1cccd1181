// A structural split of JSON text: where each member and item begins and ends, following
// strings (with their escapes) and the nesting of objects and arrays, and checking nothing else.
// Used to split large texts into parts that are then parsed (or read) each on its own.
#pragma once

#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace fv {

// The members of a JSON object text as (key, value text), in order, when every key is made only
// of [a-z0-9_] and nothing but white space follows the object; nullopt otherwise.
std::optional<std::vector<std::pair<std::string_view, std::string_view>>> split_plain_object(
    std::string_view text);

// The items of a JSON array text, when nothing but white space follows it; nullopt otherwise.
std::optional<std::vector<std::string_view>> split_array(std::string_view text);

}  // namespace fv
