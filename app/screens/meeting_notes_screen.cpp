// The notes screen: each save is its own durable commit in the store.
#include "app/screens/meeting_notes_screen.hpp"

#include <imgui.h>

#include <algorithm>
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
    problem_.clear();
    focus_ = true;
    // Organisations added but never said anything belong to the session they were added in.
    if (flow.meeting().session_id() != organisations_session_) {
        added_organisations_.clear();
        organisations_session_ = flow.meeting().session_id();
    }
}

void MeetingNotesScreen::clear() {
    text_.fill('\0');
    new_organisation_.fill('\0');
    themes_.clear();
    editing_.clear();
    // Who said it goes back to "A resident", shown selected: a speaker kept from the last note
    // (or from an edited one) was easy to miss and wrongly carried over (README, "Notes").
    speaker_ = Speaker::resident();
}

bool MeetingNotesScreen::has_text() const {
    return text_[0] != '\0';
}

void MeetingNotesScreen::add_typed_organisation() {
    const std::string typed(new_organisation_.data(),
                            strnlen(new_organisation_.data(), new_organisation_.size()));
    const auto a = typed.find_first_not_of(" \t");
    new_organisation_.fill('\0');
    focus_ = true;  // back to the note box
    if (a == std::string::npos) return;
    const std::string name = typed.substr(a, typed.find_last_not_of(" \t") - a + 1);
    speaker_ = Speaker::partner(name);
    if (std::find(added_organisations_.begin(), added_organisations_.end(), name) ==
        added_organisations_.end()) {
        added_organisations_.push_back(name);
    }
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
        problem_.clear();
        clear();
    } catch (const std::exception& e) {
        problem_ = e.what();  // the text stays in the box
    }
    focus_ = true;
}

void MeetingNotesScreen::draw(Flow& flow) {
    if (!begin_meeting_page(flow, ScreenId::MeetingNotes, "meeting_notes", 0)) {
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
    // The box, its label and Save stay put at the top of the column; only the themes and who
    // said it scroll below them, so that giving the box the keyboard never scrolls its label
    // away.
    bool enter = meeting_field(label, "##note", text_.data(), text_.size(), -FLT_MIN, focus,
                               &cursor_to_end_);
    // Save and Clear right under the box, where the eye already is.
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float half = (ImGui::GetContentRegionAvail().x - spacing) * 0.5f;
    if (ui::primary_button(
            editing_.empty() ? s("meeting.notes.save") : s("meeting.notes.save_edit"),
            ImVec2(half, 0), has_text())) {
        enter = true;
    }
    ImGui::SameLine();
    if (ui::button(s("meeting.notes.clear"), ImVec2(half, 0), has_text() || !editing_.empty())) {
        clear();
        focus_ = true;
    }
    if (!problem_.empty()) ui::error_text(problem_);

    ImGui::BeginChild("capture_tags", ImVec2(0, 0), false, ImGuiWindowFlags_NoBackground);
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
    const bool org_entered = draw_speaker(flow);
    ImGui::EndChild();

    // Enter saves the note whatever was tapped last (a theme, who said it, Save's neighbour):
    // the box has not always got the keyboard back by then. Enter in the organisation's field
    // adds the organisation instead.
    if (org_entered) {
        add_typed_organisation();
        return;
    }
    const bool enter_key = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
                           ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false);
    // (The box itself may be taking the keyboard back in this very frame, too late to see the
    // key: the key counts all the same, unless it was meant for the organisation's field.)
    if (enter_key && !organisation_active_) enter = true;
    if (enter && has_text()) save(flow);
}

bool MeetingNotesScreen::draw_speaker(Flow& flow) {
    const ui::Strings& s = flow.strings();
    ui::muted(s("meeting.notes.who"));
    const bool typed = new_organisation_[0] != '\0';
    if (ui::button(s("meeting.notes.resident"), ImVec2(0, 0), true,
                   !typed && speaker_.kind == Speaker::Kind::Resident, "who_resident")) {
        speaker_ = Speaker::resident();
        new_organisation_.fill('\0');
        focus_ = true;
    }
    // Those heard at meetings so far, then any added here that has not spoken yet.
    std::vector<std::string> organisations = flow.meeting().partner_organisations(flow.store());
    for (const std::string& added : added_organisations_) {
        if (std::find(organisations.begin(), organisations.end(), added) == organisations.end()) {
            organisations.push_back(added);
        }
    }
    for (const std::string& org : organisations) {
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
    const bool entered =
        meeting_field(s("meeting.notes.other_org"), "##new_org", new_organisation_.data(),
                      new_organisation_.size(), -FLT_MIN);
    organisation_active_ = ImGui::IsItemActive();
    return entered;
}

void MeetingNotesScreen::draw_list(Flow& flow) {
    const ui::Strings& s = flow.strings();
    const auto notes = flow.store().notes(flow.meeting().session_id());
    ui::heading(s.format("meeting.notes.count", std::to_string(notes.size())));
    if (notes.empty()) ui::muted(s("meeting.notes.none"));
    for (const SessionNote& n : notes) {
        ui::muted(note_heading(n, s));
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
