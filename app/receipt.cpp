// The receipt's words and address.
#include "app/receipt.hpp"

#include "sync/client/http_client.hpp"

namespace fv {

std::string grouped_reference(std::string_view reference) {
    std::string out;
    for (std::size_t i = 0; i < reference.size(); ++i) {
        if (i > 0 && i % 4 == 0) out += ' ';
        out += reference[i];
    }
    return out;
}

std::string spelled_reference(std::string_view reference) {
    std::string out;
    for (const char c : reference) {
        if (!out.empty()) out += ", ";
        out += c;
    }
    return out;
}

std::string public_page_url(std::string_view store_url, std::string_view consultation_id) {
    // A consultation id is lower-case letters, digits and hyphens: nothing to escape.
    return join_url(store_url, "c/" + std::string(consultation_id));
}

}  // namespace fv
