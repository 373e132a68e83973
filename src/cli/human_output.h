// Human-readable output of `xxgk check`: findings grouped by file, in Chinese, then a summary line.
#pragma once

#include <string>

#include "report/report.h"

namespace xxgk::cli {

// Where a finding points, e.g. "第53行" or "第3页第12行" or "表格2第5行第3列".
std::string LocationText(const Provenance& at);

// The block printed for one checked report.
std::string FormatReportFindings(const std::string& path, const Report& report, bool show_info);

}  // namespace xxgk::cli
