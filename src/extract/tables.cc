// Table recovery for a document: the three tables' extractors run phase by phase, with the damage models in
// play decided between the phases for the whole document (the parts: table_extractor.h).
#include "extract/tables.h"

#include <algorithm>
#include <memory>

#include "extract/table_extractor.h"

namespace xxgk {
namespace table_detail {

void TableExtractor::Prepare() {
  // About a token per cell and a label's text per line: reserved once rather than grown by doubling.
  if (range_.begin < range_.end && range_.end <= view_.lines.size()) {
    const Line& first = view_.lines[range_.begin];
    const Line& last = view_.lines[range_.end - 1];
    toks_.reserve(last.cell_end - first.cell_begin + 16);
    text_.reserve(last.norm_end - first.norm_begin + 16);
  }
  TokenizeLines(view_, range_.begin, range_.end, &toks_, &text_);
  for (const Slot& sl : slots_) max_cells_ = std::max(max_cells_, sl.cells.size());
  MarkPlaceholders();
  BuildGroups();
  MatchGroups();
}

void TableExtractor::Evidence(std::vector<std::pair<DamageModel, std::string>>* out) const {
  const DamageSet complete = Bit(DamageModel::kSeparatorsLost) | Bit(DamageModel::kCollapsedRuns);
  for (const RowCase& rc : cases_) {
    if (!rc.complete || rc.read_by == 0) continue;
    const DamageSet full = rc.read_by & complete;
    DamageModel shown;
    if (full == 0) shown = DamageModel::kCellsLost;
    else if (full == Bit(DamageModel::kSeparatorsLost)) shown = DamageModel::kSeparatorsLost;
    else if (full == Bit(DamageModel::kCollapsedRuns)) shown = DamageModel::kCollapsedRuns;
    else continue;
    out->push_back({shown, TableChineseName(table_) + slots_[rc.slot].name + "“" + rc.written + "”"});
  }
}

LineRange TableExtractor::Used() const {
  if (filled_.empty()) return {};
  return {range_.begin, std::max<size_t>(range_.begin, last_line_ + 1)};
}


// A crawler that drops repeated lines leaves no two identical consecutive lines anywhere in the page.
// Lines are compared only with the line right before them in the source: a blank line between two equal
// lines keeps both.
bool NoRepeatedLines(const LineView& view) {
  for (size_t i = 1; i < view.lines.size(); ++i) {
    const Provenance& a = view.lines[i - 1].at;
    const Provenance& b = view.lines[i].at;
    const bool adjacent = a.line == 0 || b.line == 0 || (a.page == b.page && b.line == a.line + 1);
    if (adjacent && !view.Norm(i).empty() && view.Norm(i) == view.Norm(i - 1)) return false;
  }
  return true;
}

}  // namespace table_detail

using table_detail::DocumentFacts;
using table_detail::TableExtractor;

void ExtractTables(const LineView& view, const std::array<LineRange, kTableCount>& ranges, const FormatSpec& spec,
                   const std::vector<CellPin>& pins, Report* report, std::string* trace,
                   std::array<LineRange, kTableCount>* used) {
  if (!spec.has_tables) return;
  const DocumentFacts facts(view);
  std::vector<std::unique_ptr<TableExtractor>> tables;
  std::vector<std::pair<DamageModel, std::string>> evidence;
  for (int t = 0; t < kTableCount; ++t) {
    if (ranges[t].empty()) continue;
    tables.push_back(std::make_unique<TableExtractor>(view, ranges[t], static_cast<TableId>(t), spec, pins, &facts, trace,
                                                      report));
    tables.back()->Prepare();
    tables.back()->Evidence(&evidence);
  }
  // A model is in play when some row of the document can be read only under it.
  DamageSet in_play = 0;
  std::string notes[kDamageModelCount];
  for (const auto& [model, row] : evidence) {
    const int m = static_cast<int>(model);
    if (!Has(in_play, model)) notes[m] = row + "只能按这种损坏理解，因此全文的短行都按这种损坏读取。";
    in_play |= Bit(model);
  }
  // A document damaged in two independent ways (cells run together and repeats dropped) came through a
  // messy chain of conversions: lost cells cannot be ruled out there, and every short row is read with
  // them too.
  if (Has(in_play, DamageModel::kSeparatorsLost) && Has(in_play, DamageModel::kCollapsedRuns) &&
      !Has(in_play, DamageModel::kCellsLost)) {
    in_play |= Bit(DamageModel::kCellsLost);
    notes[static_cast<int>(DamageModel::kCellsLost)] =
        "本文档既有数字连在一起，又有重复行被删，经过了多次转换，不能排除有单元格丢失，因此也按“部分单元格在转换中丢失”读取。";
  }
  for (auto& t : tables) t->Resolve(in_play);
  // In a document whose crawler dropped repeated lines, a dropped line that was not a repeat (a lost cell)
  // looks the same; only the arithmetic tells them apart. When rows read as repeats break an identity across
  // rows, lost cells are in play too, in every table, and the short rows are read again.
  if (Has(in_play, DamageModel::kCollapsedRuns) && !Has(in_play, DamageModel::kCellsLost)) {
    bool broken = false;
    for (auto& t : tables) broken |= t->RepairsBreakIdentity();
    if (broken) {
      in_play |= Bit(DamageModel::kCellsLost);
      notes[static_cast<int>(DamageModel::kCellsLost)] =
          "按“相邻相同的单元格只印一次”读出的数字与其他行合计不符，说明有的行丢失的不是重复的单元格，因此也按“部分单元格在转换中丢失”读取。";
      for (auto& t : tables) t->Resolve(in_play);
    }
  }
  for (auto& t : tables) t->Complete(in_play, notes);
  if (used) {
    used->fill(LineRange{});
    for (int t = 0, k = 0; t < kTableCount; ++t) {
      if (ranges[t].empty()) continue;
      (*used)[t] = tables[k++]->Used();
    }
  }
}

}  // namespace xxgk

