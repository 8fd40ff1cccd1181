// The notes screen: each save is its own durable commit in the store.
#include "app/screens/meeting_notes_screen.hpp"

#include <imgui.h>

#include <cfloat>
#include <cstring>

#include "app/meeting/meeting.hpp"
#include "app/screens/meeting_nav.hpp"
#include "app/screens/page.hpp"
#include "app/ui/theme.hpp"
#include "app/ui/ui.hpp"

namespace fv::screens {

std::string theme_words(const std::string& id) {
    std::string out = id;
    for (char& c : out) {
        if (c == '-' || c == '_') c = ' ';
    }
    return out;
}

void MeetingNotesScreen::on_enter(Flow& flow) {
    (void)flow;
    problem_.clear();
    focus_ = true;
}

void MeetingNotesScreen::clear() {
    text_.fill('\0');
    new_organisation_.fill('\0');
    themes_.clear();
    editing_.clear();
    // Who spoke stays: the same partner often says several things in a row.
}

void MeetingNotesScreen::save(Flow& flow) {
    const std::string text(text_.data(), strnlen(text_.data(), text_.size()));
    const std::string typed(new_organisation_.data(),
                            strnlen(new_organisation_.data(), new_organisation_.size()));
    Speaker who = speaker_;
    if (!typed.empty()) who = Speaker::partner(typed);
    NoteDraft note{text, std::vector<std::string>(themes_.begin(), themes_.end()), who};
    // Themes in the consultation's order, not the set's.
    if (const Consultation* c = flow.meeting().consultation()) {
        note.themes.clear();
        for (const auto& t : c->themes) {
            if (themes_.count(t)) note.themes.push_back(t);
        }
    }
    try {
        if (editing_.empty()) {
            flow.store().add_note(flow.meeting().session_id(), note);
        } else {
            flow.store().edit_note(editing_, note);
        }
        speaker_ = who;
        problem_.clear();
        clear();
    } catch (const std::exception& e) {
        problem_ = e.what();  // the text stays in the box
    }
    focus_ = true;
}

void MeetingNotesScreen::draw(Flow& flow) {
    begin_body("meeting_notes", 0);
    if (!meeting_nav(flow, ScreenId::MeetingNotes)) {
        end_body();
        flow.go(ScreenId::MeetingStart);
        return;
    }
    // Capture on the left, the notes so far on the right, each scrolling on its own, so the
    // last notes stay in sight while the next is typed.
    const float height = ImGui::GetContentRegionAvail().y;
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    ImGui::BeginChild("capture", ImVec2((column_width() - spacing) * 0.55f, height), false,
                      ImGuiWindowFlags_NoBackground);
    draw_capture(flow);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("notes_list", ImVec2(0, height), false, ImGuiWindowFlags_NoBackground);
    draw_list(flow);
    ImGui::EndChild();
    end_body();
}

void MeetingNotesScreen::draw_capture(Flow& flow) {
    const ui::Strings& s = flow.strings();
    const std::string label =
        editing_.empty() ? s("meeting.notes.what") : s("meeting.notes.editing");
    const bool focus = focus_;
    focus_ = false;  // before save(), which asks for the keyboard again for the next note
    if (meeting_field(label, "##note", text_.data(), text_.size(), -FLT_MIN, focus,
                      &cursor_to_end_)) {
        save(flow);
    }
    // Save and Clear right under the box, where the eye already is.
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float half = (column_width() - spacing) * 0.5f;
    const bool has_text = text_[0] != '\0';
    if (ui::primary_button(
            editing_.empty() ? s("meeting.notes.save") : s("meeting.notes.save_edit"),
            ImVec2(half, 0), has_text)) {
        save(flow);
    }
    ImGui::SameLine();
    if (ui::button(s("meeting.notes.clear"), ImVec2(half, 0), has_text || !editing_.empty())) {
        clear();
        focus_ = true;
    }
    // Themes: one tap each, tapped again to take off.
    if (const Consultation* c = flow.meeting().consultation(); c && !c->themes.empty()) {
        ui::muted(s("meeting.notes.themes"));
        float used = 0;
        for (const std::string& t : c->themes) {
            const std::string words = theme_words(t);
            const float w =
                ImGui::CalcTextSize(words.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
            if (used > 0 && used + w < ImGui::GetContentRegionAvail().x) {
                ImGui::SameLine();
            } else {
                used = 0;
            }
            const bool on = themes_.count(t) > 0;
            if (ui::button(words, ImVec2(0, 0), true, on, t.c_str())) {
                if (on) {
                    themes_.erase(t);
                } else {
                    themes_.insert(t);
                }
                focus_ = true;
            }
            used += std::max(w, ui::theme().min_target) + ImGui::GetStyle().ItemSpacing.x;
        }
    }
    draw_speaker(flow);
    if (!problem_.empty()) ui::error_text(problem_);
}

void MeetingNotesScreen::draw_speaker(Flow& flow) {
    const ui::Strings& s = flow.strings();
    ui::muted(s("meeting.notes.who"));
    const bool typed = new_organisation_[0] != '\0';
    if (ui::button(s("meeting.notes.resident"), ImVec2(0, 0), true,
                   !typed && speaker_.kind == Speaker::Kind::Resident, "who_resident")) {
        speaker_ = Speaker::resident();
        new_organisation_.fill('\0');
        focus_ = true;
    }
    for (const std::string& org : flow.meeting().partner_organisations(flow.store())) {
        ImGui::SameLine();
        if (ImGui::GetContentRegionAvail().x < ImGui::CalcTextSize(org.c_str()).x + 40) {
            ImGui::NewLine();
        }
        const bool on =
            !typed && speaker_.kind == Speaker::Kind::Partner && speaker_.organisation == org;
        if (ui::button(org, ImVec2(0, 0), true, on, ("org_" + org).c_str())) {
            speaker_ = Speaker::partner(org);
            new_organisation_.fill('\0');
            focus_ = true;
        }
    }
    meeting_field(s("meeting.notes.other_org"), "##new_org", new_organisation_.data(),
                  new_organisation_.size(), -FLT_MIN);
}

void MeetingNotesScreen::draw_list(Flow& flow) {
    const ui::Strings& s = flow.strings();
    const auto notes = flow.store().notes(flow.meeting().session_id());
    ui::heading(s.format("meeting.notes.count", std::to_string(notes.size())));
    if (notes.empty()) ui::muted(s("meeting.notes.none"));
    for (const SessionNote& n : notes) {
        std::string who = n.speaker.kind == Speaker::Kind::Partner ? n.speaker.organisation
                                                                   : s("meeting.notes.resident");
        std::string line = clock_time(n.created_at) + "  " + who;
        if (!n.themes.empty()) {
            line += "  -";
            for (const auto& t : n.themes) line += " #" + theme_words(t);
        }
        if (n.edited_at) line += "  " + s("meeting.notes.edited");
        ui::muted(line);
        ui::text(n.text);
        if (ui::button(s("meeting.notes.edit"), ImVec2(0, 0), editing_ != n.id, false,
                       n.id.c_str())) {
            editing_ = n.id;
            const std::size_t len = std::min(n.text.size(), text_.size() - 1);
            text_.fill('\0');
            std::memcpy(text_.data(), n.text.data(), len);
            themes_ = std::set<std::string>(n.themes.begin(), n.themes.end());
            speaker_ = n.speaker;
            new_organisation_.fill('\0');
            focus_ = true;
            cursor_to_end_ = true;  // to carry on typing where the note ends
        }
        ImGui::Separator();
    }
}

}  // namespace fv::screens
