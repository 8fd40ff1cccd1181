// Email addresses (see email_widget.hpp).
#include "app/widgets/email_widget.hpp"

#include "app/widgets/widget_kit.hpp"

namespace fv::widgets {

bool looks_like_email(std::string_view text) {
    const auto at = text.find('@');
    if (at == std::string_view::npos || at == 0 || text.find('@', at + 1) != std::string_view::npos)
        return false;
    if (text.find(' ') != std::string_view::npos) return false;
    const std::string_view domain = text.substr(at + 1);
    const auto dot = domain.find('.');
    return dot != std::string_view::npos && dot > 0 && domain.back() != '.' &&
           domain.find("..") == std::string_view::npos;
}

std::string EmailWidget::problem(const WidgetContext& ctx, const nlohmann::json& value) const {
    if (!value.is_string() || looks_like_email(value.get<std::string>())) return {};
    return ctx.strings("widget.email.invalid");
}

}  // namespace fv::widgets
