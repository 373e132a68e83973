// The statutory publication deadlines of 条例第四十九条 (and 2008 条例第三十一条) by kind of body. Shared by
// the single-report rule D1 and the store, which may know a body's kind from a roster.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "report/report.h"

namespace xxgk {

enum class BodyKind { kDepartment, kGovernment, kTownship };

// The kind of body guessed from its name: 乡镇/街道, 人民政府 (and 管委会 …), otherwise a department.
BodyKind KindOf(std::string_view agency);

// "department", "government", "township".
const char* BodyKindName(BodyKind kind);
// "部门", "人民政府", "乡镇街道".
const char* BodyKindChinese(BodyKind kind);
// Accepts the English names and the usual Chinese words (部门/政府/乡镇/街道 …); nullopt otherwise.
std::optional<BodyKind> ParseBodyKind(std::string_view text);

struct PublicationDeadline {
  std::string date;   // ISO, inclusive
  std::string basis;  // the legal basis, in Chinese
};

// The deadline for the report on `year` of a body of this kind; nullopt where no statutory date applies.
std::optional<PublicationDeadline> DeadlineFor(BodyKind kind, int year);

// D1 for a report on `year` published (or, failing that, signed) on the given ISO dates, by a body of this
// kind; nullopt when on time or when no statutory date applies. `why_kind` says where the kind comes from
// when that is worth saying (a roster), and goes into the message.
std::optional<Finding> LateFinding(const std::optional<std::string>& published, const std::optional<std::string>& signed_date,
                                   int year, BodyKind kind, std::string_view why_kind = {});

}  // namespace xxgk
