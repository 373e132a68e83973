// Phase 2 of table recovery: short rows read under the damage models and solved with the identities
// (table_extractor.h).
#include <algorithm>
#include <cmath>
#include <memory>

#include "core/find.h"
#include "core/numbers.h"
#include "core/normalize.h"
#include "core/utf8.h"
#include "extract/table_extractor.h"

namespace xxgk::table_detail {

void TableExtractor::Resolve(DamageSet in_play) {
  if (resolved_) {
    for (const RowCase& rc : cases_) {
      for (int c : slots_[rc.slot].cells) report_->cells[c] = CellValue{};
    }
    repairs_.clear();
    ambiguous_.clear();
    deferred_.clear();
    unreadable_.resize(unreadable_base_);
  }
  resolved_ = true;
  unreadable_base_ = unreadable_.size();
  if (trace_) *trace_ += std::string("[") + TableKey(table_) + "] damage in play: " + std::to_string(in_play) + "\n";
  ResolveCases(in_play);
  ResolveDeferred();
}

bool TableExtractor::RepairsBreakIdentity() const {
  std::vector<bool> repaired(spec_.cells.size(), false);
  for (const Repair& r : repairs_) for (int c : slots_[r.slot].cells) repaired[c] = true;
  for (const Ambiguity& a : ambiguous_) for (int c : a.agreed) repaired[c] = true;
  for (const Constraint& k : spec_.constraints) {
    if (k.relation != Relation::kEqual || k.table != table_) continue;
    double l = 0, r = 0;
    bool known = true, touches = false;
    for (int c : k.lhs) known &= report_->cells[c].state == CellState::kValue, l += report_->cells[c].value, touches |= repaired[c];
    for (int c : k.rhs) known &= report_->cells[c].state == CellState::kValue, r += report_->cells[c].value, touches |= repaired[c];
    if (known && touches && !Holds(k.relation, l, r)) return true;
  }
  return false;
}

void TableExtractor::FillCollapsed(const Group& g, int slot) {
  const CollapsedGroup& cg = spec_.t3_collapsed[slots_[slot].collapsed];
  const size_t n = spec_.t3_cols.size();
  if (g.vals.size() < n) return;
  const size_t skip = g.vals.size() - n;
  bool all_zero = true;
  for (size_t c = 0; c < n; ++c) {
    const Token& t = toks_[g.vals[skip + c]];
    all_zero &= t.kind == TokKind::kNumber && t.value == 0;
  }
  std::vector<int> child_slots;
  for (size_t s = 0; s < slots_.size(); ++s) {
    if (slots_[s].collapsed >= 0) continue;
    for (int r : cg.rows) {
      if (slots_[s].label == &spec_.t3_rows[r].label) child_slots.push_back(static_cast<int>(s));
    }
  }
  for (int s : child_slots) {
    filled_.push_back(s);
    if (!all_zero) continue;
    for (size_t c = 0; c < n; ++c) {
      SetValue(slots_[s].cells[c], 0, false, false, view_.cells[toks_[g.vals[skip + c]].cell].at, true);
    }
  }
  filled_.push_back(slot);
  ++by_label_;
  collapsed_.push_back({slot, all_zero});
}

void TableExtractor::SetValue(int cell, double value, bool fractional, bool yuan, const Provenance& at, bool repaired) {
  CellValue& cv = report_->cells[cell];
  cv.at = at;
  cv.repaired = repaired;
  cv.state = CellState::kValue;
  cv.value = value;
  cv.integral = !fractional;
  if (spec_.cells[cell].type != ValueType::kAmount) return;
  // Amounts are stored in 万元, the template's unit; a unit printed in the cell wins over the header's.
  PrintedUnit unit = yuan ? PrintedUnit::kYuan : HeaderUnitOf(cell);
  cv.unit = unit;
  if (unit == PrintedUnit::kYuan || unit == PrintedUnit::kThousandYuan) {
    cv.value = unit == PrintedUnit::kYuan ? value / 10000.0 : value / 10.0;
    cv.integral = false;
    converted_.push_back({cell, yuan});
  }
}

PrintedUnit TableExtractor::HeaderUnitOf(int cell) const {
  for (const auto& [c, u] : header_units_) if (c == cell) return u;
  return PrintedUnit::kNone;
}

PrintedUnit HeaderUnit(std::string_view label) {
  size_t caption = label.rfind("第二十条");
  if (caption != std::string_view::npos) label.remove_prefix(caption);
  // The unit mark that starts last. Every mark ends in "元)", and none holds another, so the last mark is
  // the one at the last "元)" that completes a mark.
  struct Mark { std::string_view head; PrintedUnit unit; };  // the mark without its "元)"
  static constexpr Mark kMarks[] = {
      {"(", PrintedUnit::kYuan},           {"(单位:", PrintedUnit::kYuan},
      {"(千", PrintedUnit::kThousandYuan}, {"(单位:千", PrintedUnit::kThousandYuan},
      {"(万", PrintedUnit::kTenThousandYuan}, {"(单位:万", PrintedUnit::kTenThousandYuan},
  };
  constexpr std::string_view kTail = "元)";
  for (size_t end = label.rfind(kTail); end != std::string_view::npos; end = end == 0 ? std::string_view::npos : label.rfind(kTail, end - 1)) {
    const std::string_view before = label.substr(0, end);
    for (const Mark& m : kMarks) {
      if (before.size() >= m.head.size() && before.substr(before.size() - m.head.size()) == m.head) return m.unit;
    }
  }
  return PrintedUnit::kNone;
}

void TableExtractor::NoteHeaderUnits(const Group& g, int slot) {
  if (table_ != TableId::kT2) return;
  PrintedUnit unit = PrintedUnit::kNone;
  bool looked = false;
  for (int c : slots_[slot].cells) {
    if (spec_.cells[c].type != ValueType::kAmount) continue;
    if (!looked) unit = HeaderUnit(g.label), looked = true;
    if (unit != PrintedUnit::kNone) header_units_.push_back({c, unit});
  }
}

bool TableExtractor::MakeCase(size_t gi, int slot) {
  const Group& g = groups_[gi];
  const size_t n = slots_[slot].cells.size();
  // Possible for the row's layout; an assigned row of numbers may also have lost cells whatever its layout
  // (only the alignment needs the layout's word on that: "数据1" is no row).
  DamageSet possible = PossibleModels(layouts_[gi], n, Allowed());
  if (possible == 0) return false;
  if (!layouts_[gi].numbers.empty() && layouts_[gi].numbers.size() < n) possible |= Bit(DamageModel::kCellsLost);
  RowCase& rc = cases_.emplace_back();  // a deque: the case's layout views its own digits, which never move
  rc.slot = slot;
  rc.possible = possible;
  rc.at = view_.cells[toks_[g.vals.front()].cell].at;
  rc.written = Written(g);
  for (const auto& w : layouts_[gi].numbers) rc.digits.emplace_back(w.digits);
  rc.layout = layouts_[gi];
  for (size_t k = 0; k < rc.digits.size(); ++k) rc.layout.numbers[k].digits = rc.digits[k];
  for (const LocalConstraint& k : LocalConstraints(slot)) {
    if (std::find(rc.local_rules.begin(), rc.local_rules.end(), k.rule) == rc.local_rules.end()) rc.local_rules.push_back(k.rule);
  }
  for (int m = 0; m < kDamageModelCount; ++m) {
    if (Has(rc.possible, static_cast<DamageModel>(m))) Enumerate(&rc, static_cast<DamageModel>(m), false);
  }
  for (const Reading& r : rc.all) rc.read_by |= Bit(r.model);
  for (int s : WholeOrSelf(slot)) filled_.push_back(s);
  return true;
}

void TableExtractor::Enumerate(RowCase* rc, DamageModel model, bool cut_digits) {
  const size_t n = slots_[rc->slot].cells.size();
  const std::vector<LocalConstraint> cons = LocalConstraints(rc->slot), none;
  const int slot = rc->slot;
  const std::function<bool(const Reading&)> accept = [&](const Reading& r) { return PartialHolds(slot, cons, r); };
  const std::function<bool(const Reading&)> types_only = [&](const Reading& r) { return PartialHolds(slot, none, r); };
  const size_t before = rc->all.size();
  rc->complete &= EnumerateReadings(model, rc->layout, n, kMaxReadings, &rc->all, accept, cut_digits, doc_->EnumerationWork());
  if (!cons.empty() && model != DamageModel::kCellsLost) {  // (a lost cell leaves the arithmetic unchecked)
    std::vector<Reading> loose;
    EnumerateReadings(model, rc->layout, n, rc->all.size() - before + 1, &loose, types_only, cut_digits, doc_->EnumerationWork());
    if (loose.size() > rc->all.size() - before) rc->pruned |= Bit(model);
  }
}

std::vector<int> TableExtractor::WholeOrSelf(int slot) const {
  if (table_ == TableId::kT4 && slot + 1 == static_cast<int>(slots_.size())) {
    std::vector<int> all;
    for (int s = 0; s <= slot; ++s) all.push_back(s);
    return all;
  }
  return {slot};
}

void TableExtractor::ApplyReading(int slot, const Reading& r, const Provenance& at) {
  for (size_t c = 0; c < r.values.size(); ++c) {
    if (!r.known[c]) continue;
    SetValue(slots_[slot].cells[c], r.values[c], r.fractional[c], r.yuan[c], at, true);
  }
}

std::vector<TableExtractor::LocalConstraint> TableExtractor::LocalConstraints(int slot) const {
  const auto& cells = slots_[slot].cells;
  auto index_of = [&](int cell) -> int {
    for (size_t i = 0; i < cells.size(); ++i) if (cells[i] == cell) return static_cast<int>(i);
    return -1;
  };
  std::vector<LocalConstraint> out;
  for (const Constraint& k : spec_.constraints) {
    // Exact identities only. Inequalities (C8, C9) are checks that real reports fail: pruning by them
    // removed the true reading of generated rows that break C8 and left a wrong one.
    if (k.table != table_ || k.relation != Relation::kEqual) continue;
    LocalConstraint lc;
    lc.relation = k.relation;
    lc.rule = k.rule;
    bool local = true;
    for (int c : k.lhs) {
      int i = index_of(c);
      local &= i >= 0;
      lc.lhs.push_back(i);
      lc.last = std::max(lc.last, i);
    }
    for (int c : k.rhs) {
      int i = index_of(c);
      local &= i >= 0;
      lc.rhs.push_back(i);
      lc.last = std::max(lc.last, i);
    }
    if (local) out.push_back(std::move(lc));
  }
  return out;
}

bool TableExtractor::Holds(Relation rel, double l, double r) {
  return rel == Relation::kEqual ? std::fabs(l - r) < 1e-6 : l + 1e-6 >= r;
}

bool TableExtractor::PartialHolds(int slot, const std::vector<LocalConstraint>& cons, const Reading& r) const {
  if (r.values.empty()) return true;
  const size_t last = r.values.size() - 1;
  const ValueType type = spec_.cells[slots_[slot].cells[last]].type;
  if (r.known[last]) {
    if (r.values[last] < 0 && type != ValueType::kSigned) return false;
    if (r.fractional[last] && type != ValueType::kAmount) return false;
  }
  for (const LocalConstraint& k : cons) {
    if (k.last != static_cast<int>(last)) continue;
    double l = 0, rr = 0;
    bool known = true;
    for (int i : k.lhs) l += r.values[i], known &= r.known[i];
    for (int i : k.rhs) rr += r.values[i], known &= r.known[i];
    if (known && !Holds(k.relation, l, rr)) return false;
  }
  return true;
}

void TableExtractor::ResolveCases(DamageSet in_play) {
  const bool combined = Has(in_play, DamageModel::kSeparatorsLost) && Has(in_play, DamageModel::kCellsLost);
  for (RowCase& rc : cases_) {
    if (combined && Has(rc.possible, DamageModel::kCellsLost)) {
      // Both kinds of damage in one document may meet in one row: cells lost, then the rest run together.
      std::vector<Reading> kept;
      for (Reading& r : rc.all) if (r.model != DamageModel::kCellsLost) kept.push_back(std::move(r));
      rc.all = std::move(kept);
      Enumerate(&rc, DamageModel::kCellsLost, true);
    }
    rc.local_pruned = (rc.pruned & in_play) != 0;
    rc.by_text = false;
    std::vector<const Reading*> kept;  // views into rc.all, which no longer changes
    for (const Reading& r : rc.all) {
      if (Has(in_play, r.model)) kept.push_back(&r);
    }
    if (!rc.complete) {
      unreadable_.push_back({rc.slot, "的数字少于应有的单元格数，“" + rc.written + "”的读法过多，无法逐一核对"});
      continue;
    }
    if (kept.empty()) {
      if (rc.all.empty()) {
        unreadable_.push_back({rc.slot, "的数字少于应有的单元格数，“" + rc.written + "”在任何损坏方式下都不符合表格的合计关系"});
      } else {
        std::string models;
        for (int m = 0; m < kDamageModelCount; ++m) {
          if (!Has(rc.read_by, static_cast<DamageModel>(m))) continue;
          models += std::string(models.empty() ? "" : "或") + "“" + DamageModelChinese(static_cast<DamageModel>(m)) + "”";
        }
        unreadable_.push_back({rc.slot, "的数字少于应有的单元格数，“" + rc.written + "”可按" + models + "读作 " + Candidates(rc.all) +
                                            "，但本文档中没有哪一行能证明是这种损坏"});
      }
      continue;
    }
    if (kept.size() > 1) {
      // Numbers the narrative states for cells of this row break the tie, when they leave any reading.
      std::vector<const Reading*> pinned;
      for (const Reading* r : kept) {
        bool fits = true;
        for (const CellPin& pin : pins_) {
          for (size_t c = 0; c < slots_[rc.slot].cells.size(); ++c) {
            if (slots_[rc.slot].cells[c] == pin.cell && (!r->known[c] || std::fabs(r->values[c] - pin.value) > 1e-9)) fits = false;
          }
        }
        if (fits) pinned.push_back(r);
      }
      if (!pinned.empty() && pinned.size() < kept.size()) {
        kept = std::move(pinned);
        rc.by_text = true;
      }
    }
    rc.readings = std::move(kept);
    if (rc.readings.size() == 1) {
      ApplyReading(rc.slot, *rc.readings[0], rc.at);
      repairs_.push_back({rc.slot, rc.written, *rc.readings[0], Decided(rc, {})});
      continue;
    }
    deferred_.push_back(&rc);
  }
}

void TableExtractor::DistrustBrokenFullRows(DamageSet in_play) {
  if (in_play == 0) return;
  for (const FullRow& row : full_rows_) {
    const int slot = row.slot;
    for (const LocalConstraint& k : LocalConstraints(slot)) {
      double l = 0, r = 0;
      bool known = true;
      const auto& cells = slots_[slot].cells;
      for (int i : k.lhs) known &= report_->cells[cells[i]].state == CellState::kValue, l += report_->cells[cells[i]].value;
      for (int i : k.rhs) known &= report_->cells[cells[i]].state == CellState::kValue, r += report_->cells[cells[i]].value;
      if (!known || Holds(k.relation, l, r)) continue;
      for (int c : cells) report_->cells[c] = CellValue{};
      const std::string written = Written(groups_[row.group], row.skip, cells.size());
      unreadable_.push_back({slot, "印为“" + written + "”，个数与单元格数相同，但不满足本行的合计关系" + k.rule +
                                       "；本文档有数字连写、缺格或重复行被删等损坏，这一行可能混入了相邻行的数字"});
      break;
    }
  }
}

std::string TableExtractor::Decided(const RowCase& rc, const std::vector<std::string>& joint_rules) const {
  std::string why;
  auto add = [&](const std::string& s) { why += (why.empty() ? "" : "；") + s; };
  auto names = [](const std::vector<std::string>& rules) {
    std::string out;
    for (const auto& r : rules) if (out.find(r) == std::string::npos) out += (out.empty() ? "" : "、") + r;
    return out;
  };
  if (rc.local_pruned) add("本行的合计关系" + names(rc.local_rules) + "排除了其他读法");
  if (!joint_rules.empty()) add("与其他行的合计关系" + names(joint_rules) + "排除了其他读法");
  if (rc.by_text) add("正文所述数字排除了其他读法");
  if (why.empty()) {
    why = "在这种损坏下只有这一种读法";
    if (!rc.local_rules.empty()) why += "，本行的合计关系" + names(rc.local_rules) + "成立";
  }
  return why;
}

std::string TableExtractor::Candidates(const std::vector<Reading>& rs) {
  std::vector<const Reading*> views;
  for (const Reading& r : rs) views.push_back(&r);
  return Candidates(views);
}

std::string TableExtractor::Candidates(const std::vector<const Reading*>& rs) {
  std::string out;
  for (size_t k = 0; k < rs.size() && k < 6; ++k) out += (k ? "、" : "") + FormatReading(*rs[k]);
  if (rs.size() > 6) out += "等" + std::to_string(rs.size()) + "种";
  return out;
}

void TableExtractor::ResolveDeferred() {
  if (deferred_.empty()) return;
  const size_t nd = deferred_.size();
  std::vector<int> owner(spec_.cells.size(), -1);
  for (size_t d = 0; d < nd; ++d) for (int c : slots_[deferred_[d]->slot].cells) owner[c] = static_cast<int>(d);
  // Constraints usable here: touching a deferred cell, every other cell known.
  struct Use { const Constraint* k; size_t depth; };
  std::vector<Use> uses;
  for (const Constraint& k : spec_.constraints) {
    if (k.relation != Relation::kEqual) continue;  // as for single rows
    bool touches = false, usable = true;
    size_t depth = 0;
    for (const auto* side : {&k.lhs, &k.rhs}) {
      for (int c : *side) {
        if (owner[c] >= 0) {
          touches = true;
          depth = std::max(depth, static_cast<size_t>(owner[c]));
        } else if (report_->cells[c].state != CellState::kValue) {
          usable = false;
        }
      }
    }
    if (touches && usable) uses.push_back({&k, depth});
  }
  // A deferred row takes part in the joint search only when a constraint ties it to other cells; the
  // others keep all their readings (their own row arithmetic was already applied).
  std::vector<bool> involved(nd, false);
  std::vector<std::vector<std::string>> rules(nd);
  for (const Use& u : uses) {
    std::vector<int> rows;
    bool outside = false;
    for (const auto* side : {&u.k->lhs, &u.k->rhs}) {
      for (int c : *side) {
        if (owner[c] >= 0) rows.push_back(owner[c]);
        else outside = true;
      }
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    if (outside || rows.size() > 1) {
      for (int d : rows) {
        involved[d] = true;
        if (std::find(rules[d].begin(), rules[d].end(), u.k->rule) == rules[d].end()) rules[d].push_back(u.k->rule);
      }
    }
  }
  std::vector<size_t> choice(nd, 0);
  std::vector<std::vector<size_t>> solutions;
  size_t nodes = 0;
  // A budget that keeps the worst damaged document within milliseconds; an unfinished search concludes
  // nothing (its rows keep every reading, and only the cells all readings agree on are filled).
  const size_t kMaxNodes = 200000, kMaxSolutions = 256;
  // Where each cell sits: its deferred row and position there (O(1) lookups in the search).
  std::vector<int> position(spec_.cells.size(), -1);
  for (size_t d = 0; d < nd; ++d) {
    const auto& cells = slots_[deferred_[d]->slot].cells;
    for (size_t i = 0; i < cells.size(); ++i) position[cells[i]] = static_cast<int>(i);
  }
  // The value of a cell under the current choice; false when the cell is lost in that reading.
  auto value = [&](int c, double* v) -> bool {
    int d = owner[c];
    if (d >= 0) {
      const Reading& r = *deferred_[d]->readings[choice[d]];
      *v = r.values[position[c]];
      return r.known[position[c]];
    }
    *v = report_->cells[c].value;
    return true;
  };
  std::vector<std::vector<const Constraint*>> at_depth(nd);
  for (const Use& u : uses) at_depth[u.depth].push_back(u.k);
  std::function<void(size_t)> search = [&](size_t d) {
    if (nodes++ > kMaxNodes || solutions.size() >= kMaxSolutions) return;
    if (d == nd) {
      solutions.push_back(choice);
      return;
    }
    const size_t options = involved[d] ? deferred_[d]->readings.size() : 1;
    for (size_t c = 0; c < options; ++c) {
      choice[d] = c;
      bool ok = true;
      nodes += 1 + at_depth[d].size();  // the budget counts readings tried and identities evaluated
      for (const Constraint* k : at_depth[d]) {
        double l = 0, r = 0, v = 0;
        bool known = true;
        for (int x : k->lhs) known &= value(x, &v), l += v;
        for (int x : k->rhs) known &= value(x, &v), r += v;
        if (known && !Holds(k->relation, l, r)) {
          ok = false;
          break;
        }
      }
      if (ok) search(d + 1);
      if (nodes > kMaxNodes) return;
    }
  };
  search(0);
  for (size_t d = 0; d < nd; ++d) {
    RowCase& rc = *deferred_[d];
    const auto& cells = slots_[rc.slot].cells;
    std::vector<size_t> seen;
    for (const auto& sol : solutions) {
      if (std::find(seen.begin(), seen.end(), sol[d]) == seen.end()) seen.push_back(sol[d]);
    }
    // No conclusion from an unfinished search, nor for a row no constraint ties to the others.
    if (solutions.empty() || nodes > kMaxNodes || solutions.size() >= kMaxSolutions || !involved[d]) seen.clear();
    if (seen.size() == 1) {
      ApplyReading(rc.slot, *rc.readings[seen[0]], rc.at);
      repairs_.push_back({rc.slot, rc.written, *rc.readings[seen[0]], Decided(rc, rules[d])});
      continue;
    }
    // Fill the cells every remaining reading agrees on; list the readings in the finding.
    std::vector<const Reading*> pool;
    if (seen.empty()) {
      pool = rc.readings;
    } else {
      for (size_t k : seen) pool.push_back(rc.readings[k]);
    }
    std::vector<int> agreed;
    for (size_t i = 0; i < cells.size(); ++i) {
      const Reading& first = *pool[0];
      bool agree = first.known[i];
      for (const Reading* r : pool) agree &= r->known[i] && r->values[i] == first.values[i];
      if (!agree) continue;
      SetValue(cells[i], first.values[i], first.fractional[i], first.yuan[i], rc.at, true);
      agreed.push_back(cells[i]);
    }
    ambiguous_.push_back({rc.slot, "“" + rc.written + "”可读作 " + Candidates(pool), rc.by_text, std::move(agreed), rc.written});
  }
}

}  // namespace xxgk::table_detail
