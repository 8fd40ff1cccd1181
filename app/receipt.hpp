// The receipt on the thank-you screen (issue "Closing the loop at the kiosk"): the reference as
// people read it and hear it, and the address of the store's public page a QR code carries.
#pragma once

#include <string>
#include <string_view>

namespace fv {

// "K7QF3XPM" as "K7QF 3XPM": groups of four, easier to read out and to copy down.
std::string grouped_reference(std::string_view reference);
// "K7QF3XPM" as "K, 7, Q, F, 3, X, P, M": read aloud a character at a time, so that a voice
// never says it as a word.
std::string spelled_reference(std::string_view reference);
// The store's public page of a consultation, `<store URL>/c/<id>`, under the store's path
// prefix when it has one ("https://x.gov.uk/fieldvoice/" gives ".../fieldvoice/c/<id>").
std::string public_page_url(std::string_view store_url, std::string_view consultation_id);

}  // namespace fv
