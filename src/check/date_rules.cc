// D1: publication (or signature) after the statutory deadline of 条例第四十九条 for the kind of body;
// D2: the year of the title against the statistics period and the signature date.
#include <string>

#include "check/checker.h"
#include "check/deadlines.h"
#include "core/normalize.h"

namespace xxgk {

void CheckDates(Report* report) {
  if (!report->year) return;
  const int y = *report->year;
  // D2: statistics period and signature year.
  if (report->stats_period_year && *report->stats_period_year != y) {
    Finding fd = MakeFinding(Rule::kD2);
    fd.message = "标题中的报告年度为" + std::to_string(y) + "年，但正文所述统计期间为" + std::to_string(*report->stats_period_year) +
                 "年，请核对年度。";
    fd.at = report->title_at;
    report->findings.push_back(std::move(fd));
  }
  if (report->signed_date) {
    int sy = std::stoi(report->signed_date->substr(0, 4));
    if (sy != y + 1 && sy != y) {
      Finding fd = MakeFinding(Rule::kD2);
      fd.message = "报告年度为" + std::to_string(y) + "年，但落款日期为" + *report->signed_date + "，年度与落款不符。";
      fd.at = report->title_at;
      report->findings.push_back(std::move(fd));
    }
  }
  // D1: deadline.
  if (!report->agency) return;
  if (auto late = LateFinding(report->published_date, report->signed_date, y, KindOf(*report->agency))) {
    late->at = report->title_at;
    report->findings.push_back(std::move(*late));
  }
}

}  // namespace xxgk
