// The console's shared parts (console_web.hpp): the templates, forms, numbers as pages print
// them, and the page, message, redirect, CSRF and audit helpers every page uses.
#include "sync/central/console_web.hpp"

#include <sodium.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace fv::central {

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string url_decode(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '+') {
            out += ' ';
        } else if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
                   hex_value(text[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

}  // namespace

std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

bool same_secret(const std::string& a, const std::string& b) {
    return !a.empty() && a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

// [SECTION] templates and forms

Templates::Templates(const std::filesystem::path& dir) {
    const auto folder = dir / "templates";
    if (!std::filesystem::is_directory(folder)) {
        throw std::runtime_error("the console's templates are not in " + folder.string() +
                                 " (give serve --web-dir the folder sync/central/web)");
    }
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        if (entry.path().extension() != ".mustache") continue;
        const std::string text = read_text(entry.path());
        mustache::mustache check(text);
        if (!check.is_valid()) {
            throw std::runtime_error(entry.path().string() + ": " + check.error_message());
        }
        text_[entry.path().stem().string()] = text;
    }
    if (!text_.count("layout")) throw std::runtime_error(folder.string() + " has no layout");
}

std::string Templates::render(const std::string& name, const mustache::data& data) const {
    auto it = text_.find(name);
    if (it == text_.end()) throw std::runtime_error("no template " + name);
    // Templates whose names start with "_" are partials: {{> _filters}} in any page.
    mustache::data with = data;
    for (const auto& [partial, text] : text_) {
        if (partial.rfind('_', 0) == 0) {
            with.set(partial, mustache::partial{[&text = text] { return text; }});
        }
    }
    mustache::mustache tmpl(it->second);
    return tmpl.render(with);
}

Form read_form(const httplib::Request& req) {
    Form form;
    if (req.is_multipart_form_data()) {
        for (const auto& [name, part] : req.files) {
            if (part.filename.empty()) {
                form.fields[name] = part.content;
            } else {
                form.files[name] = part;
            }
        }
        return form;
    }
    std::string_view body = req.body;
    std::size_t pos = 0;
    while (pos <= body.size() && !body.empty()) {
        std::size_t end = body.find('&', pos);
        if (end == std::string_view::npos) end = body.size();
        std::string_view pair = body.substr(pos, end - pos);
        const auto eq = pair.find('=');
        if (eq != std::string_view::npos) {
            form.fields[url_decode(pair.substr(0, eq))] = url_decode(pair.substr(eq + 1));
        } else if (!pair.empty()) {
            form.fields[url_decode(pair)] = "";
        }
        pos = end + 1;
    }
    return form;
}

std::string grouped(std::int64_t n) {
    std::string digits = std::to_string(n < 0 ? -n : n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return n < 0 ? "-" + out : out;
}

std::string percent(std::int64_t part, std::int64_t whole) {
    if (whole <= 0) return "0%";
    char text[32];
    std::snprintf(text, sizeof text, "%.1f%%",
                  100.0 * static_cast<double>(part) / static_cast<double>(whole));
    return text;
}

// [SECTION] page helpers

void ConsoleParts::page(httplib::Response& res, int status, const std::string& title,
                        const std::string& template_name, mustache::data data,
                        const WebSession* session, const std::string& nav) const {
    data.set("base", options.prefix);
    if (session) {
        data.set("csrf", session->csrf);
    }
    mustache::data layout;
    layout.set("title", title);
    layout.set("base", options.prefix);
    if (session && !session->user.must_change) {
        mustache::data user;
        user.set("name", session->user.name);
        user.set("role", std::string(to_string(session->user.role)));
        layout.set("user", user);
        layout.set("csrf", session->csrf);
        layout.set("is_officer", session->user.role >= UserRole::Officer);
        layout.set("is_admin", session->user.role == UserRole::Admin);
        layout.set("nav_" + (nav.empty() ? std::string("none") : nav), true);
    }
    layout.set("content", templates.render(template_name, data));
    res.status = status;
    res.set_header("Cache-Control", "no-store");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                   "form-action 'self'; frame-ancestors 'none'");
    res.set_content(templates.render("layout", layout), "text/html; charset=utf-8");
}

void ConsoleParts::message(httplib::Response& res, int status, const std::string& title,
                           const std::string& text, const WebSession* session,
                           const std::string& next_link, const std::string& next_text) const {
    mustache::data data;
    data.set("heading", title);
    data.set("text", text);
    if (!next_link.empty()) {
        data.set("next_link", link(next_link));
        data.set("next_text", next_text);
    }
    page(res, status, title, "message", data, session);
}

void ConsoleParts::redirect(httplib::Response& res, const std::string& path) const {
    res.status = 303;
    res.set_header("Location", link(path));
    res.set_header("Cache-Control", "no-store");
}

bool ConsoleParts::csrf_ok(const Visit& visit, const Form& form) const {
    if (same_secret(form.get("csrf"), visit.session.csrf)) return true;
    message(visit.res, 403, "This page was out of date",
            "The form you sent came from a page that is out of date (opened before you last "
            "signed in, or in another tab). Nothing was changed. Go back, reload the page and "
            "try again.",
            &visit.session, "/consultations", "Go to the consultations");
    return false;
}

void ConsoleParts::audit(const Visit& visit, const std::string& action,
                         const std::string& detail) const {
    console.audit(visit.session.user.email, action, detail, visit.req.remote_addr);
}

}  // namespace fv::central
