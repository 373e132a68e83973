// The three statistical tables laid out as in the national template: header rows, label columns and merged
// cells (row and column spans). Every renderer draws from these grids, so all formats share one layout.
#pragma once

#include <string>
#include <vector>

#include "report/report.h"

namespace xxgk {

struct GridCell {
  std::string text;
  int row = 0, col = 0;          // top-left position
  int row_span = 1, col_span = 1;
  bool header = false;           // a heading cell (caption, column or row label)
  bool value = false;            // a number cell
  std::string cell_id;           // for a number cell: its id in the report JSON ("t3.granted.total")
};

struct Grid {
  std::string title;             // e.g. 表二 does not print a title of its own; kept for captions
  int rows = 0, cols = 0;
  std::vector<GridCell> cells;   // origin cells only, row by row
  std::vector<int> widths;       // relative column widths (label columns wider than number columns)

  // For each position, the index of the cell covering it (-1 for none).
  std::vector<std::vector<int>> Cover() const;
};

// Table 2 (主动公开), table 3 (申请), table 4 (复议诉讼) of the report's format; values as printed
// (FormatNumber), missing values as empty cells.
Grid Table2Grid(const Report& report);
Grid Table3Grid(const Report& report);
Grid Table4Grid(const Report& report);

}  // namespace xxgk
