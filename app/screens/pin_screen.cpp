// Officer PIN screen.
#include "app/screens/pin_screen.hpp"

#include <imgui.h>
#include <sodium.h>

#include <algorithm>

#include "app/screens/page.hpp"
#include "app/settings_keys.hpp"
#include "app/ui/focus.hpp"
#include "app/ui/ui.hpp"
#include "core/util/pin.hpp"

namespace fv::screens {
namespace {

constexpr std::size_t kMaxDigits = 8;
constexpr int kFailuresBeforeLock = 5;
constexpr std::chrono::seconds kLockTime{60};

}  // namespace

PinScreen::~PinScreen() {
    clear(entered_);
    clear(first_choice_);
}

void PinScreen::clear(std::string& digits) {
    sodium_memzero(digits.data(), digits.size());
    digits.clear();
}

void PinScreen::on_enter(Flow& flow) {
    clear(entered_);
    clear(first_choice_);
    message_key_.clear();
    mode_ = flow.store().setting(kSettingOfficerPinHash) ? Mode::Unlock : Mode::Choose;
}

void PinScreen::press_ok(Flow& flow) {
    switch (mode_) {
        case Mode::Choose:
            if (!is_acceptable_pin(entered_)) {
                message_key_ = "pin.too_easy";
            } else {
                first_choice_ = entered_;
                mode_ = Mode::Confirm;
                message_key_.clear();
            }
            break;
        case Mode::Confirm:
            if (entered_ == first_choice_) {
                flow.store().set_setting(kSettingOfficerPinHash, hash_pin(entered_));
                flow.store().audit("officer_pin_set");
                clear(entered_);
                clear(first_choice_);
                flow.end_visit();  // on to the kiosk's start screen
                return;
            }
            message_key_ = "pin.mismatch";
            mode_ = Mode::Choose;
            clear(first_choice_);
            break;
        case Mode::Unlock: {
            const auto now = flow.clock().now();
            if (locked_until_ && now < *locked_until_) {
                message_key_ = "pin.locked";
                break;
            }
            const auto hash = flow.store().setting(kSettingOfficerPinHash);
            if (hash && verify_pin(*hash, entered_)) {
                failures_ = 0;
                locked_until_.reset();
                flow.store().audit("officer_unlocked");
                clear(entered_);
                flow.go(ScreenId::Officer);
                return;
            }
            flow.store().audit("officer_pin_refused");
            message_key_ = "pin.wrong";
            if (++failures_ >= kFailuresBeforeLock) {
                failures_ = 0;
                locked_until_ = now + kLockTime;
                message_key_ = "pin.locked";
            }
            break;
        }
    }
    clear(entered_);
}

void PinScreen::draw(Flow& flow) {
    const ui::Strings& s = flow.strings();
    const ui::Theme& t = ui::theme();

    // Digits, Backspace and Enter from a keyboard, for officers with one.
    for (ImWchar ch : ImGui::GetIO().InputQueueCharacters) {
        if (ch >= '0' && ch <= '9' && entered_.size() < kMaxDigits) {
            entered_.push_back(static_cast<char>(ch));
        }
    }
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace)) && !entered_.empty()) {
        entered_.pop_back();
    }
    const bool enter = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) ||
                       ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter));

    begin_body("pin", 0);
    gap(16);
    const char* title = mode_ == Mode::Choose    ? "pin.choose_title"
                        : mode_ == Mode::Confirm ? "pin.confirm_title"
                                                 : "pin.unlock_title";
    ui::heading(s(title));
    ui::text(s(mode_ == Mode::Unlock ? "pin.unlock_body" : "pin.choose_body"));
    std::string dots;
    for (std::size_t i = 0; i < entered_.size(); ++i) dots += "\u25CF ";
    ImGui::PushFont(t.heading);
    ImGui::TextUnformatted(dots.empty() ? " " : dots.c_str());
    ImGui::PopFont();
    if (!message_key_.empty()) ui::error_text(s(message_key_));

    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float key_w = std::min((column_width() - 2 * spacing) / 3.0f, 2.5f * t.min_target);
    const ImVec2 key(key_w, 1.2f * t.min_target);
    const char* rows[4][3] = {{"1", "2", "3"}, {"4", "5", "6"}, {"7", "8", "9"}, {"", "0", ""}};
    for (int r = 0; r < 4; ++r) {
        for (int col = 0; col < 3; ++col) {
            if (col > 0) ImGui::SameLine();
            const std::string label = rows[r][col];
            if (r == 3 && col == 0) {
                if (ui::button(s("pin.delete"), key) && !entered_.empty()) entered_.pop_back();
            } else if (r == 3 && col == 2) {
                if (ui::primary_button(s("pin.ok"), key, !entered_.empty())) press_ok(flow);
            } else if (ui::button(label, key) && entered_.size() < kMaxDigits) {
                entered_ += label;
            }
        }
    }
    if (enter && !entered_.empty()) press_ok(flow);
    if (mode_ == Mode::Unlock) {
        gap(16);
        if (ui::button(s("pin.cancel"), ImVec2(3 * key_w + 2 * spacing, 0)) ||
            ui::Focus::current().take_cancel()) {
            clear(entered_);
            flow.end_visit();
        }
    }
    end_body();
}

}  // namespace fv::screens
