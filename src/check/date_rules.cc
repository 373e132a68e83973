// D1: publication (or signature) after the statutory deadline of 条例第四十九条 for the kind of body;
// D2: the year of the title against the statistics period and the signature date.
#include <string>

#include "check/checker.h"
#include "core/normalize.h"

namespace xxgk {
namespace {

enum class BodyKind { kDepartment, kGovernment, kTownship };

BodyKind KindOf(const std::string& agency) {
  std::string n = Normalize(agency);
  auto ends = [&](std::string_view s) { return n.size() >= s.size() && n.compare(n.size() - s.size(), s.size(), s) == 0; };
  if (ends("乡人民政府") || ends("镇人民政府") || ends("街道办事处") || ends("乡政府") || ends("镇政府") || ends("街道")) {
    return BodyKind::kTownship;
  }
  if (ends("人民政府") || ends("县政府") || ends("市政府") || ends("区政府") || ends("管委会") || ends("管理委员会") ||
      ends("实验区") || ends("开发区") || ends("新区") || ends("示范区") || ends("县") || ends("市") || ends("区")) {
    return BodyKind::kGovernment;
  }
  return BodyKind::kDepartment;
}

}  // namespace

void CheckDates(Report* report) {
  if (!report->year) return;
  const int y = *report->year;
  // D2: statistics period and signature year.
  if (report->stats_period_year && *report->stats_period_year != y) {
    Finding fd;
    fd.rule = "D2";
    fd.severity = Severity::kWarning;
    fd.message = "标题中的报告年度为" + std::to_string(y) + "年，但正文所述统计期间为" + std::to_string(*report->stats_period_year) +
                 "年，请核对年度。";
    fd.at = report->title_at;
    report->findings.push_back(std::move(fd));
  }
  if (report->signed_date) {
    int sy = std::stoi(report->signed_date->substr(0, 4));
    if (sy != y + 1 && sy != y) {
      Finding fd;
      fd.rule = "D2";
      fd.severity = Severity::kWarning;
      fd.message = "报告年度为" + std::to_string(y) + "年，但落款日期为" + *report->signed_date + "，年度与落款不符。";
      fd.at = report->title_at;
      report->findings.push_back(std::move(fd));
    }
  }
  // D1: deadline.
  const std::string* date = report->published_date ? &*report->published_date
                                                   : (report->signed_date ? &*report->signed_date : nullptr);
  if (!date || !report->agency) return;
  BodyKind kind = KindOf(*report->agency);
  std::string deadline;
  std::string basis;
  if (y <= 2018) {
    deadline = std::to_string(y + 1) + "-03-31";
    basis = "2008年《政府信息公开条例》第三十一条：各级行政机关应在每年3月31日前公布上一年度报告";
  } else if (kind == BodyKind::kGovernment) {
    deadline = std::to_string(y + 1) + "-03-31";
    basis = "《政府信息公开条例》第四十九条：县级以上地方人民政府的年度报告应在每年3月31日前公布";
  } else if (kind == BodyKind::kDepartment) {
    deadline = std::to_string(y + 1) + "-01-31";
    basis = "《政府信息公开条例》第四十九条：县级以上人民政府部门应在每年1月31日前公布上一年度报告";
  } else {
    return;  // 乡镇、街道: no statutory date
  }
  if (*date <= deadline) return;
  Finding fd;
  fd.rule = "D1";
  fd.severity = Severity::kWarning;
  fd.message = std::string(report->published_date ? "报告发布日期为" : "报告落款日期为") + *date + "，晚于法定期限" + deadline + "（" +
               basis + "）。";
  fd.at = report->title_at;
  report->findings.push_back(std::move(fd));
}

}  // namespace xxgk
