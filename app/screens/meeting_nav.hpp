// What every screen of a running meeting shares: the session's title and a row of tabs
// (Notes, Poll, Ideas, Presenter, Summary), and a labelled one-line text field. Not a screen.
#pragma once

#include <cstddef>
#include <string>

#include "app/flow.hpp"
#include "core/store/session.hpp"

namespace fv::screens {

// The session's title line and the tabs, `current` shown selected. Returns false when no
// session is open (the caller then sends the officer back to the start screen).
bool meeting_nav(Flow& flow, ScreenId current);

// The page of a meeting screen: meeting_nav's title and tabs fixed at the top, then
// begin_body(id, footer) under them (the caller ends it with end_body). Returns what
// meeting_nav returns; the body is begun either way.
bool begin_meeting_page(Flow& flow, ScreenId current, const char* id, float footer);

// A labelled text field the Probe reports under `label`; returns true when Enter was pressed
// in it. `focus` puts the keyboard in it this frame; when `cursor_to_end` points to true, the
// cursor goes after the text once the field has the keyboard (then it is set to false).
bool meeting_field(const std::string& label, const char* id, char* buffer, std::size_t size,
                   float width, bool focus = false, bool* cursor_to_end = nullptr);

// The officer screen's row of three buttons: meeting sessions, partner feedback, an assisted
// visit (one call there, at the top of the screen; the labels need no heading).
void officer_meeting_links(Flow& flow);

// The height of the two buttons of a pair, each `width` wide: both as tall as the taller label
// needs (a label that wraps makes its neighbour as tall), at least a touch target.
float pair_height(const std::string& a, const std::string& b, float width);

// A note's line above its text: "14:52  Age UK Oxfordshire  - #opening hours #digital", and
// "changed at 15:03" when it was edited.
std::string note_heading(const SessionNote& note, const ui::Strings& strings);

// "2026-11-23T14:52:07.120Z" -> "14:52": the time of day a note was taken, for the screen.
std::string clock_time(const std::string& rfc3339);

}  // namespace fv::screens
