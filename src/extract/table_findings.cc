// Phase 3 of table recovery: the findings that say what was read, repaired or left empty (table_extractor.h).
#include <algorithm>
#include <cmath>
#include <memory>

#include "core/find.h"
#include "core/numbers.h"
#include "core/normalize.h"
#include "core/utf8.h"
#include "extract/table_extractor.h"

namespace xxgk::table_detail {

void TableExtractor::Complete(DamageSet in_play, const std::string (&notes)[kDamageModelCount]) {
  for (int m = 0; m < kDamageModelCount; ++m) evidence_note_[m] = notes[m];
  DistrustBrokenFullRows(in_play);
  WithdrawImplausibleTable();
  Report();
}

void TableExtractor::WithdrawImplausibleTable() {
  if (table_ == TableId::kT4) return;
  // Rows of the table's widest shape (3 cells in table 2, 7 in table 3) are compared.
  size_t width = 0;
  for (const Slot& sl : slots_) width = std::max(width, sl.cells.size());
  std::vector<double> first, values;
  values.reserve(width);
  int rows = 0;
  bool same = true;
  for (const Slot& sl : slots_) {
    if (sl.cells.size() != width || width < 2 || sl.collapsed >= 0) continue;
    values.clear();
    for (int c : sl.cells) {
      if (report_->cells[c].state != CellState::kValue) break;
      values.push_back(report_->cells[c].value);
    }
    if (values.size() != sl.cells.size()) continue;
    ++rows;
    if (first.empty()) first = values;
    else same &= values == first;
  }
  bool zeros = true;
  for (double v : first) zeros &= v == 0;
  if (rows < 3 || !same || zeros) return;
  std::string tuple;
  for (double v : first) {
    if (!tuple.empty()) tuple.push_back('|');
    tuple += FormatNumber(v);
  }
  Finding f = MakeFinding(Rule::kE1);
  for (const Slot& sl : slots_) {
    for (int c : sl.cells) {
      // A collapsed （六） row stands for several rows and has no cells of its own (-1).
      if (c < 0 || report_->cells[c].state == CellState::kMissing) continue;
      report_->cells[c] = CellValue{};
      f.cells.push_back(spec_.cells[c].id);
    }
  }
  f.message = std::string(TableChineseName(table_)) + "读出的" + std::to_string(rows) + "行数字完全相同（" + tuple +
              "），不像表格本身的数字（可能取自网页上表格以外的位置），全部单元格留空，请核对原件。";
  implausible_.push_back(std::move(f));
}

void TableExtractor::Report() {
  TableExtraction& te = report_->tables[static_cast<int>(table_)];
  // The table is present when any row was read, or when its region held numbers that could not be read
  // (then every row is reported by E1 below, instead of the table being called missing).
  bool had_numbers = false;
  for (const auto& g : groups_) {
    for (uint32_t v : g.vals) had_numbers |= toks_[v].kind == TokKind::kNumber;
  }
  te.present = !filled_.empty() || (had_numbers && !incomplete_.empty());
  if (!te.present) return;
  for (Finding& f : implausible_) report_->findings.push_back(std::move(f));
  te.rows_by_label = by_label_;
  te.rows_by_position = static_cast<int>(repaired_.size());
  te.method = repaired_.empty() ? "labels" : "labels+position";
  if (first_line_ != UINT32_MAX) te.at = view_.lines[first_line_].at;
  const char* tname = table_ == TableId::kT2 ? "表二" : table_ == TableId::kT3 ? "表三" : "表四";

  if (!repaired_.empty() || !stray_.empty()) {
    Finding f = MakeFinding(Rule::kS4);
    std::string names;
    for (int s : repaired_) {
      if (!names.empty()) names += "、";
      names += "“" + slots_[s].name + "”";
      for (int c : slots_[s].cells) f.cells.push_back(spec_.cells[c].id);
    }
    if (!repaired_.empty()) {
      f.message = std::string(tname) + "有" + std::to_string(repaired_.size()) +
                  "行的行标签在转换中丢失（缺失或被“0”等字符代替），已按模板的固定行序识别为：" + names +
                  "。请核对原件中这些行的数字。";
    }
    for (int st : stray_) {
      for (int c : slots_[st].cells) f.cells.push_back(spec_.cells[c].id);
    }
    if (!stray_.empty()) {
      f.message += std::string(f.message.empty() ? tname : "另有") + std::to_string(stray_.size()) +
                   "行的行首多出数字（分组标签在转换中被“0”等字符代替），已按行标签识别，多出的数字未计入表格。";
    }
    int first = !repaired_.empty() ? repaired_.front() : stray_.front();
    f.at = report_->cells[slots_[first].cells.front()].at;
    report_->findings.push_back(std::move(f));
  }
  for (const auto& [s, variant] : deviations_) {
    if (WrappedNotDeviating(variant, s)) continue;
    Finding f = MakeFinding(Rule::kS2);
    for (int c : slots_[s].cells) f.cells.push_back(spec_.cells[c].id);
    f.message = std::string(tname) + "行标签“" + variant + "”与模板“" + slots_[s].label->text + "”不一致，已按模板行识别。";
    f.at = report_->cells[slots_[s].cells.front()].at;
    report_->findings.push_back(std::move(f));
  }
  if (!repairs_.empty()) {
    // One S4 per model: which rows, how they were printed, how they were read, and what decided it.
    for (int m = 0; m < kDamageModelCount; ++m) {
      const DamageModel model = static_cast<DamageModel>(m);
      Finding f = MakeFinding(Rule::kS4);
      std::string rows;
      int count = 0;
      for (const Repair& r : repairs_) {
        if (r.reading.model != model) continue;
        ++count;
        if (rows.size() < 900) {
          rows += (rows.empty() ? "" : "；") + slots_[r.slot].name + "印为“" + r.written + "”，读作" +
                  FormatReading(r.reading) + "（" + r.decided + "）";
        }
        for (size_t c = 0; c < slots_[r.slot].cells.size(); ++c) {
          if (r.reading.known[c]) f.cells.push_back(spec_.cells[slots_[r.slot].cells[c]].id);
        }
        if (f.at.line == 0 && f.at.page == 0 && f.at.table < 0) f.at = report_->cells[slots_[r.slot].cells.front()].at;
      }
      if (count == 0) continue;
      f.message = std::string(tname) + "有" + std::to_string(count) + "行按“" + DamageModelChinese(model) +
                  "”修复：" + rows + "。" + evidence_note_[m] + "请核对原件。";
      report_->findings.push_back(std::move(f));
    }
    for (const Repair& r : repairs_) {
      std::vector<std::string> lost;
      for (size_t c = 0; c < r.reading.known.size(); ++c) {
        if (!r.reading.known[c]) lost.push_back(spec_.cells[slots_[r.slot].cells[c]].id);
      }
      if (lost.empty()) continue;
      Finding f = MakeFinding(Rule::kE1);
      f.cells = lost;
      f.message = std::string(tname) + slots_[r.slot].name + "行有" + std::to_string(lost.size()) +
                  "个单元格在转换中丢失，原文只剩“" + r.written + "”，丢失的单元格留空，请核对原件。";
      f.at = report_->cells[slots_[r.slot].cells.front()].at;
      report_->findings.push_back(std::move(f));
    }
  }
  for (const auto& [slot, text] : unreadable_) {
    Finding f = MakeFinding(Rule::kE1);
    for (int c : slots_[slot].cells) {
      if (report_->cells[c].state == CellState::kMissing) f.cells.push_back(spec_.cells[c].id);
    }
    f.message = std::string(tname) + slots_[slot].name + "行" + text + "，相应单元格留空，请核对原件。";
    f.at = report_->cells[slots_[slot].cells.front()].at;
    if (!f.cells.empty()) report_->findings.push_back(std::move(f));
  }
  for (const Ambiguity& a : ambiguous_) {
    Finding f = MakeFinding(Rule::kE1);
    for (int c : slots_[a.slot].cells) {
      if (report_->cells[c].state == CellState::kMissing) f.cells.push_back(spec_.cells[c].id);
    }
    f.message = std::string(tname) + slots_[a.slot].name + "行的数字少于应有的单元格数，" + a.text +
                (a.by_text ? "（已结合正文所述数字排除其他读法）" : "") + "，表格的合计关系无法确定是哪一种，" +
                (f.cells.empty() ? "" : "无法确定的单元格留空，") + "请核对原件。";
    f.at = report_->cells[slots_[a.slot].cells.front()].at;
    if (!f.cells.empty()) report_->findings.push_back(std::move(f));
    if (a.agreed.empty()) continue;
    Finding s4 = MakeFinding(Rule::kS4);
    std::string names;
    for (int c : a.agreed) {
      s4.cells.push_back(spec_.cells[c].id);
      names += (names.empty() ? "" : "、") + spec_.cells[c].label;
    }
    s4.message = std::string(tname) + slots_[a.slot].name + "行印为“" + a.written +
                 "”，数字少于应有的单元格数；各种可能的读法中以下单元格的数值都相同，已填写：" + names + "；其余单元格留空。请核对原件。";
    s4.at = f.at;
    report_->findings.push_back(std::move(s4));
  }
  for (const auto& [slot, zero] : collapsed_) {
    const CollapsedGroup& cg = spec_.t3_collapsed[slots_[slot].collapsed];
    Finding f = MakeFinding(zero ? Rule::kS2 : Rule::kE1);
    std::string subs;
    for (int r : cg.rows) {
      subs += (subs.empty() ? "" : "、") + spec_.t3_rows[r].label.text;
      for (size_t c = 0; c < spec_.t3_cols.size(); ++c) f.cells.push_back(spec_.cells[spec_.T3Cell(r, static_cast<int>(c))].id);
    }
    f.message = std::string(tname) + "把“" + cg.label.text + "”填成一行（试行格式的写法），现行格式应分为" +
                std::to_string(cg.rows.size()) + "个子项（" + subs + "）。" +
                (zero ? "该行各列均为0，各子项按0计。" : "该行不为0，无法分到各子项，相应单元格留空，请核对原件。");
    f.at = te.at;
    report_->findings.push_back(std::move(f));
  }
  if (table_ == TableId::kT3) CheckColumnHeaders(tname);
  // Rows not recovered.
  std::vector<bool> done(slots_.size(), false);
  for (int s : filled_) done[s] = true;
  std::vector<int> missing_cells;
  std::string names;
  int missing = 0;
  for (size_t s = 0; s < slots_.size(); ++s) {
    if (done[s] || (table_ == TableId::kT4 && s + 1 == slots_.size()) || slots_[s].collapsed >= 0) continue;
    ++missing;
    if (missing <= 6) {
      if (!names.empty()) names += "、";
      names += "“" + slots_[s].name + "”";
    }
    for (int c : slots_[s].cells) missing_cells.push_back(c);
  }
  if (missing > 0) {
    Finding f = MakeFinding(Rule::kE1);
    for (int c : missing_cells) f.cells.push_back(spec_.cells[c].id);
    std::string why;
    for (const auto& [s, m] : incomplete_) {
      why += "“" + slots_[s].name + "”只识别到" + std::to_string(m) + "个数字（应为" +
             std::to_string(slots_[s].cells.size()) + "个）；";
    }
    f.message = std::string(tname) + "有" + std::to_string(missing) + "行未能从原文中可靠识别，相应单元格留空：" + names +
                (missing > 6 ? "等" : "") + "。" + why + "请核对原件。";
    f.at = te.at;
    report_->findings.push_back(std::move(f));
  }
  for (const auto& [c, in_cell] : converted_) {
    Finding f = MakeFinding(Rule::kS2);
    f.cells.push_back(spec_.cells[c].id);
    const CellValue& cv = report_->cells[c];
    f.message = spec_.cells[c].label + (in_cell ? "填写时带有单位“" : "的表头注明单位为“") + PrintedUnitChinese(cv.unit) +
                "”，模板单位为万元，已换算为" + FormatNumber(cv.value) + "万元。";
    f.at = cv.at;
    report_->findings.push_back(std::move(f));
  }
}

bool TableExtractor::WrappedNotDeviating(const std::string& variant, int slot) const {
  if (!slots_[slot].label) return false;
  std::string_view official = slots_[slot].label->norm;
  std::string v = Normalize(variant);
  std::string group;
  if (table_ == TableId::kT3) {
    for (const auto& r : spec_.t3_rows) if (&r.label == slots_[slot].label) group = r.group_norm;
  }
  size_t i = 0, j = 0;
  size_t skipped = 0;
  while (i < v.size() && j < official.size()) {
    size_t i2 = i, j2 = j;
    char32_t a = NextCodePoint(v, &i2), b = NextCodePoint(official, &j2);
    if (a == b) {
      i = i2, j = j2;
      continue;
    }
    std::string ch(v.substr(i, i2 - i));
    if (!group.empty() && Contains(group, ch)) {
      i = i2;
      ++skipped;
      continue;
    }
    return false;
  }
  return i >= v.size();  // the whole variant was consumed: a prefix of the official label
}

void TableExtractor::CheckColumnHeaders(const char* tname) {
  if (!Contains(header_text_, "自然人")) return;
  for (const auto& col : spec_.t3_cols) {
    if (Contains(header_text_, col.label.norm)) continue;
    for (size_t a = 0; a < col.label.alias_norms.size(); ++a) {
      if (!Contains(header_text_, col.label.alias_norms[a])) continue;
      Finding f = MakeFinding(Rule::kS2);
      for (size_t r = 0; r < spec_.t3_rows.size(); ++r) {
        f.cells.push_back(spec_.cells[spec_.T3Cell(static_cast<int>(r), spec_.T3ColIndex(col.key))].id);
      }
      f.message = std::string(tname) + "列标题“" + col.label.aliases[a] + "”与模板“" + col.label.text +
                  "”不一致，已按模板列识别。";
      f.at = report_->tables[1].at;
      report_->findings.push_back(std::move(f));
      break;
    }
  }
}

}  // namespace xxgk::table_detail
