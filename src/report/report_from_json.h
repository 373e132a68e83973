// Reads a report back from its JSON (xxgk/report@1, or a filled `xxgk template`): format, agency, year,
// dates, sections and every cell. The inverse of report_json.h for what rendering and rechecking need
// (findings and provenance are not read back).
#pragma once

#include <string_view>

#include "core/result.h"
#include "report/report.h"

namespace xxgk {

// Cells: a number is a value; null or a missing key is kMissing. The format comes from "format", or from
// the year when absent. Errors (kInvalidArgument) name what is wrong, in Chinese.
Result<Report> ReportFromJson(std::string_view json);

}  // namespace xxgk
