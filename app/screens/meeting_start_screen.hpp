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
    void draw_form(Flow& flow);
    void draw_sessions(Flow& flow);
    void start(Flow& flow);
    void open(Flow& flow, const std::string& id, ScreenId where);

    std::array<char, 200> title_{}, place_{}, division_{}, facilitator_{};
    std::string consultation_id_;
    std::string problem_;
};

}  // namespace fv::screens
