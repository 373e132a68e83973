// Report metadata read from the text: the issuing agency and the year reported on (from the title, or the
// signature), the signature date, a page's publication date, and the year of the statistics period.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/lines.h"

namespace xxgk {

struct Metadata {
  std::optional<std::string> agency;
  std::optional<int> year;
  std::string title;
  Provenance title_at;
  std::optional<std::string> signed_date;
  std::optional<std::string> published_date;
  std::optional<int> stats_year;
  std::optional<std::string> signature_agency;
  size_t signature_line = SIZE_MAX;  // first line of the signature block, SIZE_MAX if none
  // Where the page's article meta tags disagree with the report's own title (Chinese, one per
  // disagreement); the report's own value is kept.
  std::vector<std::string> page_conflicts;
};

// Reads metadata. `preamble_end` is the first line of the first section (lines before it hold the title).
// `body_end` is where the statistics period is no longer searched. The agency and the year come from the
// report's own title (a line naming a 年度报告 before one that only says 年报, so that a navigation list of
// "2019年报" is not taken for it) and signature; the page's article meta tags (`page`) fill what the text
// does not give, and their disagreements are listed. Navigation, site and column names are never taken.
Metadata ExtractMetadata(const LineView& view, size_t preamble_end, size_t body_end, const PageMeta& page = {});

// Parses a date written as 2025年1月6日, 二○二五年一月六日, 2025-01-06, 2025.1.6 or 2025/01/06 at the start
// of norm (match form). On success sets y/m/d and *len to the bytes consumed.
bool ParseDatePrefix(std::string_view norm, int* y, int* m, int* d, size_t* len);

}  // namespace xxgk
