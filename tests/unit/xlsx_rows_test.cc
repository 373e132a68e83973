// The spreadsheet rows reader (packages/xlsx_rows.h) over workbooks written by libxlsxwriter, as Excel and
// WPS write them: shared strings, numbers, gaps, a second sheet, and refusals.
#include "packages/xlsx_rows.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace xxgk {
namespace {

namespace fs = std::filesystem;

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A workbook: the first sheet holds a header and two rows with a gap; a second sheet must be ignored.
std::string Workbook() {
  const fs::path path = fs::temp_directory_path() / ("xxgk_xlsx_rows_" + std::to_string(::getpid()) + ".xlsx");
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "名录");
  worksheet_write_string(ws, 0, 0, "名称", nullptr);
  worksheet_write_string(ws, 0, 2, "发布期限", nullptr);
  worksheet_write_string(ws, 1, 0, "某县教育局", nullptr);
  worksheet_write_number(ws, 1, 2, 45747, nullptr);  // a date as Excel keeps it
  worksheet_write_string(ws, 3, 0, "某县人民政府", nullptr);
  worksheet_write_number(ws, 3, 1, 110101, nullptr);
  lxw_worksheet* other = workbook_add_worksheet(wb, "说明");
  worksheet_write_string(other, 0, 0, "不要读我", nullptr);
  EXPECT_EQ(workbook_close(wb), LXW_NO_ERROR);
  std::string bytes = Slurp(path);
  fs::remove(path);
  return bytes;
}

TEST(XlsxRows, ReadsTheFirstSheetWithItsGaps) {
  const std::string bytes = Workbook();
  ASSERT_TRUE(LooksLikeZip(bytes));
  auto rows = ReadXlsxRows(bytes);
  ASSERT_TRUE(rows) << rows.error().message;
  ASSERT_EQ(rows->size(), 4u);
  EXPECT_EQ((*rows)[0], (std::vector<std::string>{"名称", "", "发布期限"}));
  EXPECT_EQ((*rows)[1], (std::vector<std::string>{"某县教育局", "", "45747"}));
  EXPECT_TRUE((*rows)[2].empty());  // the blank row keeps its place: row numbers in messages stay right
  EXPECT_EQ((*rows)[3], (std::vector<std::string>{"某县人民政府", "110101"}));
}

TEST(XlsxRows, RefusesWhatIsNotAWorkbookAndBoundsItsSize) {
  EXPECT_FALSE(ReadXlsxRows("名称,类别\n"));
  EXPECT_FALSE(ReadXlsxRows(std::string("PK\x03\x04", 4) + std::string(100, 'x')));
  XlsxLimits tight;
  tight.max_rows = 2;
  auto refused = ReadXlsxRows(Workbook(), tight);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kTooLarge);
  tight = {};
  tight.max_xml_bytes = 100;
  EXPECT_FALSE(ReadXlsxRows(Workbook(), tight));
}

}  // namespace
}  // namespace xxgk
