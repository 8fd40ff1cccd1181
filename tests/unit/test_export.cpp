// CSV and JSON export, read back with a strict RFC 4180 reader written here for the purpose.
#include <gtest/gtest.h>

#include <sstream>

#include "core/store/export.hpp"
#include "test_store_support.hpp"

namespace fv {
namespace {

using Table = std::vector<std::vector<std::string>>;

// A strict RFC 4180 reader: CRLF between records, quotes doubled inside quoted fields, and
// anything else (a bare LF between records, a stray quote) fails the test.
Table parse_csv(const std::string& text) {
    Table rows;
    std::vector<std::string> row;
    std::string field;
    std::size_t i = 0;
    bool quoted = false, field_started = false;
    while (i < text.size()) {
        const char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field += '"';
                    i += 2;
                    continue;
                }
                quoted = false;
                ++i;
                if (i < text.size() && text[i] != ',' && text[i] != '\r') {
                    ADD_FAILURE() << "text after a closing quote at byte " << i;
                }
                continue;
            }
            field += c;
            ++i;
            continue;
        }
        if (c == '"') {
            if (field_started) ADD_FAILURE() << "quote inside an unquoted field at byte " << i;
            quoted = true;
            field_started = true;
            ++i;
        } else if (c == ',') {
            row.push_back(std::move(field));
            field.clear();
            field_started = false;
            ++i;
        } else if (c == '\r') {
            if (i + 1 >= text.size() || text[i + 1] != '\n') ADD_FAILURE() << "CR without LF";
            row.push_back(std::move(field));
            field.clear();
            field_started = false;
            rows.push_back(std::move(row));
            row.clear();
            i += 2;
        } else if (c == '\n') {
            ADD_FAILURE() << "bare LF outside quotes at byte " << i;
            ++i;
        } else {
            field += c;
            field_started = true;
            ++i;
        }
    }
    EXPECT_FALSE(quoted) << "file ends inside a quoted field";
    EXPECT_TRUE(row.empty() && field.empty()) << "last record has no CRLF";
    return rows;
}

std::size_t column(const Table& t, const std::string& name) {
    for (std::size_t i = 0; i < t.at(0).size(); ++i) {
        if (t[0][i] == name) return i;
    }
    ADD_FAILURE() << "no column " << name;
    return 0;
}

std::string export_csv(const std::vector<Consultation>& versions,
                       const std::vector<ExportRow>& rows) {
    std::ostringstream out;
    write_csv(out, versions, rows);
    return out.str();
}

TEST(CsvEscape, QuotesOnlyWhenNeeded) {
    EXPECT_EQ(csv_escape("plain"), "plain");
    EXPECT_EQ(csv_escape(""), "");
    EXPECT_EQ(csv_escape("Zażółć gęślą jaźń"), "Zażółć gęślą jaźń");
    EXPECT_EQ(csv_escape("a,b"), "\"a,b\"");
    EXPECT_EQ(csv_escape("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(csv_escape("two\nlines"), "\"two\nlines\"");
    EXPECT_EQ(csv_escape("cr\r"), "\"cr\r\"");
}

TEST(CsvExport, StartsWithBomAndUsesCrlf) {
    const auto c = testing::parse_or_fail(testing::library_definition());
    const std::string csv = export_csv({c}, {{testing::make_response(), {}}});
    ASSERT_GE(csv.size(), 3u);
    EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
    EXPECT_EQ(csv.substr(csv.size() - 2), "\r\n");
    const Table t = parse_csv(csv.substr(3));
    ASSERT_EQ(t.size(), 2u);
    EXPECT_EQ(t[0].size(), t[1].size());
    EXPECT_EQ(t[0][0], "id");
}

TEST(CsvExport, TextWithPolishQuotesCommasAndNewlinesSurvives) {
    const auto c = testing::parse_or_fail(testing::library_definition());
    Response r = testing::make_response();
    const std::string tricky = "Zażółć gęślą jaźń, \"cudzysłów\"\r\nnowa linia\n, i przecinek ,";
    r.answers["why"] = tricky;
    r.participant = {{"kind", "partner"}, {"organisation", "Stowarzyszenie \"Razem\", Oxford"}};
    const Table t = parse_csv(export_csv({c}, {{r, {}}}).substr(3));
    ASSERT_EQ(t.size(), 2u);
    EXPECT_EQ(t[1][column(t, "why")], tricky);
    EXPECT_EQ(t[1][column(t, "participant_organisation")], "Stowarzyszenie \"Razem\", Oxford");
    EXPECT_EQ(t[1][column(t, "participant_kind")], "partner");
    EXPECT_EQ(t[1][column(t, "id")], r.id);
    EXPECT_EQ(t[1][column(t, "language")], "pl");
    EXPECT_EQ(t[1][column(t, "consent_privacy_notice")], "1");
    EXPECT_EQ(t[1][column(t, "consent_contact_me")], "0");
}

TEST(CsvExport, SpreadsChoicesRankingsAndStatementsOverColumns) {
    const auto c = testing::parse_or_fail(testing::library_definition());
    Response r = testing::make_response();  // used: books + other; priority: staff, hours
    Response unanswered = testing::make_response();
    unanswered.answers = {{"rating", 2}};
    const Table t = parse_csv(export_csv({c}, {{r, {}}, {unanswered, {}}}).substr(3));
    ASSERT_EQ(t.size(), 3u);
    EXPECT_EQ(t[1][column(t, "rating")], "4");
    EXPECT_EQ(t[1][column(t, "used:books")], "1");
    EXPECT_EQ(t[1][column(t, "used:wifi")], "0");
    EXPECT_EQ(t[1][column(t, "used:events")], "0");
    EXPECT_EQ(t[1][column(t, "used:other")], "czytelnia dla dzieci");
    EXPECT_EQ(t[1][column(t, "priority:staff")], "1");
    EXPECT_EQ(t[1][column(t, "priority:hours")], "2");
    EXPECT_EQ(t[1][column(t, "priority:space")], "");
    EXPECT_EQ(t[1][column(t, "views:quiet")], "agree");
    EXPECT_EQ(t[1][column(t, "views:cafe")], "pass");
    // Unanswered questions are empty, not 0: "did not see it" is not "said no".
    EXPECT_EQ(t[2][column(t, "rating")], "2");
    EXPECT_EQ(t[2][column(t, "used:books")], "");
    EXPECT_EQ(t[2][column(t, "why")], "");
    // No column called plain "used": one column per option only.
    for (const auto& h : t[0]) EXPECT_NE(h, "used");
}

TEST(CsvExport, OneColumnPerQuestionAcrossVersionsAndExtrasAfterFixedColumns) {
    const auto v1 = testing::parse_or_fail(testing::library_definition(1, 730, false));
    const auto v2 = testing::parse_or_fail(testing::library_definition(2));  // adds "views"
    Response old_r = testing::make_response("libraries-2027", 1);
    old_r.answers.erase("views");
    Response new_r = testing::make_response("libraries-2027", 2);
    const Table t = parse_csv(
        export_csv({v1, v2}, {{old_r, {{"state", "synced"}}}, {new_r, {{"state", "queued"}}}})
            .substr(3));
    ASSERT_EQ(t.size(), 3u);
    int rating_columns = 0;
    for (const auto& h : t[0]) rating_columns += h == "rating";
    EXPECT_EQ(rating_columns, 1);
    EXPECT_EQ(column(t, "state"), column(t, "flags") + 1);
    EXPECT_LT(column(t, "state"), column(t, "rating"));
    EXPECT_LT(column(t, "why"), column(t, "views:quiet"));
    EXPECT_EQ(t[1][column(t, "state")], "synced");
    EXPECT_EQ(t[1][column(t, "consultation_version")], "1");
    EXPECT_EQ(t[1][column(t, "views:quiet")], "");
    EXPECT_EQ(t[2][column(t, "views:quiet")], "agree");
    EXPECT_EQ(t[2][column(t, "state")], "queued");
}

TEST(CsvExport, PersonalQuestionsHaveNoColumn) {
    std::string def = testing::library_definition();
    def.insert(
        def.rfind(']'),
        R"(, {"id": "email", "type": "email", "personal": true, "prompt": {"en": "Email"}})");
    def.insert(def.size() - 1, R"(, "public_key": "mQ3T0lfwYxvY0c8kR2Pp7u3hFh1m1N4u9Jc2x6b1eEo=")");
    const auto c = testing::parse_or_fail(def);
    Response r = testing::make_response();
    r.sealed = "c2VhbGVk";
    const std::string csv = export_csv({c}, {{r, {}}});
    const Table t = parse_csv(csv.substr(3));
    for (const auto& h : t[0]) EXPECT_EQ(h.find("email"), std::string::npos) << h;
    EXPECT_EQ(csv.find("c2VhbGVk"), std::string::npos);
}

TEST(JsonExport, IsAnArrayOfWireFormsWithTheirState) {
    Response a = testing::make_response(), b = testing::make_response();
    b.sealed = "c2VhbGVk";
    std::ostringstream out;
    write_json(out, {{a, {{"state", "queued"}}}, {b, {{"state", "synced"}}}});
    const auto j = nlohmann::json::parse(out.str());
    ASSERT_TRUE(j.is_array());
    ASSERT_EQ(j.size(), 2u);
    EXPECT_EQ(j[0]["state"], "queued");
    EXPECT_EQ(j[1]["state"], "synced");
    EXPECT_EQ(j[1]["sealed"], "c2VhbGVk");
    nlohmann::json wire = j[0];
    wire.erase("state");
    EXPECT_EQ(Response::from_json(wire).to_json(), a.to_json());
    EXPECT_EQ(j[0]["answers"]["why"], a.answers["why"]);

    std::ostringstream empty;
    write_json(empty, {});
    EXPECT_EQ(nlohmann::json::parse(empty.str()), nlohmann::json::array());

    std::ostringstream clash;
    EXPECT_THROW(write_json(clash, {{a, {{"answers", "x"}}}}), std::invalid_argument);
}

}  // namespace
}  // namespace fv
