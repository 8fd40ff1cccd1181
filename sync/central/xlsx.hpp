// XLSX downloads (Debian's libxlsxwriter): a workbook written sheet by sheet and row by row in
// libxlsxwriter's constant-memory mode, then handed back as the bytes of the .xlsx file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace fv::central {

class XlsxBook {
  public:
    XlsxBook();  // throws std::runtime_error when the workbook cannot be made
    ~XlsxBook();
    XlsxBook(const XlsxBook&) = delete;
    XlsxBook& operator=(const XlsxBook&) = delete;

    // Starts a sheet; the rows that follow go there. A name is cut to Excel's 31 characters and
    // its []:*?/\ become spaces.
    void sheet(const std::string& name);
    // The next row of the current sheet. A cell that is a plain decimal number (no leading
    // zero, at most 15 digits) is written as a number, so sums work; every other cell as text,
    // exactly as given. `header` rows are bold and stay in view when the sheet scrolls.
    void row(const std::vector<std::string>& cells, bool header = false);
    // Closes the workbook and returns the file's bytes; throws std::runtime_error on failure.
    std::string finish();

  private:
    std::string path_;
    lxw_workbook* book_ = nullptr;
    lxw_worksheet* sheet_ = nullptr;
    lxw_format* bold_ = nullptr;
    std::uint32_t next_row_ = 0;
    std::vector<std::string> names_;
};

// Whether `cell` is written as a number by XlsxBook::row.
bool xlsx_number(const std::string& cell);

}  // namespace fv::central
