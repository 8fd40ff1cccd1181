// CSV and JSON export, read back with a strict RFC 4180 reader written here for the purpose.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <sstream>
#include <thread>

#include "core/store/export.hpp"
#include "core/store/export_sessions.hpp"
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

TEST(CsvExport, ParticipantNameIsThePartnerSubmittersAndSealedAnswersStaySealed) {
    const auto c = testing::parse_or_fail(testing::library_definition());
    Response partner = testing::make_response();
    partner.mode = CaptureMode::Partner;
    partner.participant = {
        {"kind", "partner"}, {"organisation", "Age UK Oxfordshire"}, {"name", "Ewa Kowalska"}};
    partner.sealed = "c2VhbGVkIGJveA==";
    Response resident = testing::make_response();
    resident.participant = {{"kind", "resident"}, {"organisation", nullptr}};
    const std::string csv = export_csv({c}, {{partner, {}}, {resident, {}}});
    const Table t = parse_csv(csv.substr(3));
    ASSERT_EQ(t.size(), 3u);
    EXPECT_EQ(column(t, "participant_name"), column(t, "participant_organisation") + 1);
    EXPECT_EQ(t[1][column(t, "participant_name")], "Ewa Kowalska");
    EXPECT_EQ(t[1][column(t, "participant_organisation")], "Age UK Oxfordshire");
    EXPECT_EQ(t[1][column(t, "mode")], "partner");
    EXPECT_EQ(t[2][column(t, "participant_name")], "");  // a resident gives no name
    EXPECT_EQ(csv.find("c2VhbGVkIGJveA=="), std::string::npos) << "the box stays out of the CSV";
}

// -- the meeting sessions export -----------------------------------------------------------

SessionDraft library_meeting() {
    return {"Witney libraries meeting",
            "Corn Exchange",
            "Witney North",
            "Cllr Jane Doe",
            "libraries-2027",
            1};
}

Response pass_round_answer(const std::string& session_id, const nlohmann::json& rating) {
    Response r = testing::make_response();
    r.mode = CaptureMode::Meeting;
    r.session_id = session_id;
    r.participant = {{"kind", "resident"}, {"organisation", nullptr}};
    r.answers = {{"rating", rating}};
    return r;
}

std::string sessions_csv(const std::vector<SessionExport>& sessions) {
    std::ostringstream out;
    write_sessions_csv(out, sessions);
    return out.str();
}

nlohmann::json sessions_json(const std::vector<SessionExport>& sessions) {
    std::ostringstream out;
    write_sessions_json(out, sessions);
    return nlohmann::json::parse(out.str());
}

// The poll rows of a sessions CSV as "mode question:answer" -> count, in the file's order.
std::vector<std::pair<std::string, std::string>> poll_rows(const Table& t) {
    std::vector<std::pair<std::string, std::string>> out;
    for (std::size_t i = 1; i < t.size(); ++i) {
        if (t[i][column(t, "section")] != "poll") continue;
        EXPECT_EQ(t[i][column(t, "text")], "") << "the mode has its own column";
        out.push_back(
            {t[i][column(t, "mode")] + " " + t[i][column(t, "key")], t[i][column(t, "count")]});
    }
    return out;
}

TEST(SessionsExport, EveryOptionOfAPollIsThereInBothModesWithZeroWhereNobodyVoted) {
    testing::TempDir dir;
    auto store = Store::open(dir / "fieldvoice.db");
    const auto c = testing::parse_or_fail(testing::library_definition());
    const std::string id = store->start_session(library_meeting());
    store->change_tally(id, "used", "books", 7);
    store->change_tally(id, "used", "events", 1);  // counted, then taken back to 0
    store->change_tally(id, "used", "events", -1);
    store->change_tally(id, "used", "magazines", 2);  // not an option of this definition
    store->submit(pass_round_answer(id, 4));
    store->submit(pass_round_answer(id, 4));
    store->submit(pass_round_answer(id, 2));
    const SessionExport e{*store->session_record(id), store->session_responses(id), c};

    const Table t = parse_csv(sessions_csv({e}).substr(3));
    using Rows = std::vector<std::pair<std::string, std::string>>;
    // In the definition's order (rating, then used), hands first; priority and why were never
    // polled and have no rows.
    EXPECT_EQ(poll_rows(t), (Rows{{"hands rating:1", "0"},
                                  {"hands rating:2", "0"},
                                  {"hands rating:3", "0"},
                                  {"hands rating:4", "0"},
                                  {"hands rating:5", "0"},
                                  {"pass_round rating:1", "0"},
                                  {"pass_round rating:2", "1"},
                                  {"pass_round rating:3", "0"},
                                  {"pass_round rating:4", "2"},
                                  {"pass_round rating:5", "0"},
                                  {"hands used:books", "7"},
                                  {"hands used:wifi", "0"},
                                  {"hands used:events", "0"},
                                  {"hands used:magazines", "2"},
                                  {"pass_round used:books", "0"},
                                  {"pass_round used:wifi", "0"},
                                  {"pass_round used:events", "0"}}));
    EXPECT_EQ(column(t, "mode"), column(t, "count") + 1);

    const auto j = sessions_json({e});
    ASSERT_EQ(j.size(), 1u);
    const auto& results = j[0].at("results");
    EXPECT_EQ(results["hands"]["used"]["wifi"], 0);
    EXPECT_EQ(results["hands"]["used"]["books"], 7);
    EXPECT_EQ(results["hands"]["rating"]["3"], 0);
    EXPECT_EQ(results["pass_round"]["rating"]["1"], 0);
    EXPECT_EQ(results["pass_round"]["rating"]["4"], 2);
    EXPECT_EQ(results["pass_round"]["used"]["events"], 0);
    EXPECT_FALSE(results["hands"].contains("priority"));
}

TEST(SessionsExport, WithoutItsDefinitionAPollKeepsWhatWasCounted) {
    testing::TempDir dir;
    auto store = Store::open(dir / "fieldvoice.db");
    const std::string id = store->start_session(library_meeting());
    store->change_tally(id, "used", "books", 3);
    store->submit(pass_round_answer(id, 5));
    const SessionExport e{*store->session_record(id), store->session_responses(id), {}};
    const Table t = parse_csv(sessions_csv({e}).substr(3));
    using Rows = std::vector<std::pair<std::string, std::string>>;
    EXPECT_EQ(poll_rows(t), (Rows{{"pass_round rating:5", "1"}, {"hands used:books", "3"}}));
}

TEST(SessionsExport, NotesCarryWhenFirstWrittenAndWhenLastChanged) {
    testing::TempDir dir;
    auto store = Store::open(dir / "fieldvoice.db");
    const std::string id = store->start_session(library_meeting());
    const std::string changed =
        store->add_note(id, {"Saturday hours are too short", {"hours"}, Speaker::resident()});
    const std::string kept = store->add_note(
        id, {"We can lend the hall", {"space"}, Speaker::partner("Witney Town Council")});
    const std::string written_at = store->notes(id)[1].created_at;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));  // times are to the millisecond
    store->edit_note(changed,
                     {"Saturday and Sunday hours are too short", {"hours"}, Speaker::resident()});
    const auto notes = store->notes(id);  // newest first
    ASSERT_EQ(notes.size(), 2u);
    ASSERT_TRUE(notes[1].edited_at.has_value());
    EXPECT_EQ(notes[1].created_at, written_at) << "an edit keeps the note's first time";
    EXPECT_NE(*notes[1].edited_at, written_at);
    const SessionExport e{*store->session_record(id), store->session_responses(id), {}};

    const Table t = parse_csv(sessions_csv({e}).substr(3));
    std::map<std::string, std::vector<std::string>> rows;  // note id -> row
    for (std::size_t i = 1; i < t.size(); ++i) {
        if (t[i][column(t, "section")] == "note") rows[t[i][column(t, "key")]] = t[i];
    }
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[changed][column(t, "text")], "Saturday and Sunday hours are too short");
    EXPECT_EQ(rows[changed][column(t, "created_at")], written_at);
    EXPECT_EQ(rows[changed][column(t, "edited_at")], *notes[1].edited_at);
    EXPECT_EQ(rows[kept][column(t, "created_at")], notes[0].created_at);
    EXPECT_EQ(rows[kept][column(t, "edited_at")], "") << "never edited";
    for (const auto& h : t[0]) EXPECT_NE(h, "at") << "one time column was two things";

    const auto j = sessions_json({e});
    EXPECT_EQ(j[0]["notes"][0]["id"], changed);  // the order written
    EXPECT_EQ(j[0]["notes"][0]["created_at"], written_at);
    EXPECT_EQ(j[0]["notes"][0]["edited_at"], *notes[1].edited_at);
    EXPECT_TRUE(j[0]["notes"][1]["edited_at"].is_null());
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
