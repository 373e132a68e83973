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

// The blank fill-in (xxgk/report@1 with empty cells and instructions) of a year. With `filled` (a report of
// that year's format, such as the draft the office's register computes), its agency, section texts and the
// cells it has values for are filled in. Errors: those of TemplateFormat.
Result<std::string> TemplateJson(int year, const Report* filled = nullptr);
// The same as a workbook written to `path`: the one renderer that writes a file itself, because libxlsxwriter
// (1.1.5, Debian 12) writes only to files. Errors: those of TemplateFormat; kIoError when it cannot write.
Result<void> WriteTemplateXlsx(int year, const std::string& path, const Report* filled = nullptr);

// True for a ZIP whose content types name a spreadsheet.
bool IsXlsx(std::string_view bytes);
// Reads a filled XLSX template back (the first sheet: column A the field key, column D its value).
// Errors: kCorruption (not a readable workbook), kTooLarge (a part over its size limit), kInvalidArgument
// (no format for the year, or a value that is not a number where a number belongs).
Result<Report> ReportFromTemplateXlsx(std::string_view bytes);

}  // namespace xxgk
