// The console's queries of erasure by reference (console_db.hpp): finding a response by its
// receipt's reference, erasing it with its texts and their tags in one transaction that also
// keeps the tombstone and the audit line, and what the answer index and the public page read.
#include <sqlite3.h>

#include "core/store/sqlite.hpp"
#include "core/util/ids.hpp"
#include "sync/central/console_db.hpp"

namespace fv::central {

namespace {

constexpr const char* kErasureColumns =
    "SELECT response_id, coalesce(reference, ''), consultation_id, device_id, content_hash, "
    "erased_at, erased_by FROM erasures ";

Erasure read_erasure(const sql::Statement& q) {
    return {q.text(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5), q.text(6)};
}

}  // namespace

void ConsoleDb::catch_up_references() {
    sql::Statement behind(db_,
                          "SELECT (SELECT coalesce(max(seq), 0) FROM responses) > upto "
                          "FROM references_read",
                          "check whether references are left to find");
    if (!behind.step() || behind.int64(0) == 0) return;
    // In one transaction (BEGIN IMMEDIATE: nothing is stored between the two statements).
    sql::Transaction tx(db_, "find the references stored since the console last looked");
    sql::exec(db_,
              "INSERT OR IGNORE INTO response_references(reference, seq) "
              "SELECT reference, seq FROM responses "
              "WHERE seq > (SELECT upto FROM references_read) AND reference IS NOT NULL; "
              "UPDATE references_read SET upto = "
              "max(upto, (SELECT coalesce(max(seq), 0) FROM responses));",
              "find the references stored since the console last looked");
    tx.commit();
}

void ConsoleDb::find_references() {
    std::lock_guard lock(mutex_);
    catch_up_references();
}

ReferenceMatches ConsoleDb::find_by_reference(const std::string& reference) {
    std::lock_guard lock(mutex_);
    catch_up_references();
    ReferenceMatches out;
    sql::Statement stored(db_,
                          "SELECT r.id, r.reference, r.consultation_id, r.consultation_version, "
                          "coalesce(d.name, ''), coalesce(d.division, ''), r.mode, "
                          "r.submitted_at, r.stored_at FROM response_references x "
                          "JOIN responses r ON r.seq = x.seq "
                          "LEFT JOIN devices d ON d.id = r.device_id "
                          "WHERE x.reference = ? ORDER BY r.seq",
                          "find the response by its reference");
    stored.bind(1, reference);
    while (stored.step()) {
        ResponseByReference r;
        r.id = stored.text(0);
        r.reference = stored.text(1);
        r.consultation_id = stored.text(2);
        r.consultation_version = static_cast<int>(stored.int64(3));
        r.device_name = stored.text(4);
        r.division = stored.text(5);
        r.mode = stored.text(6);
        r.submitted_at = stored.text(7);
        r.stored_at = stored.text(8);
        out.stored.push_back(std::move(r));
    }
    sql::Statement erased(db_, std::string(kErasureColumns) + "WHERE reference = ? ORDER BY seq",
                          "find the erasures of the reference");
    erased.bind(1, reference);
    while (erased.step()) out.erased.push_back(read_erasure(erased));
    return out;
}

std::optional<Erasure> ConsoleDb::erasure(const std::string& response_id) {
    std::lock_guard lock(mutex_);
    sql::Statement find(db_, std::string(kErasureColumns) + "WHERE response_id = ?",
                        "look up the erasure");
    find.bind(1, response_id);
    if (!find.step()) return std::nullopt;
    return read_erasure(find);
}

namespace {

// Inside the erasure's transaction: deletes the stored response `e` names (seq `seq`; 0 when it is
// not stored, as a pulse response not synced yet) with its texts, their tags and search entries,
// and keeps its tombstone and audit line. Returns how many texts went with it.
std::int64_t erase_stored(sqlite3* db, const Erasure& e, std::int64_t seq, const std::string& why,
                          const std::string& address) {
    const std::string what = "erase the response";
    std::int64_t texts_erased = 0;
    // Its texts in people's own words: out of the full-text index (external content: the index
    // is told the text it had), their tags, then the texts.
    {
        sql::Statement texts(db,
                             "SELECT w.id, w.text, w.id <= i.upto FROM own_words w, "
                             "own_words_indexed i WHERE w.source_id = ?",
                             "find the response's texts");
        texts.bind(1, e.response_id);
        sql::Statement unindex(db,
                               "INSERT INTO own_words_fts(own_words_fts, rowid, text) "
                               "VALUES ('delete', ?, ?)",
                               "take the response's texts out of the search index");
        while (texts.step()) {
            ++texts_erased;
            if (texts.int64(2) == 0) continue;
            unindex.reset();
            unindex.bind(1, texts.int64(0)).bind(2, texts.text(1)).run();
        }
    }
    for (const char* statement : {"DELETE FROM own_word_tags WHERE word_id IN "
                                  "(SELECT id FROM own_words WHERE source_id = ?)",
                                  "DELETE FROM own_words WHERE source_id = ?",
                                  "DELETE FROM response_references WHERE seq = "
                                  "(SELECT seq FROM responses WHERE id = ?)",
                                  "DELETE FROM responses WHERE id = ?"}) {
        sql::Statement remove(db, statement, what);
        remove.bind(1, e.response_id).run();
    }
    // own_words ids are max + 1: had the newest text gone, the next one found would take its id
    // and be thought indexed already.
    sql::exec(db,
              "UPDATE own_words_indexed SET upto = "
              "min(upto, (SELECT coalesce(max(id), 0) FROM own_words))",
              what.c_str());
    sql::Statement keep(db,
                        "INSERT INTO erasures(response_id, response_seq, reference, "
                        "consultation_id, device_id, content_hash, erased_at, erased_by) "
                        "VALUES (?, ?, nullif(?, ''), ?, ?, ?, ?, ?)",
                        "keep the erasure's tombstone");
    keep.bind(1, e.response_id)
        .bind(2, seq)
        .bind(3, e.reference)
        .bind(4, e.consultation_id)
        .bind(5, e.device_id)
        .bind(6, e.content_hash)
        .bind(7, e.erased_at)
        .bind(8, e.erased_by)
        .run();
    sql::Statement audit(db,
                         "INSERT INTO audit_log(at, who, action, detail, address) "
                         "VALUES (?, ?, 'erase response', ?, ?)",
                         "write the audit log");
    audit.bind(1, e.erased_at)
        .bind(2, e.erased_by)
        .bind(3,
              "response " + e.response_id +
                  (e.reference.empty() ? std::string() : " (reference " + e.reference + ")") +
                  " of " + e.consultation_id + " from device " + e.device_id + ", " +
                  std::to_string(texts_erased) + " texts" + why)
        .bind(4, address)
        .run();
    return texts_erased;
}

}  // namespace

EraseResult ConsoleDb::erase_response(const std::string& response_id, const std::string& who,
                                      const std::string& address) {
    std::lock_guard lock(mutex_);
    const std::string what = "erase the response";
    // BEGIN IMMEDIATE: a resend being stored waits for the tombstone, or comes first and is
    // erased with the rest.
    sql::Transaction tx(db_, what);
    EraseResult result;
    sql::Statement tombstone(db_, std::string(kErasureColumns) + "WHERE response_id = ?",
                             "look up the erasure");
    tombstone.bind(1, response_id);
    if (tombstone.step()) {
        result.outcome = EraseOutcome::AlreadyErased;
        result.erasure = read_erasure(tombstone);
        return result;
    }
    sql::Statement find(db_,
                        "SELECT seq, coalesce(reference, ''), consultation_id, device_id, "
                        "content_hash, mode, coalesce(continues, '') FROM responses WHERE id = ?",
                        "look up the response to erase");
    find.bind(1, response_id);
    if (!find.step()) {
        result.outcome = EraseOutcome::NotFound;
        return result;
    }
    const std::int64_t seq = find.int64(0);
    result.erasure = {response_id,  find.text(1),  find.text(2), find.text(3),
                      find.text(4), now_rfc3339(), who};
    const std::string continues = find.text(6);
    result.texts = erase_stored(db_, result.erasure, seq, "", address);

    // The one-tap pulse it continues ("Tell us more?", docs/pulse.md) is the same person's tap:
    // it goes too, with its own tombstone. Not stored yet (it syncs after), the tombstone alone
    // is kept, so that it is refused when it comes and its kiosk deletes it.
    if (!continues.empty()) {
        tombstone.reset();
        tombstone.bind(1, continues);
        if (!tombstone.step()) {
            find.reset();
            find.bind(1, continues);
            Erasure pulse{continues, "", result.erasure.consultation_id,
                          result.erasure.device_id, "", result.erasure.erased_at, who};
            std::int64_t pulse_seq = 0;
            bool same_person = true;
            if (find.step()) {
                // Only a pulse response of the same consultation is the same person's tap.
                same_person = find.text(5) == "pulse" && find.text(2) == pulse.consultation_id;
                pulse_seq = find.int64(0);
                pulse.device_id = find.text(3);
                pulse.content_hash = find.text(4);
            }
            if (same_person) {
                erase_stored(db_, pulse, pulse_seq,
                             ", the one-tap pulse response continued by " + response_id, address);
                result.pulse_erased = true;
            }
        }
    }
    tx.commit();
    result.outcome = EraseOutcome::Erased;
    return result;
}

std::vector<ConsoleDb::ErasedSince> ConsoleDb::erased_since(std::int64_t after) {
    std::lock_guard lock(mutex_);
    sql::Statement query(db_,
                         "SELECT seq, consultation_id, response_seq FROM erasures WHERE seq > ? "
                         "ORDER BY seq",
                         "read the erasures since");
    query.bind(1, after);
    std::vector<ErasedSince> out;
    while (query.step()) out.push_back({query.int64(0), query.text(1), query.int64(2)});
    return out;
}

std::int64_t ConsoleDb::response_count(const std::string& consultation_id) {
    std::lock_guard lock(mutex_);
    // The continued pulses through the partial index of the continuations (schema version 8).
    sql::Statement count(db_,
                         "SELECT (SELECT count(*) FROM responses WHERE consultation_id = ?1) - "
                         "(SELECT count(DISTINCT p.seq) FROM responses c "
                         " JOIN responses p ON p.id = c.continues "
                         " WHERE c.consultation_id = ?1 AND c.continues IS NOT NULL "
                         " AND p.consultation_id = ?1 AND p.mode = 'pulse')",
                         "count the consultation's responses");
    count.bind(1, consultation_id);
    count.step();
    return count.int64(0);
}

}  // namespace fv::central
