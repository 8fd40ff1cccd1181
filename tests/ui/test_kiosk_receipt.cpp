// The receipt on the thank-you screen: the reference shown on its first frame is the one the
// device's SQLite file holds and the one a sync sends; its QR code, read back by Debian's zbarimg
// from the harness's screenshot, is the store's public page under the store's path prefix; no
// store, no code; and the page fits at the kiosk sizes, in both themes and both languages.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <optional>

#include "app/receipt.hpp"
#include "app/ui/focus.hpp"
#include "app/ui/probe.hpp"
#include "app/ui/strings.hpp"
#include "app/ui/theme.hpp"
#include "core/util/ids.hpp"
#include "platform/window.hpp"
#include "support/device_file.hpp"
#include "support/kiosk_harness.hpp"
#include "sync/client/sync_engine.hpp"
#include "sync/protocol/protocol.hpp"

namespace fv::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kPrefixedStore = "https://x.gov.uk/fieldvoice/";

// What one frame showed, kept past the frames that follow it.
struct Frame {
    std::vector<std::string> texts;
    std::vector<ui::ShownItem> items, images;
    std::vector<ui::ReadEntry> reading;
    std::vector<std::string> cues;
    std::vector<ui::FocusItem> focus;
    fs::path shot;
};

// The words of the visit in `lang`, from the kiosk's own translations.
struct Words {
    std::string start, agree, next, submit, unhappy, title;
};
Words words(const std::string& lang) {
    const ui::Strings s = ui::Strings::load(fs::path(FIELDVOICE_ASSETS_DIR) / "i18n", lang);
    return {s("attract.start"),   s("consent.agree"),   s("question.next"),
            s("question.submit"), s("widget.smiley.1"), s("thanks.title")};
}

// Answers a libraries or adult day services visit to the end (only what is required) and
// sends it; returns the first frame of the thank-you screen, its screenshot under `shot`.
std::optional<Frame> send_a_visit(KioskHarness& h, const std::string& lang,
                                  const std::string& shot) {
    const Words w = words(lang);
    std::optional<Frame> first;
    h.on_frame([&] {
        if (first || h.app().screen() != ScreenId::Thanks || !h.shows(w.title)) return;
        const ui::Probe& p = ui::Probe::current();
        first = Frame{p.texts(),
                      p.items(),
                      p.images(),
                      p.reading_order(),
                      p.cues(),
                      ui::Focus::current().order(),
                      KioskHarness::output_dir() / shot};
        EXPECT_EQ(platform::save_screenshot(h.app().window().renderer(), first->shot), "");
    });
    h.tap(w.start);
    h.tap(w.agree);
    // One answer to each required question of the two samples (in Easy Read too).
    const std::vector<std::string> answers = {w.unhappy,
                                              lang == "pl" ? "Niedziela" : "Sunday",
                                              "I work in a day service",
                                              "I work in a day service.",
                                              "Seeing friends and meeting people",
                                              "Seeing my friends"};
    for (int i = 0; i < 20 && !h.item(w.submit); ++i) {
        const ui::ShownItem* next = h.item(w.next);
        const auto& order = ui::Focus::current().order();
        for (const std::string& answer : answers) {
            const bool offered =
                std::any_of(order.begin(), order.end(),
                            [&](const ui::FocusItem& it) { return it.label == answer; });
            if (next && !next->enabled && offered) {
                h.tap(answer);
                break;
            }
        }
        h.tap(w.next);
    }
    EXPECT_TRUE(h.tap(w.submit)) << h.describe();
    h.on_frame({});
    EXPECT_EQ(h.app().screen(), ScreenId::Thanks) << h.describe();
    EXPECT_TRUE(first) << "no frame of the thank-you screen was drawn";
    return first;
}

// What Debian's zbarimg reads in a PNG: each symbol's text, one a line ("" when it finds none).
// Not skipped when it is missing: install-deps.sh --test installs zbar-tools.
std::string zbar_read(const fs::path& png) {
    if (std::system("command -v zbarimg >/dev/null 2>&1") != 0) {
        ADD_FAILURE() << "zbarimg is missing: platform/setup/install-deps.sh --test installs it";
        return "(no zbarimg)";
    }
    const std::string command =
        "zbarimg --quiet --raw -Sdisable -Sqrcode.enable '" + png.string() + "' 2>/dev/null";
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) {
        ADD_FAILURE() << "cannot run zbarimg";
        return "(no zbarimg)";
    }
    std::string out;
    std::array<char, 512> buf{};
    while (std::fgets(buf.data(), static_cast<int>(buf.size()), pipe) != nullptr) out += buf.data();
    pclose(pipe);
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    return out;
}

const ui::ShownItem* qr_image(const Frame& f) {
    for (const ui::ShownItem& it : f.images) {
        if (it.label.rfind("qr:", 0) == 0) return &it;
    }
    return nullptr;
}

bool has_text(const Frame& f, const std::string& text) {
    return std::find(f.texts.begin(), f.texts.end(), text) != f.texts.end();
}

TEST(Receipt, ReferenceWordsAndAddress) {
    EXPECT_EQ(grouped_reference("K7QF3XPM"), "K7QF 3XPM");
    EXPECT_EQ(spelled_reference("K7QF3XPM"), "K, 7, Q, F, 3, X, P, M");
    EXPECT_EQ(public_page_url("https://x.gov.uk/fieldvoice/", "libraries-2027"),
              "https://x.gov.uk/fieldvoice/c/libraries-2027");
    EXPECT_EQ(public_page_url("https://x.gov.uk/fieldvoice", "libraries-2027"),
              "https://x.gov.uk/fieldvoice/c/libraries-2027");
    EXPECT_EQ(public_page_url("http://127.0.0.1:8080/", "a-1"), "http://127.0.0.1:8080/c/a-1");
}

// The reference on the thank-you's first frame is the one in the device's database file and
// in the body a sync sends; it is said a character at a time; the QR code reads as the public
// page under the store's prefix.
TEST(Receipt, ShownOnTheFirstFrameStoredSentAndItsCodeReadsAsThePublicPage) {
    KioskHarness h(on_sample("libraries-2027"));
    h.store().set_setting(kSettingStoreUrl, kPrefixedStore);
    const auto first = send_a_visit(h, "en", "receipt-first-frame-1280x800.png");
    ASSERT_TRUE(first);

    const auto wires = wires_in_file(database_path(h.data_dir()));
    ASSERT_EQ(wires.size(), 1u);
    ASSERT_TRUE(wires[0].contains("reference")) << wires[0].dump();
    const std::string reference = wires[0].at("reference").get<std::string>();
    EXPECT_TRUE(is_reference(reference)) << reference;
    EXPECT_EQ(Response::from_json(wires[0]).reference, reference);

    EXPECT_TRUE(has_text(*first, grouped_reference(reference)))
        << "the first frame of the thank-you does not show " << grouped_reference(reference) << "\n"
        << h.describe();
    EXPECT_TRUE(h.shows(grouped_reference(reference)));
    EXPECT_TRUE(has_text(*first, "Your reference"));
    EXPECT_TRUE(has_text(*first, words("en").title));
    // Read aloud says it a character at a time.
    const auto said = std::find_if(
        first->reading.begin(), first->reading.end(),
        [&](const ui::ReadEntry& e) { return e.label == grouped_reference(reference); });
    ASSERT_NE(said, first->reading.end());
    EXPECT_EQ(said->said, spelled_reference(reference));

    // What the sync pass sends: the stored wire texts in a batch body, unparsed.
    const auto queued = h.store().queued_wire(0, 10);
    ASSERT_EQ(queued.size(), 1u);
    std::vector<std::string_view> texts{queued[0].wire};
    const auto body = nlohmann::json::parse(
        protocol::responses_batch_text("device", "2027-03-01T10:00:00Z", texts));
    EXPECT_EQ(body.at("responses").at(0).at("reference"), reference);

    const std::string url = "https://x.gov.uk/fieldvoice/c/libraries-2027";
    const ui::ShownItem* qr = qr_image(*first);
    ASSERT_NE(qr, nullptr) << "no QR code on the first frame";
    EXPECT_EQ(qr->label, "qr:" + url);
    EXPECT_EQ(zbar_read(first->shot), url) << first->shot;
    const fs::path settled = h.screenshot("receipt-1280x800.png");
    EXPECT_EQ(zbar_read(settled), url) << settled;

    // The next person sees nothing of it.
    h.tap("Finish");
    EXPECT_EQ(h.app().visit().reference, "");
    EXPECT_FALSE(h.shows_part(grouped_reference(reference)));
}

// Read aloud, the thank-you says the reference a character at a time, in the visit's voice.
TEST(Receipt, ReadAloudSpellsTheReference) {
    KioskHarness h(on_sample("libraries-2027"));
    h.tap("Read aloud: off");
    ASSERT_TRUE(send_a_visit(h, "en", "receipt-read-aloud.png"));
    const std::string reference = h.app().visit().reference;
    ASSERT_TRUE(is_reference(reference));
    speech::Speaker* speaker = h.app().read_aloud().speaker();
    ASSERT_NE(speaker, nullptr);
    speaker->wait_until_idle();
    const auto said = speaker->last_utterance();
    ASSERT_TRUE(said);
    EXPECT_NE(said->text.find("Your reference.\n" + spelled_reference(reference) + "."),
              std::string::npos)
        << said->text;
    EXPECT_EQ(said->text.find(grouped_reference(reference)), std::string::npos) << said->text;
}

TEST(Receipt, EveryWayOfAnsweringGetsItsOwnReference) {
    KioskHarness h(on_sample("libraries-2027"));
    send_a_visit(h, "en", "receipt-second-1.png");
    h.tap("Finish");
    send_a_visit(h, "en", "receipt-second-2.png");
    const auto wires = wires_in_file(database_path(h.data_dir()));
    ASSERT_EQ(wires.size(), 2u);
    EXPECT_NE(wires[0].at("reference"), wires[1].at("reference"));
}

// A kiosk with no store (not enrolled): the reference shows, and no code at all.
TEST(Receipt, NoStoreNoCodeButTheReference) {
    KioskHarness h(on_sample("libraries-2027"));
    ASSERT_FALSE(h.store().setting(kSettingStoreUrl));
    const auto first = send_a_visit(h, "en", "receipt-no-store-first-frame.png");
    ASSERT_TRUE(first);
    const auto wires = wires_in_file(database_path(h.data_dir()));
    ASSERT_EQ(wires.size(), 1u);
    const std::string reference = wires[0].at("reference").get<std::string>();
    EXPECT_TRUE(has_text(*first, grouped_reference(reference))) << h.describe();
    EXPECT_EQ(qr_image(*first), nullptr);
    EXPECT_FALSE(h.shows("Scan the code to see what the council does with what people said"));
    const fs::path shot = h.screenshot("receipt-no-store-1280x800.png");
    EXPECT_EQ(zbar_read(shot), "") << shot;
}

// Easy Read gets its simpler line.
TEST(Receipt, EasyReadHasASimpleLine) {
    KioskHarness h(on_sample("adult-day-services-2027"));
    h.tap("Easy Read: off");
    const auto first = send_a_visit(h, "en", "receipt-easy-read.png");
    ASSERT_TRUE(first);
    EXPECT_TRUE(has_text(*first,
                         "This is your number. Keep it. Tell the council this number if "
                         "you want us to delete your answers."))
        << h.describe();
}

struct FitCase {
    int width, height;
    bool contrast;
    std::string lang, sample;
};

std::string name_of(const FitCase& c) {
    return c.sample + "-" + std::to_string(c.width) + "x" + std::to_string(c.height) +
           (c.contrast ? "-contrast" : "") + "-" + c.lang;
}

void PrintTo(const FitCase& c, std::ostream* os) {
    *os << name_of(c);
}

class ReceiptFits : public ::testing::TestWithParam<FitCase> {};

// The thank-you's first frame at 100% text: every item and the code inside the window, none
// below the fold or cut by it, nothing overlapping the code, and no "More below".
TEST_P(ReceiptFits, OnItsFirstFrame) {
    const FitCase c = GetParam();
    const std::string where = name_of(c);
    KioskHarness h(on_sample(c.sample, c.width, c.height));
    h.store().set_setting(kSettingStoreUrl, kPrefixedStore);
    if (c.contrast) h.tap("High contrast: off");
    if (c.lang == "pl") h.tap("Polski");
    const auto first = send_a_visit(h, c.lang, "receipt-first-" + where + ".png");
    ASSERT_TRUE(first);
    EXPECT_EQ(ui::theme().text_scale, 1.0f);
    EXPECT_EQ(ui::theme().high_contrast, c.contrast);
    const float w = static_cast<float>(c.width), hgt = static_cast<float>(c.height);

    std::size_t laid_out = 0;
    for (const ui::ReadEntry& e : first->reading) {
        if (!e.is_item) continue;
        ++laid_out;
        const bool shown =
            std::any_of(first->items.begin(), first->items.end(),
                        [&](const ui::ShownItem& it) { return it.label == e.label; });
        EXPECT_TRUE(shown) << where << ": \"" << e.label << "\" is below the fold";
    }
    EXPECT_GT(laid_out, 0u);
    for (const ui::ShownItem& it : first->items) {
        EXPECT_GE(it.x0, 0) << where << ": " << it.label;
        EXPECT_GE(it.y0, 0) << where << ": " << it.label;
        EXPECT_LE(it.x1, w) << where << ": " << it.label;
        EXPECT_LE(it.y1, hgt) << where << ": " << it.label;
    }
    for (const ui::FocusItem& it : first->focus) {
        EXPECT_TRUE(it.shown()) << where << ": " << it.label;
        EXPECT_LE(it.max.y - it.shown_max.y, 0.5f) << where << ": \"" << it.label << "\" is cut";
    }
    EXPECT_TRUE(std::find(first->cues.begin(), first->cues.end(), "More below") ==
                first->cues.end())
        << where << ": the thank-you scrolls";
    const ui::ShownItem* qr = qr_image(*first);
    ASSERT_NE(qr, nullptr) << where;
    EXPECT_GE(qr->x0, 0) << where;
    EXPECT_LE(qr->x1, w) << where;
    EXPECT_LE(qr->y1, hgt) << where;
    // Big enough for a phone at arm's length (about 6 cm on a kiosk screen).
    EXPECT_GE(qr->x1 - qr->x0, 240.0f) << where;
    for (const ui::ShownItem& it : first->items) {
        const bool apart = it.x1 <= qr->x0 || qr->x1 <= it.x0 || it.y1 <= qr->y0 || qr->y1 <= it.y0;
        EXPECT_TRUE(apart) << where << ": \"" << it.label << "\" overlaps the code";
    }
    EXPECT_EQ(zbar_read(first->shot), "https://x.gov.uk/fieldvoice/c/" + h.app().consultation()->id)
        << first->shot;
    h.screenshot("receipt-" + where + ".png");
}

std::vector<FitCase> fit_cases() {
    std::vector<FitCase> all;
    for (const auto& [w, hgt] : {std::pair{1280, 800}, std::pair{1366, 768}}) {
        for (bool contrast : {false, true}) {
            for (const char* lang : {"en", "pl"})
                all.push_back({w, hgt, contrast, lang, "libraries-2027"});
            all.push_back({w, hgt, contrast, "en", "adult-day-services-2027"});
        }
    }
    return all;
}

std::string fit_name(const ::testing::TestParamInfo<FitCase>& info) {
    std::string n = name_of(info.param);
    for (char& ch : n) {
        if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
    }
    return n;
}

INSTANTIATE_TEST_SUITE_P(KioskSizes, ReceiptFits, ::testing::ValuesIn(fit_cases()), fit_name);

}  // namespace
}  // namespace fv::testing
