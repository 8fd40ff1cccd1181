// A browser without a screen for the console's tests (see console_browser.hpp).
#include "console_browser.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <regex>

namespace fv::test {

namespace {

std::string form_escape(const std::string& text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

}  // namespace

ConsoleBrowser::ConsoleBrowser(const CentralProcess& central) : central_(central) {}

std::string ConsoleBrowser::path(const std::string& page) const {
    const std::string base = central_.base_url();  // http://host:port/prefix/
    std::string prefix = base.substr(base.find('/', std::string("http://").size()));
    if (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
    return prefix + page;
}

httplib::Headers ConsoleBrowser::headers() const {
    httplib::Headers h{{"Accept", "text/html,application/xhtml+xml"}};
    std::string jar;
    for (const auto& [name, value] : cookies_) {
        if (value.empty()) continue;
        jar += (jar.empty() ? "" : "; ") + name + "=" + value;
    }
    if (!jar.empty()) h.emplace("Cookie", jar);
    return h;
}

void ConsoleBrowser::take(const httplib::Result& result) {
    set_cookies_.clear();
    if (!result) return;
    auto range = result->headers.equal_range("Set-Cookie");
    for (auto it = range.first; it != range.second; ++it) {
        set_cookies_.push_back(it->second);
        const std::string& c = it->second;
        const auto eq = c.find('='), semi = c.find(';');
        const std::string name = c.substr(0, eq);
        std::string value = c.substr(eq + 1, semi == std::string::npos ? semi : semi - eq - 1);
        if (c.find("Max-Age=0") != std::string::npos) value.clear();
        cookies_[name] = value;
    }
    static const std::regex kCsrf(R"re(name="csrf" value="([0-9a-f]+)")re");
    std::smatch m;
    if (std::regex_search(result->body, m, kCsrf)) csrf_ = m[1];
}

httplib::Result ConsoleBrowser::get(const std::string& page) {
    httplib::Client client(central_.host(), central_.port());
    client.set_read_timeout(read_timeout_);
    auto result = client.Get(path(page).c_str(), headers());
    take(result);
    return result;
}

httplib::Result ConsoleBrowser::post(const std::string& page,
                                     std::vector<std::pair<std::string, std::string>> fields,
                                     bool add_csrf) {
    if (add_csrf) fields.push_back({"csrf", csrf_});
    std::string body;
    for (const auto& [name, value] : fields) {
        body += (body.empty() ? "" : "&") + form_escape(name) + "=" + form_escape(value);
    }
    httplib::Client client(central_.host(), central_.port());
    client.set_read_timeout(read_timeout_);
    auto result =
        client.Post(path(page).c_str(), headers(), body, "application/x-www-form-urlencoded");
    take(result);
    return result;
}

httplib::Result ConsoleBrowser::upload(const std::string& page, const std::string& filename,
                                       const std::string& content, bool add_csrf,
                                       const std::string& field) {
    return post_multipart(page, {}, {{field, filename, content, "application/json"}}, add_csrf);
}

httplib::Result ConsoleBrowser::post_multipart(
    const std::string& page, const std::vector<std::pair<std::string, std::string>>& fields,
    const std::vector<FilePart>& files, bool add_csrf) {
    httplib::MultipartFormDataItems items;
    for (const auto& f : files) items.push_back({f.field, f.content, f.filename, f.content_type});
    for (const auto& [name, value] : fields) items.push_back({name, value, "", ""});
    if (add_csrf) items.push_back({"csrf", csrf_, "", ""});
    httplib::Client client(central_.host(), central_.port());
    client.set_read_timeout(read_timeout_);
    client.set_write_timeout(60);
    auto result = client.Post(path(page).c_str(), headers(), items);
    take(result);
    return result;
}

httplib::Result ConsoleBrowser::sign_in(const std::string& email, const std::string& password) {
    auto form = get("/sign-in");
    EXPECT_TRUE(form);
    return post("/sign-in", {{"email", email}, {"password", password}});
}

void ConsoleBrowser::first_sign_in(const std::string& email, const std::string& one_time,
                                   const std::string& new_password) {
    auto signed_in = sign_in(email, one_time);
    ASSERT_TRUE(signed_in);
    ASSERT_EQ(signed_in->status, 303) << signed_in->body;
    ASSERT_EQ(signed_in->get_header_value("Location"), path("/change-password"));
    auto form = get("/change-password");
    ASSERT_TRUE(form);
    ASSERT_EQ(form->status, 200);
    auto changed =
        post("/change-password",
             {{"current", one_time}, {"password", new_password}, {"confirm", new_password}});
    ASSERT_TRUE(changed);
    ASSERT_EQ(changed->status, 303) << visible_text(changed->body);
    ASSERT_EQ(changed->get_header_value("Location"), path("/consultations"));
}

std::string ConsoleBrowser::cookie(const std::string& name) const {
    auto it = cookies_.find(name);
    return it == cookies_.end() ? std::string() : it->second;
}

std::filesystem::path ConsoleBrowser::save_page(const std::string& html,
                                                const std::filesystem::path& dir,
                                                const std::string& name) const {
    std::filesystem::create_directories(dir);
    const std::string base = "http://" + central_.host() + ":" + std::to_string(central_.port());
    std::string page = html;
    const auto head = page.find("<head>");
    if (head != std::string::npos) page.insert(head + 6, "<base href=\"" + base + "/\">");
    const auto file = dir / (name + ".html");
    std::ofstream(file, std::ios::binary) << page;
    return file;
}

std::string html_unescape(const std::string& text) {
    static const std::vector<std::pair<std::string, std::string>> kEntities = {
        {"&lt;", "<"},  {"&gt;", ">"},   {"&quot;", "\""},
        {"&#39;", "'"}, {"&apos;", "'"}, {"&amp;", "&"}};
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        bool replaced = false;
        if (text[i] == '&') {
            for (const auto& [entity, plain] : kEntities) {
                if (text.compare(i, entity.size(), entity) == 0) {
                    out += plain;
                    i += entity.size();
                    replaced = true;
                    break;
                }
            }
        }
        if (!replaced) out += text[i++];
    }
    return out;
}

std::string visible_text(const std::string& html) {
    std::string text;
    bool in_tag = false;
    for (char c : html) {
        if (c == '<') {
            in_tag = true;
            text += ' ';
        } else if (c == '>') {
            in_tag = false;
        } else if (!in_tag) {
            text += c;
        }
    }
    text = html_unescape(text);
    std::string out;
    for (char c : text) {
        const bool space = std::isspace(static_cast<unsigned char>(c));
        if (space && (out.empty() || out.back() == ' ')) continue;
        out += space ? ' ' : c;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

std::optional<long> result_count(const std::string& html, const std::string& question_and_key) {
    const std::string needle = "data-count=\"" + question_and_key + "\">";
    const auto at = html.find(needle);
    if (at == std::string::npos) return std::nullopt;
    std::string digits;
    for (std::size_t i = at + needle.size(); i < html.size() && html[i] != '<'; ++i) {
        if (std::isdigit(static_cast<unsigned char>(html[i]))) digits += html[i];
    }
    if (digits.empty()) return std::nullopt;
    return std::stol(digits);
}

std::vector<std::vector<std::string>> parse_csv(const std::string& input) {
    std::string text = input;
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string cell;
    bool quoted = false, any = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        any = true;
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                cell += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                cell += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            row.push_back(cell);
            cell.clear();
        } else if (c == '\r') {
            continue;
        } else if (c == '\n') {
            row.push_back(cell);
            cell.clear();
            rows.push_back(row);
            row.clear();
            any = false;
        } else {
            cell += c;
        }
    }
    if (any) {
        row.push_back(cell);
        rows.push_back(row);
    }
    return rows;
}

std::filesystem::path screenshot(const std::filesystem::path& html_file, int width, int height) {
    if (std::system("command -v chromium >/dev/null 2>&1") != 0) return {};
    const auto page = std::filesystem::absolute(html_file);
    auto png = page;
    png.replace_extension(".png");
    const std::string command =
        "chromium --headless --no-sandbox --disable-gpu --hide-scrollbars "
        "--screenshot='" +
        png.string() + "' --window-size=" + std::to_string(width) + "," + std::to_string(height) +
        " 'file://" + page.string() + "' >/dev/null 2>&1";
    if (std::system(command.c_str()) != 0 || !std::filesystem::exists(png)) return {};
    return png;
}

}  // namespace fv::test
