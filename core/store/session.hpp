// A community meeting session as the local store keeps it: what was said (notes), show-of-hands
// tallies, ideas with their dots, and the upload form of PROTOCOL.md's POST /sessions.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace fv {

// Who said something at a meeting: a resident, or someone for a partner organisation.
struct Speaker {
    enum class Kind { Resident, Partner };
    Kind kind = Kind::Resident;
    std::string organisation;  // set for Partner

    static Speaker resident() { return {}; }
    static Speaker partner(std::string organisation) {
        return {Kind::Partner, std::move(organisation)};
    }
    bool operator==(const Speaker&) const = default;
};

// What an officer types to start a session.
struct SessionDraft {
    std::string title, place, division, facilitator;
    std::string consultation_id;
    int consultation_version = 0;
};

enum class SessionSyncState : int { Queued = 0, Synced = 1, Quarantined = 2 };

struct MeetingSession {
    std::string id;  // UUID v4
    std::string title, place, division, facilitator;
    std::string consultation_id;
    int consultation_version = 0;
    std::string started_at;               // RFC 3339 UTC
    std::optional<std::string> ended_at;  // set once ended; the session is frozen from then on
    SessionSyncState state = SessionSyncState::Queued;
    std::string quarantine_code, quarantine_message;

    bool ended() const { return ended_at.has_value(); }
};

struct NoteDraft {
    std::string text;
    std::vector<std::string> themes;
    Speaker speaker;
};

struct SessionNote {
    std::string id, session_id, text;
    std::vector<std::string> themes;
    Speaker speaker;
    std::string created_at;
    std::optional<std::string> edited_at;
};

// A show-of-hands count for one option of one question ("option" is the answer value as it
// would appear in a response: an option id, or a smiley or scale number as text).
struct TallyCount {
    std::string question_id, option;
    int count = 0;
};

struct Idea {
    std::string id, session_id, text, created_at;
    int dots = 0;  // dots placed on it so far
};

// Everything about one session: for the summary, the export and the upload.
struct SessionRecord {
    MeetingSession session;
    std::vector<SessionNote> notes;   // in the order written
    std::vector<TallyCount> tallies;  // by question, then option
    std::vector<Idea> ideas;          // in the order gathered
    int dot_voters = 0;               // people who placed at least one dot
    std::int64_t responses = 0;       // responses that name the session (pass-round answers)

    // PROTOCOL.md's session object: id, title, place, division, facilitator, started_at,
    // ended_at, consultation_id, consultation_version, notes, tallies, ideas.
    nlohmann::json to_json() const;
};

// Ideas ranked by dots, most first; ties keep the order gathered.
std::vector<Idea> ranked(std::vector<Idea> ideas);

std::string_view speaker_kind_name(Speaker::Kind kind);  // "resident" | "partner"

}  // namespace fv
