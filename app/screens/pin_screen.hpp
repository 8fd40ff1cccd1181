// The officer PIN: chosen twice on first run (there is never a default PIN), then asked for
// to leave kiosk mode. A keypad of large keys, and the digits of a keyboard too.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "app/screens/screen.hpp"

namespace fv::screens {

class PinScreen final : public Screen {
  public:
    ~PinScreen() override;
    void on_enter(Flow& flow) override;
    void draw(Flow& flow) override;

  private:
    enum class Mode { Choose, Confirm, Unlock };
    void press_ok(Flow& flow);
    void clear(std::string& digits);

    Mode mode_ = Mode::Unlock;
    std::string entered_, first_choice_;
    std::string message_key_;
    int failures_ = 0;
    std::optional<std::chrono::steady_clock::time_point> locked_until_;
};

}  // namespace fv::screens
