// The bad definition files in tests/data/bad_definitions/ give exactly the problems listed in
// its expected.tsv: the same files serve the command-line tests of `fieldvoice validate`.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "core/model/consultation.hpp"

namespace fv {
namespace {

namespace fs = std::filesystem;
using Expected = std::map<std::string, std::set<std::pair<std::string, std::string>>>;

const fs::path kFolder = fs::path(FIELDVOICE_SOURCE_DIR) / "tests/data/bad_definitions";

Expected read_expected() {
    Expected expected;
    std::ifstream in(kFolder / "expected.tsv");
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        auto tab1 = line.find('\t'), tab2 = line.rfind('\t');
        if (tab1 == std::string::npos || tab1 == tab2) {
            ADD_FAILURE() << "malformed line in expected.tsv: " << line;
            continue;
        }
        expected[line.substr(0, tab1)].insert(
            {line.substr(tab1 + 1, tab2 - tab1 - 1), line.substr(tab2 + 1)});
    }
    return expected;
}

TEST(BadDefinitionFiles, EachGivesExactlyItsListedProblems) {
    const Expected expected = read_expected();
    std::size_t files = 0;
    for (const auto& entry : fs::directory_iterator(kFolder)) {
        if (entry.path().extension() != ".json") continue;
        ++files;
        const std::string name = entry.path().filename().string();
        ASSERT_TRUE(expected.count(name)) << name << " has no lines in expected.tsv";
        ParseResult result = load_consultation_file(entry.path().string());
        EXPECT_FALSE(result.consultation.has_value()) << name;
        std::set<std::pair<std::string, std::string>> got;
        std::string lines;
        for (const auto& p : result.problems) {
            got.insert({p.where, p.rule});
            lines += "  " + p.to_line() + "\n";
        }
        EXPECT_EQ(got, expected.at(name)) << name << " gave:\n" << lines;
        EXPECT_EQ(result.problems.size(), got.size()) << name << " repeats a problem";
    }
    EXPECT_EQ(files, expected.size());
    EXPECT_GE(files, 7u);
}

}  // namespace
}  // namespace fv
