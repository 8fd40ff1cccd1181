#include "sync/central/outcomes.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>

#include "core/store/sqlite.hpp"
#include "core/util/ids.hpp"
#include "core/util/seal.hpp"

namespace fv::central {

using nlohmann::json;

namespace {

std::size_t utf8_chars(const std::string& text) {
    std::size_t n = 0;
    for (unsigned char c : text) n += (c & 0xC0) != 0x80;
    return n;
}

bool valid_utf8(const std::string& text) {
    try {
        (void)json(text).dump();  // strict: throws on bytes that are not UTF-8
        return true;
    } catch (const json::exception&) {
        return false;
    }
}

bool valid_day(const std::string& day) {
    if (day.size() != 10 || day[4] != '-' || day[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (day[i] < '0' || day[i] > '9') return false;
    }
    const int month = std::stoi(day.substr(5, 2)), d = std::stoi(day.substr(8, 2));
    const int year = std::stoi(day.substr(0, 4));
    static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || d < 1 || d > kDays[month - 1]) return false;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return !(month == 2 && d == 29 && !leap);
}

std::uint32_t big_endian(const unsigned char* p) {
    return static_cast<std::uint32_t>(p[0]) << 24 | static_cast<std::uint32_t>(p[1]) << 16 |
           static_cast<std::uint32_t>(p[2]) << 8 | static_cast<std::uint32_t>(p[3]);
}

// Why `png` cannot be shown, or "".
std::string picture_problem(const std::string& png) {
    static const unsigned char kSignature[] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    const auto* bytes = reinterpret_cast<const unsigned char*>(png.data());
    if (png.size() < 24 || !std::equal(std::begin(kSignature), std::end(kSignature), bytes) ||
        png.compare(12, 4, "IHDR") != 0) {
        return "Picture: the file is not a PNG; save the picture as PNG and choose it again.";
    }
    if (png.size() > kOutcomeMaxPictureBytes) {
        return "Picture: the file is " + std::to_string(png.size() / 1024) + " KB; at most " +
               std::to_string(kOutcomeMaxPictureBytes / 1024) +
               " KB (a picture of 512 by 512 pixels needs far less).";
    }
    const auto width = big_endian(bytes + 16), height = big_endian(bytes + 20);
    if (width == 0 || height == 0) return "Picture: the PNG has no width or height.";
    if (width > kOutcomeMaxPictureSide || height > kOutcomeMaxPictureSide) {
        return "Picture: it is " + std::to_string(width) + " by " + std::to_string(height) +
               " pixels; at most " + std::to_string(kOutcomeMaxPictureSide) + " a side.";
    }
    return "";
}

OutcomeEntry read_entry(sql::Statement& q) {
    OutcomeEntry e;
    e.id = q.int64(0);
    e.consultation_id = q.text(1);
    const json texts = json::parse(q.text(2), nullptr, false);
    const json easy = json::parse(q.text(3), nullptr, false);
    if (texts.is_object()) e.text = texts.get<std::map<std::string, std::string>>();
    if (easy.is_object()) e.easy_read = easy.get<std::map<std::string, std::string>>();
    if (auto png = base64_decode(q.text(4))) e.picture_png = std::move(*png);
    e.theme = q.text(5);
    e.day = q.text(6);
    e.created_by = q.text(7);
    e.created_at = q.text(8);
    e.withdrawn_by = q.text(9);
    e.withdrawn_at = q.text(10);
    return e;
}

constexpr const char* kColumns =
    "SELECT id, consultation_id, texts, easy_read, picture, theme, day, created_by, created_at, "
    "withdrawn_by, withdrawn_at FROM outcomes ";

}  // namespace

const std::string& language_name(const std::string& lang) {
    static const std::map<std::string, std::string> kNames{
        {"en", "English"}, {"pl", "Polish"},  {"cy", "Welsh"},    {"ur", "Urdu"},
        {"ar", "Arabic"},  {"pa", "Punjabi"}, {"ro", "Romanian"}, {"fa", "Persian"}};
    auto it = kNames.find(lang);
    return it == kNames.end() ? lang : it->second;
}

std::vector<std::pair<std::string, std::string>> check_outcome(const Consultation& c,
                                                               const OutcomeEntry& entry) {
    std::vector<std::pair<std::string, std::string>> problems;
    for (const auto& lang : c.languages) {
        const std::string& name = language_name(lang);
        auto text = entry.text.find(lang);
        const std::string field = "text-" + lang;
        if (text == entry.text.end() ||
            text->second.find_first_not_of(" \t\r\n") == std::string::npos) {
            problems.push_back({field, "Text in " + name + ": write what was done, in " + name +
                                           " (every language of the consultation is needed)."});
        } else if (!valid_utf8(text->second)) {
            problems.push_back({field, "Text in " + name + ": it is not valid UTF-8 text."});
        } else if (utf8_chars(text->second) > kOutcomeMaxChars) {
            problems.push_back({field, "Text in " + name + ": it has " +
                                           std::to_string(utf8_chars(text->second)) +
                                           " characters; the kiosk shows at most " +
                                           std::to_string(kOutcomeMaxChars) + "."});
        }
        auto easy = entry.easy_read.find(lang);
        if (easy == entry.easy_read.end() || easy->second.empty()) continue;
        if (!valid_utf8(easy->second)) {
            problems.push_back(
                {"easy-" + lang, "Easy Read in " + name + ": it is not valid UTF-8 text."});
        } else if (utf8_chars(easy->second) > kOutcomeMaxChars) {
            problems.push_back({"easy-" + lang, "Easy Read in " + name + ": it has " +
                                                    std::to_string(utf8_chars(easy->second)) +
                                                    " characters; the kiosk shows at most " +
                                                    std::to_string(kOutcomeMaxChars) + "."});
        }
    }
    for (const auto& [lang, text] : entry.text) {
        if (std::find(c.languages.begin(), c.languages.end(), lang) == c.languages.end() &&
            !text.empty()) {
            problems.push_back({"text-" + lang, "Text in " + language_name(lang) +
                                                    ": the consultation is not in " +
                                                    language_name(lang) + "."});
        }
    }
    if (!entry.picture_png.empty()) {
        const std::string why = picture_problem(entry.picture_png);
        if (!why.empty()) problems.push_back({"picture", why});
    }
    if (!entry.theme.empty() &&
        std::find(c.themes.begin(), c.themes.end(), entry.theme) == c.themes.end()) {
        std::string known;
        for (const auto& t : c.themes) known += (known.empty() ? "" : ", ") + t;
        problems.push_back(
            {"theme", "Theme: \"" + entry.theme + "\" is not a theme of " + c.id +
                          (known.empty() ? " (it has none)." : "; choose one of " + known + ".")});
    }
    if (!valid_day(entry.day)) {
        problems.push_back(
            {"day", "Date: \"" + entry.day +
                        "\" is not a date; give it as YYYY-MM-DD, for example 2027-03-01."});
    }
    return problems;
}

std::int64_t CentralDb::add_outcome(const OutcomeEntry& e) {
    std::lock_guard lock(mutex_);
    sql::Statement put(db_,
                       "INSERT INTO outcomes(consultation_id, texts, easy_read, picture, theme, "
                       "day, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       "store the outcome");
    put.bind(1, e.consultation_id)
        .bind(2, json(e.text).dump())
        .bind(3, json(e.easy_read).dump())
        .bind(4, e.picture_png.empty() ? std::string() : base64_encode(e.picture_png))
        .bind(5, e.theme)
        .bind(6, e.day)
        .bind(7, e.created_by)
        .bind(8, e.created_at.empty() ? now_rfc3339() : e.created_at);
    put.run();
    return sqlite3_last_insert_rowid(db_);
}

std::vector<OutcomeEntry> CentralDb::outcomes(const std::string& consultation_id,
                                              bool withdrawn_too) {
    std::lock_guard lock(mutex_);
    sql::Statement q(db_,
                     std::string(kColumns) +
                         "WHERE (?1 = '' OR consultation_id = ?1) AND (?2 OR withdrawn_at IS NULL) "
                         "ORDER BY day DESC, id DESC",
                     "read the outcomes");
    q.bind(1, consultation_id).bind(2, withdrawn_too ? 1 : 0);
    std::vector<OutcomeEntry> out;
    while (q.step()) out.push_back(read_entry(q));
    return out;
}

std::optional<OutcomeEntry> CentralDb::outcome(std::int64_t id) {
    std::lock_guard lock(mutex_);
    sql::Statement q(db_, std::string(kColumns) + "WHERE id = ?", "read the outcome");
    q.bind(1, id);
    if (!q.step()) return std::nullopt;
    return read_entry(q);
}

bool CentralDb::withdraw_outcome(std::int64_t id, const std::string& who) {
    std::lock_guard lock(mutex_);
    sql::Statement q(db_,
                     "UPDATE outcomes SET withdrawn_by = ?, withdrawn_at = ? "
                     "WHERE id = ? AND withdrawn_at IS NULL",
                     "withdraw the outcome");
    q.bind(1, who).bind(2, now_rfc3339()).bind(3, id);
    q.run();
    return sqlite3_changes(db_) == 1;
}

Reply handle_outcomes(CentralDb& db, const std::string& if_none_match) {
    json list = json::array();
    for (const auto& e : db.outcomes("", false)) {
        json item{{"id", std::to_string(e.id)},
                  {"consultation_id", e.consultation_id},
                  {"text", e.text},
                  {"date", e.day}};
        if (!e.easy_read.empty()) item["easy_read"] = e.easy_read;
        if (!e.theme.empty()) item["theme"] = e.theme;
        if (!e.picture_png.empty()) item["picture_png"] = base64_encode(e.picture_png);
        list.push_back(std::move(item));
    }
    return etagged(json{{"outcomes", std::move(list)}}.dump(), if_none_match);
}

}  // namespace fv::central
