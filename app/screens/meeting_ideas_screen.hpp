// Ideas and dot-voting: gather ideas during the session, then each attendee in turn places a
// set number of dots (Meeting::kDotsEach) across them; the ranking follows the dots.
#pragma once

#include <array>
#include <string>

#include "app/screens/screen.hpp"

namespace fv::screens {

class MeetingIdeasScreen final : public Screen {
  public:
    void on_enter(Flow& flow) override;
    void draw(Flow& flow) override;

  private:
    void draw_gather(Flow& flow);
    void draw_voting(Flow& flow);

    std::array<char, 1000> idea_{};
    std::string problem_;
    bool voting_ = false;
    int voter_ = 0;  // the attendee placing dots now (numbered from 1), 0 before voting
    bool focus_ = true;
    std::string session_;  // the session the voter numbers belong to
};

}  // namespace fv::screens
