// Easy Read without the UI (see easy_read.hpp).
#include "core/model/easy_read.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>

namespace fv {

namespace fs = std::filesystem;

namespace {

bool path_char(char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '-' || ch == '_' || ch == '.';
}

bool ends_with_png(std::string_view path) {
    if (path.size() < 4) return false;
    std::string tail(path.substr(path.size() - 4));
    std::transform(tail.begin(), tail.end(), tail.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    return tail == ".png";
}

std::uint32_t big_endian(const unsigned char* p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
           std::uint32_t{p[3]};
}

// Length of a closing quote or bracket at `i` ('"', '\'', ')', ']', a curly ’ or ”), or 0.
std::size_t closing_mark(std::string_view text, std::size_t i) {
    const char ch = text[i];
    if (ch == '"' || ch == '\'' || ch == ')' || ch == ']') return 1;
    if (text.substr(i, 3) == "\xE2\x80\x99" || text.substr(i, 3) == "\xE2\x80\x9D") return 3;
    return 0;
}

void add_trimmed(std::vector<std::string>& lines, std::string_view piece) {
    const auto first = piece.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return;
    const auto last = piece.find_last_not_of(" \t\r\n");
    lines.emplace_back(piece.substr(first, last - first + 1));
}

}  // namespace

std::optional<Problem> check_image_path(std::string_view path, const std::string& where) {
    auto unsafe = [&](const std::string& why) {
        return Problem{where, "invalid_image_path",
                       "The picture path " + why +
                           "; give a path inside the assets folder such as "
                           "\"easy-read/my-consultation/bus.png\" (letters, digits, '-', '_', "
                           "'.', folders joined by '/', no \"..\")."};
    };
    if (path.empty()) return unsafe("is empty");
    if (path.size() > kMaxImagePathLength) {
        return unsafe("is longer than " + std::to_string(kMaxImagePathLength) + " characters");
    }
    if (path.front() == '/') return unsafe("is absolute");
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t end = std::min(path.find('/', start), path.size());
        const std::string_view segment = path.substr(start, end - start);
        if (segment.empty()) return unsafe("has an empty folder name (\"//\" or a trailing '/')");
        if (segment == "..") return unsafe("leads out of the assets folder (\"..\")");
        if (segment.front() == '.') return unsafe("has a name starting with '.'");
        if (!std::all_of(segment.begin(), segment.end(), path_char)) {
            return unsafe("has a character other than letters, digits, '-', '_', '.' and '/'");
        }
        start = end + 1;
    }
    if (!ends_with_png(path)) {
        return Problem{where, "image_not_png",
                       "A picture must be a PNG file whose name ends in \".png\"; convert it to "
                       "PNG."};
    }
    return std::nullopt;
}

std::optional<fs::path> resolve_image(const fs::path& assets_dir, std::string_view image) {
    if (check_image_path(image, "image")) return std::nullopt;
    const fs::path file = assets_dir / fs::path(std::string(image));
    std::error_code ec;
    const fs::path root = fs::weakly_canonical(assets_dir, ec);
    if (ec) return file;  // nothing to follow: the lexical rule already keeps it inside
    const fs::path real = fs::weakly_canonical(file, ec);
    if (ec) return file;
    const auto inside = std::mismatch(root.begin(), root.end(), real.begin(), real.end());
    if (inside.first != root.end()) return std::nullopt;  // a link led out of the assets folder
    return file;
}

std::optional<std::pair<std::uint32_t, std::uint32_t>> png_header_size(std::string_view head) {
    static constexpr std::string_view kSignature("\x89PNG\r\n\x1a\n", 8);
    if (head.size() < 24 || head.substr(0, 8) != kSignature || head.substr(12, 4) != "IHDR") {
        return std::nullopt;
    }
    const auto* p = reinterpret_cast<const unsigned char*>(head.data());
    return std::pair{big_endian(p + 16), big_endian(p + 20)};
}

std::optional<std::string> png_bytes_problem(std::string_view png) {
    if (png.size() > kMaxImageBytes) return "it is larger than 4 MB";
    const auto size = png_header_size(png);
    if (!size) return "it is not a PNG";
    if (size->first == 0 || size->second == 0) return "its PNG header has no width or height";
    if (size->first > kMaxImageSide || size->second > kMaxImageSide) {
        return "it is " + std::to_string(size->first) + "x" + std::to_string(size->second) +
               " pixels, more than " + std::to_string(kMaxImageSide) + " a side";
    }
    return std::nullopt;
}

std::optional<std::string> png_file_problem(const fs::path& file, std::string& rule) {
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) {
        rule = "image_missing";
        return "There is no picture file at " + file.string() +
               "; add it, or correct the path (it is relative to the assets folder).";
    }
    const auto bytes = fs::file_size(file, ec);
    if (!ec && bytes > kMaxImageBytes) {
        rule = "image_too_large";
        return "The picture " + file.string() +
               " is larger than 4 MB; a pictogram of 256x256 "
               "pixels needs a few KB.";
    }
    std::array<char, 24> head{};
    std::ifstream in(file, std::ios::binary);
    in.read(head.data(), head.size());
    if (!in) {
        rule = "image_not_png";
        return "The picture " + file.string() + " is too short to be a PNG file.";
    }
    const auto size = png_header_size(std::string_view(head.data(), head.size()));
    if (!size) {
        rule = "image_not_png";
        return "The picture " + file.string() +
               " is not a PNG file (only its name ends in .png); save it as PNG.";
    }
    if (size->first == 0 || size->second == 0) {
        rule = "image_not_png";
        return "The picture " + file.string() + " has a broken PNG header (no width or height).";
    }
    if (size->first > kMaxImageSide || size->second > kMaxImageSide) {
        rule = "image_too_large";
        return "The picture " + file.string() + " is " + std::to_string(size->first) + "x" +
               std::to_string(size->second) + " pixels; at most " + std::to_string(kMaxImageSide) +
               " a side (256x256 is plenty).";
    }
    return std::nullopt;
}

std::vector<Problem> check_image_files(const Consultation& consultation,
                                       const fs::path& assets_dir) {
    std::vector<Problem> problems;
    auto check = [&](const std::string& image, const std::string& where) {
        if (image.empty()) return;
        const auto file = resolve_image(assets_dir, image);
        if (!file) {
            problems.push_back({where, "invalid_image_path",
                                "The picture path leads out of the assets folder " +
                                    assets_dir.string() + " through a link; keep it inside."});
            return;
        }
        std::string rule;
        if (auto why = png_file_problem(*file, rule)) problems.push_back({where, rule, *why});
    };
    for (const Question& q : consultation.questions) {
        check(q.image, q.id + ".image");
        for (std::size_t i = 0; i < q.options.size(); ++i) {
            check(q.options[i].image, q.id + ".options[" + std::to_string(i) + "].image");
        }
        for (std::size_t i = 0; i < q.statements.size(); ++i) {
            check(q.statements[i].image, q.id + ".statements[" + std::to_string(i) + "].image");
        }
    }
    return problems;
}

const std::string& easy_read_text(const LocalText& easy_read, const LocalText& text,
                                  const std::string& lang, const std::string& fallback) {
    static const std::string none;
    if (auto it = easy_read.by_lang.find(lang); it != easy_read.by_lang.end()) return it->second;
    if (text.by_lang.count(lang)) return none;
    return easy_read.in(fallback, fallback);
}

std::vector<std::string> easy_read_lines(std::string_view text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char ch = text[i];
        if (ch == '\n') {
            add_trimmed(lines, text.substr(start, i - start));
            start = i + 1;
            continue;
        }
        if (ch != '.' && ch != '!' && ch != '?') continue;
        std::size_t j = i + 1;
        while (j < text.size()) {  // "?!", "...", and a closing quote or bracket stay on the line
            if (text[j] == '.' || text[j] == '!' || text[j] == '?') {
                ++j;
            } else if (const std::size_t n = closing_mark(text, j)) {
                j += n;
            } else {
                break;
            }
        }
        if (j < text.size() && (text[j] == ' ' || text[j] == '\t')) {
            add_trimmed(lines, text.substr(start, j - start));
            start = j + 1;
        }
        i = j - 1;
    }
    add_trimmed(lines, text.substr(start));
    return lines;
}

}  // namespace fv
