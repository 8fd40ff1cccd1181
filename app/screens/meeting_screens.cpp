// The meeting and partner screens, made once and routed by ScreenId.
#include "app/screens/meeting_screens.hpp"

#include "app/screens/meeting_ideas_screen.hpp"
#include "app/screens/meeting_notes_screen.hpp"
#include "app/screens/meeting_poll_screen.hpp"
#include "app/screens/meeting_presenter_screen.hpp"
#include "app/screens/meeting_start_screen.hpp"
#include "app/screens/meeting_summary_screen.hpp"
#include "app/screens/partner_start_screen.hpp"

namespace fv::screens {
void add_meeting_screens(ScreenRegistry& screens) {
    // The projector's window stays open beside all of them but the partner's submission.
    constexpr ScreenTraits kMeeting{.keeps_projector = true};
    screens.add(ScreenId::MeetingStart, std::make_unique<MeetingStartScreen>(), kMeeting);
    screens.add(ScreenId::MeetingNotes, std::make_unique<MeetingNotesScreen>(), kMeeting);
    screens.add(ScreenId::MeetingPoll, std::make_unique<MeetingPollScreen>(), kMeeting);
    screens.add(ScreenId::MeetingIdeas, std::make_unique<MeetingIdeasScreen>(), kMeeting);
    screens.add(ScreenId::MeetingPresenter, std::make_unique<MeetingPresenterScreen>(), kMeeting);
    screens.add(ScreenId::MeetingSummary, std::make_unique<MeetingSummaryScreen>(), kMeeting);
    // A partner's answers, as a resident's: wiped after inactivity.
    screens.add(ScreenId::PartnerStart, std::make_unique<PartnerStartScreen>(), {.timed = true});
}

}  // namespace fv::screens
