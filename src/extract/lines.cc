#include "extract/lines.h"

#include <algorithm>

#include "core/find.h"
#include "core/normalize.h"

namespace xxgk {
namespace {

// LineView::norm grows as a buffer: its size is the room, `used` the match form written so far. The room
// doubles when a cell may not fit, so each cell is written in place with no resize of its own.
struct NormWriter {
  LineView* v;
  size_t used = 0;
  void Reserve(size_t raw_bytes) {
    const size_t need = used + NormalizedBound(raw_bytes);
    if (need > v->norm.size()) v->norm.resize(std::max(need, 2 * v->norm.size()));
  }
};

void AddCell(NormWriter* nw, std::string_view text, const Provenance& at) {
  LineView* v = nw->v;
  const uint32_t begin = static_cast<uint32_t>(nw->used);
  if (!text.empty()) {  // a line's empty cells (before its first tab) are common
    nw->Reserve(text.size());
    nw->used += WriteNormalized(text, v->norm.data() + nw->used);
  }
  LineCell& c = v->cells.emplace_back();  // built in place: a copy's wide load would wait on these stores
  c.text = text;
  c.at = at;
  c.norm_begin = begin;
  c.norm_end = static_cast<uint32_t>(nw->used);
}

void BeginLine(NormWriter* nw, const Provenance& at, bool from_table) {
  Line& l = nw->v->lines.emplace_back();
  l.cell_begin = l.cell_end = static_cast<uint32_t>(nw->v->cells.size());
  l.norm_begin = l.norm_end = static_cast<uint32_t>(nw->used);
  l.at = at;
  l.from_table = from_table;
}

void EndLine(NormWriter* nw) {
  Line& l = nw->v->lines.back();
  l.cell_end = static_cast<uint32_t>(nw->v->cells.size());
  l.norm_end = static_cast<uint32_t>(nw->used);
}

}  // namespace

std::string LineView::RawText(size_t line_idx) const {
  const Line& l = lines[line_idx];
  std::string out;
  for (uint32_t c = l.cell_begin; c < l.cell_end; ++c) {
    if (c > l.cell_begin) out.push_back('\t');
    out.append(cells[c].text);
  }
  return out;
}

LineView Linearize(const Document& doc) {
  LineView v;
  NormWriter nw{&v};
  v.norm.resize(doc.text.size() + 64);  // the match form is about as long as the text: grown if not
  v.lines.reserve(doc.blocks.size());
  v.cells.reserve(doc.blocks.size() * 2);
  for (const Block& b : doc.blocks) {
    if (b.kind == BlockKind::kTable) {
      for (const auto& row : b.rows) {
        BeginLine(&nw, row.empty() ? b.at : row.front().at, true);
        for (const Cell& cell : row) {
          if (cell.covered) continue;
          AddCell(&nw, cell.text, cell.at);
        }
        EndLine(&nw);
      }
      continue;
    }
    BeginLine(&nw, b.at, false);
    std::string_view text = b.text;
    int32_t col = 0;
    size_t pos = 0;
    while (true) {
      const size_t tab = FindAnyOf<'\t'>(text, pos);
      std::string_view piece = text.substr(pos, tab - pos);
      Provenance at = b.at;
      if (tab < text.size() || col > 0) at.col = col;
      AddCell(&nw, piece, at);
      if (tab == text.size()) break;
      pos = tab + 1;
      ++col;
    }
    EndLine(&nw);
  }
  v.norm.resize(nw.used);
  return v;
}

LineView CutLines(const LineView& view, std::vector<LineCut> cuts) {
  std::sort(cuts.begin(), cuts.end(), [](const LineCut& a, const LineCut& b) { return a.norm_offset < b.norm_offset; });
  LineView out;
  out.norm = view.norm;  // offsets stay valid: cutting never changes the match text
  out.cells.reserve(view.cells.size() + cuts.size());
  out.lines.reserve(view.lines.size() + cuts.size());
  size_t k = 0;
  for (size_t li = 0; li < view.lines.size(); ++li) {
    const Line& l = view.lines[li];
    Line cur = l;
    cur.cell_begin = static_cast<uint32_t>(out.cells.size());
    for (uint32_t ci = l.cell_begin; ci < l.cell_end; ++ci) {
      LineCell cell = view.cells[ci];
      while (k < cuts.size() && cuts[k].norm_offset <= cell.norm_begin && cuts[k].line < li) ++k;
      while (k < cuts.size() && cuts[k].line == li && cuts[k].norm_offset > cell.norm_begin &&
             cuts[k].norm_offset < cell.norm_end) {
        uint32_t off = cuts[k].norm_offset;
        size_t raw = RawOffsetForNormOffset(cell.text, off - cell.norm_begin);
        LineCell head = cell;
        head.text = cell.text.substr(0, raw);
        head.norm_end = off;
        out.cells.push_back(head);
        cur.cell_end = static_cast<uint32_t>(out.cells.size());
        cur.norm_end = off;
        out.lines.push_back(cur);
        cur.cell_begin = static_cast<uint32_t>(out.cells.size());
        cur.norm_begin = off;
        cell.text = cell.text.substr(raw);
        cell.norm_begin = off;
        ++k;
      }
      while (k < cuts.size() && cuts[k].line == li && cuts[k].norm_offset == cell.norm_begin &&
             cell.norm_begin > cur.norm_begin) {
        // Cut exactly at a cell boundary.
        cur.cell_end = static_cast<uint32_t>(out.cells.size());
        cur.norm_end = cell.norm_begin;
        out.lines.push_back(cur);
        cur.cell_begin = static_cast<uint32_t>(out.cells.size());
        cur.norm_begin = cell.norm_begin;
        ++k;
      }
      out.cells.push_back(cell);
    }
    cur.cell_end = static_cast<uint32_t>(out.cells.size());
    cur.norm_end = l.norm_end;
    out.lines.push_back(cur);
    while (k < cuts.size() && cuts[k].line <= li) ++k;
  }
  return out;
}

}  // namespace xxgk
