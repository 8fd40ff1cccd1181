// Changing a session's details after its start, through the real screens at 1366x768: from
// the summary, the form comes back filled in with what was typed at the start; saved, the
// store and every meeting screen carry the new title, with the notes kept; an ended session
// offers no change.
#include <gtest/gtest.h>

#include "support/kiosk_harness.hpp"
#include "support/meeting_steps.hpp"

namespace fv::testing {
namespace {

constexpr int kWidth = 1366, kHeight = 768;

// Replaces what a field holds: Ctrl+A selects it all, then typing replaces it. (Dear ImGui's
// SDL backend reads Ctrl from SDL's keyboard state, which a pushed event does not set: it is
// set around the A, and Ctrl's own release then tells the backend it is up again.)
void retype(KioskHarness& h, const std::string& field, const std::string& text) {
    ASSERT_TRUE(h.tap(field));
    SDL_SetModState(KMOD_LCTRL);
    h.press_key(SDLK_a, KMOD_LCTRL);
    SDL_SetModState(KMOD_NONE);
    h.press_key(SDLK_LCTRL);
    h.type_text(text);
}

TEST(MeetingDetails, AnOpenSessionsDetailsAreChangedFromTheSummary) {
    KioskHarness h(on_sample("libraries-2027", kWidth, kHeight));
    const std::string id = start_meeting(h);
    ASSERT_FALSE(id.empty());
    h.type_text("Saturday hours are too short");
    h.press_key(SDLK_RETURN);
    ASSERT_EQ(h.store().notes(id).size(), 1u);

    EXPECT_TRUE(h.tap("Summary"));
    EXPECT_TRUE(h.tap("Change the details"));
    EXPECT_EQ(h.app().screen(), ScreenId::MeetingStart);
    EXPECT_TRUE(h.shows("The session's details")) << h.describe();
    EXPECT_EQ(h.item("Start the session"), nullptr) << "not a new session";
    EXPECT_FALSE(h.shows("Your library, your say")) << "its consultation is not offered";
    h.screenshot("meeting-details.png");

    // Cancel changes nothing.
    ASSERT_NO_FATAL_FAILURE(retype(h, "Title of the meeting", "Not this"));
    EXPECT_TRUE(h.tap("Cancel"));
    EXPECT_EQ(h.app().screen(), ScreenId::MeetingSummary);
    EXPECT_EQ(h.store().session(id)->title, "Witney libraries meeting");

    // The form comes back with what is stored; the title and place are put right.
    EXPECT_TRUE(h.tap("Change the details"));
    ASSERT_NO_FATAL_FAILURE(retype(h, "Title of the meeting", "Witney libraries evening"));
    ASSERT_NO_FATAL_FAILURE(retype(h, "Place", "Witney Library"));
    EXPECT_TRUE(h.tap("Save the changes"));
    EXPECT_EQ(h.app().screen(), ScreenId::MeetingSummary) << h.describe();
    const auto s = h.store().session(id);
    EXPECT_EQ(s->title, "Witney libraries evening");
    EXPECT_EQ(s->place, "Witney Library");
    EXPECT_EQ(s->facilitator, "Cllr Jane Doe") << "left as it was";
    EXPECT_EQ(s->division, "Witney North");
    EXPECT_EQ(s->consultation_id, "libraries-2027");
    EXPECT_EQ(h.store().notes(id).size(), 1u);
    EXPECT_TRUE(h.shows("Witney libraries evening")) << h.describe();
    EXPECT_TRUE(h.shows_part("Witney Library")) << h.describe();

    // Ended: reviewed, not changed.
    EXPECT_TRUE(h.tap("End the session"));
    EXPECT_TRUE(h.tap("Yes, end it: nothing can be added after"));
    EXPECT_EQ(h.item("Change the details"), nullptr) << h.describe();

    // A new session afterwards starts from an empty title, not the changed one.
    EXPECT_TRUE(h.tap("Close the session screen"));
    EXPECT_EQ(h.app().screen(), ScreenId::MeetingStart);
    EXPECT_TRUE(h.shows("Type a title to start")) << h.describe();
}

// A new session starts empty: the last one's facilitator and division are not carried over
// unseen; "Same details as last time" brings back its place, division and facilitator.
TEST(MeetingDetails, ANewSessionStartsEmptyAndCanTakeTheLastDetails) {
    KioskHarness h(on_sample("libraries-2027", kWidth, kHeight));
    ASSERT_FALSE(start_meeting(h).empty());
    auto end_and_close = [&h] {
        ASSERT_TRUE(h.tap("Summary"));
        ASSERT_TRUE(h.tap("End the session"));
        ASSERT_TRUE(h.tap("Yes, end it: nothing can be added after"));
        ASSERT_TRUE(h.tap("Close the session screen"));
        ASSERT_EQ(h.app().screen(), ScreenId::MeetingStart);
    };
    ASSERT_NO_FATAL_FAILURE(end_and_close());
    ASSERT_TRUE(h.tap("Same details as last time")) << h.describe();
    ASSERT_TRUE(h.tap("Title of the meeting"));
    h.type_text("Witney libraries, second evening");
    ASSERT_TRUE(h.tap("Start the session"));
    auto sessions = h.store().sessions();
    ASSERT_EQ(sessions.size(), 2u);
    EXPECT_EQ(sessions[0].title, "Witney libraries, second evening");
    EXPECT_EQ(sessions[0].place, "Corn Exchange");
    EXPECT_EQ(sessions[0].division, "Witney North");
    EXPECT_EQ(sessions[0].facilitator, "Cllr Jane Doe");

    ASSERT_NO_FATAL_FAILURE(end_and_close());
    ASSERT_TRUE(h.tap("Title of the meeting"));
    h.type_text("Carterton youth forum");
    ASSERT_TRUE(h.tap("Start the session"));
    sessions = h.store().sessions();
    ASSERT_EQ(sessions.size(), 3u);
    EXPECT_EQ(sessions[0].title, "Carterton youth forum");
    EXPECT_EQ(sessions[0].facilitator, "") << "not the last session's, unseen";
    EXPECT_EQ(sessions[0].division, "");
    EXPECT_EQ(sessions[0].place, "");
}

}  // namespace
}  // namespace fv::testing
