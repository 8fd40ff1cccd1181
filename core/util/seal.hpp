// Sealing of personal answers (libsodium crypto_box_seal to the consultation's X25519 key).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace fv {

struct KeyPair {
    std::string public_key_b64;   // standard base64, 32 bytes
    std::string private_key_b64;  // standard base64, 32 bytes
};

KeyPair generate_keypair();

// Seals `plaintext` to `public_key_b64`; returns the standard base64 of the box, or nullopt
// when the key is not the base64 of 32 bytes.
std::optional<std::string> seal_to(std::string_view plaintext, std::string_view public_key_b64);

// Opens a box made by seal_to; nullopt when the key does not match or the box is damaged.
std::optional<std::string> open_sealed(std::string_view box_b64, std::string_view public_key_b64,
                                       std::string_view private_key_b64);

std::string base64_encode(std::string_view bytes);
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace fv
