// Every screen at the kiosk sizes we ship for (1280x800, 1366x768, 1920x1080), at normal and
// larger text, in both themes: nothing drawn outside the window, the screens' own buttons at
// least 64 px (scaled with the text), high contrast at 7:1 or better. Screenshots of each are
// written under ui-screens/ for a person to look at.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "app/ui/focus.hpp"
#include "app/ui/probe.hpp"
#include "app/ui/theme.hpp"
#include "support/kiosk_harness.hpp"

namespace fv::testing {
namespace {

struct Size {
    int w, h;
};

void expect_fits(KioskHarness& h, const Size& s, float scale, const std::string& where) {
    for (const ui::ShownItem& it : h.items()) {
        EXPECT_GE(it.x0, 0) << where << ": \"" << it.label << "\" starts left of the window";
        EXPECT_GE(it.y0, 0) << where << ": \"" << it.label << "\" starts above the window";
        EXPECT_LE(it.x1, s.w) << where << ": \"" << it.label << "\" runs off the right edge";
        EXPECT_LE(it.y1, s.h) << where << ": \"" << it.label << "\" runs off the bottom";
    }
    for (const char* label : {"Touch to start", "Next", "Back", "I agree, start", "No thanks",
                              "Send my answers", "Yes, continue", "Finish", "OK"}) {
        if (const ui::ShownItem* it = h.item(label)) {
            EXPECT_GE(it->y1 - it->y0, 64.0f * scale - 0.5f)
                << where << ": \"" << label << "\" too short";
            EXPECT_GE(it->x1 - it->x0, 64.0f * scale - 0.5f)
                << where << ": \"" << label << "\" too narrow";
        }
    }
}

void walk_every_screen(const Size& s, float scale, bool contrast) {
    const std::string tag = std::to_string(s.w) + "x" + std::to_string(s.h) + "-" +
                            std::to_string(static_cast<int>(scale * 100)) +
                            (contrast ? "-contrast" : "");
    KioskHarness h(on_sample("libraries-2027", s.w, s.h));
    if (scale == 1.5f) h.tap("A  150%");
    if (scale == 2.0f) h.tap("A  200%");
    if (contrast) h.tap("High contrast: off");
    h.scroll(-20);  // back to the top of the page after reaching the toggles
    EXPECT_EQ(ui::theme().text_scale, scale);
    EXPECT_EQ(ui::theme().high_contrast, contrast);
    expect_fits(h, s, scale, tag + " attract");
    h.screenshot(tag + "-01-attract.png");
    h.tap("Touch to start");
    expect_fits(h, s, scale, tag + " consent");
    h.screenshot(tag + "-02-consent.png");
    h.tap("I agree, start");
    h.tap("Next");
    expect_fits(h, s, scale, tag + " smiley");
    h.screenshot(tag + "-03-smiley.png");
    h.tap("Very unhappy");
    h.tap("Next");
    expect_fits(h, s, scale, tag + " text");
    h.screenshot(tag + "-04-text.png");
    h.tap("Next");
    expect_fits(h, s, scale, tag + " multi");
    h.screenshot(tag + "-05-multi.png");
    h.idle_for(std::chrono::seconds(61));
    expect_fits(h, s, scale, tag + " still there");
    h.screenshot(tag + "-06-still-there.png");
    h.tap("Yes, continue");
    for (int i = 0; i < 12 && !h.item("Send my answers"); ++i) {
        if (h.item("Next") && !h.item("Next")->enabled) h.tap("Sunday");
        h.tap("Next");
    }
    h.tap("Send my answers");
    expect_fits(h, s, scale, tag + " thanks");
    h.screenshot(tag + "-07-thanks.png");
    h.press_key(SDLK_o, KMOD_LCTRL | KMOD_LALT);
    expect_fits(h, s, scale, tag + " pin");
    h.screenshot(tag + "-08-pin.png");
    for (char c : std::string(KioskHarness::kOfficerPin)) h.tap(std::string(1, c));
    h.tap("OK");
    expect_fits(h, s, scale, tag + " officer");
    h.screenshot(tag + "-09-officer.png");
}

// No two tappable items overlap, and none is cut at its side by its region (a keyboard row
// wider than the column would be).
void expect_apart_and_whole(KioskHarness& h, const std::string& where) {
    const auto& items = h.items();
    for (std::size_t i = 0; i < items.size(); ++i) {
        for (std::size_t j = i + 1; j < items.size(); ++j) {
            const ui::ShownItem& a = items[i];
            const ui::ShownItem& b = items[j];
            const bool apart = a.x1 <= b.x0 + 0.5f || b.x1 <= a.x0 + 0.5f || a.y1 <= b.y0 + 0.5f ||
                               b.y1 <= a.y0 + 0.5f;
            EXPECT_TRUE(apart) << where << ": \"" << a.label << "\" overlaps \"" << b.label << "\"";
        }
    }
    for (const ui::FocusItem& it : ui::Focus::current().order()) {
        if (!it.shown()) continue;
        EXPECT_LE(it.shown_min.x - it.min.x, 0.5f)
            << where << ": \"" << it.label << "\" is cut at its left";
        EXPECT_LE(it.max.x - it.shown_max.x, 0.5f)
            << where << ": \"" << it.label << "\" is cut at its right ("
            << it.max.x - it.shown_max.x << " px)";
    }
}

// The page's "More below" cue is drawn.
bool more_below(const KioskHarness&) {
    const auto& cues = ui::Probe::current().cues();
    return std::find(cues.begin(), cues.end(), "More below") != cues.end();
}

// The settled frame of a page, as a resident first sees it: at 100% text every item laid out
// is on screen (none hidden below the fold of a scroll region); at larger text, where a
// scroll cannot be avoided, the page says there is more below.
void expect_whole_or_cued(KioskHarness& h, float scale, const std::string& where) {
    std::vector<std::string> hidden;
    std::size_t laid_out = 0;
    for (const ui::ReadEntry& e : ui::Probe::current().reading_order()) {
        if (!e.is_item) continue;
        ++laid_out;
        const bool shown =
            std::any_of(h.items().begin(), h.items().end(),
                        [&](const ui::ShownItem& it) { return it.label == e.label; });
        if (!shown) hidden.push_back(e.label);
    }
    EXPECT_GT(laid_out, 0u) << where;
    // Cut by the fold counts as hidden too: a key row half under it is not there to tap.
    for (const ui::FocusItem& it : ui::Focus::current().order()) {
        if (!it.shown()) continue;
        if (it.shown_min.y > it.min.y + 0.5f || it.shown_max.y < it.max.y - 0.5f) {
            hidden.push_back(it.label + " (cut at the fold)");
        }
    }
    if (scale == 1.0f) {
        EXPECT_FALSE(more_below(h)) << where << ": the page scrolls at 100%";
        for (const std::string& label : hidden) {
            ADD_FAILURE() << where << ": \"" << label << "\" is below the fold on the page's "
                          << "first frame";
        }
    } else if (!hidden.empty()) {
        EXPECT_TRUE(more_below(h))
            << where << ": \"" << hidden.front() << "\" is below the fold with no cue";
    }
}

// Every page of a sample's visit, keyboards included, at the given size and look.
void walk_every_question(const std::string& sample, float scale, bool contrast,
                         const Size& s = {1280, 800}) {
    const std::string tag = sample + "-" + std::to_string(s.w) + "x" + std::to_string(s.h) + "-" +
                            std::to_string(static_cast<int>(scale * 100)) +
                            (contrast ? "-contrast" : "");
    KioskHarness h(on_sample(sample, s.w, s.h));
    if (scale == 1.5f) h.tap("A  150%");
    if (scale == 2.0f) h.tap("A  200%");
    if (contrast) h.tap("High contrast: off");
    h.scroll(-20);
    h.tap("Touch to start");
    h.tap("I agree, start");
    for (int page = 1; page <= 20; ++page) {
        const std::string where = tag + " page " + std::to_string(page);
        expect_fits(h, s, scale, where);
        expect_apart_and_whole(h, where);
        expect_whole_or_cued(h, scale, where);
        h.screenshot(tag + "-" + (page < 10 ? "0" : "") + std::to_string(page) + ".png");
        if (h.item("Send my answers")) break;
        // Answers that required questions need, and one that shows the number pad.
        for (const char* answer : {"Very unhappy", "Sunday", "I work in a day service",
                                   "Seeing friends and meeting people"}) {
            const ui::ShownItem* next = h.item("Next");
            const auto& order = ui::Focus::current().order();
            const bool offered =
                std::any_of(order.begin(), order.end(),
                            [&](const ui::FocusItem& it) { return it.label == answer; });
            if (next && !next->enabled && offered) h.tap(answer);
        }
        if (h.shows("Not now, but in the past") && !h.item("Yes")->selected) h.tap("Yes");
        h.tap("Next");
    }
    EXPECT_TRUE(h.item("Send my answers")) << tag << ": never reached the end\n" << h.describe();
}

TEST(KioskLayout, EveryQuestionFits1280x800At100) {
    walk_every_question("libraries-2027", 1.0f, false);
    walk_every_question("adult-day-services-2027", 1.0f, true);
}
TEST(KioskLayout, EveryQuestionFits1366x768At100) {
    walk_every_question("libraries-2027", 1.0f, true, {1366, 768});
    walk_every_question("adult-day-services-2027", 1.0f, false, {1366, 768});
}
TEST(KioskLayout, EveryQuestionFits1366x768At100OtherTheme) {
    walk_every_question("libraries-2027", 1.0f, false, {1366, 768});
    walk_every_question("adult-day-services-2027", 1.0f, true, {1366, 768});
}
TEST(KioskLayout, EveryQuestionFits1280x800At100OtherTheme) {
    walk_every_question("libraries-2027", 1.0f, true);
    walk_every_question("adult-day-services-2027", 1.0f, false);
}

// "You said, we did" entries as long as the kiosk shows (240 characters), in English and
// Polish, as a sync keeps them: in the device's database, then the sync engine's wake.
void keep_long_entries(KioskHarness& h, const std::string& consultation) {
    std::vector<Outcome> list;
    for (const char* id : {"2", "1"}) {
        Outcome o;
        o.id = id;
        o.consultation_id = consultation;
        o.text["en"] =
            "You said the library should open later on weekdays and on Sunday mornings. From "
            "April every branch opens until 7pm on Tuesdays and Thursdays, and the four biggest "
            "open from 10am to 1pm on Sundays, with a volunteer to help you get online.";
        o.text["pl"] =
            "Mówili Państwo, że biblioteka powinna być otwarta dłużej w tygodniu i w niedzielę "
            "rano. Od kwietnia każda filia jest otwarta do 19:00 we wtorki i czwartki, a cztery "
            "największe w niedziele od 10:00 do 13:00, z wolontariuszem.";
        o.easy_read["en"] = "The library is open later. It is open on Sunday mornings too.";
        o.date = "2027-09-30";
        list.push_back(o);
    }
    h.store().replace_outcomes(list);
    SDL_Event wake{};
    wake.type = SDL_USEREVENT;
    SDL_PushEvent(&wake);
    h.settle();
    ASSERT_TRUE(h.shows("You said, we did") || h.shows("Mówiliście – zrobiliśmy")) << h.describe();
}

// The attract screen at 100% text: every choice on screen with no scroll, in both themes,
// in each language, with switch scanning's pace shown too; and again with the longest
// "you said, we did" entries beside the start (and in Easy Read where the sample has it).
void expect_attract_fits(const std::string& sample, const Size& s, bool entries = false) {
    const std::string tag = sample + "-" + std::to_string(s.w) + "x" + std::to_string(s.h) +
                            (entries ? "-entries" : "");
    KioskHarness h(on_sample(sample, s.w, s.h));
    if (entries) {
        ASSERT_NO_FATAL_FAILURE(keep_long_entries(h, sample));
    }
    const auto check = [&](const std::string& where) {
        expect_fits(h, s, 1.0f, tag + " " + where);
        expect_apart_and_whole(h, tag + " " + where);
        expect_whole_or_cued(h, 1.0f, tag + " " + where);
        EXPECT_FALSE(more_below(h)) << tag << " " << where << ": the attract screen scrolls";
    };
    check("attract");
    if (entries && h.item("Easy Read: off")) {
        h.tap("Easy Read: off");
        check("attract, Easy Read");
        h.screenshot(tag + "-attract-easy-read.png");
        h.tap("Easy Read: on");
    }
    h.tap("High contrast: off");
    check("attract, high contrast");
    h.tap("Switch scanning: off");
    ASSERT_TRUE(h.item("2 s")) << h.describe();
    check("attract, high contrast, scanning");
    h.tap("High contrast: on");
    check("attract, scanning");
    h.screenshot(tag + "-attract-scanning.png");
    if (h.item("Polski")) {
        h.tap("Polski");
        ASSERT_TRUE(h.item("English")) << h.describe();
        check("attract in Polish, scanning");
        h.screenshot(tag + "-attract-polish-scanning.png");
    }
}

// The libraries and the depot staff samples have a pulse: its faces are on the attract screen.
TEST(KioskLayout, TheAttractScreenFitsAt100) {
    for (const Size& s : {Size{1280, 800}, Size{1366, 768}}) {
        expect_attract_fits("libraries-2027", s);
        expect_attract_fits("adult-day-services-2027", s);
        expect_attract_fits("depot-staff-pulse-2027", s);
    }
}

TEST(KioskLayout, TheAttractScreenWithYouSaidWeDidFitsAt100) {
    for (const Size& s : {Size{1280, 800}, Size{1366, 768}}) {
        expect_attract_fits("libraries-2027", s, true);
        expect_attract_fits("adult-day-services-2027", s, true);
        expect_attract_fits("depot-staff-pulse-2027", s, true);
    }
}

// The pulse's thank-you, on its first frame, in both themes and both languages.
TEST(KioskLayout, ThePulseThankYouFitsAt100) {
    for (const Size& s : {Size{1280, 800}, Size{1366, 768}}) {
        const std::string tag = std::to_string(s.w) + "x" + std::to_string(s.h);
        for (const bool contrast : {false, true}) {
            for (const char* lang : {"en", "pl"}) {
                KioskHarness h(on_sample("libraries-2027", s.w, s.h));
                if (contrast) h.tap("High contrast: off");
                if (std::string(lang) == "pl") h.tap("Polski");
                const std::string where = tag + (contrast ? " high contrast " : " ") + lang;
                std::optional<std::string> first;
                h.on_frame([&] {
                    if (first || h.app().screen() != ScreenId::PulseThanks) return;
                    first = h.screenshot("pulse-thanks-" + tag + (contrast ? "-contrast-" : "-") +
                                         lang + ".png")
                                .string();
                    expect_fits(h, s, 1.0f, where + " pulse thank-you, first frame");
                    expect_apart_and_whole(h, where + " pulse thank-you, first frame");
                    EXPECT_FALSE(more_below(h)) << where << ": the pulse's thank-you scrolls";
                });
                ASSERT_TRUE(h.tap(std::string(lang) == "pl" ? "Dobrze" : "Happy"));
                h.on_frame({});
                EXPECT_TRUE(first) << where << ": no frame of the pulse's thank-you";
                EXPECT_TRUE(
                    h.item(std::string(lang) == "pl" ? "Powiesz nam więcej?" : "Tell us more?"))
                    << h.describe();
            }
        }
    }
}

// Goes from the privacy notice to the question headed `heading`.
void answer_until(KioskHarness& h, const std::string& heading) {
    for (int i = 0; i < 12 && !h.shows(heading); ++i) {
        if (h.item("Next") && !h.item("Next")->enabled) {
            h.tap(h.item("Very unhappy") ? "Very unhappy" : "Sunday");
        }
        h.tap("Next");
    }
    ASSERT_TRUE(h.shows(heading)) << h.describe();
}

// What the frame shows, item by item with its place: equal for two frames of a page at the
// same scroll.
std::string shown_items(const KioskHarness& h) {
    std::string out;
    for (const ui::ShownItem& it : h.items()) {
        out += it.label + "@" + std::to_string(static_cast<int>(it.y0)) + "\n";
    }
    return out;
}

// At 200% text, on to question 4 (which then scrolls), from the attract screen's top.
const char* const kQ4 = "What do you use the library for? Choose up to four.";

void start_at_200_to_q4(KioskHarness& h) {
    h.tap("A  200%");
    h.scroll(-20);
    h.tap("Touch to start");
    h.tap("I agree, start");
    answer_until(h, kQ4);
}

// Scroll never outlives its page: the next question, a page come back to, and the next
// resident's visit each open at the top. At 200% text question 4 must scroll.
TEST(KioskLayout, EveryPageAndVisitStartsAtTheTop) {
    const std::string q4 = kQ4;
    KioskHarness h(on_sample("libraries-2027", 1280, 800));
    start_at_200_to_q4(h);
    h.screenshot("200-question-first-frame.png");
    const std::string top = shown_items(h);
    EXPECT_TRUE(more_below(h)) << h.describe();
    EXPECT_FALSE(h.item("Other")) << "the last option is below the fold at 200%";
    h.scroll(30);
    h.screenshot("200-question-scrolled.png");
    ASSERT_TRUE(h.item("Other")) << "the page did not scroll: " << h.describe();
    EXPECT_FALSE(more_below(h)) << "no cue once the foot of the page shows";
    ASSERT_NE(shown_items(h), top);

    h.tap("Next");
    h.tap("Back");
    ASSERT_TRUE(h.shows(q4)) << h.describe();
    EXPECT_EQ(shown_items(h), top) << "a page come back to opened scrolled";

    h.scroll(30);
    ASSERT_NE(shown_items(h), top);
    // The visit is wiped (nobody there), and the next resident comes to the same question.
    h.idle_for(std::chrono::seconds(61));
    h.idle_for(std::chrono::seconds(21));
    ASSERT_EQ(h.app().screen(), ScreenId::Attract) << h.describe();
    h.tap("Touch to start");
    h.tap("I agree, start");
    answer_until(h, q4);
    EXPECT_EQ(shown_items(h), top) << "the next visit opened scrolled";
}

// A wheel turned over one page keeps scrolling the next, with the pointer not moved: here the
// visit is wiped while the pointer rests where it scrolled a question.
TEST(KioskLayout, TheWheelScrollsTheNewPageWithThePointerStill) {
    KioskHarness h(on_sample("libraries-2027", 1280, 800));
    start_at_200_to_q4(h);
    const std::string question_top = shown_items(h);
    h.scroll(3);
    ASSERT_NE(shown_items(h), question_top) << "the question did not scroll";
    h.idle_for(std::chrono::seconds(61));
    h.idle_for(std::chrono::seconds(21));
    ASSERT_EQ(h.app().screen(), ScreenId::Attract) << h.describe();
    const std::string attract_top = shown_items(h);
    h.scroll(2);
    EXPECT_NE(shown_items(h), attract_top)
        << "the wheel went to the page left behind: " << h.describe();
}

// The scheduler draws until the layout has settled, then nothing: a page change costs a few
// frames, and an idle page none.
TEST(KioskLayout, APageChangeSettlesInAFewFramesThenDrawsNothing) {
    KioskHarness h(on_sample("libraries-2027", 1280, 800));
    h.tap("Touch to start");
    h.tap("I agree, start");
    const ui::ShownItem* next = h.item("Next");
    ASSERT_NE(next, nullptr);
    const float x = (next->x0 + next->x1) / 2, y = (next->y0 + next->y1) / 2;
    h.press_at(x, y);
    const long before = h.app().frames_drawn();
    h.release_at(x, y);
    const long cost = h.app().frames_drawn() - before;
    std::printf("frames a page change costs: %ld\n", cost);
    EXPECT_FALSE(h.item("I agree, start")) << h.describe();
    // The frame that sees the release and changes the page, then the new page's settling.
    EXPECT_LE(cost - 1, 3) << "a new page settles in at most three frames";
    EXPECT_EQ(h.idle_for(std::chrono::seconds(30)), 0) << "a settled page draws nothing";
}

TEST(KioskLayout, EveryQuestionFits1280x800At150) {
    walk_every_question("libraries-2027", 1.5f, false);
    walk_every_question("adult-day-services-2027", 1.5f, true);
}
TEST(KioskLayout, EveryQuestionFits1280x800At200) {
    walk_every_question("libraries-2027", 2.0f, true);
    walk_every_question("adult-day-services-2027", 2.0f, false);
}

TEST(KioskLayout, Fits1280x800) {
    walk_every_screen({1280, 800}, 1.0f, false);
}
TEST(KioskLayout, Fits1366x768) {
    walk_every_screen({1366, 768}, 1.0f, false);
}
TEST(KioskLayout, Fits1920x1080) {
    walk_every_screen({1920, 1080}, 1.0f, false);
}
TEST(KioskLayout, Fits1280x800LargeTextHighContrast) {
    walk_every_screen({1280, 800}, 2.0f, true);
}
TEST(KioskLayout, Fits1920x1080MediumText) {
    walk_every_screen({1920, 1080}, 1.5f, false);
}

TEST(KioskTheme, HighContrastIsAtLeastSevenToOne) {
    const ui::Theme t = ui::make_theme(true, 1.0f);
    EXPECT_GE(ui::contrast_ratio(t.text, t.background), 7.0f);
    EXPECT_GE(ui::contrast_ratio(t.muted_text, t.background), 7.0f);
    EXPECT_GE(ui::contrast_ratio(t.accent_text, t.accent), 7.0f);
    EXPECT_GE(ui::contrast_ratio(t.button_text, t.button), 7.0f);
    EXPECT_GE(ui::contrast_ratio(t.selected_text, t.selected), 7.0f);
    EXPECT_GE(ui::contrast_ratio(t.error, t.background), 7.0f);
    // List rows (the division list): the text over a chosen row and over a hovered one.
    EXPECT_GE(ui::contrast_ratio(t.text, t.row_selected), 7.0f);
    EXPECT_GE(ui::contrast_ratio(t.text, t.row_hovered), 7.0f);
    const ui::Theme n = ui::make_theme(false, 1.0f);
    EXPECT_GE(ui::contrast_ratio(n.text, n.row_selected), 4.5f);
    EXPECT_GE(ui::contrast_ratio(n.text, n.row_hovered), 4.5f);
    EXPECT_GE(ui::contrast_ratio(n.selected_text, n.selected), 4.5f);
    EXPECT_GE(ui::contrast_ratio(n.text, n.background), 7.0f);
    EXPECT_GE(ui::contrast_ratio(n.muted_text, n.background), 4.5f);
    EXPECT_GE(ui::contrast_ratio(n.accent_text, n.accent), 4.5f);
    EXPECT_GE(ui::contrast_ratio(n.button_text, n.button), 4.5f);
}

}  // namespace
}  // namespace fv::testing
