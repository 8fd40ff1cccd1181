// A whole community meeting through the real screens at 1366x768 (a council laptop): start a
// session from the officer screen, notes with themes and speakers (Enter saves, edit one), a
// poll by show of hands and by passing the laptop round, ideas and dot-voting, the presenter
// view's small-count rule, the summary and the end; each step checked against the store.
#include <gtest/gtest.h>

#include <algorithm>

#include "support/kiosk_harness.hpp"
#include "support/meeting_steps.hpp"

namespace fv::testing {
namespace {

constexpr int kWidth = 1366, kHeight = 768;

TEST(Meeting, AWholeMeetingThroughTheScreensIsInTheStore) {
    KioskHarness h(on_sample("libraries-2027", kWidth, kHeight));
    const std::string id = start_meeting(h);
    ASSERT_FALSE(id.empty());
    const auto s = h.store().session(id);
    EXPECT_EQ(s->title, "Witney libraries meeting");
    EXPECT_EQ(s->place, "Corn Exchange");
    EXPECT_EQ(s->division, "Witney North");
    EXPECT_EQ(s->facilitator, "Cllr Jane Doe");
    EXPECT_EQ(s->consultation_id, "libraries-2027");
    EXPECT_FALSE(s->ended());

    // Notes: the box has the keyboard; a theme in one tap; Enter saves and clears.
    h.type_text("Saturday hours are too short");
    EXPECT_TRUE(h.tap("opening hours"));
    h.press_key(SDLK_RETURN);
    auto notes = h.store().notes(id);
    ASSERT_EQ(notes.size(), 1u) << h.describe();
    EXPECT_EQ(notes[0].text, "Saturday hours are too short");
    EXPECT_EQ(notes[0].themes, std::vector<std::string>{"opening-hours"});
    EXPECT_EQ(notes[0].speaker, Speaker::resident());
    // A partner organisation typed once, then offered as a button.
    EXPECT_TRUE(h.tap("Another organisation"));
    h.type_text("Witney Town Council");
    EXPECT_TRUE(h.tap("What was said (Enter saves)"));
    h.type_text("We can lend the hall on Tuesdays");
    EXPECT_TRUE(h.tap("community space"));
    h.press_key(SDLK_RETURN);
    notes = h.store().notes(id);
    ASSERT_EQ(notes.size(), 2u) << h.describe();
    EXPECT_EQ(notes[0].speaker, Speaker::partner("Witney Town Council"));  // newest first
    EXPECT_TRUE(h.shows("Witney Town Council")) << h.describe();
    EXPECT_TRUE(h.shows("Notes: 2"));
    // The box is clear for the next note.
    h.type_text("Children need a quiet corner");
    EXPECT_TRUE(h.tap("A resident"));
    EXPECT_TRUE(h.tap("children"));
    h.press_key(SDLK_RETURN);
    ASSERT_EQ(h.store().notes(id).size(), 3u) << h.describe();
    EXPECT_EQ(h.store().notes(id)[0].text, "Children need a quiet corner");
    h.screenshot("meeting-notes.png");
    // Edit the first note: its text comes back into the box, selected, and is replaced.
    EXPECT_TRUE(h.tap("Edit", 2));
    EXPECT_TRUE(h.shows("Changing a note (Enter saves)")) << h.describe();
    h.type_text(", and on Sundays");  // the cursor is after the old text
    h.press_key(SDLK_RETURN);
    notes = h.store().notes(id);
    ASSERT_EQ(notes.size(), 3u);
    EXPECT_EQ(notes[2].text, "Saturday hours are too short, and on Sundays");
    EXPECT_TRUE(notes[2].edited_at.has_value());
    EXPECT_EQ(notes[2].themes, std::vector<std::string>{"opening-hours"});

    // A show of hands on the smiley question.
    EXPECT_TRUE(h.tap("Poll"));
    EXPECT_TRUE(h.tap("How was your visit to the library today?"));
    EXPECT_TRUE(h.tap("Show of hands"));
    for (int i = 0; i < 6; ++i) EXPECT_TRUE(h.tap("+ Happy"));
    for (int i = 0; i < 2; ++i) EXPECT_TRUE(h.tap("+ Very happy"));
    EXPECT_TRUE(h.tap("\u2212 Happy"));
    EXPECT_EQ(tally(h.store(), id, "visit-rating", "4"), 5);
    EXPECT_EQ(tally(h.store(), id, "visit-rating", "5"), 2);
    EXPECT_TRUE(h.shows("Happy: 5")) << h.describe();
    h.screenshot("meeting-poll-hands.png");

    // The presenter view: 5 shows as 5, 2 and 0 as "fewer than 5".
    EXPECT_TRUE(h.tap("Presenter"));
    EXPECT_EQ(h.app().screen(), ScreenId::MeetingPresenter);
    EXPECT_TRUE(h.shows("Happy: 5")) << h.describe();
    EXPECT_TRUE(h.shows("Very happy: fewer than 5")) << h.describe();
    EXPECT_TRUE(h.shows("Very unhappy: fewer than 5"));
    EXPECT_FALSE(h.shows_part("Very happy: 2"));
    h.screenshot("meeting-presenter-poll.png");
    EXPECT_TRUE(h.tap("Show the themes"));
    EXPECT_TRUE(h.shows("opening hours: fewer than 5")) << h.describe();
    h.screenshot("meeting-presenter-themes.png");
    h.press_key(SDLK_ESCAPE);
    EXPECT_EQ(h.app().screen(), ScreenId::MeetingPoll) << "back where it was opened from";

    // Passing the laptop round: each tap is a response of the session; the screen clears.
    EXPECT_TRUE(h.tap("Poll"));
    EXPECT_TRUE(h.tap("Pass the laptop round"));
    h.screenshot("meeting-poll-pass.png");
    EXPECT_TRUE(h.tap("Happy"));
    EXPECT_TRUE(h.shows("Thank you. Please pass the laptop on.")) << h.describe();
    EXPECT_EQ(h.item("Happy"), nullptr) << "the last answer must not be on screen";
    h.screenshot("meeting-poll-pass-thanks.png");
    EXPECT_TRUE(h.tap("Next person"));
    EXPECT_TRUE(h.tap("Very unhappy"));
    EXPECT_TRUE(h.tap("Next person"));
    EXPECT_TRUE(h.tap("Happy"));
    const auto answers = h.store().session_responses(id);
    ASSERT_EQ(answers.size(), 3u);
    std::vector<int> ratings;
    for (const auto& r : answers) {
        EXPECT_EQ(r.response.mode, CaptureMode::Meeting);
        EXPECT_EQ(r.response.session_id.value_or(""), id);
        EXPECT_EQ(r.response.participant.value("kind", ""), "resident");
        EXPECT_EQ(r.response.answers.size(), 1u);
        ratings.push_back(r.response.answers.at("visit-rating").get<int>());
    }
    EXPECT_EQ(ratings, (std::vector<int>{4, 1, 4}));

    // Ideas, then dot-voting: two people, three dots each.
    EXPECT_TRUE(h.tap("Ideas"));
    for (const char* idea : {"Open till 8pm on Thursdays", "A teen space", "A cafe"}) {
        h.type_text(idea);
        h.press_key(SDLK_RETURN);
    }
    ASSERT_EQ(h.store().ideas(id).size(), 3u) << h.describe();
    EXPECT_TRUE(h.tap("Start dot-voting"));
    EXPECT_TRUE(h.shows("Person 1"));
    EXPECT_TRUE(h.tap("A teen space"));
    // Each person sees the dots they have placed, on the idea (selected) and how many.
    ASSERT_NE(h.item("A teen space  (your dots: 1)"), nullptr) << h.describe();
    EXPECT_TRUE(h.item("A teen space  (your dots: 1)")->selected);
    EXPECT_TRUE(h.tap("A teen space  (your dots: 1)"));
    EXPECT_TRUE(h.tap("A cafe"));
    EXPECT_NE(h.item("A cafe  (your dots: 1)"), nullptr) << h.describe();
    EXPECT_TRUE(h.tap("Take back a dot"));  // the cafe dot
    ASSERT_NE(h.item("A cafe"), nullptr) << "its dot is taken back\n" << h.describe();
    EXPECT_FALSE(h.item("A cafe")->selected);
    EXPECT_TRUE(h.tap("Open till 8pm on Thursdays"));
    EXPECT_TRUE(h.shows("Dots left: 0"));
    EXPECT_FALSE(h.item("A cafe")->enabled) << "no dots left";
    EXPECT_NE(h.item("A teen space  (your dots: 2)"), nullptr) << h.describe();
    EXPECT_NE(h.item("Open till 8pm on Thursdays  (your dots: 1)"), nullptr);
    h.screenshot("meeting-ideas-voting.png");
    EXPECT_TRUE(h.tap("Next person"));
    EXPECT_TRUE(h.shows("Person 2"));
    // The next person sees none of the last one's dots.
    ASSERT_NE(h.item("A teen space"), nullptr) << h.describe();
    EXPECT_FALSE(h.item("A teen space")->selected);
    EXPECT_FALSE(h.shows_part("your dots")) << h.describe();
    EXPECT_TRUE(h.tap("A teen space"));
    EXPECT_TRUE(h.tap("A cafe"));
    EXPECT_TRUE(h.tap("A teen space  (your dots: 1)"));
    EXPECT_TRUE(h.tap("End voting"));
    const auto ranking = ranked(h.store().ideas(id));
    ASSERT_EQ(ranking.size(), 3u);
    EXPECT_EQ(ranking[0].text, "A teen space");
    EXPECT_EQ(ranking[0].dots, 4);
    EXPECT_EQ(ranking[1].text, "Open till 8pm on Thursdays");
    EXPECT_EQ(ranking[1].dots, 1);
    EXPECT_EQ(ranking[2].dots, 1);
    EXPECT_TRUE(h.shows("1. A teen space  (4 dots)")) << h.describe();
    h.screenshot("meeting-ideas.png");

    // The summary, then the end.
    EXPECT_TRUE(h.tap("Summary"));
    EXPECT_TRUE(h.shows("Notes: 3. Pass-round answers: 3.")) << h.describe();
    EXPECT_TRUE(h.shows("Ideas: 3. People who voted with dots: 2."));
    EXPECT_TRUE(h.shows("opening hours: 1"));
    EXPECT_TRUE(h.shows("    Happy: 5 hands, 2 answers")) << h.describe();
    EXPECT_TRUE(h.shows("We can lend the hall on Tuesdays"));
    h.screenshot("meeting-summary.png");
    EXPECT_TRUE(h.tap("End the session"));
    EXPECT_FALSE(h.store().session(id)->ended()) << "asked twice";
    EXPECT_TRUE(h.tap("Yes, end it: nothing can be added after"));
    EXPECT_TRUE(h.store().session(id)->ended());
    EXPECT_TRUE(h.shows("This session has ended: it can be reviewed, not changed."));
    EXPECT_FALSE(h.item("Notes")->enabled);
    h.screenshot("meeting-summary-ended.png");
    const auto record = h.store().session_record(id);
    EXPECT_EQ(record->notes.size(), 3u);
    EXPECT_EQ(record->responses, 3);
    EXPECT_EQ(record->dot_voters, 2);
    EXPECT_EQ(h.store().sessions_to_send(10).size(), 1u);

    // Closed, and reviewable from the start screen.
    EXPECT_TRUE(h.tap("Close the session screen"));
    EXPECT_EQ(h.app().screen(), ScreenId::MeetingStart);
    EXPECT_TRUE(h.tap("Review"));
    EXPECT_EQ(h.app().screen(), ScreenId::MeetingSummary);
}

TEST(Meeting, ThePresenterViewShowsCountsUnderFiveAsFewerThanFive) {
    KioskHarness h(on_sample("libraries-2027", kWidth, kHeight));
    const std::string id = start_meeting(h);
    ASSERT_FALSE(id.empty());
    EXPECT_TRUE(h.tap("Poll"));
    EXPECT_TRUE(h.tap("If we could open for longer at one time, which would help you most?"))
        << h.describe();
    for (int i = 0; i < 4; ++i) EXPECT_TRUE(h.tap("+ Weekday evenings"));
    for (int i = 0; i < 5; ++i) EXPECT_TRUE(h.tap("+ Sunday"));
    for (int i = 0; i < 12; ++i) EXPECT_TRUE(h.tap("+ All day Saturday"));
    EXPECT_TRUE(h.tap("+ Early mornings before work"));
    EXPECT_TRUE(h.tap("Presenter"));
    EXPECT_TRUE(h.shows("Weekday evenings: fewer than 5")) << h.describe();
    EXPECT_TRUE(h.shows("Sunday: 5"));
    EXPECT_TRUE(h.shows("All day Saturday: 12"));
    EXPECT_TRUE(h.shows("Early mornings before work: fewer than 5"));
    EXPECT_TRUE(h.shows("The current hours suit me: fewer than 5"));
    for (const auto& text : h.texts()) {
        for (const char* small : {": 1", ": 2", ": 3", ": 4"}) {
            EXPECT_FALSE(text.size() >= 3 && text.compare(text.size() - 3, 3, small) == 0) << text;
        }
    }
    h.screenshot("meeting-presenter-small-counts.png");
    // One more hand makes 5: now it may be shown.
    EXPECT_TRUE(h.tap("Close presenter view"));
    EXPECT_TRUE(h.tap("Poll"));
    EXPECT_TRUE(h.tap("+ Weekday evenings"));
    EXPECT_TRUE(h.tap("Presenter"));
    EXPECT_TRUE(h.shows("Weekday evenings: 5")) << h.describe();
    EXPECT_EQ(tally(h.store(), id, "opening-hours", "weekday-evenings"), 5);
}

// From the consent screen to "thank you", answering as little as the sample asks.
void answer_from_consent(KioskHarness& h) {
    ASSERT_EQ(h.app().screen(), ScreenId::Consent) << h.describe();
    h.tap("I agree, start");
    h.tap("Next");
    h.tap("Happy");
    for (int i = 0; i < 12 && !h.item("Send my answers"); ++i) {
        if (h.item("Sunday")) h.tap("Sunday");  // the one other required question
        h.tap("Next");
    }
    ASSERT_TRUE(h.tap("Send my answers")) << h.describe();
    ASSERT_EQ(h.app().screen(), ScreenId::Thanks) << h.describe();
}

TEST(Meeting, PartnerAndAssistedResponsesCarryTheirMode) {
    KioskHarness h(on_sample("libraries-2027", kWidth, kHeight));
    open_officer(h);
    EXPECT_TRUE(h.tap("Partner feedback"));
    EXPECT_EQ(h.app().screen(), ScreenId::PartnerStart);
    EXPECT_FALSE(h.item("Start the questions")->enabled) << "organisation and name required";
    EXPECT_TRUE(h.tap("Organisation"));
    h.type_text("Age UK Oxfordshire");
    EXPECT_FALSE(h.item("Start the questions")->enabled) << "the person's name is required";
    EXPECT_TRUE(h.tap("Name of the person submitting"));
    h.type_text("Sam Patel");
    h.screenshot("partner-start.png");
    EXPECT_TRUE(h.tap("Start the questions"));
    // A partner is asked the partner questions (test_meeting_partner.cpp has the rest).
    ASSERT_EQ(h.app().screen(), ScreenId::Consent) << h.describe();
    h.tap("I agree, start");
    for (int i = 0; i < 12 && !h.item("Send my answers"); ++i) {
        if (h.item("We run groups or events there")) h.tap("We run groups or events there");
        h.tap("Next");
    }
    ASSERT_TRUE(h.tap("Send my answers")) << h.describe();
    ASSERT_EQ(h.app().screen(), ScreenId::Thanks) << h.describe();

    // An assisted visit from the officer screen.
    h.idle_for(std::chrono::seconds(15));  // the thank-you returns to the start
    open_officer(h);
    EXPECT_TRUE(h.tap("Assisted visit"));
    answer_from_consent(h);

    const auto stored = h.store().responses();
    ASSERT_EQ(stored.size(), 2u);
    const Response& partner = stored[0].response;
    EXPECT_EQ(partner.mode, CaptureMode::Partner);
    EXPECT_EQ(partner.participant, (nlohmann::json{{"kind", "partner"},
                                                   {"organisation", "Age UK Oxfordshire"},
                                                   {"name", "Sam Patel"}}));
    EXPECT_EQ(partner.answers.at("partner-work"), nlohmann::json::array({"runs-groups"}));
    EXPECT_FALSE(partner.answers.contains("visit-rating")) << "a resident's question";
    EXPECT_EQ(stored[1].response.mode, CaptureMode::Assisted);
    EXPECT_TRUE(stored[1].response.participant.is_null());
}

}  // namespace
}  // namespace fv::testing
