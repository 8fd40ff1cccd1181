// Easy Read without the UI (docs/format.md, "Easy Read"): the rule for an `image` path, the
// check that each picture a definition names is a PNG in the assets folder, and the split of an
// Easy Read text into one idea a line.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model/consultation.hpp"

namespace fv {

inline constexpr std::size_t kMaxImagePathLength = 200;
inline constexpr int kMaxImageSide = 2048;                         // pixels, either side
inline constexpr std::uintmax_t kMaxImageBytes = 4 * 1024 * 1024;  // a pictogram is a few KB

// The problem with `path` as an `image` value, reported at `where`, or nullopt when it is a
// safe relative path to a .png file: segments of ASCII letters, digits, '-', '_' and '.',
// joined by '/', none empty or starting with '.', so no "..", no absolute path, no backslash.
std::optional<Problem> check_image_path(std::string_view path, const std::string& where);

// Where a safe `image` path lies in `assets_dir`; nullopt when the path is not safe or, once
// symbolic links are followed, leads out of `assets_dir`.
std::optional<std::filesystem::path> resolve_image(const std::filesystem::path& assets_dir,
                                                   std::string_view image);

// Why `file` cannot be shown as a picture (missing, unreadable, not a PNG, too large), or
// nullopt when it has a PNG signature and a header with a sensible size. `rule` receives
// "image_missing", "image_not_png" or "image_too_large".
std::optional<std::string> png_file_problem(const std::filesystem::path& file, std::string& rule);
// The width and height a PNG's first 24 bytes give, or nullopt when they are not a PNG's
// signature and IHDR header.
std::optional<std::pair<std::uint32_t, std::uint32_t>> png_header_size(std::string_view head);
// Why PNG bytes in memory cannot be shown (not a PNG, no size, too large), or nullopt.
std::optional<std::string> png_bytes_problem(std::string_view png);

// Every picture of a parsed definition checked against `assets_dir`: one Problem for each
// image that is missing, not a PNG or too large, named "<question>.image",
// "<question>.options[i].image" or "<question>.statements[i].image".
std::vector<Problem> check_image_files(const Consultation& consultation,
                                       const std::filesystem::path& assets_dir);

// What Easy Read mode shows for a prompt, option or statement with ordinary `text`: its Easy
// Read text in `lang`; else, when `text` has no `lang` version either, its Easy Read text in
// `fallback` (the default language); else "" (show the ordinary text, in the visit's language,
// rather than Easy Read in another one).
const std::string& easy_read_text(const LocalText& easy_read, const LocalText& text,
                                  const std::string& lang, const std::string& fallback);

// An Easy Read text as the lines the kiosk shows, one idea a line: the text is cut at each line
// break, and after each sentence end ('.', '!' or '?', with any closing quote or bracket) that
// is followed by a space. Lines are trimmed; blank ones are dropped.
std::vector<std::string> easy_read_lines(std::string_view text);

}  // namespace fv
