#include "check/deadlines.h"

namespace xxgk {

std::optional<Finding> LateFinding(const std::optional<std::string>& published, const std::optional<std::string>& signed_date,
                                   int year, BodyKind kind, std::string_view why_kind) {
  std::optional<PublicationDeadline> due = DeadlineFor(kind, year);
  if (!due) return std::nullopt;
  return LateFinding(published, signed_date, *due, why_kind);
}

std::optional<Finding> LateFinding(const std::optional<std::string>& published, const std::optional<std::string>& signed_date,
                                   const PublicationDeadline& due, std::string_view why) {
  const std::optional<std::string>& date = published ? published : signed_date;
  if (!date || *date <= due.date) return std::nullopt;
  Finding fd = MakeFinding(Rule::kD1);
  fd.message = std::string(published ? "报告发布日期为" : "报告落款日期为") + *date + "，晚于发布期限" + due.date + "（" +
               std::string(why) + (why.empty() ? "" : "；") + due.basis + "）。";
  return fd;
}

}  // namespace xxgk
