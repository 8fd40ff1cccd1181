// The console's routes, sign-in and sessions, roles, users and the audit log. Its shared parts
// (templates, forms, CSRF) are in console_web.cpp; pages of consultations and results in
// console_consultations.cpp, devices in console_devices.cpp.
#include "sync/central/console.hpp"

#include <algorithm>

#include "core/util/ids.hpp"
#include "sync/central/console_warmer.hpp"
#include "sync/central/console_web.hpp"

#ifndef FIELDVOICE_WEB_DIR
#define FIELDVOICE_WEB_DIR "sync/central/web"
#endif

namespace fv::central {

namespace {

constexpr const char* kSessionCookie = "fv_session";
constexpr const char* kSignInCookie = "fv_sign_in";  // the sign-in form's CSRF (no session yet)
constexpr const char* kStylesheet = "node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css";

// govuk-frontend's CSS, "" when it is not installed (the pages say so).
std::string read_stylesheet(const std::filesystem::path& web_dir) {
    const auto css = web_dir / kStylesheet;
    return std::filesystem::exists(css) ? read_text(css) : std::string();
}

std::string cookie(const httplib::Request& req, const std::string& name) {
    const std::string header = req.get_header_value("Cookie");
    std::size_t pos = 0;
    while (pos < header.size()) {
        std::size_t end = header.find(';', pos);
        if (end == std::string::npos) end = header.size();
        std::string pair = header.substr(pos, end - pos);
        pair.erase(0, pair.find_first_not_of(' '));
        const auto eq = pair.find('=');
        if (eq != std::string::npos && pair.substr(0, eq) == name) return pair.substr(eq + 1);
        pos = end + 1;
    }
    return {};
}

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

const char* status_title(int status) {
    switch (status) {
        case 400:
            return "Something in the request was wrong";
        case 403:
            return "You cannot do that";
        case 404:
            return "Page not found";
        case 405:
            return "That page does not take this kind of request";
        case 413:
            return "The file is too large";
        case 429:
            return "Too many tries";
        default:
            return status >= 500 ? "Sorry, there is a problem with the store" : "Request refused";
    }
}

std::string status_text(int status) {
    switch (status) {
        case 404:
            return "There is no page at this address. Check the address, or go to the list of "
                   "consultations.";
        case 413:
            return "Uploads may be at most 8 MiB. Nothing was stored. A consultation's definition "
                   "is a few kilobytes of JSON: check that you chose the right file.";
        case 400:
            return "The store could not read the request. Nothing was changed.";
        default:
            return status >= 500 ? "Nothing was changed. Try again later; if it goes on, tell "
                                   "whoever runs the store."
                                 : "The store refused the request. Nothing was changed.";
    }
}

}  // namespace

std::filesystem::path default_web_dir() {
    return FIELDVOICE_WEB_DIR;
}

// [SECTION] the console

struct Console::Impl {
    std::unique_ptr<ConsoleDb> console_db;
    AnswerIndex answers;
    ConsoleParts parts;
    std::string stylesheet;  // govuk-frontend's CSS, read once ("" when not installed)
    std::string console_css;
    ConsoleWarmer warmer;  // last: stopped first

    Impl(CentralDb& db, ConsoleOptions options)
        : console_db(ConsoleDb::open(db.path())),
          parts{db, *console_db, answers, Templates(options.web_dir), options},
          stylesheet(read_stylesheet(options.web_dir)),
          console_css(read_text(options.web_dir / "console.css")),
          warmer(*console_db, answers, options.log) {}

    // The signed-in caller with at least `role`; otherwise answers (sign-in, 403) and nullopt.
    std::optional<Visit> visit(const httplib::Request& req, httplib::Response& res, UserRole role,
                               bool allow_must_change = false) {
        const std::string token = cookie(req, kSessionCookie);
        auto session = parts.console.session(token, unix_now(), parts.options.idle_seconds);
        if (!session) {
            parts.redirect(res, "/sign-in");
            return std::nullopt;
        }
        if (session->user.must_change && !allow_must_change) {
            parts.redirect(res, "/change-password");
            return std::nullopt;
        }
        if (session->user.role < role) {
            parts.message(res, 403, "You cannot do that",
                          "Your role is " + std::string(to_string(session->user.role)) +
                              ", and this needs " + std::string(to_string(role)) +
                              ". Nothing was changed. Ask an admin if you need it.",
                          &*session, "/consultations", "Go to the consultations");
            return std::nullopt;
        }
        return Visit{req, res, std::move(*session), token};
    }

    std::string cookie_attributes() const {
        return std::string("; Path=/; HttpOnly; SameSite=Strict") +
               (parts.options.tls ? "; Secure" : "");
    }

    void sign_in_form(httplib::Response& res, int status, const std::string& email,
                      const std::string& error) {
        std::string csrf = new_token();
        res.set_header("Set-Cookie", std::string(kSignInCookie) + "=" + csrf + cookie_attributes());
        mustache::data data;
        data.set("sign_in_csrf", csrf);
        data.set("email", email);
        if (!error.empty()) data.set("error", error);
        parts.page(res, status, error.empty() ? "Sign in" : "Error: Sign in", "sign_in", data,
                   nullptr);
    }

    void sign_in(const httplib::Request& req, httplib::Response& res) {
        const Form form = read_form(req);
        if (!same_secret(form.get("csrf"), cookie(req, kSignInCookie))) {
            parts.message(res, 403, "This page was out of date",
                          "The sign-in form was out of date, or your browser does not keep "
                          "cookies for this site. Nothing was changed. Reload the page and try "
                          "again.",
                          nullptr, "/sign-in", "Sign in");
            return;
        }
        const std::string email = form.get("email");
        const std::vector<std::string> keys{"account:" + lower(email),
                                            "address:" + req.remote_addr};
        const auto now = unix_now();
        if (auto wait = parts.console.sign_in_retry_after(keys, now)) {
            res.set_header("Retry-After", std::to_string(*wait));
            parts.message(res, 429, "Too many tries",
                          "There have been 5 wrong passwords for this account or from this "
                          "address within 10 minutes. Wait " +
                              std::to_string((*wait + 59) / 60) +
                              " minutes and try again, or ask an admin.",
                          nullptr);
            return;
        }
        auto user = parts.console.check_password(email, form.get("password"));
        if (!user) {
            parts.console.sign_in_failed(keys, now);
            parts.console.audit(email, "sign-in refused", "wrong e-mail or password",
                                req.remote_addr);
            sign_in_form(res, 401, email, "The e-mail address or the password is wrong.");
            return;
        }
        const auto session = parts.console.start_session(user->id, now);
        parts.console.audit(user->email, "sign in", "", req.remote_addr);
        res.set_header("Set-Cookie",
                       std::string(kSessionCookie) + "=" + session.token + cookie_attributes());
        parts.redirect(res, user->must_change ? "/change-password" : "/consultations");
    }

    void change_password_form(Visit& v, int status, const std::string& error) {
        mustache::data data;
        data.set("must_change", v.session.user.must_change);
        if (!error.empty()) data.set("error", error);
        parts.page(v.res, status,
                   error.empty() ? "Change your password" : "Error: Change your password",
                   "change_password", data, &v.session);
    }

    void change_password(Visit& v) {
        const Form form = read_form(v.req);
        if (!parts.csrf_ok(v, form)) return;
        if (!parts.console.check_password(v.session.user.email, form.get("current"))) {
            change_password_form(v, 400, "The current password is wrong.");
            return;
        }
        const std::string fresh = form.get("password");
        if (fresh != form.get("confirm")) {
            change_password_form(v, 400, "The new password and its confirmation differ.");
            return;
        }
        if (fresh == form.get("current")) {
            change_password_form(v, 400, "Choose a new password, not the one you have now.");
            return;
        }
        try {
            parts.console.set_password(v.session.user.id, fresh);
        } catch (const ConsoleInputError& e) {
            change_password_form(v, 400, e.what());
            return;
        }
        parts.console.end_other_sessions(v.session.user.id, v.token, unix_now());
        parts.audit(v, "change password", "");
        parts.redirect(v.res, "/consultations");
    }

    void users_page(Visit& v, int status, const std::string& error, const std::string& added,
                    const std::string& password) {
        mustache::data list = mustache::data::type::list;
        for (const auto& u : parts.console.users()) {
            mustache::data row;
            row.set("email", u.email);
            row.set("name", u.name);
            row.set("role", std::string(to_string(u.role)));
            row.set("must_change", u.must_change);
            row.set("created_at", u.created_at);
            list.push_back(row);
        }
        mustache::data data;
        data.set("users", list);
        if (!error.empty()) data.set("error", error);
        if (!password.empty()) {
            data.set("added", added);
            data.set("password", password);
        }
        parts.page(v.res, status, "Users", "users", data, &v.session, "users");
    }

    void add_user(Visit& v) {
        const Form form = read_form(v.req);
        if (!parts.csrf_ok(v, form)) return;
        const auto role = user_role_from_string(form.get("role"));
        if (!role) {
            users_page(v, 400, "Role: choose viewer, officer or admin.", "", "");
            return;
        }
        try {
            const std::string email = form.get("email");
            const std::string password = parts.console.add_user(email, form.get("name"), *role);
            parts.audit(v, "add user", email + " as " + std::string(to_string(*role)));
            users_page(v, 200, "", email, password);
        } catch (const ConsoleInputError& e) {
            users_page(v, 400, e.what(), "", "");
        }
    }

    void audit_page(Visit& v) {
        mustache::data list = mustache::data::type::list;
        for (const auto& a : parts.console.audit_log(500)) {
            mustache::data row;
            row.set("at", a.at);
            row.set("who", a.who);
            row.set("action", a.action);
            row.set("detail", a.detail);
            row.set("address", a.address);
            list.push_back(row);
        }
        mustache::data data;
        data.set("entries", list);
        parts.page(v.res, 200, "Audit log", "audit", data, &v.session, "audit");
    }

    void install(httplib::Server& server,
                 const std::function<std::string(const std::string&, const char*)>& route) {
        using Req = const httplib::Request&;
        using Res = httplib::Response&;
        server.Get(route("/", "GET"), [this](Req req, Res res) {
            const bool signed_in =
                parts.console
                    .session(cookie(req, kSessionCookie), unix_now(), parts.options.idle_seconds)
                    .has_value();
            parts.redirect(res, signed_in ? "/consultations" : "/sign-in");
        });
        server.Get(route("/assets/govuk-frontend\\.min\\.css", "GET"), [this](Req, Res res) {
            if (stylesheet.empty()) {
                res.status = 404;
                res.set_content(
                    "/* govuk-frontend is not installed: run "
                    "platform/setup/install-web-assets.sh */",
                    "text/css");
                return;
            }
            res.set_header("Cache-Control", "public, max-age=86400");
            res.set_content(stylesheet, "text/css; charset=utf-8");
        });
        server.Get(route("/assets/console\\.css", "GET"), [this](Req, Res res) {
            res.set_header("Cache-Control", "public, max-age=3600");
            res.set_content(console_css, "text/css; charset=utf-8");
        });
        const std::string sign_in_path = route("/sign-in", "GET, POST");
        server.Get(sign_in_path, [this](Req, Res res) { sign_in_form(res, 200, "", ""); });
        server.Post(sign_in_path, [this](Req req, Res res) { sign_in(req, res); });
        server.Post(route("/sign-out", "POST"), [this](Req req, Res res) {
            if (auto v = visit(req, res, UserRole::Viewer, true)) {
                if (!parts.csrf_ok(*v, read_form(req))) return;
                parts.console.end_session(v->token, unix_now());
                parts.audit(*v, "sign out", "");
                res.set_header("Set-Cookie", std::string(kSessionCookie) + "=" +
                                                 cookie_attributes() + "; Max-Age=0");
                parts.message(res, 200, "You have signed out",
                              "You have signed out of the Fieldvoice store.", nullptr, "/sign-in",
                              "Sign in again");
            }
        });
        const std::string password_path = route("/change-password", "GET, POST");
        server.Get(password_path, [this](Req req, Res res) {
            if (auto v = visit(req, res, UserRole::Viewer, true)) change_password_form(*v, 200, "");
        });
        server.Post(password_path, [this](Req req, Res res) {
            if (auto v = visit(req, res, UserRole::Viewer, true)) change_password(*v);
        });
        const std::string users_path = route("/users", "GET, POST");
        server.Get(users_path, [this](Req req, Res res) {
            if (auto v = visit(req, res, UserRole::Admin)) users_page(*v, 200, "", "", "");
        });
        server.Post(users_path, [this](Req req, Res res) {
            if (auto v = visit(req, res, UserRole::Admin)) add_user(*v);
        });
        server.Get(route("/audit", "GET"), [this](Req req, Res res) {
            if (auto v = visit(req, res, UserRole::Admin)) audit_page(*v);
        });

        const std::string consultations_path = route("/consultations", "GET, POST");
        server.Get(consultations_path, [this](Req req, Res res) {
            if (auto v = visit(req, res, UserRole::Viewer)) consultations_page(parts, *v);
        });
        server.Post(consultations_path, [this](Req req, Res res) {
            if (auto v = visit(req, res, UserRole::Officer)) publish_upload(parts, *v);
        });
        const std::string id = "([a-z0-9-]+)";
        server.Get(route("/consultations/" + id, "GET"), [this](Req req, Res res) {
            if (auto v = visit(req, res, UserRole::Viewer)) results_page(parts, *v, req.matches[1]);
        });
        const std::string outcomes_path = route("/consultations/" + id + "/outcomes", "GET, POST");
        server.Get(outcomes_path, [this](Req req, Res res) {
            if (auto v = visit(req, res, UserRole::Viewer))
                outcomes_page(parts, *v, req.matches[1]);
        });
        server.Post(outcomes_path, [this](Req req, Res res) {
            if (auto v = visit(req, res, UserRole::Officer)) add_outcome(parts, *v, req.matches[1]);
        });
        server.Post(route("/consultations/" + id + "/outcomes/([0-9]+)/withdraw", "POST"),
                    [this](Req req, Res res) {
                        if (auto v = visit(req, res, UserRole::Officer)) {
                            withdraw_outcome(parts, *v, req.matches[1], req.matches[2]);
                        }
                    });
        server.Get(route("/consultations/" + id + "/words", "GET"), [this](Req req, Res res) {
            if (auto v = visit(req, res, UserRole::Viewer)) words_page(parts, *v, req.matches[1]);
        });
        for (const auto& [action, add] : {std::pair{"tag", true}, std::pair{"untag", false}}) {
            server.Post(route("/consultations/" + id + "/words/([0-9]+)/" + action, "POST"),
                        [this, add = add](Req req, Res res) {
                            if (auto v = visit(req, res, UserRole::Officer)) {
                                tag_words(parts, *v, req.matches[1], req.matches[2], add);
                            }
                        });
        }
        server.Get(route("/consultations/" + id + "/results\\.csv", "GET"),
                   [this](Req req, Res res) {
                       if (auto v = visit(req, res, UserRole::Officer))
                           results_csv(parts, *v, req.matches[1]);
                   });
        server.Get(route("/consultations/" + id + "/results\\.xlsx", "GET"),
                   [this](Req req, Res res) {
                       if (auto v = visit(req, res, UserRole::Officer))
                           results_xlsx(parts, *v, req.matches[1]);
                   });
        server.Get(route("/consultations/" + id + "/equality", "GET"), [this](Req req, Res res) {
            if (auto v = visit(req, res, UserRole::Viewer))
                equality_page(parts, *v, req.matches[1]);
        });
        server.Get(route("/consultations/" + id + "/equality\\.csv", "GET"),
                   [this](Req req, Res res) {
                       if (auto v = visit(req, res, UserRole::Officer))
                           equality_csv(parts, *v, req.matches[1]);
                   });
        server.Post(route("/consultations/" + id + "/equality/reference", "POST"),
                    [this](Req req, Res res) {
                        if (auto v = visit(req, res, UserRole::Officer)) {
                            upload_reference(parts, *v, req.matches[1]);
                        }
                    });
        server.Get(route("/consultations/" + id + "/versions/([0-9]+)\\.json", "GET"),
                   [this](Req req, Res res) {
                       if (auto v = visit(req, res, UserRole::Officer)) {
                           download_definition(parts, *v, req.matches[1], req.matches[2]);
                       }
                   });
        server.Get(route("/erase", "GET"), [this](Req req, Res res) {
            if (auto v = visit(req, res, UserRole::Officer)) erase_page(parts, *v);
        });
        server.Post(route("/erase/([0-9a-f-]+)", "POST"), [this](Req req, Res res) {
            if (auto v = visit(req, res, UserRole::Officer))
                erase_response(parts, *v, req.matches[1]);
        });
        // Public: the receipt's QR code leads here (no sign-in, no cookie).
        server.Get(route("/c/([a-z0-9-]+)", "GET"), [this](Req req, Res res) {
            public_consultation_page(parts, req, res, req.matches[1]);
        });
        server.Get(route("/sessions", "GET"), [this](Req req, Res res) {
            if (auto v = visit(req, res, UserRole::Viewer)) sessions_page(parts, *v);
        });
        server.Get(route("/sessions/([0-9a-f-]+)", "GET"), [this](Req req, Res res) {
            if (auto v = visit(req, res, UserRole::Viewer)) session_page(parts, *v, req.matches[1]);
        });
        server.Get(route("/partners", "GET"), [this](Req req, Res res) {
            if (auto v = visit(req, res, UserRole::Viewer)) partners_page(parts, *v);
        });
        server.Get(route("/devices", "GET"), [this](Req req, Res res) {
            if (auto v = visit(req, res, UserRole::Officer)) devices_page(parts, *v);
        });
        server.Post(route("/devices/([0-9a-f-]+)/division", "POST"), [this](Req req, Res res) {
            if (auto v = visit(req, res, UserRole::Officer)) {
                set_device_division(parts, *v, req.matches[1]);
            }
        });
        server.Post(route("/devices/([0-9a-f-]+)/revoke", "POST"), [this](Req req, Res res) {
            if (auto v = visit(req, res, UserRole::Admin))
                revoke_device_page(parts, *v, req.matches[1]);
        });
        server.Post(route("/enrolment-codes", "POST"), [this](Req req, Res res) {
            if (auto v = visit(req, res, UserRole::Officer)) make_enrol_code_page(parts, *v);
        });
    }
};

Console::Console(CentralDb& db, ConsoleOptions options)
    : impl_(std::make_unique<Impl>(db, std::move(options))) {}

Console::~Console() = default;

void Console::stored() {
    impl_->warmer.stored();
}

void Console::install(httplib::Server& server,
                      const std::function<std::string(const std::string&, const char*)>& route) {
    impl_->install(server, route);
}

bool Console::has_stylesheet() const {
    return !impl_->stylesheet.empty();
}

bool Console::error_page(const httplib::Request& req, httplib::Response& res) {
    // The API's paths keep PROTOCOL.md's JSON error body; a browser elsewhere gets a page.
    const std::string& prefix = impl_->parts.options.prefix;
    std::string path = req.path;
    if (!prefix.empty() && path.rfind(prefix + "/", 0) == 0) path = path.substr(prefix.size());
    if (path.rfind("/api/", 0) == 0) return false;
    if (req.get_header_value("Accept").find("text/html") == std::string::npos) return false;
    const int status = res.status;
    impl_->parts.message(res, status, status_title(status), status_text(status), nullptr,
                         "/consultations", "Go to the consultations");
    return true;
}

}  // namespace fv::central
