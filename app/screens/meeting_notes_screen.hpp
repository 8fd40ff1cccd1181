// Quick capture during a meeting: type what was said, tag it with the consultation's themes
// (one tap each), say who said it, Enter saves and clears. Notes listed newest first, each
// editable until the session ends.
#pragma once

#include <array>
#include <set>
#include <string>
#include <vector>

#include "app/screens/screen.hpp"
#include "core/store/session.hpp"

namespace fv::screens {

class MeetingNotesScreen final : public Screen {
  public:
    void on_enter(Flow& flow) override;
    void draw(Flow& flow) override;

  private:
    void draw_capture(Flow& flow);
    // True when Enter was pressed in the "Another organisation" field.
    bool draw_speaker(Flow& flow);
    // The organisation typed in that field becomes who said it, and a button of its own.
    void add_typed_organisation();
    bool has_text() const;
    void draw_list(Flow& flow);
    void save(Flow& flow);
    void clear();

    std::array<char, 4000> text_{};
    std::array<char, 200> new_organisation_{};
    std::set<std::string> themes_;
    Speaker speaker_;
    std::string editing_;  // the id of the note being edited, "" for a new one
    // Organisations added in this session that no note names yet (the store lists the rest).
    std::vector<std::string> added_organisations_;
    std::string organisations_session_;
    std::string problem_;
    bool focus_ = true;
    bool cursor_to_end_ = false;
    bool organisation_active_ = false;  // "Another organisation" has the keyboard
};

// "opening-hours" -> "opening hours": a theme id as a person reads it.
std::string theme_words(const std::string& id);

}  // namespace fv::screens
