// The session's summary: counts, themes, poll results, the idea ranking and every note; and
// the end of the session (asked twice: an ended session can no longer be changed).
#pragma once

#include <string>

#include "app/screens/screen.hpp"
#include "core/store/session.hpp"

namespace fv::screens {

class MeetingSummaryScreen final : public Screen {
  public:
    void on_enter(Flow& flow) override;
    void draw(Flow& flow) override;

  private:
    void draw_polls(Flow& flow, const SessionRecord& record);

    bool confirm_end_ = false;
    std::string problem_;
};

}  // namespace fv::screens
