// A widget that lets a resident answer one question on a touch screen. One class per type in
// this folder; make_widget picks it. A widget owns only what it needs between frames (a text
// buffer, ranking progress) and is destroyed with the visit, so nothing outlives a wipe.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "core/model/consultation.hpp"

namespace fv::ui {
class Strings;
struct Theme;
}  // namespace fv::ui

namespace fv::widgets {

struct WidgetContext {
    const Consultation& consultation;
    const std::string& language;
    const ui::Strings& strings;
    const ui::Theme& theme;
    float width = 0;         // the width available to the widget, in pixels
    bool easy_read = false;  // Easy Read mode: options' Easy Read text and pictures
};

class QuestionWidget {
public:
    virtual ~QuestionWidget() = default;
    // Draws the widget under the question's prompt and edits `value`: null while unanswered,
    // else the value DESIGN.md gives for the type. Returns true when `value` changed.
    virtual bool draw(const WidgetContext& ctx, nlohmann::json& value) = 0;
    // A problem with the current value to show the resident (e.g. "That is not a UK
    // postcode"), in the visit's language; "" when none. Next stays disabled while non-empty.
    virtual std::string problem(const WidgetContext& ctx, const nlohmann::json& value) const {
        (void)ctx;
        (void)value;
        return {};
    }
};

std::unique_ptr<QuestionWidget> make_widget(const Question& question);

}  // namespace fv::widgets
