// Texts in people's own words, kept beside the responses and sessions they came from so that
// officers can search and tag them (the console's words page): free-text answers, the texts of
// "other" choices, and meeting notes. Not written by ingest: the console finds the texts of what
// was stored since it last looked, before it reads them (catch_up_own_words), so that batched
// ingest pays nothing for them. Sealed personal answers are never read.
#pragma once

#include <cstdint>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/model/consultation.hpp"
#include "core/model/response.hpp"
#include "core/store/sqlite.hpp"

namespace fv::central {

// A text in someone's own words found in a stored item: a free-text answer, the text of an
// "other" choice, or a meeting note.
struct OwnWordDraft {
    std::string kind;         // "answer", "other" or "note"
    std::string question_id;  // "" for a note
    std::string organisation;
    std::string said_at;  // submitted_at of the response, created_at of the note
    std::string text;
    // A note's themes as the meeting's facilitator tagged it, kept as tags of the text.
    std::vector<std::string> themes{};
};

// The texts of one stored response or session, with what they share: its consultation, mode
// ("meeting" for a session), language, session and whether its author allowed quoting.
struct OwnWordsOf {
    std::string consultation_id;
    int consultation_version = 0;
    std::string mode, language, session_id;
    bool quotable = false;
    std::vector<OwnWordDraft> words;
};

// Fills `item` from a checked response.
void collect_response_words(const Consultation& consultation, const Response& response,
                            OwnWordsOf& item);
// Fills `item` from a session as uploaded.
void collect_session_words(const nlohmann::json& session, OwnWordsOf& item);

// Writes the own words of newly stored items, with one prepared statement.
class OwnWordsWriter {
  public:
    explicit OwnWordsWriter(sqlite3* db);
    // `source_id` is the response's or session's id.
    void write(const std::string& device_id, const std::string& source_id, const OwnWordsOf& item);

  private:
    sqlite3* db_;
    sql::Statement insert_;
    sql::Statement tag_;
};

// Finds the texts of the responses and sessions stored since the last catch-up (own_words_read
// holds the last seq of each read) and writes them, in the caller's transaction: at most `limit`
// responses and `limit` sessions (-1: all), true when nothing is left. The console calls it before
// it reads the texts, and in the background when uploads go quiet, so that ingest pays nothing.
bool catch_up_own_words(sqlite3* db, std::int64_t limit = -1);
// True when responses or sessions were stored since the last catch-up.
bool own_words_behind(sqlite3* db);

// True when texts were written since the full-text index was last brought up to date.
bool own_words_index_behind(sqlite3* db);
// Adds the texts written since to the full-text index, inside the caller's write transaction
// (BEGIN IMMEDIATE, so that no text is written between reading and recording how far it went).
void index_own_words(sqlite3* db);

}  // namespace fv::central
