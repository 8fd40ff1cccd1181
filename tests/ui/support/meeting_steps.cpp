// Steps the meeting tests share.
#include "meeting_steps.hpp"

#include <gtest/gtest.h>

namespace fv::testing {

void open_officer(KioskHarness& h) {
    h.press_key(SDLK_o, KMOD_LCTRL | KMOD_LALT);
    h.type_text(KioskHarness::kOfficerPin);
    h.press_key(SDLK_RETURN);
    ASSERT_EQ(h.app().screen(), ScreenId::Officer) << h.describe();
}

// Starts "Witney libraries meeting" through the start screen; returns the session's id.
std::string start_meeting(KioskHarness& h) {
    open_officer(h);
    EXPECT_TRUE(h.tap("Meeting sessions"));
    EXPECT_EQ(h.app().screen(), ScreenId::MeetingStart) << h.describe();
    h.screenshot("meeting-start.png");
    EXPECT_TRUE(h.tap("Title of the meeting"));
    h.type_text("Witney libraries meeting");
    EXPECT_TRUE(h.tap("Place"));
    h.type_text("Corn Exchange");
    EXPECT_TRUE(h.tap("Facilitator"));
    h.type_text("Cllr Jane Doe");
    EXPECT_TRUE(h.tap("Choose from the council's list"));
    h.screenshot("meeting-start-divisions.png");
    EXPECT_TRUE(h.tap("Witney North")) << h.describe();
    EXPECT_TRUE(h.tap("Start the session"));
    EXPECT_EQ(h.app().screen(), ScreenId::MeetingNotes) << h.describe();
    const auto sessions = h.store().sessions();
    if (sessions.size() != 1u) {
        ADD_FAILURE() << "expected one session, found " << sessions.size();
        return {};
    }
    return sessions[0].id;
}

int tally(Store& store, const std::string& session, const std::string& q, const std::string& o) {
    for (const auto& t : store.tallies(session)) {
        if (t.question_id == q && t.option == o) return t.count;
    }
    return 0;
}

}  // namespace fv::testing
