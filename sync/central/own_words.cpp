// Finding and writing texts in people's own words (own_words.hpp).
#include "sync/central/own_words.hpp"

#include <map>
#include <memory>

namespace fv::central {

using nlohmann::json;

namespace {

bool has_text(const std::string& text) {
    return text.find_first_not_of(" \t\r\n") != std::string::npos;
}

std::string string_field(const json& object, const char* name) {
    if (!object.is_object()) return {};
    auto it = object.find(name);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void add_other(const json& value, const std::string& question_id, const std::string& organisation,
               const std::string& said_at, OwnWordsOf& item) {
    if (!value.is_string()) return;
    const auto& s = value.get_ref<const std::string&>();
    if (s.rfind("other:", 0) != 0) return;
    std::string text = s.substr(6);
    if (has_text(text)) item.words.push_back({"other", question_id, organisation, said_at, text});
}

}  // namespace

void collect_response_words(const Consultation& consultation, const Response& response,
                            OwnWordsOf& item) {
    item.language = response.language;
    item.session_id = response.session_id.value_or("");
    item.quotable = response.consent.quote_publicly;
    if (!response.answers.is_object()) return;
    const std::string organisation = string_field(response.participant, "organisation");
    for (const auto& [question_id, value] : response.answers.items()) {
        const Question* q = consultation.find(question_id);
        if (!q || q->personal) continue;  // personal answers are sealed, never here
        switch (q->type) {
            case QuestionType::Text:
                if (value.is_string() && has_text(value.get_ref<const std::string&>())) {
                    item.words.push_back({"answer", question_id, organisation,
                                          response.submitted_at, value.get<std::string>()});
                }
                break;
            case QuestionType::SingleChoice:
                add_other(value, question_id, organisation, response.submitted_at, item);
                break;
            case QuestionType::MultiChoice:
                if (value.is_array()) {
                    for (const auto& v : value) {
                        add_other(v, question_id, organisation, response.submitted_at, item);
                    }
                }
                break;
            default:
                break;
        }
    }
}

void collect_session_words(const json& session, OwnWordsOf& item) {
    item.consultation_id = string_field(session, "consultation_id");
    auto version = session.find("consultation_version");
    item.consultation_version =
        version != session.end() && version->is_number_integer() ? version->get<int>() : 0;
    item.mode = "meeting";
    item.session_id = string_field(session, "id");
    // PROTOCOL.md records no consent to quote for what is said at a meeting.
    item.quotable = false;
    auto notes = session.find("notes");
    if (notes == session.end() || !notes->is_array()) return;
    for (const auto& note : *notes) {
        // A note is an object with its text; an older device may send the text alone.
        std::string text = note.is_string() ? note.get<std::string>() : string_field(note, "text");
        if (!has_text(text)) continue;
        std::string organisation;
        if (note.is_object()) {
            auto said_by = note.find("said_by");
            if (said_by != note.end()) organisation = string_field(*said_by, "organisation");
        }
        std::string said_at = string_field(note, "created_at");
        if (said_at.empty()) said_at = string_field(session, "started_at");
        std::vector<std::string> themes;
        if (note.is_object()) {
            auto given = note.find("themes");
            if (given != note.end() && given->is_array()) {
                for (const auto& t : *given) {
                    if (t.is_string() && has_text(t.get_ref<const std::string&>())) {
                        themes.push_back(t.get<std::string>());
                    }
                }
            }
        }
        item.words.push_back(
            {"note", "", organisation, said_at, std::move(text), std::move(themes)});
    }
}

OwnWordsWriter::OwnWordsWriter(sqlite3* db)
    : db_(db),
      insert_(db,
              "INSERT INTO own_words(kind, source_id, device_id, mode, consultation_id, "
              "consultation_version, question_id, session_id, organisation, language, said_at, "
              "quotable, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              "store a text in someone's own words"),
      tag_(db,
           "INSERT INTO own_word_tags(word_id, theme, tagged_by, tagged_at) VALUES (?, ?, "
           "'at the meeting', ?) ON CONFLICT DO NOTHING",
           "keep the theme a meeting gave a note") {}

void OwnWordsWriter::write(const std::string& device_id, const std::string& source_id,
                           const OwnWordsOf& item) {
    sql::Statement& insert = insert_;
    for (const auto& w : item.words) {
        insert.reset();
        insert.bind(1, w.kind)
            .bind(2, source_id)
            .bind(3, device_id)
            .bind(4, item.mode)
            .bind(5, item.consultation_id)
            .bind(6, item.consultation_version)
            .bind(7, w.question_id)
            .bind(8, item.session_id)
            .bind(9, w.organisation)
            .bind(10, item.language)
            .bind(11, w.said_at)
            .bind(12, item.quotable ? 1 : 0)
            .bind(13, w.text);
        insert.run();
        if (w.themes.empty()) continue;
        const std::int64_t word_id = sqlite3_last_insert_rowid(db_);
        for (const auto& theme : w.themes) {
            tag_.reset();
            tag_.bind(1, word_id).bind(2, theme).bind(3, w.said_at).run();
        }
    }
}

bool catch_up_own_words(sqlite3* db, std::int64_t limit) {
    std::int64_t responses_read = 0, sessions_read = 0;
    std::int64_t responses_upto = 0, sessions_upto = 0;
    {
        sql::Statement read(db, "SELECT responses_upto, sessions_upto FROM own_words_read",
                            "read how far the texts were found");
        if (read.step()) {
            responses_upto = read.int64(0);
            sessions_upto = read.int64(1);
        }
    }
    std::map<std::pair<std::string, int>, std::unique_ptr<Consultation>> definitions;
    {
        sql::Statement query(db, "SELECT id, version, definition FROM consultations",
                             "read the consultations");
        while (query.step()) {
            auto parsed = parse_consultation(std::string_view(query.text(2)));
            if (parsed.consultation) {
                definitions[{query.text(0), static_cast<int>(query.int64(1))}] =
                    std::make_unique<Consultation>(std::move(*parsed.consultation));
            }
        }
    }
    OwnWordsWriter writer(db);
    {
        sql::Statement query(db,
                             "SELECT seq, id, device_id, body FROM responses WHERE seq > ? "
                             "ORDER BY seq LIMIT ?",
                             "read the responses stored since");
        query.bind(1, responses_upto).bind(2, limit);
        while (query.step()) {
            responses_upto = query.int64(0);
            ++responses_read;
            const json body = json::parse(query.text(3), nullptr, false);
            if (!body.is_object()) continue;
            Response response;
            try {
                response = Response::from_json(body);
            } catch (const json::exception&) {
                continue;  // stored before it was checked as today; nothing to find
            }
            auto c = definitions.find({response.consultation_id, response.consultation_version});
            if (c == definitions.end()) continue;
            OwnWordsOf item;
            item.consultation_id = response.consultation_id;
            item.consultation_version = response.consultation_version;
            item.mode = std::string(to_string(response.mode));
            collect_response_words(*c->second, response, item);
            if (!item.words.empty()) writer.write(query.text(2), query.text(1), item);
        }
    }
    {
        sql::Statement query(db,
                             "SELECT seq, id, device_id, body FROM sessions WHERE seq > ? "
                             "ORDER BY seq LIMIT ?",
                             "read the meeting sessions stored since");
        query.bind(1, sessions_upto).bind(2, limit);
        while (query.step()) {
            sessions_upto = query.int64(0);
            ++sessions_read;
            const json body = json::parse(query.text(3), nullptr, false);
            if (!body.is_object()) continue;
            OwnWordsOf item;
            collect_session_words(body, item);
            if (!item.words.empty()) writer.write(query.text(2), query.text(1), item);
        }
    }
    sql::Statement update(db, "UPDATE own_words_read SET responses_upto = ?, sessions_upto = ?",
                          "record how far the texts were found");
    update.bind(1, responses_upto).bind(2, sessions_upto);
    update.run();
    return limit < 0 || (responses_read < limit && sessions_read < limit);
}

bool own_words_behind(sqlite3* db) {
    sql::Statement query(db,
                         "SELECT (SELECT coalesce(max(seq), 0) FROM responses) > responses_upto "
                         "OR (SELECT coalesce(max(seq), 0) FROM sessions) > sessions_upto "
                         "FROM own_words_read",
                         "check whether texts are left to find");
    return query.step() && query.int64(0) != 0;
}

bool own_words_index_behind(sqlite3* db) {
    sql::Statement query(db,
                         "SELECT (SELECT upto FROM own_words_indexed) < "
                         "(SELECT coalesce(max(id), 0) FROM own_words)",
                         "check the full-text index");
    query.step();
    return query.int64(0) != 0;
}

void index_own_words(sqlite3* db) {
    sql::exec(db,
              "INSERT INTO own_words_fts(rowid, text) SELECT id, text FROM own_words "
              "WHERE id > (SELECT upto FROM own_words_indexed) ORDER BY id; "
              "UPDATE own_words_indexed SET upto = (SELECT coalesce(max(id), 0) FROM own_words);",
              "bring the full-text index of the texts up to date");
}

}  // namespace fv::central
