// Texts in people's own words, kept beside the responses and sessions they came from so that
// officers can search and tag them (the console's words page): free-text answers, the texts of
// "other" choices, and meeting notes. Found when an item is prepared (outside the database
// lock), written in the transaction that stores the item, and back-filled by the schema's
// migration from what is already stored. Sealed personal answers are never read.
#pragma once

#include <nlohmann/json.hpp>

#include "core/model/consultation.hpp"
#include "core/model/response.hpp"
#include "core/store/sqlite.hpp"
#include "sync/central/central_db.hpp"

namespace fv::central {

// Fills item.own_words (and its language, session, quotable) from a checked response.
void collect_response_words(const Consultation& consultation, const Response& response,
                            PreparedItem& item);
// Fills item.own_words (and its consultation, "meeting" mode) from a session as uploaded.
void collect_session_words(const nlohmann::json& session, PreparedItem& item);

// Writes the own words of newly stored items, with one prepared statement.
class OwnWordsWriter {
  public:
    explicit OwnWordsWriter(sqlite3* db);
    // `source_id` is the response's or session's id.
    void write(const std::string& device_id, const std::string& source_id,
               const PreparedItem& item);

  private:
    sqlite3* db_;
    sql::Statement insert_;
    sql::Statement tag_;
};

// Finds the texts of the responses and sessions stored since the last catch-up (own_words_read
// holds the last seq of each read) and writes them, in the caller's transaction. The console
// calls it before it reads the texts, so that ingest pays nothing for them.
void catch_up_own_words(sqlite3* db);
// True when responses or sessions were stored since the last catch-up.
bool own_words_behind(sqlite3* db);

// True when texts were written since the full-text index was last brought up to date.
bool own_words_index_behind(sqlite3* db);
// Adds the texts written since to the full-text index, inside the caller's write transaction
// (BEGIN IMMEDIATE, so that no text is written between reading and recording how far it went).
void index_own_words(sqlite3* db);

}  // namespace fv::central
