// The presenter view. With a second display, its charts go to a window of their own there
// (app/projector_window) and this screen is the laptop's control of it: which chart, a
// preview, close. With one display, or once that window is closed or its display has gone,
// this screen is the view itself: the whole window, one big bar chart at a time (the poll in
// hand, the idea ranking, the themes so far), left with its Close button or Escape, back
// to the meeting page it was opened from.
#pragma once

#include "app/screens/screen.hpp"

namespace fv::screens {

class MeetingPresenterScreen final : public Screen {
  public:
    void on_enter(Flow& flow) override;
    void draw(Flow& flow) override;

  private:
    void draw_control(Flow& flow);
    void draw_full(Flow& flow);
    // The three chart buttons, each `width` wide (0: as wide as its label).
    void draw_chart_choice(Flow& flow, float width);
    ScreenId way_back() const { return came_from_; }

    ScreenId came_from_ = ScreenId::MeetingNotes;  // where Esc and Close go back to
};

}  // namespace fv::screens
