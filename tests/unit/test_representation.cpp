// The reference population CSV (every rule names its line) and the shares heard against it: who is
// marked as heard from least, and how "prefer not to say" stays out of the shares.
#include <gtest/gtest.h>

#include <string>

#include "core/stats/representation.hpp"

namespace fv {
namespace {

Consultation libraries() {
    ParseResult r = load_consultation_file(std::string(FIELDVOICE_ASSETS_DIR) +
                                           "/consultations/libraries-2027.json");
    if (!r.consultation) throw std::runtime_error("the libraries sample does not parse");
    return *r.consultation;
}

const std::string kCounty =
    "question_id,option_key,share\n"
    "age-band,under-16,0.18\n"
    "age-band,16-24,0.11\n"
    "age-band,25-44,25%\n"
    "age-band,45-64,0.26\n"
    "age-band,65-plus,0.20\n"
    "disability,yes,0.17\n"
    "disability,no,0.83\n";

std::string problems_of(const ReferenceParse& p) {
    std::string all;
    for (const auto& pr : p.problems)
        all += "line " + std::to_string(pr.line) + ": " + pr.message + "\n";
    return all;
}

TEST(ReferenceCsv, ReadsCountyWideShares) {
    const auto p = parse_reference_csv(kCounty, libraries());
    ASSERT_TRUE(p.problems.empty()) << problems_of(p);
    ASSERT_EQ(p.shares.size(), 7u);
    EXPECT_EQ(p.shares[2].option_key, "25-44");
    EXPECT_DOUBLE_EQ(p.shares[2].share, 0.25);  // the percentage read as a share
    EXPECT_EQ(p.shares[2].line, 4u);
    EXPECT_EQ(p.shares[0].division, "");
}

TEST(ReferenceCsv, ReadsSharesPerDivisionWithQuotesCrlfAndABom) {
    const std::string csv =
        "\xEF\xBB\xBFQuestion_ID,option_key,share,division\r\n"
        "disability,yes,0.2,\"Witney, North\"\r\n"
        "disability,no,0.8,\"Witney, North\"\r\n"
        "\r\n"
        "disability,yes,0.1,Banbury\r\n"
        "disability,no,0.9,Banbury\r\n";
    const auto p = parse_reference_csv(csv, libraries());
    ASSERT_TRUE(p.problems.empty()) << problems_of(p);
    ASSERT_EQ(p.shares.size(), 4u);
    EXPECT_EQ(p.shares[0].division, "Witney, North");
    EXPECT_EQ(p.shares[3].division, "Banbury");
    EXPECT_EQ(p.shares[3].line, 6u);
}

TEST(ReferenceCsv, EveryBadLineIsNamedAndNothingIsKept) {
    const std::string csv =
        "question_id,option_key,share\n"
        "age-band,under-16,0.18\n"
        "recommend,4,0.5\n"         // 3: not an equalities question
        "ethnicity,white,0.8\n"     // 4: no such question
        "age-band,teen,0.1\n"       // 5: no such option
        "age-band,16-24,lots\n"     // 6: not a number
        "age-band,25-44,1.5\n"      // 7: above 1
        "age-band,under-16,0.18\n"  // 8: given twice
        "age-band,45-64\n"          // 9: two fields
        "disability,\"yes,0.2\n";   // 10: open quote
    const auto p = parse_reference_csv(csv, libraries());
    EXPECT_TRUE(p.shares.empty());
    const std::string all = problems_of(p);
    EXPECT_NE(all.find("line 3: question \"recommend\" is not an equalities question"),
              std::string::npos)
        << all;
    EXPECT_NE(all.find("line 4: question \"ethnicity\" is not in consultation libraries-2027"),
              std::string::npos)
        << all;
    EXPECT_NE(all.find("line 5: option \"teen\" is not an option of question \"age-band\""),
              std::string::npos)
        << all;
    EXPECT_NE(all.find("line 6: share \"lots\" is not a number"), std::string::npos) << all;
    EXPECT_NE(all.find("line 7: share \"1.5\" is outside 0 to 1"), std::string::npos) << all;
    EXPECT_NE(all.find("line 8: question \"age-band\", option \"under-16\" county-wide is already "
                       "given on line 2"),
              std::string::npos)
        << all;
    EXPECT_NE(all.find("line 9: expected 3 fields as the header says, found 2"), std::string::npos)
        << all;
    EXPECT_NE(all.find("line 10: a quoted field is not closed"), std::string::npos) << all;
    // and the age-band shares that were read add up to 0.18 only
    EXPECT_NE(all.find("line 2: the shares of question \"age-band\" county-wide add up to 0.18"),
              std::string::npos)
        << all;
}

TEST(ReferenceCsv, SharesMustAddUpToOnePerDivision) {
    const std::string csv =
        "question_id,option_key,share,division\n"
        "disability,yes,0.2,Witney\n"
        "disability,no,0.8,Witney\n"
        "disability,yes,0.2,Banbury\n"
        "disability,no,0.7,Banbury\n";
    const auto p = parse_reference_csv(csv, libraries());
    ASSERT_EQ(p.problems.size(), 1u) << problems_of(p);
    EXPECT_EQ(p.problems[0].line, 4u);
    EXPECT_NE(p.problems[0].message.find("in division \"Banbury\" add up to 0.9"),
              std::string::npos);
}

TEST(ReferenceCsv, AHeaderIsRequired) {
    auto p = parse_reference_csv("age-band,under-16,0.18\n", libraries());
    ASSERT_EQ(p.problems.size(), 1u);
    EXPECT_EQ(p.problems[0].line, 1u);
    EXPECT_NE(p.problems[0].message.find("header"), std::string::npos);
    p = parse_reference_csv("", libraries());
    ASSERT_EQ(p.problems.size(), 1u);
    EXPECT_NE(p.problems[0].message.find("empty"), std::string::npos);
    p = parse_reference_csv("question_id,option_key,share\n\n", libraries());
    ASSERT_EQ(p.problems.size(), 1u);
    EXPECT_NE(p.problems[0].message.find("no shares"), std::string::npos);
}

std::vector<ReferenceShare> disability_reference() {
    return {{"disability", "yes", "", 0.2, 2}, {"disability", "no", "", 0.8, 3}};
}

TEST(Representation, SharesLeavePreferNotToSayOut) {
    const auto rows = compare_representation({{"yes", 10}, {"no", 90}, {"prefer-not-to-say", 50}},
                                             disability_reference());
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].heard, 10);
    EXPECT_DOUBLE_EQ(rows[0].heard_share, 0.1);  // 10 of the 100 who said yes or no
    EXPECT_DOUBLE_EQ(rows[1].heard_share, 0.9);
    ASSERT_TRUE(rows[0].ratio);
    EXPECT_DOUBLE_EQ(*rows[0].ratio, 0.5);
    EXPECT_DOUBLE_EQ(*rows[1].ratio, 1.125);
}

TEST(Representation, MarksGroupsBelowTheRatioAndTheLowest) {
    const auto rows = compare_representation(
        {{"under-16", 2}, {"16-24", 10}, {"25-44", 40}, {"45-64", 30}, {"65-plus", 18}},
        {{"age-band", "under-16", "", 0.18, 2},
         {"age-band", "16-24", "", 0.11, 3},
         {"age-band", "25-44", "", 0.25, 4},
         {"age-band", "45-64", "", 0.26, 5},
         {"age-band", "65-plus", "", 0.20, 6}});
    ASSERT_EQ(rows.size(), 5u);
    EXPECT_TRUE(rows[0].under_represented);  // 0.02 / 0.18
    EXPECT_TRUE(rows[0].lowest);
    EXPECT_FALSE(rows[1].under_represented);  // 0.10 / 0.11 = 0.91
    EXPECT_FALSE(rows[1].lowest);
    EXPECT_FALSE(rows[2].under_represented);  // 0.40 / 0.25
    EXPECT_FALSE(rows[3].under_represented);  // 0.30 / 0.26
    EXPECT_FALSE(rows[4].under_represented);  // 0.18 / 0.20 = 0.9
    EXPECT_FALSE(rows[4].lowest);
}

TEST(Representation, AGroupNotHeardAtAllIsTheLowest) {
    const auto rows = compare_representation({{"no", 40}}, disability_reference());
    EXPECT_EQ(rows[0].heard, 0);
    ASSERT_TRUE(rows[0].ratio);
    EXPECT_DOUBLE_EQ(*rows[0].ratio, 0.0);
    EXPECT_TRUE(rows[0].under_represented);
    EXPECT_TRUE(rows[0].lowest);
}

TEST(Representation, NobodyHeardGivesNoRatio) {
    const auto rows = compare_representation({{"prefer-not-to-say", 4}}, disability_reference());
    for (const auto& row : rows) {
        EXPECT_FALSE(row.ratio);
        EXPECT_FALSE(row.under_represented);
        EXPECT_FALSE(row.lowest);
    }
}

TEST(Representation, AZeroReferenceShareHasNoRatio) {
    const auto rows = compare_representation(
        {{"yes", 5}, {"no", 5}},
        {{"disability", "yes", "", 0.0, 2}, {"disability", "no", "", 1.0, 3}});
    EXPECT_FALSE(rows[0].ratio);
    EXPECT_FALSE(rows[0].under_represented);
    EXPECT_TRUE(rows[1].lowest);  // the only ratio there is
}

}  // namespace
}  // namespace fv
