// The read-aloud controls above every page of a read-aloud visit: "Say it again" and the
// speaking speed (slower, normal, faster, in turn). Left out of the page's own speech.
#pragma once

#include "app/flow.hpp"

namespace fv::screens {

class ReadAloudBar {
  public:
    // The room the bar needs above a page's body.
    static float height();
    void draw(Flow& flow);
};

}  // namespace fv::screens
