// A partner organisation's submission: the organisation and the name of the person submitting
// on its behalf are both required; then the consultation's own screens follow, and the
// response is stored with mode `partner` and `participant` naming them.
#pragma once

#include <array>

#include "app/screens/screen.hpp"

namespace fv::screens {

class PartnerStartScreen final : public Screen {
  public:
    void on_enter(Flow& flow) override;
    void draw(Flow& flow) override;

  private:
    std::array<char, 200> organisation_{}, name_{};
};

}  // namespace fv::screens
