// C1–C4, C8, C9: the arithmetic that binds the cells, as expanded from the format's "arithmetic" list;
// C5: blank, negative and fractional cells.
#include <cmath>
#include <string>

#include "check/checker.h"
#include "core/numbers.h"

namespace xxgk {
namespace {

// The short name of a cell inside a constraint: the row name when the cells vary by row, else the column.
std::string TermName(const FormatSpec& f, const Constraint& k, int cell) {
  const CellDef& d = f.cells[cell];
  bool same_row = true;
  for (int c : k.lhs) same_row &= f.cells[c].row == d.row && f.cells[c].block == d.block;
  for (int c : k.rhs) same_row &= f.cells[c].row == d.row && f.cells[c].block == d.block;
  if (d.table == TableId::kT3 && !same_row) {
    int r = f.T3RowIndex(d.row);
    return r >= 0 ? f.t3_rows[r].short_name : d.row;
  }
  if (d.table == TableId::kT3) {
    int c = f.T3ColIndex(d.col);
    return c >= 0 ? f.t3_cols[c].label.text : d.col;
  }
  if (d.table == TableId::kT4) {
    for (const auto& c : f.t4_cols) if (c.key == d.col) return c.label.text;
  }
  for (const auto& b : f.t2) {
    if (b.key != d.block) continue;
    for (const auto& c : b.cols) if (c.key == d.col) return c.label.text;
  }
  return d.id;
}

struct SideSum {
  double sum = 0;
  std::string terms;  // "本年新收(7)+上年结转(0)"
  int zero_terms = 0;
  bool blank = false;
};

SideSum Sum(const Report& r, const Constraint& k, const std::vector<int>& cells, bool skip_zero_terms) {
  SideSum s;
  const FormatSpec& f = *r.format;
  int listed = 0;
  for (int c : cells) {
    const CellValue& v = r.cells[c];
    double x = v.state == CellState::kValue ? v.value : 0;
    if (v.state == CellState::kBlank) s.blank = true;
    s.sum += x;
    if (skip_zero_terms && x == 0 && v.state == CellState::kValue) {
      ++s.zero_terms;
      continue;
    }
    if (listed++ > 0) s.terms += "+";
    s.terms += TermName(f, k, c) + "(" + (v.state == CellState::kBlank ? std::string("空白") : FormatNumber(x)) + ")";
  }
  return s;
}

}  // namespace

void CheckArithmetic(Report* report) {
  if (!report->format || report->cells.empty()) return;
  const FormatSpec& f = *report->format;
  for (const Constraint& k : f.constraints) {
    bool missing = false;
    for (int c : k.lhs) missing |= report->cells[c].state == CellState::kMissing;
    for (int c : k.rhs) missing |= report->cells[c].state == CellState::kMissing;
    if (missing) continue;  // not recovered: E1 already says so
    double lsum = 0, rsum = 0;
    for (int c : k.lhs) lsum += report->cells[c].state == CellState::kValue ? report->cells[c].value : 0;
    for (int c : k.rhs) rsum += report->cells[c].state == CellState::kValue ? report->cells[c].value : 0;
    bool ok = k.relation == Relation::kEqual ? std::fabs(lsum - rsum) < 1e-6 : lsum + 1e-6 >= rsum;
    if (ok) continue;
    bool many = k.rhs.size() > 6;
    SideSum l = Sum(*report, k, k.lhs, false);
    SideSum r = Sum(*report, k, k.rhs, many);
    Finding fd = MakeFinding(k.rule_id);
    for (int c : k.lhs) fd.cells.push_back(f.cells[c].id);
    for (int c : k.rhs) fd.cells.push_back(f.cells[c].id);
    std::string rhs_terms = r.terms.empty() ? "各项均为0" : r.terms;
    if (many && r.zero_terms > 0) rhs_terms += "，其余" + std::to_string(r.zero_terms) + "项为0";
    std::string lhs_text = k.lhs.size() > 1 ? l.terms + "=" + FormatNumber(l.sum) : l.terms;
    std::string rhs_text = many ? "各项之和" + FormatNumber(r.sum) + "（" + rhs_terms + "）"
                                : (k.rhs.size() > 1 ? r.terms + "=" + FormatNumber(r.sum) : r.terms);
    if (k.relation == Relation::kEqual) {
      fd.message = k.scope + "：" + lhs_text + "，不等于" + rhs_text + "，相差" + FormatNumber(std::fabs(l.sum - r.sum)) + "。";
    } else {
      fd.message = k.scope + "：" + lhs_text + "，小于" + rhs_text + "。";
    }
    if (l.blank || r.blank) fd.message += "（空白单元格按0计算）";
    if (k.relation != Relation::kEqual && !k.description.empty()) fd.message += "应满足：" + k.description + "。";
    fd.expected = r.sum;
    fd.actual = l.sum;
    fd.at = report->cells[k.lhs.front()].at;
    report->findings.push_back(std::move(fd));
  }
}

void CheckCells(Report* report) {
  if (!report->format || report->cells.empty()) return;
  const FormatSpec& f = *report->format;
  for (int t = 0; t < kTableCount; ++t) {
    if (!report->tables[t].present) continue;
    Finding blanks = MakeFinding(Rule::kC5);
    for (int c = f.table_begin[t]; c < f.table_end[t]; ++c) {
      const CellValue& v = report->cells[c];
      const CellDef& d = f.cells[c];
      if (v.state == CellState::kBlank) {
        if (blanks.cells.empty()) blanks.at = v.at;
        blanks.cells.push_back(d.id);
        continue;
      }
      if (v.state != CellState::kValue) continue;
      const bool negative = v.value < 0 && d.type != ValueType::kSigned;
      const bool fractional = !v.integral && d.type != ValueType::kAmount && std::fabs(v.value - std::round(v.value)) > 1e-9;
      if (!negative && !fractional) continue;
      Finding fd = MakeFinding(Rule::kC5);
      fd.cells.push_back(d.id);
      fd.at = v.at;
      fd.actual = v.value;
      if (v.value < 0 && d.type != ValueType::kSigned) {
        fd.message = d.label + "为负数(" + FormatNumber(v.value) + ")，该栏只能填写非负数。";
      } else if (!v.integral && d.type != ValueType::kAmount && std::fabs(v.value - std::round(v.value)) > 1e-9) {
        fd.message = d.label + "为" + FormatNumber(v.value) + "，件数应为整数。";
      } else {
        continue;
      }
      report->findings.push_back(std::move(fd));
    }
    if (!blanks.cells.empty()) {
      blanks.message = std::string(TableChineseName(static_cast<TableId>(t))) + "有" + std::to_string(blanks.cells.size()) +
                       "个单元格为空白或填写“/”“—”“无”等符号，应填写数字（没有的填0）。";
      report->findings.push_back(std::move(blanks));
    }
  }
}

}  // namespace xxgk
