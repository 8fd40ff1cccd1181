// Keyboard and switch access on its own: SDL events as structs (no SDL started, no window), a
// focus order from one Dear ImGui frame with no renderer.
#include <gtest/gtest.h>
#include <imgui.h>

#include <cstring>
#include <string>
#include <vector>

#include "app/access_input.hpp"
#include "app/ui/focus.hpp"

namespace fv {
namespace {

SDL_Event key_down(SDL_Keycode key, Uint16 mod = KMOD_NONE, Uint8 repeat = 0) {
    SDL_Event e{};
    e.type = SDL_KEYDOWN;
    e.key.keysym.sym = key;
    e.key.keysym.mod = mod;
    e.key.repeat = repeat;
    return e;
}

SDL_Event text(const char* typed) {
    SDL_Event e{};
    e.type = SDL_TEXTINPUT;
    std::strncpy(e.text.text, typed, sizeof e.text.text - 1);
    return e;
}

struct Item {
    float y;
    bool enabled = true;
};

class AccessInputTest : public ::testing::Test {
  protected:
    AccessInputTest() {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(800, 600);
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
        focus_.clear();
    }
    ~AccessInputTest() override { ImGui::DestroyContext(); }

    // One frame whose focus order is these items, 100 px wide and 50 px tall at (100, y).
    void frame(const std::vector<Item>& items) {
        ImGui::NewFrame();
        ImGui::Begin("page");
        focus_.begin_frame();
        for (std::size_t i = 0; i < items.size(); ++i) {
            const ImVec2 min(100, items[i].y), max(200, items[i].y + 50);
            focus_.add({.id = static_cast<ImGuiID>(i + 1),
                        .label = "item " + std::to_string(i),
                        .min = min,
                        .max = max,
                        .shown_min = min,
                        .shown_max = max,
                        .enabled = items[i].enabled});
        }
        focus_.end_frame();
        ImGui::End();
        ImGui::EndFrame();
    }

    ImGuiID focused() const { return focus_.focused() ? focus_.focused()->id : 0; }

    ui::Focus focus_;
    AccessInput access_;
};

TEST_F(AccessInputTest, TabAndTheArrowsMoveTheFocusAlongTheOrder) {
    frame({{0}, {100}, {200}});
    auto out = access_.handle(key_down(SDLK_TAB), focus_, false, false);
    EXPECT_TRUE(out.consumed);
    EXPECT_TRUE(out.restart_scan);
    EXPECT_FALSE(out.pressed);
    EXPECT_EQ(focused(), 1u);
    access_.handle(key_down(SDLK_DOWN), focus_, false, false);
    EXPECT_EQ(focused(), 2u);
    access_.handle(key_down(SDLK_TAB, KMOD_LSHIFT), focus_, false, false);
    EXPECT_EQ(focused(), 1u);
    access_.handle(key_down(SDLK_UP), focus_, false, false);
    EXPECT_EQ(focused(), 3u);  // wraps round
    EXPECT_TRUE(focus_.ring_shown());
}

TEST_F(AccessInputTest, EnterPressesTheFocusedItemAsATapAtItsCentre) {
    frame({{0}, {100}});
    access_.handle(key_down(SDLK_TAB), focus_, false, false);
    access_.handle(key_down(SDLK_TAB), focus_, false, false);
    const auto out = access_.handle(key_down(SDLK_RETURN), focus_, false, false);
    EXPECT_TRUE(out.consumed);
    EXPECT_TRUE(out.pressed);
    const auto down = access_.tap_frame();
    ASSERT_TRUE(down);
    EXPECT_FLOAT_EQ(down->x, 150);
    EXPECT_FLOAT_EQ(down->y, 125);
    EXPECT_TRUE(down->down);
    const auto up = access_.tap_frame();
    ASSERT_TRUE(up);
    EXPECT_FALSE(up->down);  // released on the next frame: ImGui's click
    EXPECT_FALSE(access_.tap_frame());
}

TEST_F(AccessInputTest, WithNoRingEnterAndSpaceAreThePagesOwn) {
    frame({{0}});
    EXPECT_FALSE(access_.handle(key_down(SDLK_RETURN), focus_, false, false).consumed);
    EXPECT_FALSE(access_.handle(key_down(SDLK_SPACE), focus_, false, false).consumed);
    EXPECT_FALSE(access_.tap_pending());
}

TEST_F(AccessInputTest, TheSpaceThatPressesTypesNoSpaceButOtherTextGoesThrough) {
    frame({{0}});
    access_.handle(key_down(SDLK_TAB), focus_, false, false);
    ASSERT_TRUE(access_.handle(key_down(SDLK_SPACE), focus_, false, false).pressed);
    EXPECT_TRUE(access_.handle(text(" "), focus_, false, false).consumed);
    EXPECT_FALSE(access_.handle(text(" "), focus_, false, false).consumed);  // only that one
    EXPECT_FALSE(access_.handle(text("a"), focus_, false, false).consumed);
}

TEST_F(AccessInputTest, AHeldKeyPressesOnceAndADisabledItemNotAtAll) {
    frame({{0}, {100, false}});
    access_.handle(key_down(SDLK_TAB), focus_, false, false);
    ASSERT_TRUE(access_.handle(key_down(SDLK_RETURN), focus_, false, false).pressed);
    access_.forget_tap();
    EXPECT_FALSE(access_.handle(key_down(SDLK_RETURN, KMOD_NONE, 1), focus_, false, false).pressed);
    // Tab skips the disabled item: the focus stays on the only one it can reach.
    access_.handle(key_down(SDLK_TAB), focus_, false, false);
    EXPECT_EQ(focused(), 1u);
}

TEST_F(AccessInputTest, ATextFieldAndChordsTakeTheirKeys) {
    frame({{0}, {100}});
    EXPECT_FALSE(access_.handle(key_down(SDLK_TAB), focus_, false, true).consumed);
    EXPECT_FALSE(access_.handle(key_down(SDLK_TAB, KMOD_LCTRL), focus_, false, false).consumed);
    EXPECT_FALSE(access_.handle(key_down(SDLK_o, KMOD_LCTRL | KMOD_LALT), focus_, false, false)
                     .consumed);
    EXPECT_EQ(focused(), 0u);
}

TEST_F(AccessInputTest, EscapeAsksThePageToGoBack) {
    frame({{0}});
    EXPECT_TRUE(access_.handle(key_down(SDLK_ESCAPE), focus_, false, false).consumed);
    EXPECT_TRUE(focus_.take_cancel());
}

TEST_F(AccessInputTest, WhileScanningEverySwitchKeyPressesTheHighlight) {
    focus_.set_always(true);
    frame({{0}, {100}});  // scanning: the first item is highlighted at once
    ASSERT_EQ(focused(), 1u);
    for (SDL_Keycode key : {SDLK_SPACE, SDLK_RETURN, SDLK_KP_ENTER, SDLK_F1, SDLK_F12}) {
        access_.forget_tap();
        const auto out = access_.handle(key_down(key), focus_, true, false);
        EXPECT_TRUE(out.consumed) << "key " << key;
        EXPECT_TRUE(out.pressed) << "key " << key;
        EXPECT_TRUE(out.restart_scan) << "key " << key;
    }
    // A switch held down selects once; the highlight still waits a whole step.
    access_.forget_tap();
    const auto held = access_.handle(key_down(SDLK_F5, KMOD_NONE, 1), focus_, true, false);
    EXPECT_TRUE(held.consumed);
    EXPECT_FALSE(held.pressed);
    EXPECT_TRUE(held.restart_scan);
    EXPECT_FALSE(AccessInput::is_switch_key(SDLK_a));
    EXPECT_FALSE(AccessInput::is_switch_key(SDLK_F13));
}

}  // namespace
}  // namespace fv
