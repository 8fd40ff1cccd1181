// Response in PROTOCOL.md's wire form: field names, nulls when absent, and the round trip.
#include <gtest/gtest.h>

#include <set>

#include "core/model/response.hpp"

namespace fv {
namespace {

using nlohmann::json;

// The example of PROTOCOL.md's POST /api/v1/responses, one response.
const char* kProtocolExample = R"({
  "id": "3f0c6a52-5d1e-4b7a-9c2f-0d8e1a2b3c4d",
  "consultation_id": "libraries-2027",
  "consultation_version": 2,
  "mode": "kiosk",
  "language": "en",
  "started_at": "2026-11-23T14:01:02.000Z",
  "submitted_at": "2026-11-23T14:05:09.120Z",
  "answers": {"rating": 4, "used": ["books", "wifi"], "why": "More evening hours"},
  "session_id": null,
  "participant": null,
  "consent": {"privacy_notice": true, "quote_publicly": false, "contact_me": false},
  "flags": [],
  "sealed": null
})";

TEST(CaptureMode, NamesRoundTrip) {
    for (auto mode :
         {CaptureMode::Kiosk, CaptureMode::Assisted, CaptureMode::Meeting, CaptureMode::Partner}) {
        EXPECT_EQ(capture_mode_from_string(to_string(mode)), mode);
    }
    EXPECT_EQ(to_string(CaptureMode::Meeting), "meeting");
    EXPECT_FALSE(capture_mode_from_string("Kiosk").has_value());
    EXPECT_FALSE(capture_mode_from_string("").has_value());
}

TEST(ResponseJson, ProtocolExampleRoundTripsExactly) {
    const json wire = json::parse(kProtocolExample);
    Response r = Response::from_json(wire);
    EXPECT_EQ(r.id, "3f0c6a52-5d1e-4b7a-9c2f-0d8e1a2b3c4d");
    EXPECT_EQ(r.consultation_version, 2);
    EXPECT_EQ(r.mode, CaptureMode::Kiosk);
    EXPECT_FALSE(r.session_id.has_value());
    EXPECT_TRUE(r.participant.is_null());
    EXPECT_TRUE(r.consent.privacy_notice);
    EXPECT_FALSE(r.sealed.has_value());
    EXPECT_EQ(r.to_json(), wire);  // same field names, same nulls, nothing more
}

TEST(ResponseJson, EveryFieldSurvivesTheRoundTrip) {
    Response r;
    r.id = "9a1d0000-0000-4000-8000-000000000001";
    r.consultation_id = "adult-day-services-2027";
    r.consultation_version = 1;
    r.mode = CaptureMode::Partner;
    r.language = "pl";
    r.started_at = "2026-11-23T10:00:00.000Z";
    r.submitted_at = "2026-11-23T10:04:00.500Z";
    r.answers = {{"role", "partner"}, {"views", {{"s1", "agree"}}}};
    r.session_id = "c77e0000-0000-4000-8000-000000000002";
    r.participant = {{"kind", "partner"}, {"organisation", "Age UK Oxfordshire"}};
    r.consent = {true, true, false};
    r.flags = {"rapid_repeat"};
    r.sealed = "c2VhbGVkIGJveA==";

    const json wire = r.to_json();
    const std::set<std::string> expected_fields = {
        "id",           "consultation_id", "consultation_version",
        "mode",         "language",        "started_at",
        "submitted_at", "answers",         "session_id",
        "participant",  "consent",         "flags",
        "sealed"};
    std::set<std::string> fields;
    for (const auto& [key, value] : wire.items()) fields.insert(key);
    EXPECT_EQ(fields, expected_fields);
    EXPECT_EQ(wire["mode"], "partner");
    EXPECT_EQ(wire["flags"], json({"rapid_repeat"}));
    EXPECT_EQ(wire["consent"],
              json({{"privacy_notice", true}, {"quote_publicly", true}, {"contact_me", false}}));

    Response back = Response::from_json(json::parse(wire.dump()));
    EXPECT_EQ(back.to_json(), wire);
    EXPECT_EQ(back.session_id, r.session_id);
    EXPECT_EQ(back.sealed, r.sealed);
    EXPECT_EQ(back.participant, r.participant);
    EXPECT_EQ(back.flags, r.flags);
}

TEST(ResponseJson, MissingOrMistypedFieldsThrowJsonException) {
    const json good = json::parse(kProtocolExample);
    for (const char* field :
         {"id", "consultation_id", "consultation_version", "mode", "language", "started_at",
          "submitted_at", "answers", "session_id", "participant", "consent", "flags", "sealed"}) {
        json missing = good;
        missing.erase(field);
        EXPECT_THROW(Response::from_json(missing), json::exception) << "without " << field;
    }
    auto with = [&](const char* field, json value) {
        json changed = good;
        changed[field] = std::move(value);
        return changed;
    };
    EXPECT_THROW(Response::from_json(with("mode", "robot")), json::exception);
    EXPECT_THROW(Response::from_json(with("consultation_version", "2")), json::exception);
    EXPECT_THROW(Response::from_json(with("consultation_version", 2.5)), json::exception);
    EXPECT_THROW(Response::from_json(with("answers", json::array())), json::exception);
    EXPECT_THROW(Response::from_json(with("flags", "rapid_repeat")), json::exception);
    EXPECT_THROW(Response::from_json(with("sealed", 5)), json::exception);
    EXPECT_THROW(Response::from_json(with("participant", "resident")), json::exception);
    EXPECT_THROW(Response::from_json(with("participant", {{"kind", "robot"}})), json::exception);
    EXPECT_THROW(Response::from_json(with("consent", {{"privacy_notice", true}})), json::exception);
    EXPECT_THROW(Response::from_json(json::array()), json::exception);
}

TEST(ResponseJson, AVersionPastAnIntIsRefusedNotWrappedRound) {
    json wire = json::parse(kProtocolExample);
    wire["consultation_version"] = 4294967298LL;  // 2^32 + 2 would wrap to version 2
    EXPECT_THROW(Response::from_json(wire), json::exception);
    wire["consultation_version"] = -4294967298LL;
    EXPECT_THROW(Response::from_json(wire), json::exception);
}

TEST(ResponseJson, TakingTheWireApartGivesTheSameResponse) {
    const json wire = json::parse(kProtocolExample);
    json taken = wire;
    const Response moved = Response::from_json(std::move(taken));
    EXPECT_EQ(moved.to_json(), Response::from_json(wire).to_json());
    EXPECT_EQ(moved.answers["used"], json::array({"books", "wifi"}));
}

}  // namespace
}  // namespace fv
