// parse_consultation must never crash or throw, whatever it is given: bad JSON names line and
// column, and truncated, mangled, deeply nested or mistyped definitions are refused cleanly.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>

#include "core/model/consultation.hpp"

namespace fv {
namespace {

using nlohmann::json;

std::string read_sample(const std::string& name) {
    std::ifstream in(std::string(FIELDVOICE_ASSETS_DIR) + "/consultations/" + name,
                     std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// "line L, column C" with L, C >= 1. (No std::regex: GCC 12 warns inside it under -O1 + ASan.)
bool names_line_and_column(const Problem& p) {
    unsigned line = 0, column = 0;
    char tail = 0;
    return std::sscanf(p.where.c_str(), "line %u, column %u%c", &line, &column, &tail) == 2 &&
           line >= 1 && column >= 1 && p.where.rfind("line ", 0) == 0;
}

struct BadJson {
    std::string text;
    std::string where;
    std::string phrase;
};

TEST(BadJson, NamesLineAndColumn) {
    const std::vector<BadJson> cases = {
        {"", "line 1, column 1", "empty"},
        {"   \n  ", "line 2, column 3", "not valid JSON"},
        {"{\n  \"id\": \"x\",\n  \"version\": 1,,\n}", "line 3, column 16", "unexpected ','"},
        {"{\"id\": \"x\"", "line 1, column 11", "end of input"},
        {"{\"id\": \"x\" \"version\": 1}", "line 1, column 20", "expected '}'"},
        {"{\"title\": {\"en\": \"\xC5\x81\xC3\xB3\x64\xC5\xBA\"}, \"version\": 1e999}",
         "line 1, column 42", "number overflow"},
        {"{\"id\": \"a\xFF\"}", "line 1, column 10", "UTF-8"},
        {"{\"id\": 'single'}", "line 1, column 8", "not valid JSON"},
        {"{\"id\": \"x\"} trailing", "line 1, column 15", "not valid JSON"},
        {"// comment\n{}", "line 1, column 1", "not valid JSON"},
    };
    for (const auto& c : cases) {
        ParseResult result = parse_consultation(std::string_view(c.text));
        ASSERT_EQ(result.problems.size(), 1u) << c.text;
        EXPECT_EQ(result.problems[0].rule, "invalid_json") << c.text;
        EXPECT_EQ(result.problems[0].where, c.where) << c.text;
        EXPECT_NE(result.problems[0].message.find(c.phrase), std::string::npos)
            << result.problems[0].message;
        // The message must be serialisable, even when it quotes invalid UTF-8 input.
        EXPECT_NO_THROW((void)json(result.problems[0].message).dump());
    }
}

TEST(Robustness, EveryTruncationOfASampleIsRefusedWithLineAndColumn) {
    for (const char* name : {"libraries-2027.json", "adult-day-services-2027.json"}) {
        const std::string text = read_sample(name);
        ASSERT_GT(text.size(), 1000u) << name;
        // Cutting at any byte before the closing brace leaves incomplete JSON.
        const std::size_t last = text.find_last_of('}');
        for (std::size_t cut = 0; cut < last; ++cut) {
            ParseResult result = parse_consultation(std::string_view(text.data(), cut));
            ASSERT_EQ(result.problems.size(), 1u) << name << " cut at " << cut;
            ASSERT_EQ(result.problems[0].rule, "invalid_json") << name << " cut at " << cut;
            ASSERT_TRUE(names_line_and_column(result.problems[0]))
                << name << " cut at " << cut << ": " << result.problems[0].where;
            ASSERT_FALSE(result.consultation.has_value());
        }
        EXPECT_TRUE(parse_consultation(text).ok()) << name;
    }
}

TEST(Robustness, RandomByteDamageNeverCrashes) {
    const std::string text = read_sample("libraries-2027.json");
    std::mt19937 rng(20271123);  // fixed: a failure must reproduce
    std::uniform_int_distribution<std::size_t> where(0, text.size() - 1);
    std::uniform_int_distribution<int> byte(0, 255);
    for (int round = 0; round < 3000; ++round) {
        std::string damaged = text;
        for (int hits = 1 + round % 4; hits > 0; --hits) {
            damaged[where(rng)] = static_cast<char>(byte(rng));
        }
        ParseResult result;
        ASSERT_NO_THROW(result = parse_consultation(damaged)) << "round " << round;
        EXPECT_EQ(result.ok(), result.consultation.has_value());
        for (const auto& p : result.problems) {
            ASSERT_FALSE(p.where.empty());
            ASSERT_FALSE(p.rule.empty());
            ASSERT_NO_THROW((void)json(p.to_line()).dump());
        }
    }
}

TEST(Robustness, DeepNestingIsRefusedWithoutCrashing) {
    const std::size_t depth = 200000;  // linear cost: a quadratic parse would take minutes
    std::string arrays = std::string(depth, '[') + std::string(depth, ']');
    ParseResult top = parse_consultation(arrays);
    ASSERT_EQ(top.problems.size(), 1u);
    EXPECT_EQ(top.problems[0].where, "definition");
    EXPECT_EQ(top.problems[0].rule, "wrong_type");

    std::string inside = "{\"id\": \"deep\", \"intro\": " + std::string(depth, '[');
    ParseResult truncated = parse_consultation(inside);
    ASSERT_EQ(truncated.problems.size(), 1u);
    EXPECT_EQ(truncated.problems[0].rule, "invalid_json");

    std::string nested_value = "{\"id\": \"deep\", \"title\": {\"en\": " + std::string(depth, '[') +
                               std::string(depth, ']') + "}}";
    ParseResult deep_value = parse_consultation(nested_value);
    EXPECT_FALSE(deep_value.ok());
    bool found = false;
    for (const auto& p : deep_value.problems) found |= p.where == "title.en";
    EXPECT_TRUE(found);
}

TEST(Robustness, HugeNumbersEverywhereAreRefused) {
    json d = json::parse(read_sample("libraries-2027.json"));
    d["version"] = 1e300;
    d["retention_days"] = 18446744073709551615ULL;
    d["questions"][9]["max"] = -9223372036854775807LL - 1;  // the 0..10 scale
    ParseResult result = parse_consultation(d);
    std::set<std::string> where;
    for (const auto& p : result.problems) where.insert(p.where);
    EXPECT_TRUE(where.count("version"));
    EXPECT_TRUE(where.count("retention_days"));
    EXPECT_TRUE(where.count("recommend.min"));
}

// Replacing any single value of a sample with a value of the wrong kind must be refused with a
// problem, never accepted, never a crash.
TEST(Robustness, WrongTypeAtEveryPlaceIsRefused) {
    for (const char* name : {"libraries-2027.json", "adult-day-services-2027.json"}) {
        const json sample = json::parse(read_sample(name));
        const json flat = sample.flatten();
        std::size_t places = 0;
        for (const auto& [pointer, value] : flat.items()) {
            for (const json& wrong : {json(nullptr), json::array(), json::object()}) {
                json damaged = sample;
                damaged[json::json_pointer(pointer)] = wrong;
                ParseResult result;
                ASSERT_NO_THROW(result = parse_consultation(damaged));
                EXPECT_FALSE(result.ok()) << name << " " << pointer << " = " << wrong.dump();
            }
            ++places;
        }
        EXPECT_GT(places, 100u);
    }
}

TEST(Robustness, NonObjectDefinitionsAreRefused) {
    for (const char* text : {"null", "42", "\"consultation\"", "[]", "true", "{}"}) {
        ParseResult result = parse_consultation(text);
        EXPECT_FALSE(result.ok()) << text;
        EXPECT_FALSE(result.consultation.has_value());
    }
    ParseResult empty_object = parse_consultation("{}");
    EXPECT_GE(empty_object.problems.size(), 5u);  // id, version, title, languages, ...
}

}  // namespace
}  // namespace fv
