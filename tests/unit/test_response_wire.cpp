// The store's one-pass reading of a response and its canonical text: whatever the one pass takes
// must equal the general way (json::parse + Response::from_json), the canonical text must be
// to_json().dump() byte for byte (the content hash that tells a resend from a conflict rests on
// it), and anything unusual is left to the general way.
#include <gtest/gtest.h>

#include <random>

#include "core/model/response_wire.hpp"
#include "core/util/ids.hpp"

namespace fv {
namespace {

using nlohmann::json;

const char* kWire = R"({
  "id": "3f0c6a52-5d1e-4b7a-9c2f-0d8e1a2b3c4d", "consultation_id": "libraries-2027",
  "consultation_version": 2, "mode": "kiosk", "language": "en",
  "started_at": "2026-11-23T14:01:02.000Z", "submitted_at": "2026-11-23T14:05:09.120Z",
  "answers": {"rating": 4, "used": ["books", "wifi"], "why": "More evening hours"},
  "session_id": null, "participant": null,
  "consent": {"privacy_notice": true, "quote_publicly": false, "contact_me": false},
  "flags": [], "sealed": null})";

bool is_plain(const std::string& text) {
    for (const char c : text) {
        if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') return false;
    }
    return true;
}

void expect_same(const Response& a, const Response& b) {
    EXPECT_EQ(a.to_json(), b.to_json());
    EXPECT_EQ(canonical_text(a), b.to_json().dump());
}

TEST(ResponseWire, ThePlainFormReadsAsTheGeneralWayReadsIt) {
    const auto fast = read_plain_wire_response(kWire);
    ASSERT_TRUE(fast.has_value());
    expect_same(*fast, Response::from_json(json::parse(kWire)));
}

TEST(ResponseWire, EveryKindOfValueAndKeysInAnyOrder) {
    const char* text = R"({
      "sealed": "c2VhbGVkIGJveCBieXRlcyBoZXJlIGFuZCBtb3JlIHRvIG1ha2UgNDggYnl0ZXM=",
      "flags": ["rapid_repeat", "late"],
      "consent": {"contact_me": true, "quote_publicly": true, "privacy_notice": true},
      "participant": {"organisation": "Witney \"Age\" Concern", "kind": "partner", "name": "Ann"},
      "session_id": "9a1d0000-0000-4000-8000-000000000001",
      "answers": {"why": "Za\u017c\u00f3\u0142\u0107 g\u0119\u015bl\u0105 \"ja\u017a\u0144\"\n\t\u0001",
                  "rank": ["b", "a"], "n": 12.5, "big": 18446744073709551615, "neg": -3,
                  "e": 1e300, "s": {"x": "agree", "x": "pass"}, "r": 0, "t": true, "z": null,
                  "nested": [[], {}, [1, [2, {"a": []}]]]},
      "submitted_at": "2026-11-23T14:05:09Z", "started_at": "2026-11-23T14:01:02.5Z",
      "language": "pl", "mode": "partner", "consultation_version": 7,
      "consultation_id": "libraries-2027", "id": "3f0c6a52-5d1e-4b7a-9c2f-0d8e1a2b3c4d"})";
    const auto fast = read_plain_wire_response(text);
    ASSERT_TRUE(fast.has_value());
    expect_same(*fast, Response::from_json(json::parse(text)));
    EXPECT_EQ(fast->answers["s"]["x"], "pass");  // a repeated key: the last one, as a parser does
}

TEST(ResponseWire, TheReceiptAndPulseAdditionsReadBothWaysAndAreAbsentWhenUnset) {
    json with = json::parse(kWire);
    with["reference"] = "K7QF3XPM";
    with["continues"] = "9a1d0000-0000-4000-8000-000000000001";
    with["mode"] = "pulse";
    const auto fast = read_plain_wire_response(with.dump());
    ASSERT_TRUE(fast.has_value());
    expect_same(*fast, Response::from_json(with));
    EXPECT_EQ(fast->reference, "K7QF3XPM");
    EXPECT_EQ(fast->continues, "9a1d0000-0000-4000-8000-000000000001");
    EXPECT_EQ(fast->mode, CaptureMode::Pulse);
    // Unset, they leave the text (and so the content hash of every older response) as it was.
    const auto plain = read_plain_wire_response(kWire);
    ASSERT_TRUE(plain.has_value());
    EXPECT_FALSE(plain->to_json().contains("reference"));
    EXPECT_FALSE(plain->to_json().contains("continues"));
    EXPECT_EQ(canonical_text(*plain), json::parse(kWire).dump());
    // Null reads as absent, both ways.
    json nulls = json::parse(kWire);
    nulls["reference"] = nullptr;
    const auto fast_null = read_plain_wire_response(nulls.dump());
    ASSERT_TRUE(fast_null.has_value());
    expect_same(*fast_null, Response::from_json(nulls));
    EXPECT_FALSE(fast_null->reference.has_value());
    // One of the thirteen missing is still left to the general way, even with an addition.
    json short_one = with;
    short_one.erase("sealed");
    EXPECT_FALSE(read_plain_wire_response(short_one.dump()).has_value());
}

TEST(ResponseWire, AnythingUnusualIsLeftToTheGeneralWay) {
    const json good = json::parse(kWire);
    auto with = [&](const char* field, json value) {
        json changed = good;
        changed[field] = std::move(value);
        return changed.dump();
    };
    json extra = good;
    extra["note"] = "from a newer device";
    json fewer = good;
    fewer.erase("flags");
    json consent_extra = good;
    consent_extra["consent"]["research"] = true;
    json consent_fewer = good;
    consent_fewer["consent"].erase("contact_me");
    std::string escaped = good.dump();  // a plain value written with an escape
    escaped.replace(escaped.find("\"kiosk\""), 7, "\"kios\\u006b\"");
    std::string leading_zero = good.dump();
    leading_zero.replace(leading_zero.find(":2,"), 3, ":02,");
    std::string repeated = good.dump();
    repeated.insert(1, R"("mode":"kiosk",)");
    for (const std::string& text :
         {escaped,
          leading_zero,
          extra.dump(),
          fewer.dump(),
          consent_extra.dump(),
          consent_fewer.dump(),
          repeated,
          with("id", "3F0C6A52-5D1E-4B7A-9C2F-0D8E1A2B3C4D"),
          with("id", 5),
          with("mode", "robot"),
          with("started_at", "yesterday"),
          with("submitted_at", nullptr),
          with("consultation_version", "2"),
          with("consultation_version", 2.0),
          with("consultation_version", 4294967298LL),
          with("answers", json::array()),
          with("answers", nullptr),
          with("participant", "resident"),
          with("participant", {{"kind", "robot"}}),
          with("participant", {{"name", "x"}}),
          with("consent",
               {{"privacy_notice", 1}, {"quote_publicly", false}, {"contact_me", false}}),
          with("flags", "rapid_repeat"),
          with("flags", {1}),
          with("flags", {json::array()}),
          with("sealed", 5),
          with("session_id", json::object()),
          with("language", true),
          with("language", "p\u00f3l"),
          with("flags", {"a\tb"}),
          with("sealed", "x\"y"),
          std::string("[1]"),
          std::string("5"),
          good.dump() + " x",
          good.dump().substr(0, 60),
          std::string("")}) {
        EXPECT_FALSE(read_plain_wire_response(text).has_value()) << text;
    }
}

// Many responses with random contents, strings of every kind among them: each the one pass
// takes equals the general way, and every canonical text equals to_json().dump().
TEST(ResponseWire, AgreesWithTheGeneralWayOnRandomResponses) {
    std::mt19937 rng(1202);
    auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
    const std::vector<std::string> texts = {
        "plain",    "with \"quotes\" and \\ slash",   "tab\there", "\u00f3\u0142 \u20ac \U0001F600",
        "\x7f del", std::string("nul \0 inside", 12), "/ solidus", ""};
    auto text = [&] {
        return texts[static_cast<std::size_t>(pick(static_cast<int>(texts.size())))];
    };
    int taken = 0;
    for (int round = 0; round < 500; ++round) {
        Response r;
        r.id = new_uuid();
        r.consultation_id = "c-" + std::to_string(pick(100));
        r.consultation_version = pick(3) == 0 ? -pick(100) : pick(1 << 30);
        r.mode = static_cast<CaptureMode>(pick(4));
        r.language = text();
        r.started_at = "2026-11-23T14:01:02.000Z";
        r.submitted_at = format_rfc3339(std::chrono::system_clock::now());
        for (int k = pick(6); k > 0; --k) {
            const std::string key = pick(2) ? text() : "q" + std::to_string(pick(9));
            switch (pick(5)) {
                case 0:
                    r.answers[key] = pick(1000) - 500;
                    break;
                case 1:
                    r.answers[key] = text();
                    break;
                case 2:
                    r.answers[key] = json::array({text(), pick(9)});
                    break;
                case 3:
                    r.answers[key] = pick(1000) / 7.0;
                    break;
                default:
                    r.answers[key] = {{text(), "agree"}};
            }
        }
        if (pick(2)) r.session_id = new_uuid();
        if (pick(2))
            r.participant = {{"kind", pick(2) ? "partner" : "resident"}, {"organisation", text()}};
        r.consent = {pick(2) == 0, pick(2) == 0, pick(2) == 0};
        for (int k = pick(3); k > 0; --k) r.flags.push_back(text());
        if (pick(2)) r.sealed = text();
        const std::string wire = r.to_json().dump(pick(2) ? -1 : 2);
        EXPECT_EQ(canonical_text(r), r.to_json().dump()) << wire;
        const auto fast = read_plain_wire_response(wire);
        if (fast) {
            ++taken;
            expect_same(*fast, Response::from_json(json::parse(wire)));
        }
        // Fixed fields of printable ASCII without escapes (as devices send) are always taken.
        bool plain = is_plain(r.language) && (!r.sealed || is_plain(*r.sealed));
        for (const auto& flag : r.flags) plain = plain && is_plain(flag);
        EXPECT_EQ(fast.has_value(), plain) << wire;
    }
    EXPECT_GT(taken, 50);
}

}  // namespace
}  // namespace fv
