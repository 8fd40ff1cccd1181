// Officer screen: the layout, and the enrolment and sync work it starts off the frame.
#include "app/screens/officer_screen.hpp"

#include <imgui.h>
#include <imgui_internal.h>
#include <sodium.h>
#include <unistd.h>

#include <algorithm>
#include <cfloat>
#include <chrono>
#include <cstring>
#include <ctime>
#include <sstream>

#include "app/screens/meeting_nav.hpp"
#include "app/screens/page.hpp"
#include "app/settings_keys.hpp"
#include "app/ui/ui.hpp"

namespace fv::screens {
namespace {

constexpr std::size_t kQuarantineShown = 20;  // the rest are counted, not listed

template <std::size_t N>
void copy_into(std::array<char, N>& field, const std::string& text) {
    const std::size_t n = std::min(text.size(), N - 1);
    std::memcpy(field.data(), text.data(), n);
    field[n] = '\0';
}

template <std::size_t N>
std::string text_of(const std::array<char, N>& field) {
    return std::string(field.data(), strnlen(field.data(), N));
}

template <typename T>
bool ready(const std::future<T>& f) {
    return f.valid() && f.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
}

// "2026-11-23T14:52:07Z" -> "2026-11-23 14:52 UTC": what an officer reads at a glance.
std::string readable_time(const std::string& rfc3339) {
    if (rfc3339.size() < 16 || rfc3339[10] != 'T') return rfc3339;
    return rfc3339.substr(0, 10) + " " + rfc3339.substr(11, 5) + " UTC";
}

std::string host_name() {
    char name[128] = {0};
    if (gethostname(name, sizeof name - 1) != 0 || name[0] == 0) return "Fieldvoice kiosk";
    return name;
}

// A labelled one-line text field the Probe reports under `label` (tests tap it to type).
void text_field(const std::string& label, const char* id, char* buffer, std::size_t size,
                bool enabled, float width, ImGuiInputTextFlags flags = 0) {
    ui::text(label);
    ImGui::SetNextItemWidth(width);
    // A thin border: a white field on the light page must still read as a field.
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 2.0f);
    ImGui::PushStyleColor(ImGuiCol_Border, ui::theme().muted_text);
    if (!enabled) ImGui::BeginDisabled();
    ImGui::InputText(id, buffer, size, flags);
    if (!enabled) ImGui::EndDisabled();
    ImGui::PopStyleColor();
    ImGui::PopStyleVar();
    ui::report_last_item(label, enabled);
}

}  // namespace

OfficerScreen::~OfficerScreen() {
    sodium_memzero(code_.data(), code_.size());
    // The futures' destructors wait for their work; the app has cancelled the engine by now.
}

void OfficerScreen::on_enter(Flow& flow) {
    if (url_[0] == '\0') copy_into(url_, flow.store().setting(kSettingStoreUrl).value_or(""));
    if (name_[0] == '\0') copy_into(name_, host_name());
    sodium_memzero(code_.data(), code_.size());
    if (!enrolling()) {
        enrol_message_.clear();
        show_form_ = false;
    }
    if (!syncing()) sync_message_.clear();
    drives_ = flow.usb_drives();
    usb_message_.clear();
}

bool OfficerScreen::enrolling() const {
    return enrol_.valid();
}

bool OfficerScreen::syncing() const {
    return sync_.valid();
}

void OfficerScreen::collect(Flow& flow) {
    SyncEngine* engine = flow.sync_engine();
    if (ready(enrol_)) {
        const EnrolResult result = enrol_.get();
        enrol_ok_ = result.ok;
        enrol_message_ = result.message;
        if (result.ok) {
            show_form_ = false;  // the engine has written the enrolment to the audit log
            // Pull the store's consultations at once, so the officer can choose one now.
            if (engine != nullptr && !syncing()) {
                sync_ = std::async(std::launch::async, [engine] { return engine->run_once(); });
            }
        }
    }
    if (ready(sync_)) {
        const SyncReport report = sync_.get();
        const ui::Strings& s = flow.strings();
        sync_ok_ = report.outcome == SyncOutcome::Done;
        if (report.outcome == SyncOutcome::Done) {
            sync_message_ = s.format("officer.sync.done", std::to_string(report.stored),
                                     std::to_string(report.duplicate));
            if (report.rejected > 0) {
                sync_message_ +=
                    " " + s.format("officer.sync.rejected", std::to_string(report.rejected));
            }
            // A pass the officer asked for went well: periodic syncing resumes if it stopped.
            if (engine != nullptr && engine->status().activity == SyncStatus::Activity::Stopped) {
                engine->sync_now();
            }
        } else if (report.outcome == SyncOutcome::Cancelled) {
            sync_message_ = s("officer.sync.cancelled");
        } else {
            sync_message_ = report.message;
        }
    }
}

void OfficerScreen::start_enrol(Flow& flow, SyncEngine& engine) {
    const std::string url = text_of(url_);
    const std::string code = text_of(code_);
    std::string name = text_of(name_);
    if (name.empty()) name = host_name();
    sodium_memzero(code_.data(), code_.size());
    enrol_message_.clear();
    flow.store().audit("officer_enrol_started", "store " + url);
    SyncEngine* e = &engine;
    enrol_ =
        std::async(std::launch::async, [e, url, code, name] { return e->enrol(url, code, name); });
}

void OfficerScreen::draw(Flow& flow) {
    collect(flow);
    const ui::Strings& s = flow.strings();
    SyncEngine* engine = flow.sync_engine();
    const SyncStatus status = engine ? engine->status() : SyncStatus{};
    const bool enrolled = flow.store().setting(kSettingDeviceToken).has_value();
    // Redraw a few times a second only while work runs (the progress bar, the result).
    flow.keep_awake(enrolling() || syncing() || status.activity == SyncStatus::Activity::Syncing);

    begin_body("officer", footer_height());
    ui::heading(s("officer.title"));
    // Meetings, partners and assisted visits first: a councillor new to the app finds them
    // without scrolling at any text size; the store, sync and consultation follow.
    officer_meeting_links(flow);
    gap(8);
    draw_enrol(flow, engine, enrolled);
    gap(8);
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    // The queue by state, in one row.
    const QueueCounts counts = flow.store().counts();
    if (ImGui::BeginTable("officer_counts", 3, ImGuiTableFlags_SizingStretchSame)) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ui::text(s.format("officer.queued", std::to_string(counts.queued)));
        ImGui::TableSetColumnIndex(1);
        ui::text(s.format("officer.synced", std::to_string(counts.synced)));
        ImGui::TableSetColumnIndex(2);
        ui::text(s.format("officer.quarantined", std::to_string(counts.quarantined)));
        ImGui::EndTable();
    }
    if (ImGui::BeginTable("officer_columns", 2, ImGuiTableFlags_SizingStretchSame)) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        draw_sync(flow, engine, status, enrolled);
        ImGui::TableSetColumnIndex(1);
        // A table lowers the first line of each cell to the row's tallest frame baseline (the
        // buttons on the left): the right column's heading starts at the top like the left's.
        ImGui::GetCurrentWindow()->DC.CurrLineTextBaseOffset = 0.0f;
        ImGui::Indent(spacing);
        draw_consultations(flow);
        ImGui::Unindent(spacing);
        ImGui::EndTable();
    }
    gap(16);
    if (ui::button(s("officer.records.open"))) flow.go(ScreenId::OfficerRecords);
    gap(16);
    draw_usb(flow);
    gap(16);
    draw_quarantine(flow);
    end_body();

    begin_footer("officer_footer");
    const float half = (column_width() - spacing) * 0.5f;
    if (ui::primary_button(s("officer.return"), ImVec2(half, 0))) {
        flow.store().audit("officer_returned_to_kiosk");
        flow.end_visit();
    }
    ImGui::SameLine();
    if (ui::button(s("officer.quit"), ImVec2(half, 0))) {
        flow.store().audit("officer_quit");
        flow.quit();
    }
    end_footer();
}

void OfficerScreen::draw_enrol(Flow& flow, SyncEngine* engine, bool enrolled) {
    const ui::Strings& s = flow.strings();
    if (enrolled && !show_form_ && !enrolling()) {
        if (!enrol_message_.empty() && enrol_ok_) ui::text(enrol_message_);
        ui::text(s.format("officer.store.enrolled",
                          flow.store().setting(kSettingStoreUrl).value_or("")));
        if (ui::button(s("officer.store.change"), ImVec2(0, 0), !syncing())) show_form_ = true;
        return;
    }
    ui::heading(s("officer.store.title"));
    if (!enrolled) ui::muted(s("officer.store.not_enrolled"));
    const bool editable = engine != nullptr && !enrolling();
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float half = (column_width() - spacing) * 0.5f;
    text_field(s("officer.store.url"), "##store_url", url_.data(), url_.size(), editable, -FLT_MIN);
    ImGui::BeginGroup();
    text_field(s("officer.store.code"), "##enrol_code", code_.data(), code_.size(), editable, half,
               ImGuiInputTextFlags_CharsUppercase | ImGuiInputTextFlags_CharsNoBlank);
    ImGui::EndGroup();
    ImGui::SameLine();
    // SameLine keeps the baseline of the field just drawn; the label starts at the top.
    ImGui::GetCurrentWindow()->DC.CurrLineTextBaseOffset = 0.0f;
    ImGui::BeginGroup();
    text_field(s("officer.store.name"), "##device_name", name_.data(), name_.size(), editable,
               half);
    ImGui::EndGroup();
    const bool can_enrol = editable && url_[0] != '\0' && code_[0] != '\0' && !syncing();
    if (ui::primary_button(enrolling() ? s("officer.store.enrolling") : s("officer.store.enrol"),
                           ImVec2(0, 0), can_enrol)) {
        start_enrol(flow, *engine);
    }
    if (enrolled) {
        ImGui::SameLine();
        if (ui::button(s("officer.store.keep"), ImVec2(0, 0), !enrolling())) {
            show_form_ = false;
            enrol_message_.clear();
        }
    }
    if (!enrol_message_.empty()) {
        if (enrol_ok_) {
            ui::text(enrol_message_);
        } else {
            ui::error_text(enrol_message_);
        }
    }
}

void OfficerScreen::draw_sync(Flow& flow, SyncEngine* engine, const SyncStatus& status,
                              bool enrolled) {
    const ui::Strings& s = flow.strings();
    ui::heading(s("officer.sync.title"));
    const std::string last = flow.store().setting(kSettingLastSyncAt).value_or("");
    ui::text(last.empty() ? s("officer.sync.never")
                          : s.format("officer.sync.last_success", readable_time(last)));
    if (!enrolled) {
        ui::muted(s("officer.sync.enrol_first"));
        return;
    }

    const bool running = syncing() || status.activity == SyncStatus::Activity::Syncing;
    if (running) {
        const std::int64_t sent = engine ? engine->progress_sent() : 0;
        const std::int64_t total = engine ? engine->progress_total() : 0;
        const float fraction =
            total > 0 ? static_cast<float>(sent) / static_cast<float>(total) : 0.0f;
        // Before the first batch the pass is still talking to the store (health, counting).
        const std::string words = total > 0 ? s.format("officer.sync.progress",
                                                       std::to_string(sent), std::to_string(total))
                                            : s("officer.sync.contacting");
        ImGui::ProgressBar(std::clamp(fraction, 0.0f, 1.0f), ImVec2(-FLT_MIN, 0), words.c_str());
        ui::report_last_item(words);
    }
    if (ui::primary_button(running ? s("officer.sync.running") : s("officer.sync.now"),
                           ImVec2(0, 0), engine != nullptr && !running && !enrolling())) {
        flow.store().audit("officer_sync_now");
        sync_message_.clear();
        sync_ = std::async(std::launch::async, [engine] { return engine->run_once(); });
    }
    ImGui::SameLine();
    if (ui::button(s("officer.sync.cancel"), ImVec2(0, 0), running && engine != nullptr)) {
        engine->cancel();
    }
    if (!sync_message_.empty() && !running) {
        if (sync_ok_) {
            ui::text(sync_message_);
        } else {
            ui::error_text(sync_message_);
        }
    }
    // The last problem, in the engine's plain words; "" once a pass went well.
    const std::string error = !status.last_error.empty()
                                  ? status.last_error
                                  : flow.store().setting(kSettingLastError).value_or("");
    if (!error.empty() && !running && error != sync_message_) {
        ui::error_text(s.format("officer.sync.last_error", error));
    }
    if (!status.clock_warning.empty()) ui::error_text(status.clock_warning);
}

void OfficerScreen::draw_consultations(Flow& flow) {
    const ui::Strings& s = flow.strings();
    ui::heading(s("officer.consult.title"));
    const Consultation* active = flow.consultation();
    if (active != nullptr) {
        ui::text(s.format("officer.active",
                          active->title.in(active->default_language(), active->default_language()),
                          active->id + " v" + std::to_string(active->version)));
    } else {
        ui::text(s("officer.no_active"));
    }
    const std::vector<ConsultationRef> stored = flow.store().consultations();
    if (stored.empty()) {
        ui::muted(s("officer.consult.none_stored"));
        return;
    }
    ui::muted(s("officer.consult.choose"));
    // Listed by id then version: the last of each id is its newest version. A button carries
    // the short id (titles are long); the title is written above it.
    for (std::size_t i = 0; i < stored.size(); ++i) {
        const ConsultationRef& ref = stored[i];
        if (i + 1 < stored.size() && stored[i + 1].id == ref.id) continue;
        const bool is_active =
            active != nullptr && active->id == ref.id && active->version == ref.version;
        const std::string label = ref.id + " v" + std::to_string(ref.version);
        gap(4);
        ui::text(ref.title);
        if (ui::button(label, ImVec2(0, 0), true, is_active, ref.id.c_str()) && !is_active) {
            flow.use_consultation(ref.id);
        }
    }
}

void OfficerScreen::draw_usb(Flow& flow) {
    const ui::Strings& s = flow.strings();
    ui::heading(s("officer.usb.title"));
    if (drives_.empty()) ui::muted(s("officer.usb.none"));
    struct Kind {
        const char* label;
        ExportChoice choice;
    };
    const Kind kinds[] = {{"officer.usb.responses_csv", {"csv", false, std::nullopt}},
                          {"officer.usb.responses_json", {"json", false, std::nullopt}},
                          {"officer.usb.sessions_csv", {"csv", true, std::nullopt}}};
    for (const platform::Drive& drive : drives_) {
        ui::text(s.format("officer.usb.on", drive.label));
        for (std::size_t k = 0; k < std::size(kinds); ++k) {
            const std::string label = s(kinds[k].label);
            if (k > 0) beside_if_fits(button_width(label));
            const std::string id = drive.mount_point.string() + "/" + kinds[k].label;
            if (ui::button(label, ImVec2(0, 0), true, false, id.c_str())) {
                save_to(flow, drive, kinds[k].choice);
            }
        }
    }
    if (!usb_message_.empty()) {
        if (usb_ok_) {
            ui::text(usb_message_);
        } else {
            ui::error_text(usb_message_);
        }
    }
    if (ui::button(s("officer.usb.look"))) {
        drives_ = flow.usb_drives();
        usb_message_.clear();
    }
    // A new message is brought into view (it may have been below the fold): the settling
    // frames that follow a tap draw it scrolled in.
    if (reveal_usb_message_) {
        ImGui::SetScrollHereY(1.0f);
        reveal_usb_message_ = false;
    }
}

void OfficerScreen::save_to(Flow& flow, const platform::Drive& drive, const ExportChoice& choice) {
    const ui::Strings& s = flow.strings();
    // fieldvoice-responses-20261203-2315.csv: sorts by time, and names what it holds.
    const std::time_t t = std::chrono::system_clock::to_time_t(flow.clock().wall_now());
    std::tm utc{};
    gmtime_r(&t, &utc);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &utc);
    const std::string name = std::string("fieldvoice-") +
                             (choice.sessions ? "sessions-" : "responses-") + stamp + "." +
                             choice.format;
    try {
        std::ostringstream warnings;  // definitions it could not use: the export goes ahead
        const ExportWriter writer = prepare_export(flow.store(), choice, warnings);
        // Written through a temporary name, fsync'ed and renamed: whole on the stick on return.
        write_file_durably(drive.mount_point / name, writer.write);
        flow.store().audit("export", choice.format + ", " + writer.what + " to USB " +
                                         drive.mount_point.string());
        usb_message_ = s.format("officer.usb.saved", writer.what, name);
        usb_ok_ = true;
        reveal_usb_message_ = true;
    } catch (const std::exception& e) {
        usb_message_ = s.format("officer.usb.failed", e.what());
        usb_ok_ = false;
        reveal_usb_message_ = true;
    }
}

void OfficerScreen::draw_quarantine(Flow& flow) {
    const ui::Strings& s = flow.strings();
    const std::vector<StoredResponse> held = flow.store().quarantined();
    ui::heading(s.format("officer.quarantine.title", std::to_string(held.size())));
    if (held.empty()) {
        ui::muted(s("officer.quarantine.none"));
        return;
    }
    ui::muted(s("officer.quarantine.explain"));
    for (std::size_t i = 0; i < held.size() && i < kQuarantineShown; ++i) {
        const StoredResponse& r = held[i];
        ui::text(s.format("officer.quarantine.item", r.response.id,
                          readable_time(r.response.submitted_at)));
        const std::string reason = r.quarantine_message.empty()
                                       ? r.quarantine_code
                                       : r.quarantine_message + " (" + r.quarantine_code + ")";
        ui::error_text(reason);
    }
    if (held.size() > kQuarantineShown) {
        ui::muted(
            s.format("officer.quarantine.more", std::to_string(held.size() - kQuarantineShown)));
    }
}

}  // namespace fv::screens
