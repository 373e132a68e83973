// The questions a supervisor asks of the corpus: which reports (list), one body's reports (show), two years
// side by side (compare), aggregates (stats), who has not published (missing). Results are JSON values,
// printed by the CLI as tables or as JSON and served as they are by the web API.
//
// Errors: every function returning a Result fails with kDatabase (the store could not be read or written,
// the message says why) unless its comment names another code; nothing is half-written (each write is one
// transaction).
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string_view>
#include <string>
#include <vector>

#include "core/result.h"
#include "schema/format_spec.h"
#include "store/store.h"

namespace xxgk::store {

// The part of the corpus an account may see: its bodies (ids) and the bodies of its regions (a body is in
// a region when its region starts with the prefix). An empty scope sees nothing.
struct AccessScope {
  std::vector<int64_t> agencies;
  std::vector<std::string> region_prefixes;
  bool Contains(std::optional<int64_t> agency_id, std::string_view region) const;
};

struct ReportFilter {
  std::optional<AccessScope> scope;   // nullopt: everything (the administrator)
  bool all_versions = false;          // also the versions a newer upload of the same body and year superseded
  std::optional<int> year;
  std::optional<std::string> region;  // substring of the body's region
  std::optional<std::string> agency;  // a name, alias or part of one
  std::optional<std::string> rule;    // reports with a finding of this rule
  std::optional<std::string> format;  // gov2021 …
  bool has_errors = false;
  bool late = false;
  size_t limit = 0;   // 0: all
  size_t offset = 0;  // reports skipped before the first returned (a page's start)
  // The order: a key of ReportSortKeys(), "-" in front for descending; empty: year, region, body (the CLI's).
  std::string sort;
};

// The keys a report list may be sorted by: year, agency, region, errors, warnings, late, id.
const std::vector<std::string>& ReportSortKeys();

// The number of reports matching the filter (its limit and offset aside).
Result<int64_t> CountReports(Store* store, const ReportFilter& filter);

// The value of a cell in a report JSON (a number or null), or nullptr when the report does not have it.
const nlohmann::json* FindCell(const nlohmann::json& report, const CellDef& cell);

// Reports matching the filter: [{id, document_id, agency, region, kind, year, format, errors, warnings,
// infos, late, file, media_type, current}], ordered by year, region, agency (or filter.sort). Only the current
// version of each body and year unless filter.all_versions.
Result<nlohmann::json> ListReports(Store* store, const ReportFilter& filter);

// Documents that could not be processed: [{document_id, file, path, error_code, error}].
Result<nlohmann::json> ListFailed(Store* store);

// A stored report as its JSON, with the store's findings (the pipeline's and the cross-year ones) and a
// "store" object {report_id, document_id, agency_id, region, kind, agency_name, current, versions:[{report_id,
// file, stored_at, current, errors, warnings}] (the versions of its body and year, oldest first)}.
Result<nlohmann::json> LoadReport(Store* store, int64_t report_id);

// The bodies matching `text`: [{id, name, region, kind, rostered, reports}].
Result<nlohmann::json> MatchAgencies(Store* store, std::string_view text);

// The original file behind a report: its name and bytes (decompressed). Errors: kInvalidArgument for an
// unknown report, kCorruption when the stored bytes do not decompress to their recorded size.
struct OriginalFile {
  std::string name;
  std::string bytes;
};
Result<OriginalFile> ReportOriginal(Store* store, int64_t report_id);

// The report stored for a document's content, or nullopt when none is (the document failed, or is unknown).
Result<std::optional<int64_t>> ReportIdForContent(Store* store, const std::string& sha256);
// The "tables" member of a stored report JSON ({} when it has none): only that member is built, the text
// is skipped (the supervisor's computations read thousands of reports).
nlohmann::json TablesOfReportJson(std::string_view text);

// The document a stored report was read from, or nullopt for an unknown report.
Result<std::optional<int64_t>> DocumentOfReport(Store* store, int64_t report_id);

// One body: {id, name, region, kind, rostered}, or nullopt when there is no body with this id.
Result<std::optional<nlohmann::json>> AgencyInfo(Store* store, int64_t agency_id);

// Every report of a body (of one year when given), oldest first.
Result<std::vector<int64_t>> ReportIdsOf(Store* store, int64_t agency_id, std::optional<int> year = std::nullopt);

// The report that stands for each year of a body (the latest stored): year → report id.
Result<std::map<int, int64_t>> ReportsByYear(Store* store, int64_t agency_id);

// Every cell of two reports side by side, and the findings new and fixed between them:
// {agency, years:[a,b], comparable, cells:[{id, label, a, b, change}], new_findings:[…], fixed_findings:[…]}.
// A report without the national tables (2008 条例 years, or an unknown format) is not comparable: cells and
// findings are empty and "why" says so.
Result<nlohmann::json> CompareReports(Store* store, int64_t report_a, int64_t report_b);

// Aggregates per group ("year", "region" or "kind"): reports, applications received, outcome shares,
// denial rate, late share, error share, and the share of reports failing each rule. Documents that could
// not be processed are not counted (their number is given apart).
Result<nlohmann::json> Stats(Store* store, const std::string& by, const ReportFilter& filter);

// The rostered bodies with no report for `year`, with their deadline and whether it has passed on `today`
// (ISO date): {year, rostered, published, missing:[{name, region, kind, deadline, overdue}]}.
Result<nlohmann::json> Missing(Store* store, int year, const std::string& today);

// The same question for a roster given with the request, answered without storing it: its bodies are
// matched to the stored agencies by name, alias and normalised key; nothing in the store changes.
Result<nlohmann::json> MissingForRoster(Store* store, const std::vector<RosterEntry>& roster, int year,
                                        const std::string& today);

}  // namespace xxgk::store
