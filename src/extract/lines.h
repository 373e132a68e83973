// The extractor's view of a document: a flat list of physical lines (a text line, or one table row),
// each a list of cells, with the match form of every line. This is where file formats stop mattering.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/document.h"

namespace xxgk {

struct LineCell {
  std::string_view text;  // raw text of the cell
  Provenance at;
  uint32_t norm_begin = 0, norm_end = 0;  // the cell's match form within LineView::norm
};

struct Line {
  uint32_t cell_begin = 0, cell_end = 0;  // range in LineView::cells
  uint32_t norm_begin = 0, norm_end = 0;  // range in LineView::norm
  Provenance at;
  bool from_table = false;                // a row of a real table (HTML/DOCX/PDF grid)
};

struct LineView {
  std::vector<LineCell> cells;
  std::vector<Line> lines;
  std::string norm;  // match forms of all cells, concatenated in order

  std::string_view Norm(const Line& l) const { return std::string_view(norm).substr(l.norm_begin, l.norm_end - l.norm_begin); }
  std::string_view Norm(size_t line_idx) const { return Norm(lines[line_idx]); }
  std::string_view CellNorm(const LineCell& c) const {
    return std::string_view(norm).substr(c.norm_begin, c.norm_end - c.norm_begin);
  }
  // The raw text of a line, cells joined by tabs.
  std::string RawText(size_t line_idx) const;
};

// A place where a line must be cut in two (a heading in the middle of a flattened line).
struct LineCut {
  uint32_t line = 0;
  uint32_t norm_offset = 0;  // absolute offset in LineView::norm where the new line starts
};

// Builds the line view: paragraphs split into cells at tabs, table rows as lines (covered cells skipped).
LineView Linearize(const Document& doc);

// Returns a copy of view with lines cut at the given places (sorted or not).
LineView CutLines(const LineView& view, std::vector<LineCut> cuts);

}  // namespace xxgk
