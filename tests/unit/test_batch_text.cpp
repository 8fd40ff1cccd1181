// The split of a batch body into member and item texts: whenever it succeeds, putting the parsed
// parts together must give exactly what parsing the whole body gives; whatever it cannot take
// plainly it declines, so that the whole body is parsed and its error reported as before.
#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <random>

#include "sync/protocol/batch_text.hpp"

namespace fv::protocol {
namespace {

using nlohmann::json;

// What the store builds from a split: each part parsed on its own.
json assemble(const BatchText& split, const char* list_name) {
    json out = json::object();
    for (const auto& [key, value] : split.members) out[std::string(key)] = json::parse(value);
    if (split.has_list) {
        json items = json::array();
        for (const auto item : split.items) items.push_back(json::parse(item));
        out[list_name] = std::move(items);
    }
    return out;
}

TEST(BatchText, SplitsMembersAndItemsOfAPlainBody) {
    const std::string body = R"( {"device_id" : "d-1", "responses": [ {"id":"a","n":[1,{"x":"]}"}]},
        "a \"quoted\" \\ string, with ] and }", 12.5e3, null, true, [[]], {} ] ,
        "sent_at":"2026-12-02T00:00:00Z"}
    )";
    const auto split = split_batch_text(body, "responses");
    ASSERT_TRUE(split.has_value());
    ASSERT_EQ(split->members.size(), 2u);
    EXPECT_EQ(split->members[0].first, "device_id");
    EXPECT_EQ(split->members[0].second, "\"d-1\"");
    EXPECT_EQ(split->members[1].first, "sent_at");
    ASSERT_TRUE(split->has_list);
    ASSERT_EQ(split->items.size(), 7u);
    EXPECT_EQ(split->items[0], R"({"id":"a","n":[1,{"x":"]}"}]})");
    EXPECT_EQ(split->items[2], "12.5e3");
    EXPECT_EQ(split->items[6], "{}");
    EXPECT_EQ(assemble(*split, "responses"), json::parse(body));
}

TEST(BatchText, EmptyObjectsAndListsAndARepeatedList) {
    auto split = split_batch_text("{}", "responses");
    ASSERT_TRUE(split.has_value());
    EXPECT_FALSE(split->has_list);
    split = split_batch_text(R"({"responses":[]})", "responses");
    ASSERT_TRUE(split.has_value());
    EXPECT_TRUE(split->has_list);
    EXPECT_TRUE(split->items.empty());
    const std::string twice = R"({"responses":[1,2],"device_id":"x","responses":[3]})";
    split = split_batch_text(twice, "responses");
    ASSERT_TRUE(split.has_value());
    EXPECT_EQ(assemble(*split, "responses"), json::parse(twice));  // the later one wins
}

TEST(BatchText, DeclinesWhatItCannotTakePlainly) {
    for (const char* body : {
             "",                                      // nothing
             "[1,2]",                                 // not an object
             "\xEF\xBB\xBF{\"responses\":[]}",        // a byte-order mark
             R"({"responses":[1,2]} trailing)",       // something after it
             R"({"responses":[1,2]}})",               // one close too many
             R"({"responses":5})",                    // the list is not an array
             R"({"respon\u0073es":[]})",              // an escaped key
             R"({"Device_Id":"x","responses":[]})",   // a key outside [a-z0-9_]
             R"({"responses":[1 2]})",                // items without a comma
             R"({"responses":[1,]})",                 // a comma with no item
             R"({"responses":[{"a":"open string]})",  // a string that never ends
             "{\"responses\":[\"a\nb\"]}",            // a raw control character
             R"({"device_id" "x"})",                  // no colon
             R"({"responses":[1],})",                 // a trailing comma
             R"({"responses":[)",                     // cut short
         }) {
        EXPECT_FALSE(split_batch_text(body, "responses").has_value()) << body;
    }
}

// Items the scanner takes but the parser refuses: the store then parses the whole body, so the
// split must never be trusted without parsing each part.
TEST(BatchText, PartsThatAreNotJsonStillFailToParse) {
    for (const char* body : {R"({"responses":[{"a":[1}]]})", R"({"responses":[tru]})",
                             R"({"responses":[{"a" 1}]})", R"({"device_id":01,"responses":[]})"}) {
        const auto split = split_batch_text(body, "responses");
        ASSERT_TRUE(split.has_value()) << body;
        EXPECT_THROW(assemble(*split, "responses"), json::parse_error) << body;
        json whole;
        EXPECT_THROW(whole = json::parse(body), json::parse_error) << body;
    }
}

// Random bodies built from random JSON values: whenever the split succeeds, the assembled parts
// equal the whole parse; bodies cut at a random byte never assemble into something the whole
// parse would refuse.
TEST(BatchText, AgreesWithTheParserOnRandomBodies) {
    std::mt19937 rng(20261202);
    auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
    std::function<json(int)> value = [&](int depth) -> json {
        switch (depth > 3 ? pick(4) : pick(6)) {
            case 0:
                return pick(1000) - 500;
            case 1:
                return std::string("s\"t]},\\ \u00f3 ") + std::to_string(pick(99));
            case 2:
                return pick(2) == 0;
            case 3:
                return nullptr;
            case 4: {
                json a = json::array();
                for (int i = pick(4); i > 0; --i) a.push_back(value(depth + 1));
                return a;
            }
            default: {
                json o = json::object();
                for (int i = pick(4); i > 0; --i)
                    o["k" + std::to_string(pick(9))] = value(depth + 1);
                return o;
            }
        }
    };
    int split_whole = 0;
    for (int round = 0; round < 400; ++round) {
        json body = {{"device_id", value(2)}, {"sent_at", "2026-12-02T00:00:00Z"}};
        json items = json::array();
        for (int i = pick(6); i > 0; --i) items.push_back(value(0));
        body["responses"] = items;
        const std::string text = body.dump(pick(2) == 0 ? -1 : 2);
        const auto split = split_batch_text(text, "responses");
        ASSERT_TRUE(split.has_value()) << text;
        EXPECT_EQ(assemble(*split, "responses"), body) << text;
        ++split_whole;
        const std::string cut =
            text.substr(0, static_cast<std::size_t>(pick(static_cast<int>(text.size()))));
        if (const auto part = split_batch_text(cut, "responses")) {
            json parsed;
            bool assembled = true;
            try {
                parsed = assemble(*part, "responses");
            } catch (const json::parse_error&) {
                assembled = false;
            }
            if (assembled) {
                EXPECT_EQ(parsed, json::parse(cut)) << cut;
            }
        }
    }
    EXPECT_EQ(split_whole, 400);
}

}  // namespace
}  // namespace fv::protocol
