// The presenter view for a projector: the whole window, one big bar chart at a time (the poll
// in hand, the idea ranking, the themes so far), drawn with ImDrawList. Counts under 5 read
// "fewer than 5" and draw no bar, so nobody in a small room can be identified.
#pragma once

#include <string>
#include <vector>

#include "app/screens/screen.hpp"

namespace fv::screens {

class MeetingPresenterScreen final : public Screen {
  public:
    enum class Chart { Poll, Ideas, Themes };
    void on_enter(Flow& flow) override;
    void draw(Flow& flow) override;

  private:
    struct Bar {
        std::string label;
        int count = 0;
    };
    std::vector<Bar> poll_bars(Flow& flow, std::string& title);
    std::vector<Bar> idea_bars(Flow& flow);
    std::vector<Bar> theme_bars(Flow& flow);
    void draw_chart(Flow& flow, const std::string& title, const std::vector<Bar>& bars,
                    float height);

    Chart chart_ = Chart::Poll;
};

}  // namespace fv::screens
