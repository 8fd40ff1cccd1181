// The on-screen keyboard (see on_screen_keyboard.hpp). Keys are ui::button calls, so every key
// is reported to the Probe with its visible label ("a", "Shift", "Space") and tests type by
// tapping them exactly as a resident would.
#include "app/widgets/on_screen_keyboard.hpp"

#include <algorithm>
#include <vector>

#include "app/ui/focus.hpp"
#include "app/ui/probe.hpp"
#include "app/widgets/widget_kit.hpp"
#include "core/model/answers.hpp"

namespace fv::widgets {
namespace {

enum class KeyAction { Insert, Shift, Backspace, Symbols, Letters, Accents };

struct Key {
    std::string label;
    std::string insert;  // what a tap adds (Insert only)
    float units = 1.0f;  // width in letter-key widths
    KeyAction action = KeyAction::Insert;
};

using Row = std::vector<Key>;

Row letters(std::string_view chars) {
    Row row;
    for (char c : chars) row.push_back({std::string(1, c), std::string(1, c)});
    return row;
}

Row utf8_letters(std::initializer_list<const char*> chars) {
    Row row;
    for (const char* c : chars) row.push_back({c, c});
    return row;
}

// Lower- and upper-case forms of the accented letters a Polish visit needs.
struct Accented {
    const char* lower;
    const char* upper;
};
constexpr Accented kPolish[] = {{"ą", "Ą"}, {"ć", "Ć"}, {"ę", "Ę"}, {"ł", "Ł"}, {"ń", "Ń"},
                                {"ó", "Ó"}, {"ś", "Ś"}, {"ź", "Ź"}, {"ż", "Ż"}};

// A key: ui::button, except where the key must be narrower or shorter than ui::button's
// minimum target (ten keys a row at text scale 1.5 and 2.0, five rows under a long question);
// it then draws the same button itself, still reported to the Probe.
bool key_button(const std::string& label, ImVec2 size, bool enabled, bool selected = false) {
    const ui::Theme& t = ui::theme();
    if (size.x >= t.min_target && size.y >= t.min_target) {
        return ui::button(label, size, enabled, selected);
    }
    ImGui::PushStyleColor(ImGuiCol_Button, selected ? t.selected : t.button);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, selected ? t.selected : t.button);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, t.high_contrast ? t.focus : t.selected);
    ImGui::PushStyleColor(ImGuiCol_Text, selected ? t.selected_text : t.button_text);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(2, 2));
    if (!enabled) ImGui::BeginDisabled();
    const bool pressed = ImGui::Button((label + "##key").c_str(), size);
    if (!enabled) ImGui::EndDisabled();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(4);
    ui::report_last_item(label, enabled, selected);
    return pressed && enabled;
}

std::string upper(const std::string& s) {
    for (const Accented& a : kPolish) {
        if (s == a.lower) return a.upper;
    }
    std::string out = s;
    for (char& c : out) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    return out;
}

Key special(const ui::Strings& strings, const char* key, float units, KeyAction action) {
    return {strings(key), {}, units, action};
}

// Decodes the code points of a UTF-8 string; a broken byte decodes as itself.
std::vector<char32_t> decode(std::string_view s) {
    std::vector<char32_t> out;
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        std::size_t extra = 0;
        char32_t c = b;
        if (b >= 0xF0 && b < 0xF8) {
            extra = 3, c = b & 0x07;
        } else if (b >= 0xE0 && b < 0xF0) {
            extra = 2, c = b & 0x0F;
        } else if (b >= 0xC0 && b < 0xE0) {
            extra = 1, c = b & 0x1F;
        }
        for (std::size_t k = 1; k <= extra; ++k) {
            const auto cont = i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0;
            if ((cont & 0xC0) != 0x80) {
                extra = 0, c = b;
                break;
            }
            c = (c << 6) | (cont & 0x3F);
        }
        out.push_back(c);
        i += 1 + extra;
    }
    return out;
}

}  // namespace

std::string utf8_encode(char32_t c) {
    std::string out;
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
    return out;
}

bool erase_last_char(std::string& text) {
    if (text.empty()) return false;
    std::size_t i = text.size() - 1;
    while (i > 0 && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) --i;
    text.erase(i);
    return true;
}

bool OnScreenKeyboard::accepts(const std::string& text, char32_t c) const {
    if (c < 0x20 || (c >= 0x7F && c < 0xA0)) return false;
    if (max_chars_ > 0 && utf8_length(text) >= max_chars_) return false;
    const bool digit = c >= '0' && c <= '9';
    switch (layout_) {
        case KeyboardLayout::Text:
            return true;
        case KeyboardLayout::Email:
            return c != ' ';
        case KeyboardLayout::Postcode:
            return digit || (c >= 'A' && c <= 'Z') || (c == ' ' && !text.empty());
        case KeyboardLayout::Number:
            if (c == '-') return text.empty();
            if (c == '.') return text.find('.') == std::string::npos;
            return digit;
        case KeyboardLayout::Phone:
            if (c == '+') return text.empty();
            return digit || c == ' ' || c == '(' || c == ')' || c == '-';
    }
    return false;
}

bool OnScreenKeyboard::insert(std::string& text, std::string_view s) const {
    bool changed = false;
    for (char32_t c : decode(s)) {
        if (layout_ == KeyboardLayout::Postcode && c >= 'a' && c <= 'z') c = c - 'a' + 'A';
        if (!accepts(text, c)) continue;
        text += utf8_encode(c);
        changed = true;
    }
    return changed;
}

bool OnScreenKeyboard::draw_keys(const WidgetContext& ctx, std::string& text) {
    ImGui::PushID("keyboard");
    // Forty keys are not read out with the page; each is spoken when focused.
    const ui::Probe::QuietScope quiet(ui::Probe::current());
    const RowSpacing spacing(target_gap(ctx.theme) * 0.67f);
    const float width = available_width(ctx);
    const bool keypad = layout_ == KeyboardLayout::Number || layout_ == KeyboardLayout::Phone;
    const bool changed = keypad ? draw_keypad(ctx, text, width) : draw_qwerty(ctx, text, width);
    ImGui::PopID();
    return changed;
}

bool OnScreenKeyboard::physical_input(std::string& text) {
    ImGuiIO& io = ImGui::GetIO();
    bool changed = false;
    for (ImWchar c : io.InputQueueCharacters) changed |= insert(text, utf8_encode(c));
    // Consumed here: nothing else on a question screen takes typed text.
    io.InputQueueCharacters.resize(0);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace))) {
        changed |= erase_last_char(text);
    }
    return changed;
}

bool OnScreenKeyboard::draw_field(const WidgetContext& ctx, std::string& text) {
    const bool changed = physical_input(text);
    ui::Focus::current().text_field_shown();  // Space types here; it presses nothing
    const float width = available_width(ctx);
    const ui::Theme& theme = ctx.theme;
    const float pad = 0.5f * target_gap(theme) + 4.0f;
    const bool empty = text.empty();
    const std::string shown = empty ? ctx.strings("widget.keyboard.placeholder") : text;
    const std::string drawn = empty ? shown : text + "|";  // the caret: typing adds at the end
    ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize();
    const float wrap = std::max(width - 2 * pad, 1.0f);
    const ImVec2 text_size = font->CalcTextSizeA(size, FLT_MAX, wrap, drawn.c_str());
    const float height = std::max(target_height(theme), text_size.y + 2 * pad);

    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const ImVec2 p1(p0.x + width, p0.y + height);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p0, p1, colour(theme.background), 8.0f);
    dl->AddRect(p0, p1, colour(theme.focus), 8.0f, 0, 3.0f);
    dl->AddText(font, size, ImVec2(p0.x + pad, p0.y + pad),
                colour(empty ? theme.muted_text : theme.text), drawn.c_str(), nullptr, wrap);
    ImGui::Dummy(ImVec2(width, height));
    ui::Probe::current().text(shown);
    return changed;
}

bool OnScreenKeyboard::draw_qwerty(const WidgetContext& ctx, std::string& text, float width) {
    const ui::Strings& s = ctx.strings;
    const bool polish = ctx.language == "pl";
    std::vector<Row> rows;
    const Key backspace = special(s, "widget.keyboard.backspace", 1.5f, KeyAction::Backspace);
    const Key space{s("widget.keyboard.space"), " ", 5.0f, KeyAction::Insert};
    switch (layout_) {
        case KeyboardLayout::Text:
            if (!symbols_) {
                rows.push_back(letters("qwertyuiop"));
                rows.push_back(letters("asdfghjkl"));
                rows.push_back(letters("zxcvbnm"));
                rows.back().insert(rows.back().begin(),
                                   special(s, "widget.keyboard.shift", 1.5f, KeyAction::Shift));
                rows.back().push_back(backspace);
                if (polish || accents_) {
                    rows.push_back(utf8_letters({"ą", "ć", "ę", "ł", "ń", "ó", "ś", "ź", "ż"}));
                }
                Row bottom{special(s, "widget.keyboard.symbols", 1.5f, KeyAction::Symbols)};
                if (!polish) {
                    bottom.push_back(
                        special(s, "widget.keyboard.accents", 1.5f, KeyAction::Accents));
                }
                bottom.push_back(space);
                bottom.push_back({",", ","});
                bottom.push_back({".", "."});
                rows.push_back(bottom);
            } else {
                rows.push_back(letters("1234567890"));
                rows.push_back(letters("-/:;()&@\"'"));
                rows.push_back(letters("?!#%+=*"));
                rows.back().push_back({"£", "£"});
                rows.back().push_back(backspace);
                rows.push_back({special(s, "widget.keyboard.letters", 1.5f, KeyAction::Letters),
                                space,
                                {",", ","},
                                {".", "."}});
            }
            break;
        case KeyboardLayout::Email:
            rows.push_back(letters("1234567890"));
            rows.push_back(letters("qwertyuiop"));
            rows.push_back(letters("asdfghjkl"));
            rows.push_back(letters("zxcvbnm"));
            rows.back().push_back(backspace);
            rows.push_back({{"@", "@", 1.5f},
                            {".", "."},
                            {"-", "-"},
                            {"_", "_"},
                            {".co.uk", ".co.uk", 2.0f},
                            {".com", ".com", 2.0f}});
            break;
        case KeyboardLayout::Postcode:
            rows.push_back(letters("1234567890"));
            rows.push_back(letters("QWERTYUIOP"));
            rows.push_back(letters("ASDFGHJKL"));
            rows.push_back(letters("ZXCVBNM"));
            rows.back().push_back({space.label, " ", 2.0f});
            rows.back().push_back(backspace);
            break;
        case KeyboardLayout::Number:
        case KeyboardLayout::Phone:
            break;
    }

    const ui::Theme& theme = ctx.theme;
    const float gap = target_gap(theme);
    const float scale = theme.text_scale > 0 ? theme.text_scale : 1.0f;
    const float unit = std::min((width - 9 * gap) / 10.0f, 120.0f * scale);
    // Keys a full target tall, or less where that is what lets every row show on the page
    // (five rows under a long question), down to 48 px at 100% text (WCAG's 44 px and some).
    const float row_gap = ImGui::GetStyle().ItemSpacing.y;
    const float rows_n = static_cast<float>(rows.size());
    const float fit = (room_below() - (rows_n - 1) * row_gap) / rows_n;
    const float height = std::clamp(fit, 48.0f * scale, target_height(theme));
    const float pad = ImGui::GetStyle().FramePadding.x;
    bool changed = false;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        Row row = rows[r];
        // Word keys ("Backspace") get room for their label; a row grown too wide shrinks evenly.
        float row_width = -gap;
        for (Key& k : row) {
            if (k.action != KeyAction::Insert || k.label.size() > 2) {
                const float label_w = ImGui::CalcTextSize(k.label.c_str()).x + 2 * pad;
                k.units = std::max(k.units, label_w / unit);
            }
            row_width += k.units * unit + gap;
        }
        const float shrink = row_width > width ? (width - (row.size() - 1) * gap) /
                                                     (row_width - (row.size() - 1) * gap)
                                               : 1.0f;
        row_width = std::min(row_width, width);
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (width - row_width) / 2));
        for (std::size_t i = 0; i < row.size(); ++i) {
            const Key& k = row[i];
            if (i > 0) ImGui::SameLine(0, gap);
            std::string label = k.label;
            std::string adds = k.insert;
            bool enabled = true;
            bool selected = false;
            if (k.action == KeyAction::Insert) {
                if (shift_) adds = label = upper(label);
                std::string trial = text;
                enabled = insert(trial, adds);
            } else if (k.action == KeyAction::Shift) {
                selected = shift_;
            } else if (k.action == KeyAction::Accents) {
                selected = accents_;
            } else if (k.action == KeyAction::Backspace) {
                enabled = !text.empty();
            }
            ImGui::PushID(static_cast<int>(r * 100 + i));
            const bool tapped =
                key_button(label, ImVec2(k.units * unit * shrink, height), enabled, selected);
            ImGui::PopID();
            if (!tapped) continue;
            switch (k.action) {
                case KeyAction::Insert:
                    changed |= insert(text, adds);
                    shift_ = false;
                    break;
                case KeyAction::Shift:
                    shift_ = !shift_;
                    break;
                case KeyAction::Backspace:
                    changed |= erase_last_char(text);
                    break;
                case KeyAction::Symbols:
                    symbols_ = true;
                    shift_ = false;
                    break;
                case KeyAction::Letters:
                    symbols_ = false;
                    break;
                case KeyAction::Accents:
                    accents_ = !accents_;
                    break;
            }
        }
    }
    return changed;
}

bool OnScreenKeyboard::draw_keypad(const WidgetContext& ctx, std::string& text, float width) {
    const ui::Theme& theme = ctx.theme;
    const float gap = target_gap(theme);
    const float scale = theme.text_scale > 0 ? theme.text_scale : 1.0f;
    // Three columns of digits and, beside the first row, a wider Backspace: four rows in all,
    // so the keypad and the question fit an 800 px tall screen together.
    const float key_w = std::min((width - 3 * gap) / 4.4f, 160.0f * scale);
    const float back_w = 1.4f * key_w;
    const float height = target_height(theme);
    const bool phone = layout_ == KeyboardLayout::Phone;
    const std::string space = ctx.strings("widget.keyboard.space");
    const std::vector<std::vector<std::string>> rows = {
        {"1", "2", "3"},
        {"4", "5", "6"},
        {"7", "8", "9"},
        phone ? std::vector<std::string>{"+", "0", space} : std::vector<std::string>{"-", "0", "."},
    };
    const float left = std::max(0.0f, (width - (3 * key_w + 3 * gap + back_w)) / 2);
    bool changed = false;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + left);
        for (std::size_t i = 0; i < rows[r].size(); ++i) {
            if (i > 0) ImGui::SameLine(0, gap);
            const std::string& label = rows[r][i];
            const std::string adds = label == space ? std::string(" ") : label;
            std::string trial = text;
            const bool enabled = insert(trial, adds);
            if (key_button(label, ImVec2(key_w, height), enabled)) changed |= insert(text, adds);
        }
        if (r == 0) {
            ImGui::SameLine(0, gap);
            if (key_button(ctx.strings("widget.keyboard.backspace"), ImVec2(back_w, height),
                           !text.empty())) {
                changed |= erase_last_char(text);
            }
        }
    }
    return changed;
}

}  // namespace fv::widgets
