// Console pages of devices: every enrolled device with its division, setting a division,
// revoking a device, and making an enrolment code (shown once).
#include <chrono>
#include <vector>

#include "core/util/ids.hpp"
#include "sync/central/console_web.hpp"

namespace fv::central {

namespace {

constexpr std::size_t kMaxDivision = 100;
constexpr int kSilentDays = 7;  // a device not heard from for this long is flagged

// "2026-12-03T22:07:10.123Z" as "2026-12-03 22:07", or `none` for "".
std::string minute(const std::string& rfc3339, const char* none) {
    if (rfc3339.size() < 16) return none;
    return rfc3339.substr(0, 16).replace(10, 1, " ");
}

// Whole days since `rfc3339` (or since `fallback` when it is ""), or -1 when neither parses.
int days_since(const std::string& rfc3339, const std::string& fallback,
               std::chrono::system_clock::time_point now) {
    std::chrono::system_clock::time_point then;
    const std::string& text = rfc3339.empty() ? fallback : rfc3339;
    if (!parse_rfc3339(text, then)) return -1;
    return static_cast<int>(std::chrono::duration_cast<std::chrono::hours>(now - then).count() / 24);
}

// What the device said it still holds, in words: "nothing", "3 responses queued, 1 quarantined".
std::string holdings(const DeviceRow& d) {
    if (d.reported_at.empty()) return "not reported";
    std::vector<std::string> parts;
    auto add = [&](std::int64_t n, const char* one, const char* many, const char* what) {
        if (n > 0) parts.push_back(grouped(n) + " " + (n == 1 ? one : many) + " " + what);
    };
    add(d.queued, "response", "responses", "queued");
    add(d.quarantined, "response", "responses", "quarantined");
    add(d.sessions_queued, "meeting session", "meeting sessions", "queued");
    if (parts.empty()) return "nothing left to send";
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
    return out;
}

void devices_list(const ConsoleParts& parts, Visit& v, int status, const mustache::data* notice) {
    mustache::data list = mustache::data::type::list;
    const bool admin = v.session.user.role == UserRole::Admin;
    const auto now = std::chrono::system_clock::now();
    for (const auto& d : parts.console.devices()) {
        mustache::data row;
        row.set("id", d.id);
        row.set("short_id", d.id.substr(0, 8));
        row.set("name", d.name);
        row.set("division", d.division);
        row.set("enrolled_at", d.enrolled_at.substr(0, 10));
        row.set("last_seen", minute(d.last_seen(), "never"));
        row.set("last_sync", minute(d.reported_at, "not reported"));
        row.set("app_version", d.app_version.empty() ? "" : "version " + d.app_version);
        row.set("holdings", holdings(d));
        row.set("holds_back", d.queued + d.quarantined + d.sessions_queued > 0);
        row.set("responses", grouped(d.responses));
        const int silent = d.revoked_at.empty() ? days_since(d.last_seen(), d.enrolled_at, now) : -1;
        row.set("silent", silent >= kSilentDays);
        row.set("silent_days", std::to_string(silent));
        row.set("revoked", !d.revoked_at.empty());
        row.set("revoked_at", d.revoked_at.substr(0, 10));
        row.set("can_revoke", admin && d.revoked_at.empty());
        row.set("division_action", parts.link("/devices/" + d.id + "/division"));
        row.set("revoke_action", parts.link("/devices/" + d.id + "/revoke"));
        list.push_back(row);
    }
    mustache::data data;
    data.set("devices", list);
    data.set("none", list.is_empty_list());
    data.set("divisions_known", parts.console.divisions().empty() ? "" : "yes");
    if (notice) data.set("notice", *notice);
    parts.page(v.res, status, "Devices", "devices", data, &v.session, "devices");
}

// Trims and checks a division from a form; "" clears it. Sets `problem` when it is too long.
std::string clean_division(std::string text, std::string& problem) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.erase(0, 1);
    if (text.size() > kMaxDivision) {
        problem = "Division: at most " + std::to_string(kMaxDivision) + " characters.";
    }
    return text;
}

}  // namespace

void devices_page(const ConsoleParts& parts, Visit& visit) {
    devices_list(parts, visit, 200, nullptr);
}

void set_device_division(const ConsoleParts& parts, Visit& v, const std::string& id) {
    const Form form = read_form(v.req);
    if (!parts.csrf_ok(v, form)) return;
    std::string problem;
    const std::string division = clean_division(form.get("division"), problem);
    mustache::data notice;
    if (!problem.empty()) {
        notice.set("error", problem);
        devices_list(parts, v, 400, &notice);
        return;
    }
    auto before = parts.console.device(id);
    if (!before || !parts.console.set_division(id, division)) {
        notice.set("error", "There is no device " + id + " on this store; nothing was changed.");
        devices_list(parts, v, 404, &notice);
        return;
    }
    parts.audit(v, "set division",
                before->name + " (" + id + "): \"" + before->division + "\" to \"" + division + "\"");
    notice.set("done", "The division of " + before->name + " is now " +
                           (division.empty() ? std::string("none") : "\"" + division + "\"") + ".");
    devices_list(parts, v, 200, &notice);
}

void revoke_device_page(const ConsoleParts& parts, Visit& v, const std::string& id) {
    const Form form = read_form(v.req);
    if (!parts.csrf_ok(v, form)) return;
    mustache::data notice;
    auto device = parts.console.device(id);
    if (!device || !parts.db.revoke_device(id)) {
        notice.set("error", "There is no device " + id + " on this store; nothing was changed.");
        devices_list(parts, v, 404, &notice);
        return;
    }
    parts.audit(v, "revoke device", device->name + " (" + id + ")");
    notice.set("done", device->name + " is revoked: its next sync is refused, and it must be "
                                      "enrolled again. What it sent before stays stored.");
    devices_list(parts, v, 200, &notice);
}

void make_enrol_code_page(const ConsoleParts& parts, Visit& v) {
    const Form form = read_form(v.req);
    if (!parts.csrf_ok(v, form)) return;
    std::string problem;
    const std::string division = clean_division(form.get("division"), problem);
    std::string name = form.get("name");
    mustache::data notice;
    if (name.empty()) problem = "Device name: give the device a name, e.g. Witney Library kiosk 1.";
    if (!problem.empty()) {
        notice.set("error", problem);
        devices_list(parts, v, 400, &notice);
        return;
    }
    const std::string code =
        parts.db.make_enrol_code(name, std::chrono::system_clock::now(), std::chrono::hours(24),
                                 division);
    parts.audit(v, "make enrolment code",
                name + (division.empty() ? std::string() : " in " + division));
    notice.set("code", code);
    notice.set("code_name", name);
    devices_list(parts, v, 200, &notice);
}

}  // namespace fv::central
