// The kinds of government body and the statutory publication deadlines of 条例第四十九条 (and 2008
// 条例第三十一条) for each. Facts of the standard, seen by the rules (D1), the store (rosters, coverage) and
// the front ends alike. Pure functions; nothing here fails.
#pragma once

#include <optional>
#include <string>
#include <string_view>

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

}  // namespace xxgk
