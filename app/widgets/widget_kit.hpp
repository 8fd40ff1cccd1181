// Small helpers every question widget shares: touch-target sizes from the theme, the visit's
// text for a LocalText, colours, and numbers printed for people.
#pragma once

#include <imgui.h>

#include <nlohmann/json.hpp>
#include <string>

#include "app/ui/strings.hpp"
#include "app/ui/ui.hpp"
#include "app/widgets/question_widget.hpp"

namespace fv::widgets {

// The smallest side of a touch target: 64 px at text scale 1.0, scaled with the text.
float target_height(const ui::Theme& theme);
// Space between neighbouring targets, so a finger does not hit two.
float target_gap(const ui::Theme& theme);
// The width the widget may use: ctx.width, else what the ImGui window has left.
float available_width(const WidgetContext& ctx);

ImU32 colour(const ImVec4& c);

// The height the page shows below the cursor, whatever its scroll: what a widget can fill
// and still be seen whole on the page's first frame.
float room_below();

// Sets the vertical space between rows of targets for its lifetime: the kiosk style's spacing
// suits text, but rows of keys and options need less to fit a 800 px tall screen.
class RowSpacing {
  public:
    explicit RowSpacing(float y) {
        ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, y));
    }
    ~RowSpacing() { ImGui::PopStyleVar(); }
    RowSpacing(const RowSpacing&) = delete;
    RowSpacing& operator=(const RowSpacing&) = delete;
};

// Places a question's option buttons in one column, or in two when one column would run
// below the page's fold (the room left in the page's visible height, whatever its scroll), so
// that every option, "Prefer not to say" too, shows on the page's first frame.
class OptionGrid {
  public:
    OptionGrid(int count, float width, float height, float gap);
    // The size of each button.
    ImVec2 size() const { return size_; }
    int columns() const { return columns_; }
    // Call before drawing the `index`th button (0-based, in order).
    void place(int index) const;

  private:
    int columns_ = 1;
    ImVec2 size_;
    float gap_;
};

// A definition's text in the visit language, falling back to the definition's default.
const std::string& local(const WidgetContext& ctx, const LocalText& text);

// An option of `question` as a button, `size.x` wide: in Easy Read mode with the option's Easy
// Read text (one idea a line) and its picture, as tall as they need, the text of every option
// of the question starting level when any has a picture; else ui::button with its label.
bool option_button(const WidgetContext& ctx, const Question& question, const Option& option,
                   ImVec2 size, bool enabled, bool selected);
// The label option_button shows (tests and the ranking widget's "1st: ..." lines use it).
std::string option_label(const WidgetContext& ctx, const Option& option);

// Draws `s` word-wrapped to `width` with every line centred, from `top_left`, reports it to the
// Probe, and returns the height used. Draws only: the caller reserves the space.
float centred_text(const std::string& s, ImVec2 top_left, float width, ImU32 col);

// One unwrapped line in `col`, laid out as an ImGui item and reported to the Probe.
void line_text(const std::string& s, const ImVec4& col);

// 3 -> "3", 2.5 -> "2.5": numbers as a resident would write them.
std::string format_number(double n);

}  // namespace fv::widgets
