// Phone numbers (see phone_widget.hpp).
#include "app/widgets/phone_widget.hpp"

#include "app/widgets/widget_kit.hpp"

namespace fv::widgets {

bool looks_like_phone(std::string_view text) {
    int digits = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c >= '0' && c <= '9') {
            ++digits;
        } else if (c == '+') {
            if (i != 0) return false;
        } else if (c != ' ' && c != '(' && c != ')' && c != '-') {
            return false;
        }
    }
    return digits >= 7 && digits <= 15;
}

std::string PhoneWidget::problem(const WidgetContext& ctx, const nlohmann::json& value) const {
    if (!value.is_string() || looks_like_phone(value.get<std::string>())) return {};
    return ctx.strings("widget.phone.invalid");
}

}  // namespace fv::widgets
