// Console pages of devices: every enrolled device with its division, setting a division,
// revoking a device, and making an enrolment code (shown once).
#include <chrono>

#include "sync/central/console_web.hpp"

namespace fv::central {

namespace {

constexpr std::size_t kMaxDivision = 100;

void devices_list(const ConsoleParts& parts, Visit& v, int status, const mustache::data* notice) {
    mustache::data list = mustache::data::type::list;
    const bool admin = v.session.user.role == UserRole::Admin;
    for (const auto& d : parts.console.devices()) {
        mustache::data row;
        row.set("id", d.id);
        row.set("name", d.name);
        row.set("division", d.division);
        row.set("enrolled_at", d.enrolled_at.substr(0, 10));
        row.set("last_upload", d.last_upload.empty() ? "never" : d.last_upload.substr(0, 16).replace(10, 1, " "));
        row.set("responses", grouped(d.responses));
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
