// The fill-in template of a year: JSON (a report JSON with empty texts, zero details and null totals, for
// --fill-totals) or an Excel workbook (one row per field). Both are read back by `xxgk render`.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "report/report.h"

namespace xxgk {

// The format of a year's report; kInvalidArgument for years before 2019 (no national tables).
Result<const FormatSpec*> TemplateFormat(int year);

Result<std::string> TemplateJson(int year);
Result<void> WriteTemplateXlsx(int year, const std::string& path);

// True for a ZIP whose content types name a spreadsheet.
bool IsXlsx(std::string_view bytes);
// Reads a filled XLSX template back (the first sheet: column A the field key, column D its value).
Result<Report> ReportFromTemplateXlsx(std::string_view bytes);

}  // namespace xxgk
