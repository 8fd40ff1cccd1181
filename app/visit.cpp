// The visit's lifetime: start, widgets, and the one wipe.
#include "app/visit.hpp"

#include <sodium.h>

namespace fv {

void scrub(nlohmann::json& value) {
    if (value.is_string()) {
        auto& s = value.get_ref<std::string&>();
        sodium_memzero(s.data(), s.size());
    } else if (value.is_structured()) {
        for (auto& child : value) scrub(child);
    }
}

void VisitKeeper::start(const std::string& language, const std::string& started_at) {
    const bool read_aloud = visit_.read_aloud;
    const speech::Speed speed = visit_.speech_speed;
    wipe(language);
    visit_.read_aloud = read_aloud;
    visit_.speech_speed = speed;
    visit_.active = true;
    visit_.started_at = started_at;
}

void VisitKeeper::wipe(const std::string& default_language) {
    scrub(visit_.answers);
    scrub(visit_.participant);
    visit_ = Visit{};
    visit_.language = default_language;
}

widgets::QuestionWidget* VisitKeeper::widget_for(const Question& question) {
    auto& slot = visit_.widgets[question.id];
    if (!slot) slot = widgets::make_widget(question);
    return slot.get();
}

}  // namespace fv
