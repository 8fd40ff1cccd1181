// Sealed personal answers, base64, and the officer PIN.
#include <gtest/gtest.h>

#include "core/util/pin.hpp"
#include "core/util/seal.hpp"

namespace fv {
namespace {

TEST(Seal, RoundTripsWithTheMatchingKey) {
    const KeyPair keys = generate_keypair();
    const std::string plain = R"({"email":"zażółć@example.org","phone":"01865 000000"})";
    const auto box = seal_to(plain, keys.public_key_b64);
    ASSERT_TRUE(box.has_value());
    EXPECT_EQ(box->find("zażółć"), std::string::npos);
    const auto opened = open_sealed(*box, keys.public_key_b64, keys.private_key_b64);
    ASSERT_TRUE(opened.has_value());
    EXPECT_EQ(*opened, plain);
}

TEST(Seal, TwoSealsOfTheSameTextDiffer) {
    const KeyPair keys = generate_keypair();
    EXPECT_NE(*seal_to("same", keys.public_key_b64), *seal_to("same", keys.public_key_b64));
}

TEST(Seal, WrongKeyOrDamagedBoxDoesNotOpen) {
    const KeyPair keys = generate_keypair();
    const KeyPair other = generate_keypair();
    const auto box = seal_to("secret", keys.public_key_b64);
    ASSERT_TRUE(box.has_value());
    EXPECT_FALSE(open_sealed(*box, other.public_key_b64, other.private_key_b64).has_value());
    EXPECT_FALSE(open_sealed(*box, keys.public_key_b64, other.private_key_b64).has_value());

    auto raw = *base64_decode(*box);
    raw[raw.size() / 2] ^= 0x01;
    EXPECT_FALSE(open_sealed(base64_encode(raw), keys.public_key_b64, keys.private_key_b64));
    EXPECT_FALSE(open_sealed("not base64!", keys.public_key_b64, keys.private_key_b64));
    EXPECT_FALSE(open_sealed("", keys.public_key_b64, keys.private_key_b64));
}

TEST(Seal, RefusesAKeyThatIsNot32BytesOfBase64) {
    EXPECT_FALSE(seal_to("x", "").has_value());
    EXPECT_FALSE(seal_to("x", "not a key").has_value());
    EXPECT_FALSE(seal_to("x", base64_encode(std::string(31, 'k'))).has_value());
    EXPECT_TRUE(seal_to("x", base64_encode(std::string(32, 'k'))).has_value());
}

TEST(Base64, IsTheStandardAlphabetWithPadding) {
    EXPECT_EQ(base64_encode(""), "");
    EXPECT_EQ(base64_encode("f"), "Zg==");
    EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
    EXPECT_EQ(base64_encode("\xfb\xff"), "+/8=");
    EXPECT_EQ(*base64_decode("+/8="), "\xfb\xff");
    EXPECT_EQ(*base64_decode("Zm9vYmFy"), "foobar");
    EXPECT_FALSE(base64_decode("-_8=").has_value());  // URL-safe alphabet is not ours
    EXPECT_FALSE(base64_decode("Zg=").has_value());
}

TEST(Pin, HashVerifiesOnlyTheSamePin) {
    const std::string hash = hash_pin("2580");
    EXPECT_EQ(hash.find("2580"), std::string::npos);
    EXPECT_TRUE(verify_pin(hash, "2580"));
    EXPECT_FALSE(verify_pin(hash, "2581"));
    EXPECT_FALSE(verify_pin(hash, ""));
    EXPECT_FALSE(verify_pin("", "2580"));
    EXPECT_FALSE(verify_pin("garbage", "2580"));
    EXPECT_NE(hash, hash_pin("2580"));  // salted afresh
}

TEST(Pin, RefusesShortLongNonDigitAndGuessablePins) {
    for (const char* bad : {"", "123", "123456789", "12a4", " 2580", "0000", "1111", "99999999",
                            "1234", "4321", "0123", "9876", "7890", "12345678", "3210"}) {
        EXPECT_FALSE(is_acceptable_pin(bad)) << bad;
    }
    for (const char* good : {"2580", "1357", "9021", "11112", "80417263", "1243"}) {
        EXPECT_TRUE(is_acceptable_pin(good)) << good;
    }
}

}  // namespace
}  // namespace fv
