// The kiosk's screens by id, each with the traits the shell acts on: whether the page is
// wiped after inactivity, whether the projector's window stays open beside it, and whether
// switch scanning steps on it. One table (KioskApp's constructor) instead of a switch per
// trait; a screen may serve two ids (the PIN screen sets the first PIN and unlocks).
#pragma once

#include <map>
#include <memory>
#include <vector>

#include "app/screens/screen.hpp"

namespace fv::screens {

struct ScreenTraits {
    // "Are you still there?" after a minute without input, then the wipe: a page that holds
    // a resident's answers, or an officer's unlocked screens.
    bool timed = false;
    // The projector's window stays open beside it (the meeting's and the officer's pages);
    // any other page (a resident's, the PIN) closes it.
    bool keeps_projector = false;
    // Switch scanning's highlight steps on its own (not on the officer's pages, which are
    // used by touch and keyboard).
    bool scanned = true;
};

class ScreenRegistry {
  public:
    // The screen that draws `id`; the registry owns it.
    Screen& add(ScreenId id, std::unique_ptr<Screen> screen, ScreenTraits traits = {});
    // `id` is drawn by the screen already added for `same_as`, with its own traits.
    void add_alias(ScreenId id, ScreenId same_as, ScreenTraits traits = {});

    // Throws std::out_of_range, naming the id, for one never added.
    Screen& screen(ScreenId id) const;
    const ScreenTraits& traits(ScreenId id) const;
    bool has(ScreenId id) const { return entries_.count(id) != 0; }

  private:
    struct Entry {
        Screen* screen;
        ScreenTraits traits;
    };
    const Entry& entry(ScreenId id) const;

    std::vector<std::unique_ptr<Screen>> owned_;
    std::map<ScreenId, Entry> entries_;
};

}  // namespace fv::screens
