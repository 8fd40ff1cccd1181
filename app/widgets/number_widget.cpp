// Numbers (see number_widget.hpp).
#include "app/widgets/number_widget.hpp"

#include <charconv>
#include <cmath>

#include "app/widgets/widget_kit.hpp"

namespace fv::widgets {

NumberWidget::NumberWidget(const Question& question)
    : KeyboardEntryWidget(question, KeyboardLayout::Number, 15) {}

nlohmann::json NumberWidget::value_from_text(const std::string& text) const {
    const char* first = text.data();
    const char* last = text.data() + text.size();
    if (text.find('.') == std::string::npos) {
        long long whole = 0;
        const auto [end, ec] = std::from_chars(first, last, whole);
        if (ec == std::errc() && end == last) return whole;
    }
    double n = 0;
    const auto [end, ec] = std::from_chars(first, last, n, std::chars_format::fixed);
    // "-" or "." alone is not a number yet: unanswered until a digit follows.
    if (ec != std::errc() || end != last || !std::isfinite(n)) return nullptr;
    return n;
}

void NumberWidget::draw_between(const WidgetContext& ctx, const nlohmann::json& value) {
    (void)value;
    const auto& q = question_;
    if (q.number_min && q.number_max) {
        ui::muted(ctx.strings.format("widget.number.range", format_number(*q.number_min),
                                     format_number(*q.number_max)));
    }
}

std::string NumberWidget::problem(const WidgetContext& ctx, const nlohmann::json& value) const {
    if (value.is_null()) return {};
    if (!value.is_number()) return ctx.strings("widget.number.not_a_number");
    const double n = value.get<double>();
    const auto& q = question_;
    const bool low = q.number_min && n < *q.number_min;
    const bool high = q.number_max && n > *q.number_max;
    if (!low && !high) return {};
    if (q.number_min && q.number_max) {
        return ctx.strings.format("widget.number.out_of_range", format_number(*q.number_min),
                                  format_number(*q.number_max));
    }
    if (low) return ctx.strings.format("widget.number.below_min", format_number(*q.number_min));
    return ctx.strings.format("widget.number.above_max", format_number(*q.number_max));
}

}  // namespace fv::widgets
