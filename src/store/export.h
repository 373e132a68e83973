// Exports stored reports for spreadsheets and other programs: CSV (one row per report, one column per
// cell), JSON Lines (the report JSON with the store's findings) and XLSX (a sheet per table with Chinese
// headers, a findings sheet, failing cells filled red with the message as a comment).
#pragma once

#include <cstdio>
#include <string>

#include "core/result.h"
#include "store/queries.h"

namespace xxgk::store {

// Writes to `out`; returns the number of reports written.
Result<size_t> ExportCsv(Store* store, const ReportFilter& filter, std::FILE* out);
Result<size_t> ExportJsonl(Store* store, const ReportFilter& filter, std::FILE* out);
// Writes a workbook to `path`.
Result<size_t> ExportXlsx(Store* store, const ReportFilter& filter, const std::string& path);

// The same workbook for reports given as (list row, report JSON) pairs: the list row has the keys of
// ListReports (id, agency, region, kind, year, format, errors, warnings, infos, late, file); reports that
// are not stored (an upload checked in the web app) pass id 0.
Result<size_t> WriteXlsx(const std::vector<std::pair<nlohmann::json, nlohmann::json>>& reports, const std::string& path);

}  // namespace xxgk::store
