// Exports stored reports for spreadsheets and other programs: CSV (one row per report, one column per
// cell), JSON Lines (the report JSON with the store's findings) and XLSX (a sheet per table with Chinese
// headers, a findings sheet, failing cells filled red with the message as a comment).
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "store/queries.h"

namespace xxgk::store {

// Receives the export a piece at a time (the caller writes it); returns false when it could not.
using ExportSink = std::function<bool(std::string_view)>;

// Streams the export to `sink` (a row per report); returns the number of reports. Errors: kDatabase, and
// kIoError when the sink refused a piece (the export stops there).
Result<size_t> ExportCsv(Store* store, const ReportFilter& filter, const ExportSink& sink);
Result<size_t> ExportJsonl(Store* store, const ReportFilter& filter, const ExportSink& sink);
// Writes a workbook to `path`: the one export that writes a file itself, because libxlsxwriter (1.1.5, the
// Debian 12 version) writes only to files; its temporary files go beside `path`. Errors: kIoError, kDatabase.
Result<size_t> ExportXlsx(Store* store, const ReportFilter& filter, const std::string& path);

// The same workbook for reports given as (list row, report JSON) pairs: the list row has the keys of
// ListReports (id, agency, region, kind, year, format, errors, warnings, infos, late, file); reports that
// are not stored (an upload checked in the web app) pass id 0.
Result<size_t> WriteXlsx(const std::vector<std::pair<nlohmann::json, nlohmann::json>>& reports, const std::string& path);

}  // namespace xxgk::store
