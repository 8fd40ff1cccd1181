// Sealing of personal answers with libsodium's crypto_box_seal (X25519 + XSalsa20-Poly1305),
// and the standard base64 both the definition's key and the box travel in.
#include "core/util/seal.hpp"

#include <sodium.h>

#include <mutex>
#include <stdexcept>

#include "core/util/sodium_init.hpp"

namespace fv {

void ensure_sodium() {
    static std::once_flag once;
    std::call_once(once, [] {
        // sodium_init returns 1 when already initialised (by a library we link), which is fine.
        if (sodium_init() < 0) {
            throw std::runtime_error(
                "cannot start the cryptography library (libsodium): no source of randomness");
        }
    });
}

std::string base64_encode(std::string_view bytes) {
    ensure_sodium();
    const std::size_t cap = sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL);
    std::string out(cap, '\0');
    sodium_bin2base64(out.data(), cap, reinterpret_cast<const unsigned char*>(bytes.data()),
                      bytes.size(), sodium_base64_VARIANT_ORIGINAL);
    out.resize(cap - 1);  // drop the terminating NUL that the length includes
    return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
    ensure_sodium();
    std::string out(text.size() / 4 * 3 + 3, '\0');
    std::size_t len = 0;
    const char* end = nullptr;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                          text.size(), nullptr, &len, &end, sodium_base64_VARIANT_ORIGINAL) != 0) {
        return std::nullopt;
    }
    if (end != text.data() + text.size()) return std::nullopt;  // trailing junk
    out.resize(len);
    return out;
}

namespace {

std::optional<std::string> decode_key(std::string_view key_b64, std::size_t size) {
    auto key = base64_decode(key_b64);
    if (!key || key->size() != size) return std::nullopt;
    return key;
}

const unsigned char* bytes(const std::string& s) {
    return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

KeyPair generate_keypair() {
    ensure_sodium();
    std::string pk(crypto_box_PUBLICKEYBYTES, '\0');
    std::string sk(crypto_box_SECRETKEYBYTES, '\0');
    crypto_box_keypair(reinterpret_cast<unsigned char*>(pk.data()),
                       reinterpret_cast<unsigned char*>(sk.data()));
    KeyPair pair{base64_encode(pk), base64_encode(sk)};
    sodium_memzero(sk.data(), sk.size());
    return pair;
}

std::optional<std::string> seal_to(std::string_view plaintext, std::string_view public_key_b64) {
    ensure_sodium();
    const auto pk = decode_key(public_key_b64, crypto_box_PUBLICKEYBYTES);
    if (!pk) return std::nullopt;
    std::string box(plaintext.size() + crypto_box_SEALBYTES, '\0');
    if (crypto_box_seal(reinterpret_cast<unsigned char*>(box.data()),
                        reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
                        bytes(*pk)) != 0) {
        return std::nullopt;
    }
    return base64_encode(box);
}

std::optional<std::string> open_sealed(std::string_view box_b64, std::string_view public_key_b64,
                                       std::string_view private_key_b64) {
    ensure_sodium();
    const auto pk = decode_key(public_key_b64, crypto_box_PUBLICKEYBYTES);
    auto sk = decode_key(private_key_b64, crypto_box_SECRETKEYBYTES);
    const auto box = base64_decode(box_b64);
    if (!pk || !sk || !box || box->size() < crypto_box_SEALBYTES) return std::nullopt;
    std::string plain(box->size() - crypto_box_SEALBYTES, '\0');
    const int rc = crypto_box_seal_open(reinterpret_cast<unsigned char*>(plain.data()), bytes(*box),
                                        box->size(), bytes(*pk), bytes(*sk));
    sodium_memzero(sk->data(), sk->size());
    if (rc != 0) return std::nullopt;
    return plain;
}

}  // namespace fv
