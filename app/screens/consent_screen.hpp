// The privacy notice and consent: "I agree" starts the questions, "No thanks" ends the visit.
// Quoting publicly and being contacted are separate, optional choices.
#pragma once

#include "app/screens/screen.hpp"

namespace fv::screens {

class ConsentScreen final : public Screen {
  public:
    void draw(Flow& flow) override;
};

}  // namespace fv::screens
