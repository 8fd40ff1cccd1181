// The `fieldvoice` subcommands: exit codes, what they print, and what they write, run as real
// processes (the test program of tests/tools, and the real `fieldvoice` when it is built), plus
// the registry and option parsing in-process.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <sstream>
#include <thread>

#include "app/cli/cli.hpp"
#include "core/store/store.hpp"
#include "test_store_support.hpp"

#ifndef FIELDVOICE_CLI_TEST_BIN
#error "tests/tools/CMakeLists.txt must define FIELDVOICE_CLI_TEST_BIN for this test"
#endif

extern char** environ;

namespace fv {
namespace {

using testing::TempDir;

struct ProgramRun {
    int status = -1;
    std::string out, err;
};

ProgramRun run_program(const std::string& bin, const std::vector<std::string>& args,
                       const TempDir& scratch) {
    const auto out_path = scratch / "stdout.txt", err_path = scratch / "stderr.txt";
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_path.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    std::vector<char*> argv{const_cast<char*>(bin.c_str())};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, bin.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ProgramRun r;
    if (rc != 0) {
        ADD_FAILURE() << "cannot start " << bin;
        return r;
    }
    // A program that never ends (say, one that opened a kiosk window) fails, not hangs.
    int status = 0;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (waitpid(pid, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() > deadline) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            ADD_FAILURE() << bin << " did not finish within 60 s";
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = testing::read_file(out_path);
    r.err = testing::read_file(err_path);
    return r;
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

// Every process test runs against each program that has the subcommands.
class CliProgram : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        // The real program is tested once it is built; a build of only the tests skips it.
        if (!std::filesystem::exists(GetParam())) GTEST_SKIP() << GetParam() << " is not built";
    }
    ProgramRun run(const std::vector<std::string>& args) {
        return run_program(GetParam(), args, scratch_);
    }
    TempDir scratch_, data_;
    std::string data_dir() const { return data_.path().string(); }

    // A store with responses in every state and the sync settings set.
    void fill_store() {
        auto store = Store::open(database_path(data_.path()));
        store->save_consultation(testing::parse_or_fail(testing::library_definition()));
        for (int i = 0; i < 4; ++i) {
            Response r = testing::make_response();
            r.sealed = "c2VhbGVk";
            store->submit(r);
            ids_.push_back(r.id);
        }
        store->apply_results({{ids_[0], ItemStatus::Stored, "", ""},
                              {ids_[1], ItemStatus::Rejected, "invalid_response", "rating: 9"}});
        store->set_setting(kSettingLastSyncAt, "2026-11-23T14:05:09.120Z");
        store->set_setting(kSettingLastError, "The store could not be reached: no network.");
    }
    std::vector<std::string> ids_;
};

std::vector<std::string> programs() {
    std::vector<std::string> p{FIELDVOICE_CLI_TEST_BIN};
#ifdef FIELDVOICE_BIN
    p.push_back(FIELDVOICE_BIN);
#endif
    return p;
}

std::string program_name(const ::testing::TestParamInfo<std::string>& info) {
    return contains(info.param, "cli-test") ? "cli_test_program" : "fieldvoice";
}

INSTANTIATE_TEST_SUITE_P(Programs, CliProgram, ::testing::ValuesIn(programs()), program_name);

TEST_P(CliProgram, HelpListsEverySubcommand) {
    const ProgramRun r = run({"--help"});
    EXPECT_EQ(r.status, 0);
    for (const char* s :
         {"validate FILE.json", "status [--data-dir DIR]", "export", "--consultation FILE|ID"}) {
        EXPECT_TRUE(contains(r.out, s)) << s << " in\n" << r.out;
    }
}

TEST_P(CliProgram, UnknownCommandIsAUsageError) {
    const ProgramRun r = run({"frobnicate"});
    EXPECT_EQ(r.status, 2);
    EXPECT_TRUE(contains(r.err, "unknown command \"frobnicate\"")) << r.err;
    EXPECT_TRUE(contains(r.err, "usage:")) << r.err;
}

TEST_P(CliProgram, ValidateAcceptsAGoodDefinition) {
    const auto file = scratch_ / "library.json";
    testing::write_file(file, testing::library_definition(3));
    const ProgramRun r = run({"validate", file.string()});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out,
              file.string() + ": valid (consultation libraries-2027 version 3, 5 questions)\n");
}

TEST_P(CliProgram, ValidateAcceptsEveryBundledSample) {
    int samples = 0;
    for (const auto& entry :
         std::filesystem::directory_iterator(FIELDVOICE_ASSETS_DIR "/consultations")) {
        if (entry.path().extension() != ".json") continue;
        ++samples;
        const ProgramRun r = run({"validate", entry.path().string()});
        EXPECT_EQ(r.status, 0) << entry.path() << "\n" << r.out << r.err;
        EXPECT_TRUE(contains(r.out, ": valid (consultation ")) << r.out;
    }
    EXPECT_GE(samples, 2) << "the two bundled samples are missing";
}

TEST_P(CliProgram, ValidatePrintsEveryProblemOnItsOwnLineAndExits2) {
    std::string def = testing::library_definition();
    // Two faults: a question type that does not exist, and a ranking "top" past its options.
    def.replace(def.find("\"smiley\""), 8, "\"smiley_face\"");
    def.replace(def.find("\"top\": 2"), 8, "\"top\": 9");
    const auto file = scratch_ / "bad.json";
    testing::write_file(file, def);
    const ProgramRun r = run({"validate", file.string()});
    EXPECT_EQ(r.status, 2);
    std::istringstream lines(r.out);
    int count = 0;
    for (std::string line; std::getline(lines, line);) {
        ++count;
        EXPECT_TRUE(contains(line, ": ") && line.back() == ')') << line;
    }
    EXPECT_GE(count, 2) << r.out;
    EXPECT_TRUE(contains(r.out, "rating")) << r.out;        // the question, by id
    EXPECT_TRUE(contains(r.out, "unknown_type")) << r.out;  // and the rule
    EXPECT_TRUE(contains(r.out, "priority")) << r.out;
    EXPECT_TRUE(contains(r.err, "not valid")) << r.err;
}

// Pictures are checked in the assets folder given (tests/data/easy_read_pictures): a missing
// one and one that is not a PNG are each named with the option and the rule.
TEST_P(CliProgram, ValidateChecksEasyReadPicturesInTheAssetsFolder) {
    const std::string folder = FIELDVOICE_SOURCE_DIR "/tests/data/easy_read_pictures";
    const ProgramRun r =
        run({"validate", folder + "/pictures.json", "--assets", folder + "/assets"});
    EXPECT_EQ(r.status, 2) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "travel.options[1].image: There is no picture file at " + folder +
                                    "/assets/easy-read/car.png"))
        << r.out;
    EXPECT_TRUE(contains(r.out, "(image_missing)")) << r.out;
    EXPECT_TRUE(contains(r.out, "travel.options[2].image: ")) << r.out;
    EXPECT_TRUE(contains(r.out, "is not a PNG file (only its name ends in .png)")) << r.out;
    EXPECT_TRUE(contains(r.out, "(image_not_png)")) << r.out;
    EXPECT_FALSE(contains(r.out, "travel.image")) << "the good picture passes\n" << r.out;
    EXPECT_FALSE(contains(r.out, "options[0]")) << r.out;
    EXPECT_TRUE(contains(r.err, "not valid (2 problems)")) << r.err;
    // Looked for in another assets folder, every picture is missing.
    const ProgramRun elsewhere =
        run({"validate", "--assets=" + scratch_.path().string(), folder + "/pictures.json"});
    EXPECT_EQ(elsewhere.status, 2);
    EXPECT_TRUE(contains(elsewhere.err, "not valid (4 problems)")) << elsewhere.out;
    EXPECT_EQ(run({"validate", folder + "/pictures.json", "--assets"}).status, 2);
}

TEST_P(CliProgram, ValidateNamesLineAndColumnOfBadJson) {
    const auto file = scratch_ / "broken.json";
    testing::write_file(file, "{\n  \"id\": \"x\",\n  \"version\": 1,,\n}\n");
    const ProgramRun r = run({"validate", file.string()});
    EXPECT_EQ(r.status, 2);
    EXPECT_TRUE(contains(r.out, "line 3")) << r.out;
}

TEST_P(CliProgram, ValidateOfAMissingFileOrNoFileIsBadInput) {
    EXPECT_EQ(run({"validate", (scratch_ / "nothing.json").string()}).status, 2);
    const ProgramRun none = run({"validate"});
    EXPECT_EQ(none.status, 2);
    EXPECT_TRUE(contains(none.err, "usage: fieldvoice validate FILE.json")) << none.err;
    EXPECT_EQ(run({"validate", "a.json", "b.json"}).status, 2);
}

TEST_P(CliProgram, StatusOfANewDeviceShowsAnEmptyQueueAndCreatesNothing) {
    const ProgramRun r = run({"status", "--data-dir", data_dir()});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(contains(r.out, "Queued:        0")) << r.out;
    EXPECT_TRUE(contains(r.out, "Last sync:     never")) << r.out;
    EXPECT_FALSE(std::filesystem::exists(database_path(data_.path())));
}

TEST_P(CliProgram, StatusShowsCountsLastSyncAndLastError) {
    fill_store();
    const ProgramRun r = run({"status", "--data-dir=" + data_dir()});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(contains(r.out, "Queued:        2")) << r.out;
    EXPECT_TRUE(contains(r.out, "Synced:        1")) << r.out;
    EXPECT_TRUE(contains(r.out, "Quarantined:   1")) << r.out;
    EXPECT_TRUE(contains(r.out, "Last sync:     2026-11-23T14:05:09.120Z")) << r.out;
    EXPECT_TRUE(contains(r.out, "Last error:    The store could not be reached: no network."))
        << r.out;
    EXPECT_TRUE(contains(r.out, "libraries-2027 v1")) << r.out;
}

TEST_P(CliProgram, StatusUsageErrorsAndBrokenDatabases) {
    EXPECT_EQ(run({"status", "--data-dir"}).status, 2);
    EXPECT_EQ(run({"status", "--colour"}).status, 2);
    testing::write_file(database_path(data_.path()), "this is not a database at all");
    const ProgramRun r = run({"status", "--data-dir", data_dir()});
    EXPECT_EQ(r.status, 1);
    EXPECT_TRUE(contains(r.err, "not an SQLite database")) << r.err;
    EXPECT_EQ(testing::read_file(database_path(data_.path())), "this is not a database at all");
}

TEST_P(CliProgram, ExportCsvWritesEveryResponseWithItsState) {
    fill_store();
    const auto file = scratch_ / "export.csv";
    const ProgramRun r =
        run({"export", "--data-dir", data_dir(), "--format", "csv", "--out", file.string()});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(contains(r.err, "exported 4 responses")) << r.err;
    const std::string csv = testing::read_file(file);
    ASSERT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
    std::size_t rows = 0;
    for (std::size_t p = 0; (p = csv.find("\r\n", p)) != std::string::npos; p += 2) ++rows;
    // Header + 4 rows; the text answer has a newline inside quotes, which is LF, not CRLF.
    EXPECT_EQ(rows, 5u);
    for (const auto& id : ids_) EXPECT_TRUE(contains(csv, id)) << id;
    EXPECT_TRUE(contains(csv, ",synced,")) << csv;
    EXPECT_TRUE(contains(csv, ",quarantined,")) << csv;
    EXPECT_TRUE(contains(csv, "used:books")) << csv;
    EXPECT_TRUE(contains(csv, ",state,sealed,")) << csv;  // says a box is there...
    EXPECT_TRUE(contains(csv, ",queued,yes,")) << csv;
    EXPECT_FALSE(contains(csv, "c2VhbGVk")) << csv;  // ...but does not carry it
    EXPECT_FALSE(std::filesystem::exists(scratch_ / "export.csv.part"));
    // The export is in the device's audit log.
    auto store = Store::open(database_path(data_.path()));
    ASSERT_FALSE(store->audit_log(1).empty());
    EXPECT_EQ(store->audit_log(1)[0].event, "export");
}

TEST_P(CliProgram, ExportJsonToStandardOutputKeepsPersonalAnswersSealed) {
    fill_store();
    const ProgramRun r =
        run({"export", "--data-dir", data_dir(), "--format", "json", "--out", "-"});
    ASSERT_EQ(r.status, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    ASSERT_EQ(j.size(), 4u);
    EXPECT_EQ(j[0]["id"], ids_[0]);
    EXPECT_EQ(j[0]["state"], "synced");
    EXPECT_EQ(j[1]["state"], "quarantined");
    EXPECT_EQ(j[1]["quarantine_code"], "invalid_response");
    EXPECT_EQ(j[2]["state"], "queued");
    EXPECT_EQ(j[2]["sealed"], "c2VhbGVk");
}

TEST_P(CliProgram, ExportSessionsHasCountsThemesPollsRankingAndNotes) {
    std::string id;
    {
        auto store = Store::open(database_path(data_.path()));
        store->save_consultation(testing::parse_or_fail(testing::library_definition()));
        id = store->start_session({"Witney libraries meeting", "Corn Exchange", "Witney North",
                                   "Cllr Jane Doe", "libraries-2027", 1});
        store->add_note(id, {"Saturday hours, \"too short\"", {"hours"}, Speaker::resident()});
        store->add_note(
            id,
            {"We can lend the hall", {"space", "hours"}, Speaker::partner("Witney Town Council")});
        store->change_tally(id, "used", "books", 7);
        const auto teen = store->add_idea(id, "A teen space");
        store->add_idea(id, "A cafe");
        store->add_dot(id, teen, 1);
        Response r = testing::make_response();
        r.mode = CaptureMode::Meeting;
        r.session_id = id;
        r.answers = {{"rating", 4}};
        store->submit(r);
        store->end_session(id);
    }
    const auto file = scratch_ / "sessions.csv";
    const ProgramRun r = run({"export", "--data-dir", data_dir(), "--sessions", "--format", "csv",
                              "--out", file.string()});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(contains(r.err, "exported 1 meeting session")) << r.err;
    const std::string csv = testing::read_file(file);
    const std::string lead = id +
                             ",Witney libraries meeting,Corn Exchange,Witney North,Cllr Jane Doe,"
                             "libraries-2027,1,";
    EXPECT_TRUE(contains(csv,
                         "session_id,title,place,division,facilitator,consultation_id,"
                         "consultation_version,started_at,ended_at,state,section,key,count,"
                         "mode,text,themes,said_by,organisation,created_at,edited_at\r\n"))
        << csv;
    EXPECT_TRUE(contains(csv, lead)) << csv;
    EXPECT_TRUE(contains(csv, ",queued,counts,notes,2,")) << csv;
    EXPECT_TRUE(contains(csv, ",queued,counts,pass_round_answers,1,")) << csv;
    EXPECT_TRUE(contains(csv, ",queued,theme,hours,2,")) << csv;
    EXPECT_TRUE(contains(csv, ",queued,poll,used:books,7,hands,")) << csv;
    EXPECT_TRUE(contains(csv, ",queued,poll,rating:4,1,pass_round,")) << csv;
    // The options nobody voted for, from the stored definition.
    EXPECT_TRUE(contains(csv, ",queued,poll,used:wifi,0,hands,")) << csv;
    EXPECT_TRUE(contains(csv, ",queued,poll,rating:1,0,pass_round,")) << csv;
    EXPECT_FALSE(contains(r.err, "warning")) << r.err;
    EXPECT_TRUE(contains(csv, ",queued,idea,1,1,,A teen space,")) << csv;
    EXPECT_TRUE(contains(csv, ",queued,idea,2,0,,A cafe,")) << csv;
    EXPECT_TRUE(contains(csv, ",\"Saturday hours, \"\"too short\"\"\",hours,resident,,")) << csv;
    EXPECT_TRUE(contains(csv, ",We can lend the hall,space;hours,partner,Witney Town Council,"))
        << csv;

    const ProgramRun j =
        run({"export", "--data-dir", data_dir(), "--sessions", "--format", "json", "--out", "-"});
    ASSERT_EQ(j.status, 0) << j.err;
    const auto doc = nlohmann::json::parse(j.out);
    ASSERT_EQ(doc.size(), 1u);
    EXPECT_EQ(doc[0]["id"], id);
    EXPECT_EQ(doc[0]["state"], "queued");
    EXPECT_EQ(doc[0]["notes"].size(), 2u);
    EXPECT_EQ(doc[0]["results"]["responses"], 1);
    EXPECT_EQ(doc[0]["results"]["themes"]["hours"], 2);
    EXPECT_EQ(doc[0]["results"]["hands"]["used"]["books"], 7);
    EXPECT_EQ(doc[0]["results"]["pass_round"]["rating"]["4"], 1);
    EXPECT_EQ(doc[0]["results"]["hands"]["used"]["wifi"], 0);
    EXPECT_EQ(doc[0]["results"]["ranking"][0]["text"], "A teen space");
}

TEST_P(CliProgram, ExportSessionsWithoutTheirDefinitionSaySoAndKeepWhatWasCounted) {
    {
        auto store = Store::open(database_path(data_.path()));
        const auto id =
            store->start_session({"Witney libraries meeting", "Corn Exchange", "Witney North",
                                  "Cllr Jane Doe", "libraries-2027", 1});
        store->change_tally(id, "used", "books", 3);
    }
    const ProgramRun r =
        run({"export", "--data-dir", data_dir(), "--sessions", "--format", "csv", "--out", "-"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(contains(r.err, "consultation libraries-2027 v1 is not stored")) << r.err;
    EXPECT_TRUE(contains(r.out, ",queued,poll,used:books,3,hands,")) << r.out;
    EXPECT_FALSE(contains(r.out, "used:wifi")) << r.out;
}

TEST_P(CliProgram, ExportRefusesBadUsageAndSaysWhatFailed) {
    fill_store();
    const auto out = (scratch_ / "x.csv").string();
    EXPECT_EQ(run({"export", "--data-dir", data_dir(), "--out", out}).status, 2);
    const ProgramRun xml =
        run({"export", "--data-dir", data_dir(), "--format", "xml", "--out", out});
    EXPECT_EQ(xml.status, 2);
    EXPECT_TRUE(contains(xml.err, "--format must be csv or json")) << xml.err;
    EXPECT_EQ(run({"export", "--data-dir", data_dir(), "--format", "csv"}).status, 2);

    const ProgramRun nowhere = run({"export", "--data-dir", data_dir(), "--format", "csv", "--out",
                                    (scratch_ / "no/such/folder/x.csv").string()});
    EXPECT_EQ(nowhere.status, 1);
    EXPECT_TRUE(contains(nowhere.err, "cannot create")) << nowhere.err;

    TempDir empty;
    const ProgramRun no_db =
        run({"export", "--data-dir", empty.path().string(), "--format", "csv", "--out", out});
    EXPECT_EQ(no_db.status, 1);
    EXPECT_TRUE(contains(no_db.err, "there is no response database")) << no_db.err;
}

TEST_P(CliProgram, ExportFiltersByConsultationAndSurvivesADefinitionNowRefused) {
    fill_store();
    {
        auto store = Store::open(database_path(data_.path()));
        Response other = testing::make_response("day-services", 1);
        store->submit(other);
        // A stored definition that today's rules refuse (as after a stricter upgrade).
        char* msg = nullptr;
        sqlite3_exec(store->handle(),
                     "INSERT INTO consultations (id, version, definition, received_at) VALUES "
                     "('day-services', 1, '{\"id\": \"day-services\"}', '2026-01-01T00:00:00Z')",
                     nullptr, nullptr, &msg);
        ASSERT_EQ(msg, nullptr) << msg;
    }
    const auto file = scratch_ / "all.csv";
    const ProgramRun all =
        run({"export", "--data-dir", data_dir(), "--format", "csv", "--out", file.string()});
    EXPECT_EQ(all.status, 0) << all.err;
    EXPECT_TRUE(contains(all.err, "warning")) << all.err;
    EXPECT_TRUE(contains(all.err, "exported 5 responses")) << all.err;

    const ProgramRun one = run({"export", "--data-dir", data_dir(), "--consultation",
                                "libraries-2027", "--format", "json", "--out", "-"});
    ASSERT_EQ(one.status, 0) << one.err;
    EXPECT_EQ(nlohmann::json::parse(one.out).size(), 4u);

    const ProgramRun none = run({"export", "--data-dir", data_dir(), "--consultation", "nope",
                                 "--format", "json", "--out", "-"});
    EXPECT_EQ(none.status, 1);
    EXPECT_TRUE(contains(none.err, "no consultation \"nope\"")) << none.err;
}

// -- in-process: the kiosk decision, the registry and option parsing

std::optional<int> run_in_process(const std::vector<std::string>& args, std::string* out = nullptr,
                                  std::string* err = nullptr) {
    std::ostringstream o, e;
    const auto status = run_cli(args, o, e);
    if (out) *out = o.str();
    if (err) *err = e.str();
    return status;
}

TEST(Cli, NoSubcommandMeansTheKiosk) {
    EXPECT_FALSE(run_in_process({}).has_value());
    EXPECT_FALSE(run_in_process({"--data-dir", "/tmp/x", "--consultation", "a.json"}));
    EXPECT_FALSE(run_in_process({"--windowed"}).has_value());
}

TEST(Cli, RegisteredSubcommandsRunWithTheirExitCodes) {
    std::vector<std::string> seen;
    register_subcommand(
        "sync", "fieldvoice sync [--data-dir DIR]",
        [&](const std::vector<std::string>& args, std::ostream& out, std::ostream&) {
            seen = args;
            out << "synced\n";
            return 0;
        });
    std::string out, err;
    EXPECT_EQ(run_in_process({"sync", "--data-dir", "/d"}, &out), 0);
    EXPECT_EQ(seen, (std::vector<std::string>{"--data-dir", "/d"}));
    EXPECT_EQ(out, "synced\n");
    EXPECT_TRUE(contains(cli_usage(), "fieldvoice sync [--data-dir DIR]"));

    register_subcommand("flaky", "fieldvoice flaky", [](const auto&, auto&, auto&) -> int {
        throw std::runtime_error("the store could not be reached");
    });
    EXPECT_EQ(run_in_process({"flaky"}, &out, &err), 1);
    EXPECT_EQ(err, "fieldvoice flaky: the store could not be reached\n");

    register_subcommand(
        "picky", "fieldvoice picky --level N",
        [](const auto&, auto&, auto&) -> int { throw CliUsageError("--level is missing"); });
    EXPECT_EQ(run_in_process({"picky"}, &out, &err), 2);
    EXPECT_EQ(err, "fieldvoice picky: --level is missing\nusage: fieldvoice picky --level N\n");
}

TEST(Cli, TakeOptionAcceptsBothFormsAndRefusesRepeatsAndMissingValues) {
    std::vector<std::string> args{"--data-dir", "/a", "--format=csv", "rest"};
    EXPECT_EQ(take_option(args, "--data-dir"), "/a");
    EXPECT_EQ(take_option(args, "--format"), "csv");
    EXPECT_FALSE(take_option(args, "--out").has_value());
    EXPECT_EQ(args, (std::vector<std::string>{"rest"}));

    std::vector<std::string> twice{"--out", "a", "--out=b"};
    EXPECT_THROW(take_option(twice, "--out"), CliUsageError);
    std::vector<std::string> bare{"--out"};
    EXPECT_THROW(take_option(bare, "--out"), CliUsageError);
    std::vector<std::string> empty{"--out="};
    EXPECT_THROW(take_option(empty, "--out"), CliUsageError);
}

}  // namespace
}  // namespace fv
