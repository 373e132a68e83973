// Numbers the narrative states about the tables: "共接到依申请公开件7件", "4件已办结", "行政处罚信息56条",
// "制发行政规范性文件62件". Used by the checker (C13, narrative against tables) and by the table extractor
// to choose among the cuts of digits that ran together.
#pragma once

#include <string_view>
#include <vector>

#include "report/claims.h"

namespace xxgk {

// Claims found in `norm` (match form, as from Normalize()). At most one claim of each kind and strictness.
std::vector<Claim> FindNarrativeClaims(std::string_view norm);

// Whether a clause says 未, 没有 or 无 (a clause with no digit states a number only so).
bool HasNegation(std::string_view clause);

}  // namespace xxgk
