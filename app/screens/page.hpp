// Page layout shared by the screens: a centred column of at most kMaxColumnWidth that scrolls
// when its content is taller than the window, and a footer row pinned to the bottom for Back
// and Next, so they never move or scroll away.
#pragma once

#include <string>

#include "app/ui/theme.hpp"
#include "core/model/consultation.hpp"

namespace fv::screens {

// Room kept above every page's body, in pixels (the read-aloud controls' row while a visit
// has read-aloud on; else 0). The router sets it before a screen draws.
void set_top_band(float px);
float top_band();
// Names the page being drawn (the router sets it before a screen draws). A body whose page is
// not the one it last showed starts at its top: a new question, a new visit, a screen come back
// to never opens where the last resident left it.
// `more_below` is the cue drawn at a body's foot while some of it is below the fold, in the
// visit's language ("More below").
void set_page(const std::string& key, const std::string& more_below);
// Height of a footer holding one row of buttons (`tallest`: the height of its tallest button
// when a label wraps; 0 for one line).
float footer_height(float tallest = 0.0f);
// The body of a page; `footer` reserves room for begin_footer below it (0 when none).
// `max_width`: the widest the column grows (a page holding two columns may go wider).
void begin_body(const char* id, float footer, float max_width = ui::kMaxColumnWidth);
void end_body();
// `height` as footer_height(...) gave it for the body; 0 for footer_height().
void begin_footer(const char* id, float height = 0.0f);
void end_footer();
// The width of the page column, from the window size (usable outside body and footer).
float page_column_width();
// The width of the current column.
float column_width();
// The width of a ui::button sized to its own label.
float button_width(const std::string& label);
// Before an item `width` wide: beside the last item when it fits the column's room, else on
// a line of its own. `spacing` < 0 is the style's item spacing.
void beside_if_fits(float width, float spacing = -1.0f);
// Vertical space, scaled with the text.
void gap(float px = 24.0f);
// A LocalText in `lang`, falling back to the consultation's default language.
const std::string& local(const Consultation& c, const LocalText& text, const std::string& lang);

}  // namespace fv::screens
