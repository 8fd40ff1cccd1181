// Notes as fast as speech, through the real screens at 1366x768: Enter saves whatever was
// tapped last, Enter in "Another organisation" adds and selects it and gives the keyboard back
// to the note box, and after each save "Who said it" is back on "A resident", shown selected
// (README, "Running a meeting"). Each check is on the page as it first settles after the key or
// the tap.
#include <gtest/gtest.h>
#include <imgui_internal.h>

#include "support/kiosk_harness.hpp"
#include "support/meeting_steps.hpp"

namespace fv::testing {
namespace {

constexpr int kWidth = 1366, kHeight = 768;
constexpr const char* kBox = "What was said (Enter saves)";

bool selected(const KioskHarness& h, const std::string& label) {
    const ui::ShownItem* it = h.item(label);
    return it != nullptr && it->selected;
}

TEST(MeetingNotes, EnterInAnotherOrganisationAddsItSelectsItAndReturnsToTheBox) {
    KioskHarness h(on_sample("libraries-2027", kWidth, kHeight));
    const std::string id = start_meeting(h);
    ASSERT_FALSE(id.empty());
    ASSERT_TRUE(h.tap("Another organisation"));
    h.type_text("Witney Town Council");
    h.press_key(SDLK_RETURN);
    // At once: the organisation is a button of its own, selected, and the field is empty.
    EXPECT_TRUE(selected(h, "Witney Town Council")) << h.describe();
    EXPECT_FALSE(selected(h, "A resident")) << h.describe();
    EXPECT_FALSE(h.shows_part("Witney Town CouncilW"));
    // The box has the keyboard: what is typed next is the note, and Enter saves it.
    h.type_text("We can lend the hall on Tuesdays");
    h.press_key(SDLK_RETURN);
    const auto notes = h.store().notes(id);
    ASSERT_EQ(notes.size(), 1u) << h.describe();
    EXPECT_EQ(notes[0].text, "We can lend the hall on Tuesdays");
    EXPECT_EQ(notes[0].speaker, Speaker::partner("Witney Town Council"));
    h.screenshot("notes-organisation-added.png");
}

TEST(MeetingNotes, AfterEachSaveWhoSaidItIsBackOnAResidentShownSelected) {
    KioskHarness h(on_sample("libraries-2027", kWidth, kHeight));
    const std::string id = start_meeting(h);
    ASSERT_FALSE(id.empty());
    h.store().add_note(id, {"Said by the town council before", {}, Speaker::partner("Witney TC")});
    ASSERT_TRUE(h.tap("Summary"));
    ASSERT_TRUE(h.tap("Notes"));
    ASSERT_TRUE(h.tap("Witney TC"));
    ASSERT_TRUE(h.tap(kBox));
    h.type_text("The hall is free on Tuesdays");
    h.press_key(SDLK_RETURN);
    ASSERT_EQ(h.store().notes(id).size(), 2u) << h.describe();
    EXPECT_EQ(h.store().notes(id)[0].speaker, Speaker::partner("Witney TC"));
    // The next note's speaker, as shown on the first frame after the save.
    EXPECT_TRUE(selected(h, "A resident")) << h.describe();
    EXPECT_FALSE(selected(h, "Witney TC")) << h.describe();

    // An edited partner's note does not leave its organisation on for the next one either.
    ASSERT_TRUE(h.tap("Edit", 1));
    EXPECT_TRUE(selected(h, "Witney TC")) << "the note's own speaker while it is changed";
    h.type_text(" (changed)");
    h.press_key(SDLK_RETURN);
    EXPECT_TRUE(h.store().notes(id)[1].edited_at.has_value());
    EXPECT_EQ(h.store().notes(id)[1].speaker, Speaker::partner("Witney TC"));
    EXPECT_TRUE(selected(h, "A resident")) << h.describe();
    EXPECT_FALSE(selected(h, "Witney TC")) << h.describe();
    h.type_text("Next one");
    h.press_key(SDLK_RETURN);
    EXPECT_EQ(h.store().notes(id)[0].speaker, Speaker::resident());
    EXPECT_TRUE(h.shows_part("Witney TC  changed at ")) << "the list says it was changed";

    // The summary's notes say so too.
    ASSERT_TRUE(h.tap("Summary"));
    EXPECT_TRUE(h.shows_part("Witney TC  changed at ")) << h.describe();
}

// A tap anywhere (a theme, who said it) and then Enter saves: Enter is the screen's, not only
// the box's.
TEST(MeetingNotes, EnterSavesAfterATappedThemeOrSpeakerEvenBeforeTheBoxHasTheKeyboard) {
    KioskHarness h(on_sample("libraries-2027", kWidth, kHeight));
    const std::string id = start_meeting(h);
    ASSERT_FALSE(id.empty());
    h.type_text("Saturday hours are too short");
    ASSERT_TRUE(h.tap("opening hours"));
    // The keyboard has left the box for the tapped button (as when the frame that gives it back
    // has not been drawn yet); one Enter still saves.
    ImGui::ClearActiveID();
    h.press_key(SDLK_RETURN);
    ASSERT_EQ(h.store().notes(id).size(), 1u) << h.describe();
    EXPECT_EQ(h.store().notes(id)[0].themes, std::vector<std::string>{"opening-hours"});
    EXPECT_TRUE(h.shows("Notes: 1")) << h.describe();

    h.type_text("Children need a quiet corner");
    ASSERT_TRUE(h.tap("A resident"));
    ImGui::ClearActiveID();
    h.press_key(SDLK_RETURN);
    ASSERT_EQ(h.store().notes(id).size(), 2u) << h.describe();
    EXPECT_TRUE(h.shows("Notes: 2")) << h.describe();

    // The summary gives each note's themes.
    ASSERT_TRUE(h.tap("Summary"));
    EXPECT_TRUE(h.shows_part("A resident  - #opening hours")) << h.describe();
}

}  // namespace
}  // namespace fv::testing
