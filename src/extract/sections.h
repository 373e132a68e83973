// Finding the six section headings: "一、总体情况" … "六、其他需要报告的事项", with their known title
// variants, Arabic numbering ("3、"), Markdown heading marks, and small typos (edit distance ≤ 2 at the
// start of a line). Headings inside a flattened line are found too, so the caller can cut the line there.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "extract/lines.h"
#include "schema/format_spec.h"

namespace xxgk {

struct HeadingHit {
  int section = -1;          // index into FormatSpec::sections
  uint32_t line = 0;         // index into LineView::lines
  uint32_t pos = 0;          // absolute offset in LineView::norm where the numbering starts
  uint32_t title_end = 0;    // absolute offset just after the title
  bool standard_number = true;
  bool standard_title = true;
  bool at_line_start = true;
};

// All plausible headings in document order (before choosing one per section).
std::vector<HeadingHit> FindHeadingCandidates(const LineView& view, const FormatSpec& spec);

// Chooses at most one heading per section: the first candidate of each, in document order.
std::vector<HeadingHit> ChooseHeadings(const std::vector<HeadingHit>& candidates, size_t section_count);

}  // namespace xxgk
