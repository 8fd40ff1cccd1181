// The console's queries of texts in people's own words and their theme tags (console_db.hpp).
#include <sqlite3.h>

#include <algorithm>
#include <map>

#include "core/store/sqlite.hpp"
#include "core/util/ids.hpp"
#include "sync/central/console_db.hpp"
#include "sync/central/own_words.hpp"

namespace fv::central {

namespace {

// The rows a WordFilter selects, as FROM and WHERE. Parameters: ?1 consultation, ?2 version,
// ?3 division, ?4 mode, ?5 language, ?6 from, ?7 to, ?8 kind, ?9 theme, and ?10 the FTS5 query
// when there is one (a MATCH is only written when there is something to match).
std::string selection(bool search) {
    std::string sql =
        " FROM own_words w "
        "LEFT JOIN devices d ON d.id = w.device_id "
        "WHERE w.consultation_id = ?1 "
        "AND (?2 = 0 OR w.consultation_version = ?2) "
        "AND (?3 = '' OR coalesce(d.division, '') = ?3) "
        "AND (?4 = '' OR w.mode = ?4) "
        "AND (?5 = '' OR w.language = ?5) "
        "AND (?6 = '' OR substr(w.said_at, 1, 10) >= ?6) "
        "AND (?7 = '' OR substr(w.said_at, 1, 10) <= ?7) "
        "AND (?8 = '' OR w.kind = ?8) "
        "AND (?9 = '' OR EXISTS (SELECT 1 FROM own_word_tags t "
        "WHERE t.word_id = w.id AND t.theme = ?9)) ";
    if (search) {
        sql += "AND w.id IN (SELECT rowid FROM own_words_fts WHERE own_words_fts MATCH ?10) ";
    }
    return sql;
}

void bind_filter(sql::Statement& s, const std::string& consultation_id, const WordFilter& f,
                 const std::string& theme) {
    s.bind(1, consultation_id)
        .bind(2, f.responses.version)
        .bind(3, f.responses.division)
        .bind(4, f.responses.mode)
        .bind(5, f.responses.language)
        .bind(6, f.responses.from)
        .bind(7, f.responses.to)
        .bind(8, f.kind)
        .bind(9, theme);
    if (!f.match.empty()) s.bind(10, f.match);
}

}  // namespace

std::string words_match_query(const std::string& typed) {
    std::string out, word;
    auto flush = [&] {
        if (word.empty()) return;
        std::string quoted = "\"";
        for (char c : word) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
        out += (out.empty() ? "" : " ") + quoted + "\"";
        word.clear();
    };
    for (char c : typed) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            flush();
        } else if (c != '\0') {
            word += c;
        }
    }
    flush();
    return out;
}

bool ConsoleDb::find_own_words(std::int64_t limit) {
    std::lock_guard lock(mutex_);
    if (!own_words_behind(db_)) return true;
    sql::Transaction tx(db_, "find the texts stored since the console last looked");
    const bool done = catch_up_own_words(db_, limit);
    tx.commit();
    return done;
}

void ConsoleDb::catch_up_words() {
    if (!own_words_behind(db_)) return;
    sql::Transaction tx(db_, "find the texts stored since the console last looked");
    catch_up_own_words(db_);
    tx.commit();
}

WordPage ConsoleDb::own_words(const std::string& consultation_id, const WordFilter& filter,
                              std::int64_t offset, int limit) {
    std::lock_guard lock(mutex_);
    catch_up_words();
    const bool search = !filter.match.empty();
    if (search && own_words_index_behind(db_)) {
        sql::Transaction tx(db_, "bring the full-text index of the texts up to date");
        index_own_words(db_);
        tx.commit();
    }
    WordPage page;
    {
        sql::Statement count(db_, "SELECT count(*)" + selection(search), "count the texts");
        bind_filter(count, consultation_id, filter, filter.theme);
        count.step();
        page.total = count.int64(0);
    }
    {
        sql::Statement rows(
            db_,
            "SELECT w.id, w.kind, w.mode, w.question_id, w.session_id, "
            "coalesce((SELECT json_extract(s.body, '$.title') FROM sessions s "
            "WHERE s.id = w.session_id), ''), w.organisation, coalesce(d.division, ''), "
            "w.language, w.said_at, w.text, w.consultation_version, w.quotable" +
                selection(search) + "ORDER BY w.said_at DESC, w.id DESC LIMIT ?11 OFFSET ?12",
            "read the texts");
        bind_filter(rows, consultation_id, filter, filter.theme);
        if (!search) rows.bind(10, "");  // ?10 is numbered before ?11 either way
        rows.bind(11, limit).bind(12, offset);
        while (rows.step()) {
            WordRow r;
            r.id = rows.int64(0);
            r.kind = rows.text(1);
            r.mode = rows.text(2);
            r.question_id = rows.text(3);
            r.session_id = rows.text(4);
            r.session_title = rows.text(5);
            r.organisation = rows.text(6);
            r.division = rows.text(7);
            r.language = rows.text(8);
            r.said_at = rows.text(9);
            r.text = rows.text(10);
            r.consultation_version = static_cast<int>(rows.int64(11));
            r.quotable = rows.int64(12) != 0;
            page.rows.push_back(std::move(r));
        }
    }
    {
        sql::Statement tags(db_, "SELECT theme FROM own_word_tags WHERE word_id = ? ORDER BY theme",
                            "read the texts' tags");
        for (auto& r : page.rows) {
            tags.reset();
            tags.bind(1, r.id);
            while (tags.step()) r.themes.push_back(tags.text(0));
        }
    }
    {
        sql::Statement by_theme(db_,
                                "SELECT t.theme, count(*) FROM own_word_tags t "
                                "WHERE t.word_id IN (SELECT w.id" +
                                    selection(search) + ") GROUP BY t.theme ORDER BY t.theme",
                                "count the texts by theme");
        bind_filter(by_theme, consultation_id, filter, "");
        while (by_theme.step()) page.by_theme.push_back({by_theme.text(0), by_theme.int64(1)});
    }
    {
        sql::Statement untagged(db_,
                                "SELECT count(*)" + selection(search) +
                                    "AND NOT EXISTS (SELECT 1 FROM own_word_tags u "
                                    "WHERE u.word_id = w.id)",
                                "count the untagged texts");
        bind_filter(untagged, consultation_id, filter, "");
        untagged.step();
        page.untagged = untagged.int64(0);
    }
    return page;
}

std::optional<WordRef> ConsoleDb::own_word(std::int64_t id) {
    std::lock_guard lock(mutex_);
    catch_up_words();
    sql::Statement find(db_,
                        "SELECT consultation_id, consultation_version, kind, text FROM own_words "
                        "WHERE id = ?",
                        "look up the text");
    find.bind(1, id);
    if (!find.step()) return std::nullopt;
    return WordRef{id, find.text(0), find.text(2), find.text(3), static_cast<int>(find.int64(1))};
}

bool ConsoleDb::tag_own_word(std::int64_t id, const std::string& theme, const std::string& who) {
    std::lock_guard lock(mutex_);
    sql::Statement insert(db_,
                          "INSERT INTO own_word_tags(word_id, theme, tagged_by, tagged_at) "
                          "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                          "tag the text");
    return insert.bind(1, id).bind(2, theme).bind(3, who).bind(4, now_rfc3339()).run() == 1;
}

bool ConsoleDb::untag_own_word(std::int64_t id, const std::string& theme) {
    std::lock_guard lock(mutex_);
    sql::Statement remove(db_, "DELETE FROM own_word_tags WHERE word_id = ? AND theme = ?",
                          "take the tag off the text");
    return remove.bind(1, id).bind(2, theme).run() == 1;
}

}  // namespace fv::central
