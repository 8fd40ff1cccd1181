// Plurals through the strings layer (app/ui/strings.hpp): CLDR's categories for English and
// Polish, and the meeting summary's counts in both languages ("1 answer", never "1 answers").
#include <gtest/gtest.h>

#include <string>

#include "app/ui/strings.hpp"

namespace fv::ui {
namespace {

Strings load(const std::string& lang) {
    return Strings::load(std::string(FIELDVOICE_ASSETS_DIR) + "/i18n", lang);
}

TEST(Plurals, CldrCategoriesForEnglishAndPolish) {
    for (long long n : {0LL, 2LL, 5LL, 11LL, 21LL, 100LL})
        EXPECT_STREQ(plural_category("en", n), "other") << n;
    EXPECT_STREQ(plural_category("en", 1), "one");
    EXPECT_STREQ(plural_category("en-GB", 1), "one");
    EXPECT_STREQ(plural_category("pl", 1), "one");
    for (long long n : {2LL, 3LL, 4LL, 22LL, 23LL, 24LL, 102LL, 1004LL}) {
        EXPECT_STREQ(plural_category("pl", n), "few") << n;
    }
    for (long long n : {0LL, 5LL, 11LL, 12LL, 13LL, 14LL, 21LL, 25LL, 111LL, 112LL, 1000LL}) {
        EXPECT_STREQ(plural_category("pl", n), "many") << n;
    }
}

TEST(Plurals, TheSummarysCountsReadRightInEnglishAndPolish) {
    const Strings en = load("en"), pl = load("pl");
    EXPECT_EQ(en.plural("meeting.summary.passed", 1), "1 answer");
    EXPECT_EQ(en.plural("meeting.summary.passed", 0), "0 answers");
    EXPECT_EQ(en.plural("meeting.summary.hands", 1), "1 hand");
    EXPECT_EQ(en.plural("meeting.summary.hands", 6), "6 hands");
    EXPECT_EQ(en.plural("meeting.ideas.dots", 1), "1 dot");
    EXPECT_EQ(pl.plural("meeting.summary.passed", 1), "1 odpowiedź");
    EXPECT_EQ(pl.plural("meeting.summary.passed", 3), "3 odpowiedzi");
    EXPECT_EQ(pl.plural("meeting.summary.hands", 1), "1 ręka");
    EXPECT_EQ(pl.plural("meeting.summary.hands", 22), "22 ręce");
    EXPECT_EQ(pl.plural("meeting.summary.hands", 12), "12 rąk");
    EXPECT_EQ(pl.plural("meeting.ideas.dots", 4), "4 kropki");
    EXPECT_EQ(pl.plural("meeting.ideas.dots", 5), "5 kropek");
    // A key with no plural forms is used as it is.
    EXPECT_EQ(en.plural("meeting.notes.count", 3), "Notes: 3");
}

}  // namespace
}  // namespace fv::ui
