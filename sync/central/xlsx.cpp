#include "sync/central/xlsx.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace fv::central {

namespace {

// Excel's longest text in a cell.
constexpr std::size_t kMaxCellBytes = 32767;

void check(lxw_error error, const std::string& what) {
    if (error != LXW_NO_ERROR) {
        throw std::runtime_error("could not " + what + " in the XLSX file: " +
                                 lxw_strerror(error));
    }
}

}  // namespace

bool xlsx_number(const std::string& cell) {
    std::size_t i = 0;
    if (i < cell.size() && cell[i] == '-') ++i;
    const std::size_t digits_from = i;
    while (i < cell.size() && std::isdigit(static_cast<unsigned char>(cell[i]))) ++i;
    const std::size_t digits = i - digits_from;
    if (digits == 0 || digits > 15) return false;
    if (digits > 1 && cell[digits_from] == '0') return false;  // "01865": a code, not a number
    if (i == cell.size()) return true;
    if (cell[i] != '.') return false;
    const std::size_t fraction_from = ++i;
    while (i < cell.size() && std::isdigit(static_cast<unsigned char>(cell[i]))) ++i;
    return i == cell.size() && i > fraction_from && i - digits_from <= 16;
}

XlsxBook::XlsxBook() {
    std::string pattern = (std::filesystem::temp_directory_path() / "fv-xlsx-XXXXXX").string();
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0) throw std::runtime_error("could not make a temporary file for the XLSX download");
    ::close(fd);
    path_ = pattern;
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    book_ = workbook_new_opt(path_.c_str(), &options);
    if (!book_) {
        std::filesystem::remove(path_);
        throw std::runtime_error("could not start the XLSX workbook");
    }
    bold_ = workbook_add_format(book_);
    format_set_bold(bold_);
}

XlsxBook::~XlsxBook() {
    if (book_) workbook_close(book_);
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
}

void XlsxBook::sheet(const std::string& name) {
    std::string clean = name.substr(0, 31);
    for (char& c : clean) {
        if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) c = ' ';
    }
    // Names are unique in a workbook: a repeated one gets a number.
    std::string unique = clean;
    for (int n = 2; std::find(names_.begin(), names_.end(), unique) != names_.end(); ++n) {
        const std::string suffix = " " + std::to_string(n);
        unique = clean.substr(0, 31 - suffix.size()) + suffix;
    }
    names_.push_back(unique);
    sheet_ = workbook_add_worksheet(book_, unique.c_str());
    if (!sheet_) throw std::runtime_error("could not add the sheet \"" + unique + "\"");
    next_row_ = 0;
}

void XlsxBook::row(const std::vector<std::string>& cells, bool header) {
    if (!sheet_) sheet("Sheet1");
    const lxw_row_t r = next_row_++;
    for (std::size_t c = 0; c < cells.size(); ++c) {
        const auto col = static_cast<lxw_col_t>(c);
        const std::string& cell = cells[c];
        if (cell.empty()) continue;
        if (!header && xlsx_number(cell)) {
            check(worksheet_write_number(sheet_, r, col, std::stod(cell), nullptr),
                  "write a number");
        } else if (cell.size() > kMaxCellBytes) {
            throw std::runtime_error("a cell of row " + std::to_string(r + 1) +
                                     " is longer than Excel allows (32,767 characters)");
        } else {
            check(worksheet_write_string(sheet_, r, col, cell.c_str(), header ? bold_ : nullptr),
                  "write a cell");
        }
    }
    if (header && r == 0) worksheet_freeze_panes(sheet_, 1, 0);
}

std::string XlsxBook::finish() {
    if (names_.empty()) sheet("Sheet1");
    const lxw_error closed = workbook_close(book_);
    book_ = nullptr;
    check(closed, "finish the workbook");
    std::ifstream in(path_, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

}  // namespace fv::central
