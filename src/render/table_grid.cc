#include "render/table_grid.h"

#include <algorithm>

#include "core/numbers.h"
#include "schema/ids.h"

namespace xxgk {
namespace {

// A number as printed; a cell the report leaves blank as "/" (as many reports print it); a missing one empty.
std::string ValueText(const Report& r, int idx) {
  if (idx < 0) return "";
  if (r.cells[idx].state == CellState::kBlank) return "/";
  if (!r.HasValue(idx)) return "";
  return FormatNumber(r.cells[idx].value);
}

class Builder {
 public:
  explicit Builder(int cols) {
    g_.cols = cols;
    g_.widths.assign(cols, 1);
  }
  void Width(int col, int w) { g_.widths[col] = w; }
  void Add(int row, int col, std::string text, int rs = 1, int cs = 1, bool header = true, bool value = false) {
    g_.cells.push_back({std::move(text), row, col, rs, cs, header, value, {}});
    g_.rows = std::max(g_.rows, row + rs);
  }
  // A number cell: its printed value and its id.
  void Value(int row, int col, const Report& r, int idx, int cs = 1) {
    g_.cells.push_back({ValueText(r, idx), row, col, 1, cs, false, true, idx >= 0 ? r.format->cells[idx].id : std::string()});
    g_.rows = std::max(g_.rows, row + 1);
  }
  Grid Done() {
    std::stable_sort(g_.cells.begin(), g_.cells.end(),
                     [](const GridCell& a, const GridCell& b) { return a.row != b.row ? a.row < b.row : a.col < b.col; });
    return std::move(g_);
  }

 private:
  Grid g_;
};


}  // namespace

std::vector<std::vector<int>> Grid::Cover() const {
  std::vector<std::vector<int>> cover(rows, std::vector<int>(cols, -1));
  for (size_t i = 0; i < cells.size(); ++i) {
    const GridCell& c = cells[i];
    for (int r = c.row; r < c.row + c.row_span && r < rows; ++r) {
      for (int k = c.col; k < c.col + c.col_span && k < cols; ++k) cover[r][k] = static_cast<int>(i);
    }
  }
  return cover;
}

Grid Table2Grid(const Report& r) {
  const FormatSpec& f = *r.format;
  int value_cols = 1;
  for (const auto& b : f.t2) value_cols = std::max<int>(value_cols, static_cast<int>(b.cols.size()));
  Builder g(1 + value_cols);
  g.Width(0, 3);
  for (int c = 1; c <= value_cols; ++c) g.Width(c, 2);
  int row = 0;
  for (const auto& b : f.t2) {
    g.Add(row++, 0, b.caption.text, 1, 1 + value_cols);
    g.Add(row, 0, "信息内容");
    const int n = static_cast<int>(b.cols.size());
    for (int c = 0; c < n; ++c) g.Add(row, 1 + c, b.cols[c].label.text, 1, c + 1 == n ? value_cols - n + 1 : 1);
    ++row;
    for (const auto& rd : b.rows) {
      g.Add(row, 0, rd.label.text);
      for (int c = 0; c < n; ++c) {
        int idx = f.CellIndex(T2CellId(b.key, rd.key, b.cols[c].key));
        g.Value(row, 1 + c, r, idx, c + 1 == n ? value_cols - n + 1 : 1);
      }
      ++row;
    }
  }
  return g.Done();
}

Grid Table3Grid(const Report& r) {
  const FormatSpec& f = *r.format;
  const int ncols = static_cast<int>(f.t3_cols.size());
  Builder g(3 + ncols);
  g.Width(0, 4);
  g.Width(1, 4);
  g.Width(2, 8);
  for (int c = 0; c < ncols; ++c) g.Width(3 + c, 3);
  // Header: the note cell, 申请人情况, 自然人 / 法人或其他组织 / 总计, the five kinds of organisation.
  g.Add(0, 0, f.t3_note.text, 3, 3);
  g.Add(0, 3, "申请人情况", 1, ncols);
  int c = 0;
  while (c < ncols) {
    const ColumnDef& col = f.t3_cols[c];
    if (col.group.empty()) {
      g.Add(1, 3 + c, col.label.text, 2, 1);
      ++c;
      continue;
    }
    int end = c;
    while (end < ncols && f.t3_cols[end].group == col.group) ++end;
    g.Add(1, 3 + c, col.group, 1, end - c);
    for (int k = c; k < end; ++k) g.Add(2, 3 + k, f.t3_cols[k].label.text);
    c = end;
  }
  // Body: rows of the 办理结果 block share its first column; sub-groups (（三）不予公开 …) share the second.
  const int nrows = static_cast<int>(f.t3_rows.size());
  const int rt = f.T3RowIndex(ids::t3_row::results_total);
  const std::string block = rt >= 0 ? f.t3_rows[rt].group : "";
  auto in_block = [&](int i) { return !block.empty() && (f.t3_rows[i].outcome || i == rt); };
  const int top = 3;
  for (int i = 0; i < nrows;) {
    const RowDef& rd = f.t3_rows[i];
    if (in_block(i) && (i == 0 || !in_block(i - 1))) {
      int end = i;
      while (end < nrows && in_block(end)) ++end;
      g.Add(top + i, 0, block, end - i, 1);
    }
    if (!in_block(i)) {
      g.Add(top + i, 0, rd.label.text, 1, 3);
    } else if (rd.group == block || rd.group.empty()) {
      g.Add(top + i, 1, rd.label.text, 1, 2);
    } else {
      int end = i;
      while (end < nrows && f.t3_rows[end].group == rd.group) ++end;
      g.Add(top + i, 1, rd.group, end - i, 1);
      for (int k = i; k < end; ++k) {
        g.Add(top + k, 2, f.t3_rows[k].label.text);
        for (int v = 0; v < ncols; ++v) g.Value(top + k, 3 + v, r, f.T3Cell(k, v));
      }
      i = end;
      continue;
    }
    for (int v = 0; v < ncols; ++v) g.Value(top + i, 3 + v, r, f.T3Cell(i, v));
    ++i;
  }
  return g.Done();
}

Grid Table4Grid(const Report& r) {
  const FormatSpec& f = *r.format;
  const int n = static_cast<int>(f.t4_cols.size());
  const int nb = static_cast<int>(f.t4_blocks.size());
  Builder g(n * nb);
  // 行政复议 | 行政诉讼 (未经复议直接起诉 | 复议后起诉): block labels "行政诉讼/未经复议直接起诉" split at "/".
  auto split = [](const std::string& label) -> std::pair<std::string, std::string> {
    size_t p = label.find('/');
    if (p == std::string::npos) return {label, ""};
    return {label.substr(0, p), label.substr(p + 1)};
  };
  for (int b = 0; b < nb;) {
    auto [head, sub] = split(f.t4_blocks[b].second.text);
    if (sub.empty()) {
      g.Add(0, b * n, head, 1, n);
      for (int k = 0; k < n; ++k) g.Add(1, b * n + k, f.t4_cols[k].label.text, 2, 1);
      ++b;
      continue;
    }
    int end = b;
    while (end < nb && split(f.t4_blocks[end].second.text).first == head) ++end;
    g.Add(0, b * n, head, 1, (end - b) * n);
    for (int k = b; k < end; ++k) {
      g.Add(1, k * n, split(f.t4_blocks[k].second.text).second, 1, n);
      for (int c = 0; c < n; ++c) g.Add(2, k * n + c, f.t4_cols[c].label.text);
    }
    b = end;
  }
  for (int b = 0; b < nb; ++b) {
    for (int c = 0; c < n; ++c) {
      int idx = f.CellIndex(T4CellId(f.t4_blocks[b].first, f.t4_cols[c].key));
      g.Value(3, b * n + c, r, idx);
    }
  }
  return g.Done();
}

}  // namespace xxgk
