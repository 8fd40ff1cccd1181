// The web console's accounts (console_db.hpp): users, passwords, sign-in throttling and web
// sessions. Passwords go through libsodium's crypto_pwhash (Argon2id), never held longer than a
// call; session tokens and CSRF tokens are 32 random bytes.
#include <sodium.h>
#include <sqlite3.h>

#include "core/store/sqlite.hpp"
#include "core/util/ids.hpp"
#include "core/util/sodium_init.hpp"
#include "sync/central/console_db.hpp"

namespace fv::central {
namespace {

constexpr std::size_t kMinPasswordLength = 12;

// Argon2id with libsodium's interactive limits: about a tenth of a second and 64 MiB a sign-in.
std::string hash_password(const std::string& password) {
    ensure_sodium();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(
            out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw std::runtime_error("not enough memory to hash a password");
    }
    return out;
}

bool password_matches(const std::string& stored, const std::string& password) {
    ensure_sodium();
    return crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
}

// "K7QM-2XDP-9RTB-WF3H": 16 symbols of 32 (80 bits), easy to read out and type.
std::string one_time_password() {
    ensure_sodium();
    static constexpr char kAlphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    std::string out;
    for (int i = 0; i < 16; ++i) {
        if (i > 0 && i % 4 == 0) out += '-';
        out += kAlphabet[randombytes_uniform(32)];
    }
    return out;
}

User read_user(const sql::Statement& s, int first) {
    User u;
    u.id = s.int64(first);
    u.email = s.text(first + 1);
    u.name = s.text(first + 2);
    u.role = user_role_from_string(s.text(first + 3)).value_or(UserRole::Viewer);
    u.must_change = s.int64(first + 4) != 0;
    u.created_at = s.text(first + 5);
    return u;
}

constexpr const char* kUserColumns = "u.id, u.email, u.name, u.role, u.must_change, u.created_at";

}  // namespace

std::string ConsoleDb::add_user(const std::string& email, const std::string& name, UserRole role) {
    if (email.find('@') == std::string::npos || email.size() > 254) {
        throw ConsoleInputError("--email: \"" + email + "\" is not an e-mail address");
    }
    if (name.empty()) throw ConsoleInputError("--name: give the person's name");
    const std::string password = one_time_password();
    const std::string hash = hash_password(password);
    std::lock_guard lock(mutex_);
    sql::Transaction tx(db_, "add the user");
    sql::Statement find(db_, "SELECT 1 FROM users WHERE email = ?", "look up the user");
    find.bind(1, email);
    if (find.step()) throw ConsoleInputError("a user with the e-mail " + email + " already exists");
    sql::Statement insert(db_,
                          "INSERT INTO users(email, name, role, password_hash, must_change, "
                          "created_at) VALUES (?, ?, ?, ?, 1, ?)",
                          "add the user");
    insert.bind(1, email)
        .bind(2, name)
        .bind(3, to_string(role))
        .bind(4, hash)
        .bind(5, now_rfc3339());
    insert.run();
    tx.commit();
    return password;
}

std::optional<User> ConsoleDb::check_password(const std::string& email,
                                              const std::string& password) {
    std::optional<User> user;
    std::string stored;
    {
        std::lock_guard lock(mutex_);
        sql::Statement find(db_,
                            std::string("SELECT ") + kUserColumns +
                                ", u.password_hash FROM users u WHERE u.email = ? AND "
                                "u.disabled_at IS NULL",
                            "look up the user");
        find.bind(1, email);
        if (find.step()) {
            user = read_user(find, 0);
            stored = find.text(6);
        }
    }
    // An unknown e-mail costs the same Argon2id work as a known one.
    static const std::string kDummy = hash_password("not a password of anyone");
    const bool ok = password_matches(user ? stored : kDummy, password);
    if (!user || !ok) return std::nullopt;
    return user;
}

void ConsoleDb::set_password(std::int64_t user_id, const std::string& password) {
    if (password.size() < kMinPasswordLength) {
        throw ConsoleInputError("The new password must be at least " +
                                std::to_string(kMinPasswordLength) + " characters long.");
    }
    const std::string hash = hash_password(password);
    std::lock_guard lock(mutex_);
    sql::Statement update(db_, "UPDATE users SET password_hash = ?, must_change = 0 WHERE id = ?",
                          "change the password");
    update.bind(1, hash).bind(2, user_id).run();
}

std::vector<User> ConsoleDb::users() {
    std::lock_guard lock(mutex_);
    sql::Statement query(db_,
                         std::string("SELECT ") + kUserColumns + " FROM users u ORDER BY u.email",
                         "list the users");
    std::vector<User> out;
    while (query.step()) out.push_back(read_user(query, 0));
    return out;
}

std::optional<std::int64_t> ConsoleDb::sign_in_retry_after(const std::vector<std::string>& keys,
                                                           std::int64_t now, int max_failures,
                                                           std::int64_t window) {
    std::lock_guard lock(mutex_);
    sql::Statement query(db_,
                         "SELECT count(*), min(at) FROM (SELECT at FROM sign_in_failures "
                         "WHERE key = ? AND at > ? ORDER BY at DESC LIMIT ?)",
                         "count failed sign-ins");
    std::optional<std::int64_t> wait;
    for (const auto& key : keys) {
        query.reset();
        query.bind(1, key).bind(2, now - window).bind(3, max_failures);
        query.step();
        if (query.int64(0) >= max_failures) {
            // Free again when the oldest of the last `max_failures` leaves the window.
            const std::int64_t seconds = std::max<std::int64_t>(1, query.int64(1) + window - now);
            wait = std::max(wait.value_or(0), seconds);
        }
    }
    return wait;
}

void ConsoleDb::sign_in_failed(const std::vector<std::string>& keys, std::int64_t now) {
    std::lock_guard lock(mutex_);
    sql::Transaction tx(db_, "record a failed sign-in");
    sql::Statement prune(db_, "DELETE FROM sign_in_failures WHERE at < ?",
                         "forget old failed sign-ins");
    prune.bind(1, now - 24 * 3600).run();
    sql::Statement insert(db_, "INSERT INTO sign_in_failures(key, at) VALUES (?, ?)",
                          "record a failed sign-in");
    for (const auto& key : keys) {
        insert.reset();
        insert.bind(1, key).bind(2, now).run();
    }
    tx.commit();
}

ConsoleDb::NewSession ConsoleDb::start_session(std::int64_t user_id, std::int64_t now) {
    NewSession s{new_token(), new_token()};
    std::lock_guard lock(mutex_);
    sql::Statement insert(db_,
                          "INSERT INTO web_sessions(hash, user_id, csrf, created_at, last_seen) "
                          "VALUES (?, ?, ?, ?, ?)",
                          "start the session");
    insert.bind(1, sha256_hex(s.token)).bind(2, user_id).bind(3, s.csrf).bind(4, now).bind(5, now);
    insert.run();
    return s;
}

std::optional<WebSession> ConsoleDb::session(const std::string& token, std::int64_t now,
                                             std::int64_t idle_limit) {
    if (token.empty()) return std::nullopt;
    const std::string hash = sha256_hex(token);
    std::lock_guard lock(mutex_);
    sql::Statement find(db_,
                        std::string("SELECT ") + kUserColumns +
                            ", s.csrf FROM web_sessions s JOIN users u ON u.id = s.user_id "
                            "WHERE s.hash = ? AND s.ended_at IS NULL AND s.last_seen > ? "
                            "AND u.disabled_at IS NULL",
                        "check the session");
    find.bind(1, hash).bind(2, now - idle_limit);
    if (!find.step()) return std::nullopt;
    WebSession out{read_user(find, 0), find.text(6)};
    sql::Statement touch(db_, "UPDATE web_sessions SET last_seen = ? WHERE hash = ?",
                         "keep the session alive");
    touch.bind(1, now).bind(2, hash).run();
    return out;
}

void ConsoleDb::end_session(const std::string& token, std::int64_t now) {
    std::lock_guard lock(mutex_);
    sql::Statement end(db_, "UPDATE web_sessions SET ended_at = ? WHERE hash = ?",
                       "end the session");
    end.bind(1, now).bind(2, sha256_hex(token)).run();
}

void ConsoleDb::end_other_sessions(std::int64_t user_id, const std::string& keep,
                                   std::int64_t now) {
    std::lock_guard lock(mutex_);
    sql::Statement end(db_,
                       "UPDATE web_sessions SET ended_at = ? WHERE user_id = ? AND hash <> ? "
                       "AND ended_at IS NULL",
                       "end the user's other sessions");
    end.bind(1, now).bind(2, user_id).bind(3, sha256_hex(keep)).run();
}

}  // namespace fv::central
