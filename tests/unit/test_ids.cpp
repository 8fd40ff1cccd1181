// UUID v4 and RFC 3339 times as PROTOCOL.md wants them.
#include <gtest/gtest.h>

#include <set>

#include "core/util/ids.hpp"

namespace fv {
namespace {

TEST(Uuid, HasTheVersion4FormInLowerCase) {
    const std::string id = new_uuid();
    ASSERT_EQ(id.size(), 36u);
    EXPECT_TRUE(is_uuid(id)) << id;
    EXPECT_EQ(id[14], '4') << id;
    EXPECT_TRUE(id[19] == '8' || id[19] == '9' || id[19] == 'a' || id[19] == 'b') << id;
}

TEST(Uuid, TenThousandAreAllDifferentAndWellFormed) {
    std::set<std::string> seen;
    for (int i = 0; i < 10000; ++i) {
        const std::string id = new_uuid();
        ASSERT_TRUE(is_uuid(id)) << id;
        ASSERT_EQ(id[14], '4') << id;
        seen.insert(id);
    }
    EXPECT_EQ(seen.size(), 10000u);
}

TEST(Uuid, RefusesWhatIsNotOne) {
    EXPECT_FALSE(is_uuid(""));
    EXPECT_FALSE(is_uuid("3F0C1D2E-0000-4000-8000-000000000000"));  // upper case
    EXPECT_FALSE(is_uuid("3f0c1d2e00004000800000000000000000000"));
    EXPECT_FALSE(is_uuid("3f0c1d2e-0000-4000-8000-00000000000g"));
    EXPECT_FALSE(is_uuid("3f0c1d2e-0000-4000-8000-0000000000000"));
    EXPECT_TRUE(is_uuid("3f0c1d2e-0000-4000-8000-000000000000"));
}

TEST(Rfc3339, FormatsUtcWithMillisecondsAndZ) {
    using namespace std::chrono;
    const auto t = sys_days{year{2026} / November / 23} + hours{14} + minutes{5} + seconds{9} +
                   milliseconds{120};
    EXPECT_EQ(format_rfc3339(time_point_cast<system_clock::duration>(t)),
              "2026-11-23T14:05:09.120Z");
    EXPECT_EQ(format_rfc3339(system_clock::time_point{}), "1970-01-01T00:00:00.000Z");
}

TEST(Rfc3339, ParsesWhatItFormatsAndOptionalFractions) {
    using namespace std::chrono;
    const auto now = time_point_cast<milliseconds>(system_clock::now());
    system_clock::time_point back;
    ASSERT_TRUE(parse_rfc3339(format_rfc3339(now), back));
    EXPECT_EQ(time_point_cast<milliseconds>(back), now);

    ASSERT_TRUE(parse_rfc3339("2026-11-23T14:05:09Z", back));
    EXPECT_EQ(format_rfc3339(back), "2026-11-23T14:05:09.000Z");
    ASSERT_TRUE(parse_rfc3339("2024-02-29T23:59:59.5Z", back));
    EXPECT_EQ(format_rfc3339(back), "2024-02-29T23:59:59.500Z");
    EXPECT_FALSE(now_rfc3339().empty());
}

TEST(Reference, EightCharactersWithNoLookAlikesAndTypedFormsRead) {
    std::set<std::string> seen;
    for (int i = 0; i < 2000; ++i) {
        const std::string ref = new_reference();
        ASSERT_TRUE(is_reference(ref)) << ref;
        for (const char c : std::string_view("01OILUV")) EXPECT_EQ(ref.find(c), std::string::npos);
        seen.insert(ref);
    }
    EXPECT_EQ(seen.size(), 2000u);
    EXPECT_EQ(normalise_reference("k7qf 3xpm"), "K7QF3XPM");
    EXPECT_EQ(normalise_reference(" K7QF-3XPM "), "K7QF3XPM");
    for (const char* bad : {"", "K7QF3XP", "K7QF3XPMM", "K7QF3XP0", "K7QF3XPO", "K7QF3XPI",
                            "K7QF3XP!", "K7QF3XP\xc3\xa9"}) {
        EXPECT_FALSE(normalise_reference(bad).has_value()) << bad;
        EXPECT_FALSE(is_reference(bad)) << bad;
    }
}

TEST(Rfc3339, RefusesMalformedTimes) {
    std::chrono::system_clock::time_point t;
    for (const char* bad : {"", "2026-11-23", "2026-11-23T14:05:09", "2026-11-23T14:05:09+01:00",
                            "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-23T24:00:00Z",
                            "2026-11-23T14:05:09.Z", "2026-11-23 14:05:09Z", "abcd-11-23T14:05:09Z",
                            "2026-11-23T14:05:09.120Zjunk"}) {
        EXPECT_FALSE(parse_rfc3339(bad, t)) << bad;
    }
}

}  // namespace
}  // namespace fv
