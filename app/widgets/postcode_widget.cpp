// UK postcodes (see postcode_widget.hpp). Full postcodes are checked by fv::normalise_postcode
// in core, the same rule the store applies.
#include "app/widgets/postcode_widget.hpp"

#include <algorithm>
#include <cctype>

#include "app/widgets/widget_kit.hpp"
#include "core/model/answers.hpp"

namespace fv::widgets {
namespace {

bool is_letter(char c) {
    return c >= 'A' && c <= 'Z';
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

}  // namespace

std::optional<std::string> normalise_outward_code(std::string_view text) {
    std::string s;
    for (char c : text) {
        if (c == ' ') continue;
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        s += c;
    }
    // The outward code forms: A9, A99, AA9, AA99, A9A, AA9A.
    const auto n = s.size();
    if (n < 2 || n > 4 || !is_letter(s[0])) return std::nullopt;
    std::size_t i = 1;
    if (is_letter(s[i])) ++i;
    if (i >= n || !is_digit(s[i])) return std::nullopt;
    ++i;
    if (i < n && (is_digit(s[i]) || is_letter(s[i]))) ++i;
    if (i != n) return std::nullopt;
    return s;
}

PostcodeWidget::PostcodeWidget(const Question& question)
    : KeyboardEntryWidget(question, KeyboardLayout::Postcode, 8) {}

std::optional<std::string> PostcodeWidget::normalised(const std::string& text) const {
    if (auto full = normalise_postcode(text, question_.precision)) return full;
    // A resident may give only the district when that is all the question keeps.
    if (question_.precision == PostcodePrecision::District) return normalise_outward_code(text);
    return std::nullopt;
}

nlohmann::json PostcodeWidget::value_from_text(const std::string& text) const {
    if (text.find_first_not_of(' ') == std::string::npos) return nullptr;
    if (auto n = normalised(text)) return *n;
    // Kept as typed so that problem() can tell the resident, and Next stays disabled.
    return text;
}

void PostcodeWidget::draw_between(const WidgetContext& ctx, const nlohmann::json& value) {
    if (!value.is_string()) return;
    const std::string v = value.get<std::string>();
    if (!normalised(v)) return;
    if (question_.precision == PostcodePrecision::District) {
        ui::text(ctx.strings.format("widget.postcode.district_only", v));
    } else {
        ui::text(ctx.strings.format("widget.postcode.saved_as", v));
    }
}

std::string PostcodeWidget::problem(const WidgetContext& ctx, const nlohmann::json& value) const {
    if (value.is_null()) return {};
    if (value.is_string() && normalised(value.get<std::string>())) return {};
    // While fewer characters are typed than the shortest postcode has (M1 1AE), the resident
    // is still typing: tell them what a whole one looks like rather than that theirs is wrong.
    if (value.is_string()) {
        const std::string typed = value.get<std::string>();
        const auto letters = std::count_if(typed.begin(), typed.end(),
                                           [](unsigned char ch) { return std::isalnum(ch) != 0; });
        if (letters < 5) return ctx.strings("widget.postcode.incomplete");
    }
    return ctx.strings("widget.postcode.invalid");
}

}  // namespace fv::widgets
