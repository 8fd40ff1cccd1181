#include "app/screens/screen_registry.hpp"

#include <stdexcept>
#include <string>

namespace fv::screens {

Screen& ScreenRegistry::add(ScreenId id, std::unique_ptr<Screen> screen, ScreenTraits traits) {
    Screen& added = *screen;
    owned_.push_back(std::move(screen));
    entries_[id] = {&added, traits};
    return added;
}

void ScreenRegistry::add_alias(ScreenId id, ScreenId same_as, ScreenTraits traits) {
    entries_[id] = {&screen(same_as), traits};
}

const ScreenRegistry::Entry& ScreenRegistry::entry(ScreenId id) const {
    const auto it = entries_.find(id);
    if (it == entries_.end()) {
        throw std::out_of_range("no screen is registered for " + std::string(to_string(id)));
    }
    return it->second;
}

Screen& ScreenRegistry::screen(ScreenId id) const { return *entry(id).screen; }

const ScreenTraits& ScreenRegistry::traits(ScreenId id) const { return entry(id).traits; }

}  // namespace fv::screens
