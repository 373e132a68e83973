// Recovering the three statistical tables from token streams. Every layout seen in real reports reduces
// to a sequence of label text and numbers: tab rows, one cell per line, label on one line and numbers on
// the next, group labels sharing a line with the first child, and rows whose labels were lost. Rows are
// matched by their normalised label, falling back to the fixed row order only where a label is missing;
// nothing is written into a cell by guess.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "extract/lines.h"
#include "report/report.h"
#include "schema/format_spec.h"

namespace xxgk {

struct LineRange {
  size_t begin = 0, end = 0;  // [begin, end) line indices
  bool empty() const { return end <= begin; }
};

// A value the narrative states for one cell ("制发行政规范性文件62件"); used only to choose among the cuts of
// digits that ran together, never to overwrite a number the table prints.
struct CellPin {
  int cell;
  double value;
};

// Extracts tables 2, 3 and 4 of `spec` from their line ranges (an empty range: the table is not in the
// document) into report->cells, and records how in report->tables and report->findings (S2, S4, E1).
// The three tables are read together because a damage model shown by a row of one table is in play for the
// rows of all three (damage_models.h). When `trace` is given, one line per group of label text and values
// says which row it was aligned with (for developers). `used`, when given, receives the lines each table
// occupies (from its region's start to its last value), so that section texts can leave them out.
void ExtractTables(const LineView& view, const std::array<LineRange, kTableCount>& ranges, const FormatSpec& spec,
                   const std::vector<CellPin>& pins, Report* report, std::string* trace = nullptr,
                   std::array<LineRange, kTableCount>* used = nullptr);

}  // namespace xxgk
