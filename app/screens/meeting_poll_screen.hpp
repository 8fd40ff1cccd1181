// Polling the room on a choice, smiley or scale question of the session's consultation:
// a show of hands (big + and - per option, stored as the session's counts), or the laptop
// passed round (each person's tap is a response with mode `meeting` and the session's id,
// and the screen clears for the next person).
#pragma once

#include <string>

#include "app/screens/screen.hpp"

namespace fv::screens {

class MeetingPollScreen final : public Screen {
  public:
    void on_enter(Flow& flow) override;
    void draw(Flow& flow) override;

  private:
    void draw_choice(Flow& flow);
    void draw_hands(Flow& flow);
    void draw_pass_round(Flow& flow);
    // Both ways of counting, each part and their sum (what the presenter shows).
    void draw_totals(Flow& flow);
    void record_answer(Flow& flow, const nlohmann::json& value);

    std::string problem_;
    int answered_ = 0;  // people who answered in this pass-round, for "Thank you" between them
    bool just_answered_ = false;
    bool choosing_ = true;  // the list of questions is open
};

}  // namespace fv::screens
