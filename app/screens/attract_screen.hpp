// The screen a kiosk shows between visits: the consultation's title, language choice, larger
// text and high contrast, and a big "Touch to start".
#pragma once

#include "app/screens/screen.hpp"

namespace fv::screens {

class AttractScreen final : public Screen {
  public:
    void draw(Flow& flow) override;
};

}  // namespace fv::screens
