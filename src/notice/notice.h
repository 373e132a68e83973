// The annual notice (通报) a supervising office issues on its bodies' reports: coverage, late and missing
// bodies, the ranking, the commonest problems with one example each, the indicators against the previous
// year, and each body's open rectification items. Every number comes from stored cells and findings
// (store/coverage.h, store/supervision.h, store/review.h); the same store and date give the same notice.
// Rendered as HTML (with links to each report), Word (real tables) or Excel (one sheet per part).
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "core/result.h"
#include "store/coverage.h"
#include "store/store.h"

namespace xxgk {

struct NoticeOptions {
  store::CoverageQuery query;         // year, subtree, the notice's date (today), scope
  nlohmann::json scoring_pack;        // store/packs.h
  nlohmann::json indicators_pack;
  std::string issuer;                 // the issuing office, for the heading ("" to leave it out)
  std::string link_base = "/#library/report/";  // HTML links: link_base + report id
  size_t problems = 10;               // the commonest problems listed
};

// The notice's content as data: {title, year, date, under, issuer, coverage, previous_coverage, late:[…],
// missing:[…], scores, problems, indicators, items:[…], link_base}.
Result<nlohmann::json> NoticeData(store::Store* store, const NoticeOptions& options);

std::string NoticeHtml(const nlohmann::json& notice);
// Errors: kIoError when the package cannot be assembled.
Result<std::string> NoticeDocx(const nlohmann::json& notice);
// Writes an .xlsx file (libxlsxwriter writes files itself). Errors: kIoError with the cause.
Result<void> WriteNoticeXlsx(const nlohmann::json& notice, const std::string& path);

// Coverage (store/coverage.h) as a workbook: the counts and rates, the groups, and every body with its
// status, deadline, report and review. Errors: kIoError with the cause.
Result<void> WriteCoverageXlsx(const nlohmann::json& coverage, const std::string& path);

}  // namespace xxgk
