// Starting a meeting session (title, place, division from the council's list or typed,
// facilitator, consultation), or reopening an open one, or reviewing an ended one.
#pragma once

#include <array>
#include <string>

#include "app/screens/screen.hpp"

namespace fv::screens {

class MeetingStartScreen final : public Screen {
  public:
    void on_enter(Flow& flow) override;
    void draw(Flow& flow) override;

  private:
    // `with_consultation`: a new session chooses one; an open one keeps its own.
    void draw_form(Flow& flow, bool with_consultation);
    void draw_sessions(Flow& flow);
    // The open session's details form: Save the changes, or Cancel (Meeting::change_details).
    void draw_change(Flow& flow);
    void start(Flow& flow);
    void save_changes(Flow& flow);
    void open(Flow& flow, const std::string& id, ScreenId where);

    std::array<char, 200> title_{}, place_{}, division_{}, facilitator_{};
    std::string consultation_id_;
    std::string problem_;
    std::string changing_;  // the session whose details are in the form, "" for a new one
};

}  // namespace fv::screens
