// Quick capture during a meeting: type what was said, tag it with the consultation's themes
// (one tap each), say who said it, Enter saves and clears. Notes listed newest first, each
// editable until the session ends.
#pragma once

#include <array>
#include <set>
#include <string>

#include "app/screens/screen.hpp"
#include "core/store/session.hpp"

namespace fv::screens {

class MeetingNotesScreen final : public Screen {
  public:
    void on_enter(Flow& flow) override;
    void draw(Flow& flow) override;

  private:
    void draw_capture(Flow& flow);
    void draw_speaker(Flow& flow);
    void draw_list(Flow& flow);
    void save(Flow& flow);
    void clear();

    std::array<char, 4000> text_{};
    std::array<char, 200> new_organisation_{};
    std::set<std::string> themes_;
    Speaker speaker_;
    std::string editing_;  // the id of the note being edited, "" for a new one
    std::string problem_;
    bool focus_ = true;
    bool cursor_to_end_ = false;
};

// "opening-hours" -> "opening hours": a theme id as a person reads it.
std::string theme_words(const std::string& id);

}  // namespace fv::screens
