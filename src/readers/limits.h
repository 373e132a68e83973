// What the readers share about their limits: the refusal of a document with more blocks (paragraphs,
// lines, table rows) than a report ever has, worded once for every reader.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.h"

namespace xxgk {

// "网页段落过多（超过 100000 段）": `subject` names what was counted ("文本行数", "网页段落"), `unit` its unit.
inline tl::unexpected<Error> TooManyBlocksError(std::string_view subject, size_t limit, std::string_view unit) {
  return MakeError(ErrorCode::kTooLarge,
                   std::string(subject) + "过多（超过 " + std::to_string(limit) + " " + std::string(unit) + "）",
                   "年度报告通常只有几千" + std::string(unit) + "；请确认这是报告全文，而不是数据导出文件");
}

}  // namespace xxgk
