// The cells of a spreadsheet (.xlsx) as rows of text, for tabular inputs: the registry of bodies, an office's
// ledger, the filled template of `xxgk render`. Not a report reader: it yields rows, not a document.
//
// [x] the first worksheet of the workbook (its order in xl/workbook.xml)
// [x] shared strings (with rich-text runs joined), inline strings, formula results, numbers as written
// [x] cell positions from their references (gaps stay empty cells)
// [x] limits: uncompressed XML size, rows, cells
// [ ] dates are not converted: a date cell yields its serial number (the caller knows the column)
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace xxgk {

struct XlsxLimits {
  uint64_t max_xml_bytes = 64ull << 20;  // each of the sheet and the shared strings, uncompressed
  size_t max_rows = 100000;
  size_t max_columns = 256;
};

// Rows of the first worksheet, trailing empty cells dropped. Errors: kCorruption (not a workbook), kTooLarge.
Result<std::vector<std::vector<std::string>>> ReadXlsxRows(std::string_view bytes, const XlsxLimits& limits = {});

// Whether the bytes look like a ZIP package (an .xlsx, .docx …) rather than text.
bool LooksLikeZip(std::string_view bytes);

}  // namespace xxgk
