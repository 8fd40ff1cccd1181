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
namespace {

template <typename T>
void add(std::map<ScreenId, Screen*>& router, std::vector<std::unique_ptr<Screen>>& owned,
         ScreenId id) {
    owned.push_back(std::make_unique<T>());
    router[id] = owned.back().get();
}

}  // namespace

void add_meeting_screens(std::map<ScreenId, Screen*>& router,
                         std::vector<std::unique_ptr<Screen>>& owned) {
    add<MeetingStartScreen>(router, owned, ScreenId::MeetingStart);
    add<MeetingNotesScreen>(router, owned, ScreenId::MeetingNotes);
    add<MeetingPollScreen>(router, owned, ScreenId::MeetingPoll);
    add<MeetingIdeasScreen>(router, owned, ScreenId::MeetingIdeas);
    add<MeetingPresenterScreen>(router, owned, ScreenId::MeetingPresenter);
    add<MeetingSummaryScreen>(router, owned, ScreenId::MeetingSummary);
    add<PartnerStartScreen>(router, owned, ScreenId::PartnerStart);
}

}  // namespace fv::screens
