// Drives one question widget through real Dear ImGui frames with no window system: a real
// context, the kiosk theme and fonts, taps fed as mouse input on the items the Probe reports,
// found by their visible label. Shared by the tests/ui/test_widget_*.cpp files.
#pragma once

#include <gtest/gtest.h>
#include <imgui.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/ui/probe.hpp"
#include "app/ui/strings.hpp"
#include "app/ui/theme.hpp"
#include "app/widgets/question_widget.hpp"

namespace fv::widgets::testing {

inline LocalText en(const std::string& text) {
    return LocalText{{{"en", text}}};
}

inline Option option(const std::string& id, const std::string& label) {
    return Option{id, en(label), {}, {}};
}

inline Question question(QuestionType type, const std::string& id = "q") {
    Question q;
    q.id = id;
    q.type = type;
    q.prompt = en("A question");
    return q;
}

// Translation files for the test: the widget strings of assets/i18n, as en.json and pl.json
// of a temporary folder, so the test reads exactly the texts this repository ships.
inline std::filesystem::path widget_i18n_dir() {
    namespace fs = std::filesystem;
    const fs::path dir =
        fs::temp_directory_path() /
        ("fv-widget-i18n-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
    fs::create_directories(dir);
    const fs::path src = fs::path(FIELDVOICE_ASSETS_DIR) / "i18n";
    fs::copy_file(src / "widgets.en.json", dir / "en.json", fs::copy_options::overwrite_existing);
    fs::copy_file(src / "widgets.pl.json", dir / "pl.json", fs::copy_options::overwrite_existing);
    return dir;
}

class WidgetHarness {
  public:
    static constexpr int kBackspaceKey = 8;

    explicit WidgetHarness(Question q, std::string language = "en", float width = 1280,
                           float height = 2000, float text_scale = 1.0f)
        : question_(std::move(q)),
          language_(std::move(language)),
          strings_(ui::Strings::load(widget_i18n_dir(), language_)) {
        consultation_.id = "widget-test";
        consultation_.version = 1;
        consultation_.languages = {"en", "pl"};
        consultation_.questions = {question_};
        context_ = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.LogFilename = nullptr;
        io.DisplaySize = ImVec2(width, height);
        io.DeltaTime = 1.0f / 60.0f;
        io.KeyMap[ImGuiKey_Backspace] = kBackspaceKey;
        ui::set_theme(ui::make_theme(false, text_scale),
                      "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                      "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf");
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
        io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(1)));
        widget_ = make_widget(question_);
        frame();
    }
    ~WidgetHarness() { ImGui::DestroyContext(context_); }
    WidgetHarness(const WidgetHarness&) = delete;
    WidgetHarness& operator=(const WidgetHarness&) = delete;

    nlohmann::json value;  // the answer, as the question screen would hold it
    int changes = 0;       // how many frames draw() reported a change

    const ui::Strings& strings() const { return strings_; }
    const std::string& str(const std::string& key) const { return strings_.get(key); }

    void frame() {
        ImGui::NewFrame();
        ui::Probe::current().begin_frame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
        ImGui::Begin("widget", nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                         ImGuiWindowFlags_NoSavedSettings);
        WidgetContext ctx{consultation_, language_, strings_, ui::theme(), 0};
        if (widget_->draw(ctx, value)) ++changes;
        ImGui::End();
        ImGui::Render();
    }

    std::string problem() const {
        WidgetContext ctx{consultation_, language_, strings_, ui::theme(), 0};
        return widget_->problem(ctx, value);
    }

    // The nth item (0-based) shown with exactly this label, or nullptr.
    const ui::ShownItem* find(const std::string& label, int nth = 0) const {
        for (const auto& item : ui::Probe::current().items()) {
            if (item.label == label && nth-- == 0) return &item;
        }
        return nullptr;
    }
    std::vector<ui::ShownItem> items() const { return ui::Probe::current().items(); }

    bool shows_text(const std::string& part) const {
        for (const auto& t : ui::Probe::current().texts()) {
            if (t.find(part) != std::string::npos) return true;
        }
        return false;
    }

    // Taps the item as a finger would: touch down on it, lift, then one frame to redraw.
    // Fails the test (and returns false) when no such item is shown or it is disabled.
    bool tap(const std::string& label, int nth = 0) {
        const ui::ShownItem* item = find(label, nth);
        if (item == nullptr) {
            std::string shown;
            for (const auto& i : ui::Probe::current().items()) shown += " [" + i.label + "]";
            ADD_FAILURE() << "no item \"" << label << "\" (#" << nth
                          << ") is shown; shown:" << shown;
            return false;
        }
        if (!item->enabled) {
            ADD_FAILURE() << "item \"" << label << "\" is disabled";
            return false;
        }
        tap_at(ImVec2((item->x0 + item->x1) / 2, (item->y0 + item->y1) / 2));
        return true;
    }

    void tap_at(ImVec2 p) {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = p;
        io.MouseDown[0] = false;
        frame();
        io.MouseDown[0] = true;
        frame();
        io.MouseDown[0] = false;
        frame();
        io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        frame();
    }

    // Types `text` by tapping the on-screen keys: Shift before a capital, the symbols page
    // for what the letters page lacks.
    void type(const std::string& text) {
        for (const std::string& ch : split_utf8(text)) {
            if (ch == " ") {
                tap(str("widget.keyboard.space"));
            } else if (find(ch)) {
                tap(ch);
            } else if (find(str("widget.keyboard.shift")) && !find(ch)) {
                tap(str("widget.keyboard.shift"));
                if (find(ch)) {
                    tap(ch);
                } else {
                    tap(str("widget.keyboard.shift"));
                    tap(str("widget.keyboard.symbols"));
                    tap(ch);
                    tap(str("widget.keyboard.letters"));
                }
            } else {
                tap(ch);
            }
        }
    }

    // Typing on a physical keyboard: the characters ImGui's SDL backend would queue.
    void physical_type(const std::string& utf8) {
        ImGui::GetIO().AddInputCharactersUTF8(utf8.c_str());
        frame();
    }
    void physical_backspace() {
        ImGuiIO& io = ImGui::GetIO();
        io.KeysDown[kBackspaceKey] = true;
        frame();
        io.KeysDown[kBackspaceKey] = false;
        frame();
    }

    static std::vector<std::string> split_utf8(const std::string& s) {
        std::vector<std::string> out;
        for (std::size_t i = 0; i < s.size();) {
            std::size_t n = 1;
            const auto b = static_cast<unsigned char>(s[i]);
            if (b >= 0xF0)
                n = 4;
            else if (b >= 0xE0)
                n = 3;
            else if (b >= 0xC0)
                n = 2;
            out.push_back(s.substr(i, n));
            i += n;
        }
        return out;
    }

  private:
    Question question_;
    Consultation consultation_;
    std::string language_;
    ui::Strings strings_;
    ImGuiContext* context_ = nullptr;
    std::unique_ptr<QuestionWidget> widget_;
};

}  // namespace fv::widgets::testing
