// Free text (see text_widget.hpp).
#include "app/widgets/text_widget.hpp"

#include "app/widgets/widget_kit.hpp"
#include "core/model/answers.hpp"

namespace fv::widgets {

TextWidget::TextWidget(const Question& question)
    : KeyboardEntryWidget(
          question, KeyboardLayout::Text,
          question.max_length ? static_cast<std::size_t>(*question.max_length) : 0) {}

nlohmann::json TextWidget::value_from_text(const std::string& text) const {
    // Only spaces is no answer: an empty-looking answer would be stored as a real one.
    if (text.find_first_not_of(" ") == std::string::npos) return nullptr;
    return text;
}

void TextWidget::draw_between(const WidgetContext& ctx, const nlohmann::json& value) {
    if (!question_.max_length) return;
    const std::size_t used = value.is_string() ? utf8_length(value.get<std::string>()) : 0;
    ui::muted(ctx.strings.format("widget.text.counter", std::to_string(used),
                                 std::to_string(*question_.max_length)));
}

std::string TextWidget::problem(const WidgetContext& ctx, const nlohmann::json& value) const {
    if (!value.is_string() || !question_.max_length) return {};
    const auto max = static_cast<std::size_t>(*question_.max_length);
    if (utf8_length(value.get<std::string>()) <= max) return {};
    return ctx.strings.format("widget.text.too_long", std::to_string(max));
}

}  // namespace fv::widgets
