// What the presenter view shows, apart from where it is drawn: the chart's title and bars
// read from the store as they are now, and the drawing of them with ImDrawList. The laptop's
// presenter screen and the projector's window (app/projector_window) both draw it. Counts
// under 5 read "fewer than 5" and draw no bar, so nobody in a small room can be identified.
#pragma once

#include <string>
#include <vector>

#include "app/flow.hpp"
#include "app/meeting/meeting.hpp"

namespace fv::screens {

struct PresenterBar {
    std::string label;
    int count = 0;
    std::string shown;  // the count as the public view shows it ("12", "fewer than 5")
    // Alike when they look alike: a count under 5 draws no bar, so 2 and 3 are the same
    // picture (and the projector is not redrawn for it).
    bool operator==(const PresenterBar& o) const { return label == o.label && shown == o.shown; }
};

struct PresenterContent {
    PresenterChart chart = PresenterChart::Poll;
    std::string session_title;
    std::string title;
    std::string note;  // what the chart counts, under its title ("" for none)
    std::vector<PresenterBar> bars;
    bool operator==(const PresenterContent& o) const {
        return chart == o.chart && session_title == o.session_title && title == o.title &&
               note == o.note && bars == o.bars;
    }
    bool operator!=(const PresenterContent& o) const { return !(*this == o); }
};

// The chart `chart` of the open session, as it is in the store now.
PresenterContent presenter_content(Flow& flow, PresenterChart chart);

// Draws the session title, the chart's heading and its bars (at most 8, then "and N more")
// at the cursor, filling the width and about `height` pixels; reports each bar to the Probe
// as "label: shown".
void draw_presenter_content(const PresenterContent& content, const ui::Strings& strings,
                            float height);

}  // namespace fv::screens
