#include "check/checker.h"

#include <algorithm>

namespace xxgk {

void CheckReport(Report* report, const CheckOptions& options) {
  CheckStructure(report);
  CheckArithmetic(report);
  CheckCells(report);
  CheckFees(report);
  if (options.narrative) CheckNarrative(report);
  if (options.deadlines) CheckDates(report);
  auto key = [](const Finding& f) {
    return std::make_tuple(static_cast<int>(f.severity), f.at.page, f.at.line, f.at.table, f.at.row);
  };
  std::stable_sort(report->findings.begin(), report->findings.end(),
                   [&](const Finding& a, const Finding& b) { return key(a) < key(b); });
}

}  // namespace xxgk
