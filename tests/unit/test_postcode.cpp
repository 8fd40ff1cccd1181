// UK postcode normalisation: the real formats residents type, in any case and spacing, and the
// things that only look like postcodes.
#include <gtest/gtest.h>

#include "core/model/answers.hpp"

namespace fv {
namespace {

struct PostcodeCase {
    const char* typed;
    const char* full;      // nullptr: not a postcode
    const char* district;  // nullptr: not accepted with district precision either
};

TEST(NormalisePostcode, Table) {
    const std::vector<PostcodeCase> cases = {
        {"OX1 1AA", "OX1 1AA", "OX1"},
        {"ox1 1aa", "OX1 1AA", "OX1"},
        {"ox11aa", "OX1 1AA", "OX1"},
        {"  Ox1   1aA ", "OX1 1AA", "OX1"},
        {"SW1A1AA", "SW1A 1AA", "SW1A"},  // AA9A
        {"sw1a 1aa", "SW1A 1AA", "SW1A"},
        {"M1 1AE", "M1 1AE", "M1"},        // A9
        {"B33 8TH", "B33 8TH", "B33"},     // A99
        {"CR2 6XH", "CR2 6XH", "CR2"},     // AA9
        {"DN55 1PT", "DN55 1PT", "DN55"},  // AA99
        {"W1A 0AX", "W1A 0AX", "W1A"},     // A9A
        {"EC1A 1BB", "EC1A 1BB", "EC1A"},
        {"GIR 0AA", "GIR 0AA", "GIR"},  // Girobank's special postcode
        {"gir0aa", "GIR 0AA", "GIR"},
        {"OX4\t2JY", "OX4 2JY", "OX4"},
        // Only an outward code: a district, not a full postcode.
        {"OX1", nullptr, "OX1"},
        {"ox11", nullptr, "OX11"},
        {"sw1a", nullptr, "SW1A"},
        {"GIR", nullptr, "GIR"},
        // Not postcodes.
        {"", nullptr, nullptr},
        {"   ", nullptr, nullptr},
        {"12345", nullptr, nullptr},
        {"OX1 1A", nullptr, nullptr},
        {"OX1 1AAA", nullptr, nullptr},
        {"OXX1 1AA", nullptr, nullptr},
        {"QX1 1AA", nullptr, nullptr},  // Q never starts a postcode
        {"OI1 1AA", nullptr, nullptr},  // I never second
        {"OX1 1CA", nullptr, nullptr},  // C never in the inward code
        {"OX1 AAA", nullptr, nullptr},
        {"W1L 0AX", nullptr, nullptr},   // L is not a valid A9A letter
        {"EC1Z 1BB", nullptr, nullptr},  // Z is not a valid AA9A letter
        {"OX1-1AA", nullptr, nullptr},
        {"OX1 1AA OX1 1AA", nullptr, nullptr},
        {"\xC5\x81X1 1AA", nullptr, nullptr},
    };
    for (const auto& c : cases) {
        auto full = normalise_postcode(c.typed);
        if (c.full) {
            ASSERT_TRUE(full.has_value()) << "\"" << c.typed << "\"";
            EXPECT_EQ(*full, c.full);
            EXPECT_EQ(normalise_postcode(*full), *full) << "normal form is stable";
        } else {
            EXPECT_FALSE(full.has_value()) << "\"" << c.typed << "\" -> " << *full;
        }
        auto district = normalise_postcode(c.typed, PostcodePrecision::District);
        if (c.district) {
            ASSERT_TRUE(district.has_value()) << "\"" << c.typed << "\" (district)";
            EXPECT_EQ(*district, c.district);
        } else {
            EXPECT_FALSE(district.has_value()) << "\"" << c.typed << "\" -> " << *district;
        }
    }
}

TEST(NormalisePostcode, LongInputIsRefusedQuickly) {
    EXPECT_FALSE(normalise_postcode(std::string(1000000, 'A')).has_value());
    EXPECT_FALSE(normalise_postcode(std::string(1000000, ' ')).has_value());
}

}  // namespace
}  // namespace fv
