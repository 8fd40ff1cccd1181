// The store's fast path for uploaded responses: a response's wire text read into a Response with
// only `answers` and `participant` parsed as JSON, and its canonical text written straight from
// the Response. Both give exactly what the general way gives.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/model/response.hpp"

namespace fv {

// Reads `text` when it is plainly a well-formed response: the thirteen wire fields (and the optional
// reference and continues), once each, of the right types, with a lower-case UUID, a known mode, RFC 3339 times and a consent of
// its three booleans. Then the result equals Response::from_json(json::parse(text)). nullopt for
// anything else, valid or not: the caller then reads it the general way, which also says what
// is wrong with it.
std::optional<Response> read_plain_wire_response(std::string_view text);

// The canonical text of a response: byte for byte r.to_json().dump(), without building the tree.
std::string canonical_text(const Response& r);

}  // namespace fv
