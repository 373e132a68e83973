#include "extract/tables.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <functional>
#include <memory>
#include <string_view>

#include "core/find.h"
#include "core/numbers.h"
#include "core/normalize.h"
#include "core/utf8.h"
#include "extract/align_weights.h"
#include "extract/damage_models.h"
#include "extract/tokens.h"

namespace xxgk {
namespace {

// One row of the schema to be filled: its labels and its cells.
struct Slot {
  const Label* label = nullptr;   // row label
  int collapsed = -1;             // index into FormatSpec::t3_collapsed: one printed row for several
  std::string name;               // for messages
  std::vector<int> cells;         // cell indices in schema order
};

// A run of label text followed by values, as found in the document.
struct Group {
  std::string label;              // match form
  std::vector<uint32_t> vals;     // token indices (numbers and blanks)
  uint32_t first_line = 0;
  int placeholders = 0;           // leading values that stood in for a lost label
  bool continuation = false;      // cut off the end of a longer run of values (a row of the same line)
  bool untrusted = false;         // a piece of a run whose row boundaries cannot be known
  size_t own_from = std::string::npos;  // label text on the values' own line starts here (npos: none)
  std::vector<std::pair<uint32_t, uint32_t>> pieces;  // (offset in label, line) of each text piece
};

bool EndsWith(std::string_view s, std::string_view suffix) {
  return suffix.size() <= s.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Tail of s holding `cps` code points (or all of s).
std::string_view TailCodePoints(std::string_view s, size_t cps) {
  size_t i = s.size();
  while (i > 0 && cps > 0) {
    --i;
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
    --cps;
  }
  return s.substr(i);
}

enum Quality { kNoMatch = 0, kFuzzy = 1, kContent = 2, kAlias = 3, kExact = 4 };

Quality MatchLabel(std::string_view text, const Label& l, bool fuzzy, std::string* matched_variant) {
  if (EndsWith(text, l.norm)) return kExact;
  for (size_t a = 0; a < l.alias_norms.size(); ++a) {
    if (EndsWith(text, l.alias_norms[a])) {
      *matched_variant = l.aliases[a];
      return kAlias;
    }
  }
  if (l.content_norm.size() >= 6 && EndsWith(text, l.content_norm)) return kContent;
  if (fuzzy && l.content_norm.size() >= 12) {
    size_t len = CodePointCount(l.content_norm);
    size_t limit = std::max<size_t>(1, len / 6);
    for (size_t k = len > 1 ? len - 1 : len; k <= len + 1; ++k) {
      std::string_view tail = TailCodePoints(text, k);
      if (EditDistance(tail, l.content_norm, limit) <= limit) {
        *matched_variant = std::string(tail);
        return kFuzzy;
      }
    }
  }
  return kNoMatch;
}

std::vector<Slot> BuildSlots(TableId table, const FormatSpec& spec) {
  std::vector<Slot> slots;
  if (table == TableId::kT2) {
    for (const auto& b : spec.t2) {
      for (const auto& r : b.rows) {
        Slot s;
        s.label = &r.label;
        s.name = b.caption.text + "“" + r.label.text + "”";
        for (const auto& c : b.cols) s.cells.push_back(spec.CellIndex("t2." + b.key + "." + r.key + "." + c.key));
        slots.push_back(std::move(s));
      }
    }
  } else if (table == TableId::kT3) {
    for (size_t r = 0; r < spec.t3_rows.size(); ++r) {
      for (size_t g = 0; g < spec.t3_collapsed.size(); ++g) {
        if (spec.t3_collapsed[g].rows.front() != static_cast<int>(r)) continue;
        Slot c;
        c.label = &spec.t3_collapsed[g].label;
        c.collapsed = static_cast<int>(g);
        c.name = spec.t3_collapsed[g].label.text;
        for (size_t col = 0; col < spec.t3_cols.size(); ++col) c.cells.push_back(-1);
        slots.push_back(std::move(c));
      }
      Slot s;
      s.label = &spec.t3_rows[r].label;
      s.name = spec.t3_rows[r].label.text;
      for (size_t c = 0; c < spec.t3_cols.size(); ++c) s.cells.push_back(spec.T3Cell(static_cast<int>(r), static_cast<int>(c)));
      slots.push_back(std::move(s));
    }
  } else {
    // One row per block; then the whole table as one more slot, used only for digits that ran together
    // across blocks ("21317000001324019").
    const size_t ncols = spec.t4_cols.size();
    for (size_t b = 0; b < spec.t4_blocks.size(); ++b) {
      Slot s;
      s.label = &spec.t4_blocks[b].second;
      s.name = "“" + spec.t4_blocks[b].second.text + "”";
      for (size_t c = 0; c < ncols; ++c) s.cells.push_back(spec.table_begin[2] + static_cast<int>(b * ncols + c));
      slots.push_back(std::move(s));
    }
    Slot whole;
    whole.name = "表四数据行";
    for (int i = spec.table_begin[2]; i < spec.table_end[2]; ++i) whole.cells.push_back(i);
    slots.push_back(std::move(whole));
  }
  return slots;
}

// Labels that may precede values whose own row label was lost: group captions and headers.
bool IsHeaderOnlyLabel(std::string_view label, TableId table, const FormatSpec& spec) {
  if (label.empty()) return true;
  if (CodePointCount(label) <= 4) return true;
  if (table == TableId::kT4) return true;
  if (table == TableId::kT3) {
    for (const auto& r : spec.t3_rows) {
      if (r.group.empty()) continue;
      if (EndsWith(label, r.group_norm) || EndsWith(label, r.group_content_norm)) return true;
    }
  }
  return false;
}

bool NoRepeatedLines(const LineView& view);

// What the three tables share about their document, computed on first use: an undamaged report never
// needs it.
class DocumentFacts {
 public:
  explicit DocumentFacts(const LineView& view) : view_(view) {}
  DamageSet Allowed() const {
    if (allowed_ < 0) {
      DamageSet a = Bit(DamageModel::kSeparatorsLost) | Bit(DamageModel::kCellsLost);
      if (NoRepeatedLines(view_)) a |= Bit(DamageModel::kCollapsedRuns);
      allowed_ = a;
    }
    return static_cast<DamageSet>(allowed_);
  }

 private:
  const LineView& view_;
  mutable int allowed_ = -1;
};

class TableExtractor {
  using W = AlignWeights;
  // A row printed with fewer values than cells, and its readings (MakeCase).
  struct RowCase {
    int slot = 0;
    DamageSet possible = 0;   // models that could have produced the row
    DamageSet read_by = 0;    // models under which some reading survives the row's own arithmetic
    bool complete = true;     // every reading was enumerated
    bool by_text = false;     // the narrative's numbers narrowed the readings
    DamageSet pruned = 0;     // models under which the row's own arithmetic ruled readings out
    bool local_pruned = false;  // … one of them in play
    std::vector<Reading> all;       // every reading under the models possible for the row
    std::vector<const Reading*> readings;  // those of `all` under the models in play, narrowed by the narrative
    std::vector<std::string> local_rules;  // rules checked within the row
    Provenance at;
    std::string written;      // the values as printed
    std::vector<std::string> digits;  // the printed numbers' digits, which layout views
    RowLayout layout;
  };
  struct Repair {
    int slot;
    std::string written;
    Reading reading;
    std::string decided;
  };
  struct Ambiguity {
    int slot;
    std::string text;
    bool by_text;
    std::vector<int> agreed;  // cells every remaining reading gives the same value: filled
    std::string written;
  };
 public:
  TableExtractor(const LineView& view, LineRange range, TableId table, const FormatSpec& spec,
                 const std::vector<CellPin>& pins, const DocumentFacts* doc, std::string* trace, Report* report)
      : view_(view), range_(range), table_(table), spec_(spec), pins_(pins), report_(report), doc_(doc),
        trace_(trace) {}

  // Phase 1: groups of label text and values, aligned with the format's rows; full rows filled, short rows
  // kept as cases with their readings under every possible damage model.
  void Prepare() {
    TokenizeLines(view_, range_.begin, range_.end, &toks_, &text_);
    slots_ = BuildSlots(table_, spec_);
    for (const Slot& sl : slots_) max_cells_ = std::max(max_cells_, sl.cells.size());
    MarkPlaceholders();
    BuildGroups();
    MatchGroups();
  }

  // The evidence this table gives, with the rows that give it. A model that reads every cell (separators
  // lost, runs collapsed) is shown by a row that it reads and the other such model does not; cells lost,
  // which leaves cells unknown, only by a row that neither of those can read.
  void Evidence(std::vector<std::pair<DamageModel, std::string>>* out) const {
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

  // The lines the table occupies: from its region's start to the last line holding one of its values
  // (empty when nothing was read).
  LineRange Used() const {
    if (filled_.empty()) return {};
    return {range_.begin, std::max<size_t>(range_.begin, last_line_ + 1)};
  }

  // Phase 2: with the models in play for the whole document, settle the short rows (again, when the models
  // in play grew: every earlier reading is undone first).
  void Resolve(DamageSet in_play) {
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

  // Phase 3: the last checks on what was read, and the findings.
  void Complete(DamageSet in_play, const std::string (&notes)[kDamageModelCount]) {
    for (int m = 0; m < kDamageModelCount; ++m) evidence_note_[m] = notes[m];
    DistrustBrokenFullRows(in_play);
    Report();
  }

  // Whether an exact identity of this table, with every cell read, fails and involves a repaired cell.
  bool RepairsBreakIdentity() const {
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

 private:
  std::string_view Text(const Token& t) const { return std::string_view(text_).substr(t.text_begin, t.text_len); }
  static bool IsValue(const Token& t) { return t.kind != TokKind::kText; }

  // Rows such as "0 <tab> 1. 属于国家秘密 <tab> 0 … 0": one or two values before the only label of a
  // line that ends in values stand in for a lost group label.
  void MarkPlaceholders() {
    placeholder_.assign(toks_.size(), false);
    size_t i = 0;
    while (i < toks_.size()) {
      size_t j = i;
      while (j < toks_.size() && toks_[j].line == toks_[i].line) ++j;
      // tokens [i, j) form one line
      size_t k = i;
      while (k < j && IsValue(toks_[k])) ++k;
      size_t lead = k - i;
      if (lead >= 1 && lead <= 2 && k < j) {
        size_t t = k;
        while (t < j && toks_[t].kind == TokKind::kText) ++t;
        size_t trailing = 0;
        bool clean = true;
        for (size_t u = t; u < j; ++u) {
          if (IsValue(toks_[u])) ++trailing;
          else clean = false;
        }
        if (clean && trailing >= 1 && t > k) {
          for (size_t u = i; u < k; ++u) placeholder_[u] = true;
        }
      }
      i = j;
    }
  }

  size_t SplitAt() const {
    if (table_ == TableId::kT3) return spec_.t3_cols.size();
    if (table_ == TableId::kT4) return spec_.t4_cols.size();
    return 1;
  }

  void BuildGroups() {
    Group cur;
    bool cur_open = false;
    uint32_t prev_line = UINT32_MAX;
    size_t prev_line_values = 0, line_values = 0;
    int pending_placeholders = 0;
    for (size_t i = 0; i < toks_.size(); ++i) {
      const Token& t = toks_[i];
      bool new_line = t.line != prev_line;
      if (new_line) {
        prev_line_values = line_values;
        line_values = 0;
        prev_line = t.line;
      }
      if (placeholder_[i]) {
        ++pending_placeholders;
        continue;
      }
      if (t.kind == TokKind::kText) {
        if (cur_open && !cur.vals.empty()) {
          groups_.push_back(std::move(cur));
          cur = Group{};
        }
        if (!cur_open || cur.label.empty()) cur.first_line = t.line;
        cur_open = true;
        cur.pieces.emplace_back(static_cast<uint32_t>(cur.label.size()), t.line);
        cur.label.append(Text(t));
        cur.placeholders += pending_placeholders;
        pending_placeholders = 0;
        continue;
      }
      ++line_values;
      bool first_value_of_line = new_line || (i > 0 && toks_[i - 1].line != t.line);
      // A new line of values starts a new row when the current one is complete, or when the current row's
      // values stood on its label's own line and this line holds a row of values of its own (a row whose
      // digits ran together beside its label, then a row whose label was lost).
      // A blank line between values standing one per line is where a row's lost label stood.
      bool split = cur_open && !cur.vals.empty() && first_value_of_line &&
                   (BlankLineBefore(cur, i) ||
                    (prev_line_values >= 2 && cur.vals.size() >= SplitAt()) ||
                    (cur.own_from != std::string::npos && SplitAt() > 1 &&
                     (ValuesOnLine(i) >= 2 || (LineIsValuesOnly(i) && DigitsIn(cur) >= SplitAt()))));
      if (split) {
        groups_.push_back(std::move(cur));
        cur = Group{};
      }
      if (!cur_open || (cur.vals.empty() && cur.label.empty())) cur.first_line = t.line;
      cur_open = true;
      if (cur.vals.empty()) {
        for (const auto& [off, line] : cur.pieces) {
          if (line == t.line) {
            cur.own_from = off;
            break;
          }
        }
      }
      cur.vals.push_back(static_cast<uint32_t>(i));
    }
    if (cur_open && !cur.vals.empty()) groups_.push_back(std::move(cur));
  }

  // Rows filled by position (labels lost) are sure only where the rows without labels between two rows
  // matched by label are exactly as many as the rows of the format between them, and every one is used.
  // Otherwise (a row dropped, a row that could not be read, a stray line) the positions are shifted by an
  // unknown amount, and those rows are not filled (E1 names them).
  void WithdrawUnsurePositions(std::vector<std::pair<size_t, size_t>>* pairs, const std::vector<int8_t>& label_score,
                               size_t ns) const {
    bool any_positional = false;
    for (const auto& [g, s] : *pairs) any_positional |= label_score[g * ns + s] == 0;
    if (!any_positional) return;
    const size_t ng = groups_.size();
    std::vector<std::pair<size_t, size_t>> anchors{{SIZE_MAX, SIZE_MAX}};
    for (const auto& [g, s] : *pairs) {
      if (label_score[g * ns + s] > 0) anchors.emplace_back(g, s);
    }
    anchors.emplace_back(ng, ns);
    std::vector<bool> drop(pairs->size(), false);
    for (size_t a = 0; a + 1 < anchors.size(); ++a) {
      const size_t g0 = anchors[a].first, s0 = anchors[a].second, g1 = anchors[a + 1].first, s1 = anchors[a + 1].second;
      auto inside_g = [&](size_t g) { return (g0 == SIZE_MAX || g > g0) && g < g1; };
      auto inside_s = [&](size_t s) { return (s0 == SIZE_MAX || s > s0) && s < s1; };
      std::vector<size_t> positional;
      for (size_t k = 0; k < pairs->size(); ++k) {
        const auto& [g, s] = (*pairs)[k];
        if (inside_g(g) && label_score[g * ns + s] == 0) positional.push_back(k);
      }
      if (positional.empty()) continue;
      size_t free_slots = 0;
      for (size_t s = s0 == SIZE_MAX ? 0 : s0 + 1; s < s1; ++s) free_slots += slots_[s].collapsed < 0;
      size_t rows_without_labels = 0;
      for (size_t g = g0 == SIZE_MAX ? 0 : g0 + 1; g < g1; ++g) {
        const Group& grp = groups_[g];
        bool numbers = false;
        for (uint32_t v : grp.vals) numbers |= toks_[v].kind == TokKind::kNumber;
        if (!numbers || !IsHeaderOnlyLabel(grp.label, table_, spec_)) continue;
        bool fits = false;
        for (size_t s = s0 == SIZE_MAX ? 0 : s0 + 1; s < s1 && !fits; ++s) fits = Fits(g, slots_[s].cells.size());
        rows_without_labels += fits;
      }
      bool sure = positional.size() == rows_without_labels && positional.size() == free_slots;
      for (size_t k : positional) {
        if (!sure && inside_s((*pairs)[k].second)) drop[k] = true;
      }
    }
    std::vector<std::pair<size_t, size_t>> kept;
    for (size_t k = 0; k < pairs->size(); ++k) if (!drop[k]) kept.push_back((*pairs)[k]);
    *pairs = std::move(kept);
  }

  // Whether a header-only label lets its values fill slot s by position: a label ending with a group's header
  // ("（五）不予处理") only for a row of that group; any other header for any row.
  bool InNamedGroup(std::string_view label, size_t s) const {
    if (table_ != TableId::kT3 || !slots_[s].label) return true;
    const RowDef* mine = nullptr;
    for (const auto& r : spec_.t3_rows) if (&r.label == slots_[s].label) mine = &r;
    for (const auto& r : spec_.t3_rows) {
      if (r.group.empty() || r.group_norm.rfind("三、", 0) == 0) continue;
      if (EndsWith(label, r.group_norm) || EndsWith(label, r.group_content_norm)) {
        return mine && mine->group_norm == r.group_norm;
      }
    }
    return true;
  }

  // Whether a group holds a number written with a leading zero ("0751025"): digits of several cells run
  // together, never one cell's value.
  bool HasRunTogetherValue(const Group& g) const {
    for (uint32_t v : g.vals) {
      const Token& t = toks_[v];
      if (t.kind != TokKind::kNumber || t.digits < 2 || t.has_sign) continue;
      size_t i = 0;
      while (i < t.raw.size() && (t.raw[i] < '0' || t.raw[i] > '9')) ++i;
      if (i + 1 < t.raw.size() && t.raw[i] == '0' && t.raw[i + 1] >= '0' && t.raw[i + 1] <= '9') return true;
    }
    return false;
  }

  // Whether a blank source line separates token i from the group's last value, both alone on their lines
  // of a text source (a blank line inside a table of one value per line is a lost row label).
  bool BlankLineBefore(const Group& g, size_t i) const {
    if (g.vals.empty() || SplitAt() <= 1) return false;
    const Token& prev = toks_[g.vals.back()];
    const Token& cur = toks_[i];
    const Provenance& a = view_.lines[prev.line].at;
    const Provenance& b = view_.lines[cur.line].at;
    if (a.page != 0 || a.table >= 0 || b.table >= 0 || a.line == 0 || b.line <= a.line + 1) return false;
    if (prev.line + 1 != cur.line) return false;  // text lines between: not a plain gap
    return ValuesOnLine(i) == 1 && g.vals.size() >= 1 && (g.vals.back() + 1 >= toks_.size() || toks_[g.vals.back() + 1].line != prev.line);
  }

  // Whether the line of token i holds values only (from i on).
  bool LineIsValuesOnly(size_t i) const {
    for (size_t k = i; k < toks_.size() && toks_[k].line == toks_[i].line; ++k) if (!IsValue(toks_[k])) return false;
    return true;
  }

  // The digits of a group's values: a row's values whose digits could fill the row already.
  size_t DigitsIn(const Group& g) const {
    size_t d = 0;
    for (uint32_t v : g.vals) d += toks_[v].digits;
    return d;
  }

  // How many value tokens stand on the line of token i, from i on.
  size_t ValuesOnLine(size_t i) const {
    size_t n = 0;
    for (size_t k = i; k < toks_.size() && toks_[k].line == toks_[i].line; ++k) n += IsValue(toks_[k]) && !placeholder_[k];
    return n;
  }

  // Evidence that group text names slot s: 0 none; higher is stronger. *variant is set for label variants.
  int LabelScore(std::string_view text, int s, std::string* variant, bool fuzzy = true) const {
    if (text.empty()) return 0;
    // Only the end of a long run of text can be a row label (a few stacked labels at most): this keeps
    // matching linear when a table region holds pages of narrative.
    if (text.size() > 600) {
      size_t cut = text.size() - 600;
      while (cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) ++cut;
      text.remove_prefix(cut);
    }
    const Label& l = *slots_[s].label;
    std::string v;
    Quality q = MatchLabel(text, l, false, &v);
    if (slots_[s].collapsed >= 0) return q == kExact ? W::kAliasOrCollapsed : 0;
    // A list-numbered label with a typo ("2.其他法律行政止公开"): same number, text within a third.
    if (fuzzy && q == kNoMatch && l.content_norm.size() >= 12 && l.norm.size() > l.content_norm.size()) {
      std::string_view number = std::string_view(l.norm).substr(0, l.norm.size() - l.content_norm.size());
      size_t at = text.rfind(number);
      if (at != std::string_view::npos) {
        std::string_view rest = text.substr(at + number.size());
        rest = rest.substr(0, ListNumberStart(rest));
        size_t len = l.norm_code_points - CodePointCount(number);
        size_t have = CodePointCount(rest);
        if (have + 4 >= len && have <= len + 4 && EditDistance(rest, l.content_norm, std::max<size_t>(2, len / 3)) <= std::max<size_t>(2, len / 3)) {
          *variant = std::string(text.substr(at));
          return W::kFuzzy;
        }
      }
    }
    if (q == kExact) return W::kExact;
    if (q == kAlias) {
      *variant = v;
      return W::kAliasOrCollapsed;
    }
    if (ContainsLabel(text, l.norm, false, l.content_norm.size() != l.norm.size())) return W::kContained;
    for (size_t a = 0; a < l.alias_norms.size(); ++a) {
      if (ContainsLabel(text, l.alias_norms[a])) {
        *variant = l.aliases[a];
        return W::kAliasContained;
      }
    }
    if (q == kContent) return W::kContent;
    if (l.content_norm.size() >= 9 && ContainsLabel(text, l.content_norm, true, true)) return W::kContentContained;
    if (fuzzy && MatchLabel(text, l, true, &v) == kFuzzy) {
      *variant = v;
      return W::kFuzzy;
    }
    return 0;
  }

  // Offset of the first list number in a match-form label ("1.", "(六)", "四、"), or its size if none.
  static size_t ListNumberStart(std::string_view t) {
    for (size_t i = 0; i < t.size(); ++i) {
      char c = t[i];
      unsigned char u = static_cast<unsigned char>(c);
      // Only '1'-'9', '(' and the lead bytes of 一二三四 (E4, E5) can start a list number.
      if (!((c >= '1' && c <= '9') || c == '(' || u == 0xE4 || u == 0xE5)) continue;
      if (c >= '1' && c <= '9' && i + 1 < t.size() && t[i + 1] == '.') return i;
      if (c == '(' && i + 4 < t.size()) {
        std::string_view rest = t.substr(i + 1);
        for (std::string_view num : {"一", "二", "三", "四", "五", "六", "七"}) {
          if (rest.substr(0, 3) == num && rest.substr(3, 1) == ")") return i;
        }
      }
      for (std::string_view num : {"一、", "二、", "三、", "四、"}) {
        if (t.substr(i, num.size()) == num) return i;
      }
    }
    return t.size();
  }

  // Whether a row label occurs in text. A numbered label ("1.属于国家秘密", "(一)予以公开") can only start
  // where a list number starts, so only those places are compared (the places are found once per text);
  // unnumbered labels (规章, 行政许可) are searched for. `content` labels (numbering removed) may also start
  // right after a list number.
  bool ContainsLabel(std::string_view text, std::string_view pattern, bool content = false, int numbered = -1) const {
    if (text.data() != marks_text_.data() || text.size() != marks_text_.size()) {
      marks_text_ = text;
      marks_.clear();
      for (size_t pos = ListNumberStart(text); pos < text.size(); pos = pos + 1 + ListNumberStart(text.substr(pos + 1))) {
        marks_.push_back(pos);
        std::string_view rest = StripListNumber(text.substr(pos));
        marks_.push_back(text.size() - rest.size());
      }
      marks_.push_back(0);
    }
    if (numbered < 0) numbered = StripListNumber(pattern).size() != pattern.size();
    if (!content && !numbered) return Contains(text, pattern);
    for (size_t m : marks_) {
      if (text.compare(m, pattern.size(), pattern) == 0) return true;
    }
    return false;
  }

  // Whether a group's values can fill a slot: exactly, with up to two stray leading values, or with fewer
  // values under a damage model that is possible for the group's layout.
  bool Fits(size_t g, size_t n) const {
    size_t m = groups_[g].vals.size();
    if (m == n) return true;
    if (m > n && m <= n + 2) {
      // Stray leading values stand for a lost group label ("0 <tab> 1.… <tab> 0 0 …"), when the row's own
      // values are one line, so that the row's start is plain; values one per line after other values may
      // belong to other rows (trailing blanks of a real table are padding).
      const std::vector<uint32_t>& vals = groups_[g].vals;
      size_t trailing_blanks = 0;
      while (trailing_blanks < m - n && toks_[vals[m - 1 - trailing_blanks]].kind == TokKind::kBlank) ++trailing_blanks;
      size_t skip = m - n - trailing_blanks;
      if (skip == 0 || toks_[vals[skip - 1]].line == toks_[vals[skip]].line) return true;
      if (toks_[vals[skip]].line != toks_[vals[skip + n - 1]].line) return false;
      // A value on the label's own line is that row's, not a stray ("1.属于国家秘密13800012"); so is a line
      // that could be a whole row itself, its digits run together or its repeats dropped ("0080109").
      // (A row printed short by dropped repeats sums up only when it is all zeros: "0" may be a whole row,
      // "1" may not.)
      size_t digits = 0;
      bool zeros = true;
      for (size_t k = 0; k < skip; ++k) {
        digits += toks_[vals[k]].digits;
        zeros &= toks_[vals[k]].value == 0;
        for (const auto& piece : groups_[g].pieces) {
          if (piece.second == toks_[vals[k]].line) return false;
        }
      }
      return digits < n && !(zeros && Has(Allowed(), DamageModel::kCollapsedRuns));
    }
    if (m == 0 || m > n) return false;
    // The document's facts are asked only for a row some model could explain.
    return PossibleModels(layouts_[g], n, 0xff) != 0 && PossibleModels(layouts_[g], n, Allowed()) != 0;
  }

  // The models the document allows (computed once per document, and only when a row is short).
  DamageSet Allowed() const { return doc_->Allowed(); }

  // Whether a value token is set off from the text around it, as a cell is: white space or the cell's edge on
  // both sides ("数据1" in a header cell is a name, not a value).
  bool StandsApart(const Token& t) const {
    std::string_view cell = view_.cells[t.cell].text;
    if (t.raw.data() < cell.data() || t.raw.data() + t.raw.size() > cell.data() + cell.size()) return false;
    const size_t b = static_cast<size_t>(t.raw.data() - cell.data()), e = b + t.raw.size();
    auto space_before = [&](size_t i) {  // cell[i - 1] ends white space
      return i == 0 || cell[i - 1] == ' ' || cell[i - 1] == '\t' || (i >= 3 && cell.substr(i - 3, 3) == "\u3000");
    };
    auto space_at = [&](size_t i) {
      return i >= cell.size() || cell[i] == ' ' || cell[i] == '\t' || cell[i] == '\r' || cell.substr(i, 3) == "\u3000";
    };
    return space_before(b) && space_at(e);
  }

  // How each group's values sit in the document (for the damage models). Groups whose values are not all
  // numbers get an empty layout: no model reads blanks.
  void BuildLayouts() {
    layouts_.assign(groups_.size(), RowLayout{});
    digit_store_.assign(groups_.size(), {});
    for (size_t g = 0; g < groups_.size(); ++g) {
      const Group& grp = groups_[g];
      RowLayout& lay = layouts_[g];
      std::vector<std::string>& store = digit_store_[g];
      if (grp.vals.size() >= max_cells_) continue;  // full rows need no model
      store.reserve(grp.vals.size());  // layouts view these strings: no reallocation
      bool numbers = !grp.vals.empty();
      for (uint32_t v : grp.vals) numbers &= toks_[v].kind == TokKind::kNumber;
      if (!numbers) continue;
      bool own = true, cells = true;
      uint32_t prev_line = UINT32_MAX;
      for (uint32_t v : grp.vals) {
        const Token& t = toks_[v];
        std::string digits;
        bool negative = false;
        MatchIterator it(t.raw);
        char32_t cp;
        size_t b, e;
        while (it.Next(&cp, &b, &e)) {
          if ((cp >= '0' && cp <= '9') || cp == '.') digits.push_back(static_cast<char>(cp));
          else if (cp == '-') negative = true;
        }
        store.push_back(std::move(digits));
        lay.numbers.push_back({store.back(), t.has_sign, negative, t.yuan});
        // Alone on its line: the tokens just before and after belong to other lines.
        own &= t.line != prev_line && (v == 0 || toks_[v - 1].line != t.line) &&
               (v + 1 >= toks_.size() || toks_[v + 1].line != t.line);
        prev_line = t.line;
        const Line& line = view_.lines[t.line];
        // Standing apart as a cell would: nothing but white space between it and the cell's edges or the
        // neighbouring values ("数据1" in a header cell is a name, not a value).
        cells &= StandsApart(t) && line.cell_end > line.cell_begin;
      }
      lay.each_on_own_line = own;
      lay.in_table_cells = cells;
    }
  }

  // Rows of a fixed width that ran together without labels are cut into rows first.
  void SplitOversizedGroups() {
    if (table_ == TableId::kT2) return;
    const size_t n = slots_.front().cells.size();
    for (size_t gi = 0; gi < groups_.size(); ++gi) {
      if (groups_[gi].vals.size() <= n + 2) continue;
      // A run of values one per line, with no labels between its rows, whose count is no multiple of the
      // row's width: some row lost cells, and nothing shows where one row ends and the next begins. None
      // of its pieces can be trusted.
      if (!groups_[gi].continuation) {
        const std::vector<uint32_t>& vals = groups_[gi].vals;
        bool one_per_line = true;
        for (size_t k = 1; k < vals.size() && one_per_line; ++k) one_per_line = toks_[vals[k - 1]].line != toks_[vals[k]].line;
        groups_[gi].untrusted = one_per_line && vals.size() % n != 0;
      }
      // Cut after n values, unless that cuts a line while the run has line breaks: then at its first line
      // break (a line of 5 values followed by one of 7 is a short row and a full one, not 7 and 5).
      const std::vector<uint32_t>& vals = groups_[gi].vals;
      size_t cut = n;
      if (toks_[vals[n - 1]].line == toks_[vals[n]].line) {
        for (size_t k = 1; k < vals.size(); ++k) {
          if (toks_[vals[k - 1]].line != toks_[vals[k]].line) {
            cut = k;
            break;
          }
        }
      }
      Group rest;
      rest.first_line = toks_[groups_[gi].vals[cut]].line;
      rest.vals.assign(groups_[gi].vals.begin() + static_cast<long>(cut), groups_[gi].vals.end());
      rest.continuation = true;
      rest.untrusted = groups_[gi].untrusted;
      groups_[gi].vals.resize(cut);
      groups_.insert(groups_.begin() + gi + 1, std::move(rest));
    }
  }

  // Table 4 printed as one short run of values (digits run together across blocks, "21317000001324019", or
  // a whole all-zero table collapsed to one "0"): read it against all fifteen cells at once (C4 per block).
  void SplitWholeTable4() {
    if (table_ != TableId::kT4) return;
    const int whole = static_cast<int>(slots_.size()) - 1;
    const size_t block = slots_.front().cells.size();
    // Not when the region holds a clean row (a block's values, or all fifteen): that row is the table. In a
    // document of dropped repeats, five values one per line may be fifteen cells printed short.
    for (size_t gi = 0; gi < groups_.size(); ++gi) {
      const size_t m = groups_[gi].vals.size();
      if (m == slots_[whole].cells.size()) return;
      const bool may_be_short = Has(Allowed(), DamageModel::kCollapsedRuns) && layouts_[gi].each_on_own_line;
      if (m >= block && m <= block + 2 && !may_be_short) return;
    }
    for (size_t gi = 0; gi < groups_.size(); ++gi) {
      const Group& g = groups_[gi];
      size_t m = g.vals.size();
      const bool may_be_short = Has(Allowed(), DamageModel::kCollapsedRuns) && layouts_[gi].each_on_own_line;
      if (m == 0 || m >= slots_[whole].cells.size() || (m >= block && m <= block + 2 && !may_be_short)) continue;
      if (!Fits(gi, slots_[whole].cells.size())) continue;
      if (!MakeCase(gi, whole)) continue;
      ++by_label_;
      for (uint32_t v : g.vals) last_line_ = std::max(last_line_, toks_[v].line);
      if (first_line_ == UINT32_MAX) first_line_ = g.first_line;
      groups_.clear();
      layouts_.clear();
      return;
    }
  }

  // Aligns the groups found in the document with the schema's rows, in order, maximising label evidence
  // (dynamic programming, like sequence alignment). A group whose text names no row and is not a header
  // is narrative and is never assigned; a group without a label fills a row by position.
  // A label naming several rows followed by rows of numbers without labels (a shredded extraction:
  // "…2.没有现成信息需要另行制作3.补正后申请内容仍不明确" then two number rows): the labels are dealt out
  // to the number rows in order.
  void DealOutStackedLabels() {
    if (table_ == TableId::kT4) return;
    for (size_t g = 0; g + 1 < groups_.size(); ++g) {
      if (groups_[g + 1].label.empty() == false) continue;
      if (groups_[g].own_from != std::string::npos) continue;  // the row's own label sits beside its numbers
      std::string_view text = groups_[g].label;
      std::vector<std::pair<size_t, size_t>> segs;  // [begin, end) of each list-numbered segment
      size_t pos = ListNumberStart(text);
      while (pos < text.size()) {
        size_t next = pos + 1 + ListNumberStart(text.substr(pos + 1));
        segs.emplace_back(pos, std::min(next, text.size()));
        pos = next;
      }
      std::vector<std::pair<size_t, int>> named;  // segment end, slot
      int last_slot = -1;
      for (const auto& [b, e] : segs) {
        std::string_view seg = text.substr(b, e - b);
        std::string v;
        // The segment's own list number ("(三)", "1.") must be the row's: "(三)不予公开" is one letter from
        // "(一)予以公开" but names a group header, not that row.
        for (size_t sl = static_cast<size_t>(last_slot + 1); sl < slots_.size(); ++sl) {
          if (slots_[sl].collapsed >= 0) continue;
          if (LabelScore(seg, static_cast<int>(sl), &v) >= W::kDealsOut) {
            const Label& l = *slots_[sl].label;
            const std::string_view number = std::string_view(l.norm).substr(0, l.norm.size() - l.content_norm.size());
            const std::string_view seg_number = seg.substr(0, seg.size() - StripListNumber(seg).size());
            if (!seg_number.empty() && !number.empty() && seg_number != number) continue;
            named.emplace_back(e, static_cast<int>(sl));
            last_slot = static_cast<int>(sl);
            break;
          }
        }
      }
      if (named.size() < 2) continue;
      size_t empties = 0;
      while (g + 1 + empties < groups_.size() && groups_[g + 1 + empties].label.empty() && empties + 1 < named.size()) ++empties;
      std::string original = groups_[g].label;
      size_t begin_next = named[0].first;
      groups_[g].label = original.substr(0, named[0].first);
      for (size_t k = 1; k <= empties; ++k) {
        groups_[g + k].label = original.substr(begin_next, named[k].first - begin_next);
        begin_next = named[k].first;
      }
      g += empties;
    }
  }

  void MatchGroups() {
    BuildLayouts();
    SplitWholeTable4();
    SplitOversizedGroups();
    BuildLayouts();
    DealOutStackedLabels();
    const size_t ng = groups_.size(), ns = table_ == TableId::kT4 ? slots_.size() - 1 : slots_.size();
    if (ng == 0) return;  // a whole table 4 case may be waiting
    constexpr int kNo = INT32_MIN / 4;
    std::vector<int> score(ng * ns, kNo);
    std::vector<std::string> variants(ng * ns);
    std::vector<int8_t> label_score(ng * ns, 0);
    for (size_t g = 0; g < ng; ++g) {
      const Group& grp = groups_[g];
      bool header_only = IsHeaderOnlyLabel(grp.label, table_, spec_);
      // A label wrapped around its numbers ("5.要求行政机关确认或重新出" | numbers | "具已获取信息"): the text
      // after the numbers, up to the next list number, completes it.
      bool any_number = false;
      for (uint32_t v : grp.vals) any_number |= toks_[v].kind == TokKind::kNumber;
      std::string combined;
      if (any_number && g + 1 < ng && !groups_[g + 1].label.empty()) {
        std::string_view next = groups_[g + 1].label;
        size_t cut = ListNumberStart(next);
        if (cut > 0) combined = grp.label + std::string(next.substr(0, cut));
      }
      int best_any = 0;
      // Cheap evidence first (exact, alias, contained); typo-tolerant matching and the wrapped-label
      // completion only for groups that found nothing better than that.
      // A text that ends with a row's own label and names no second numbered row ("(三)不予公开1.属于国家秘密")
      // needs no costlier evidence: only texts with stacked labels do.
      int numbered_marks = 0, paren_marks = 0;
      {
        std::string_view t = grp.label;
        for (size_t pos = ListNumberStart(t); pos < t.size(); pos = pos + 1 + ListNumberStart(t.substr(pos + 1))) {
          if (t[pos] == '(') ++paren_marks;
          else if (t[pos] >= '1' && t[pos] <= '9') ++numbered_marks;
        }
      }
      const bool simple_text = numbered_marks <= 1 && paren_marks <= 1;
      for (int pass = 0; pass < 2; ++pass) {
        const bool fuzzy = pass == 1;
        if (fuzzy && (best_any >= W::kSure || grp.label.empty())) break;
        if (pass == 0 && simple_text) {
          // Suffix evidence only; fall through to the full pass when it finds nothing certain.
          std::string v;
          int best_suffix = 0;
          for (size_t s = 0; s < ns; ++s) {
            if (!slots_[s].label) continue;
            v.clear();
            Quality q = MatchLabel(grp.label, *slots_[s].label, false, &v);
            if (slots_[s].collapsed >= 0 && q != kExact) continue;
            int ls = q == kExact ? (slots_[s].collapsed >= 0 ? W::kAliasOrCollapsed : W::kExact) : q == kAlias ? W::kAliasOrCollapsed : 0;
            if (ls > label_score[g * ns + s]) {
              label_score[g * ns + s] = static_cast<int8_t>(ls);
              variants[g * ns + s] = v;
            }
            best_suffix = std::max(best_suffix, ls);
          }
          if (best_suffix >= W::kSuffixSure) {
            best_any = best_suffix;
            break;
          }
        }
        std::string v;
        // The group's own text for every row, then (typo-tolerant pass) the text completed by what follows
        // the numbers; one text at a time keeps ContainsLabel's cache warm.
        for (int which = 0; which < 2; ++which) {
          if (which == 1 && (!fuzzy || combined.empty())) break;
          const std::string& text = which == 0 ? grp.label : combined;
          for (size_t s = 0; s < ns; ++s) {
            if (which == 1 && label_score[g * ns + s] >= W::kSure) continue;
            v.clear();
            int ls = LabelScore(text, static_cast<int>(s), &v, fuzzy);
            if (ls > label_score[g * ns + s]) {
              label_score[g * ns + s] = static_cast<int8_t>(ls);
              variants[g * ns + s] = v;
            }
            best_any = std::max(best_any, ls);
          }
        }
      }
      for (size_t s = 0; s < ns; ++s) {
        if (!Fits(g, slots_[s].cells.size())) continue;
        int ls = label_score[g * ns + s];
        if (!any_number && ls == 0) continue;  // a row of empty cells under a header
        if (slots_[s].collapsed >= 0 && ls == 0) continue;
        if (ls > 0) score[g * ns + s] = W::kLabelBase + ls;
        else if (header_only && InNamedGroup(grp.label, s)) score[g * ns + s] = W::kPositional;
        else if (best_any > 0) score[g * ns + s] = W::kWrongLabel;
      }
    }
    // dp[i][j]: best score aligning the first i groups with the first j slots.
    std::vector<int> dp((ng + 1) * (ns + 1), 0);
    std::vector<uint8_t> how((ng + 1) * (ns + 1), 0);  // 1 skip group, 2 skip slot, 3 assign
    auto at = [&](size_t i, size_t j) -> int& { return dp[i * (ns + 1) + j]; };
    for (size_t i = 0; i <= ng; ++i) {
      for (size_t j = 0; j <= ns; ++j) {
        if (i == 0 && j == 0) continue;
        int best = kNo;
        uint8_t choice = 0;
        if (i > 0) {
          const Group& grp = groups_[i - 1];
          int skip_cost = grp.label.empty() && grp.vals.size() >= 2 ? W::kSkipUnlabelledRow : 0;
          if (at(i - 1, j) + skip_cost > best) best = at(i - 1, j) + skip_cost, choice = 1;
        }
        if (j > 0 && at(i, j - 1) > best) best = at(i, j - 1), choice = 2;
        if (i > 0 && j > 0 && score[(i - 1) * ns + (j - 1)] != kNo) {
          int v = at(i - 1, j - 1) + score[(i - 1) * ns + (j - 1)];
          if (v > best) best = v, choice = 3;
        }
        at(i, j) = best;
        how[i * (ns + 1) + j] = choice;
      }
    }
    std::vector<std::pair<size_t, size_t>> pairs;
    for (size_t i = ng, j = ns; i > 0 || j > 0;) {
      uint8_t c = how[i * (ns + 1) + j];
      if (c == 3) {
        pairs.emplace_back(i - 1, j - 1);
        --i, --j;
      } else if (c == 1) {
        --i;
      } else {
        --j;
      }
    }
    std::reverse(pairs.begin(), pairs.end());
    std::vector<bool> withdrawn(ns, false);  // slots no reading may fill (conflicting interpretations)
    // A group row matched as one collapsed row ("（六）其他处理" printed as a single row) while rows without
    // labels fill its sub-rows by position: the group label more likely shared its line with the first
    // sub-row, whose label was lost. The two readings disagree on every sub-row, so none is filled.
    for (const auto& [gi, si] : pairs) {
      if (slots_[si].collapsed < 0) continue;
      const CollapsedGroup& cg = spec_.t3_collapsed[slots_[si].collapsed];
      bool conflict = false;
      for (const auto& [gj, sj] : pairs) {
        if (label_score[gj * ns + sj] != 0 || !slots_[sj].label) continue;
        for (int r : cg.rows) conflict |= slots_[sj].label == &spec_.t3_rows[r].label;
      }
      // Any row of values between it and the row after its sub-rows can only be one of its sub-rows,
      // whether or not it was placed.
      size_t last_child = si;
      for (size_t sl = si + 1; sl < ns; ++sl) {
        for (int r : cg.rows) if (slots_[sl].label == &spec_.t3_rows[r].label) last_child = sl;
      }
      size_t next_after = groups_.size();
      for (const auto& [gj, sj] : pairs) {
        if (gj > gi && sj > last_child) next_after = std::min(next_after, gj);
      }
      for (size_t gj = gi + 1; gj < next_after && !conflict; ++gj) {
        for (uint32_t v : groups_[gj].vals) conflict |= toks_[v].kind == TokKind::kNumber;
      }
      if (!conflict) continue;
      std::vector<std::pair<size_t, size_t>> kept;
      for (const auto& pr : pairs) {
        bool child = false;
        for (int r : cg.rows) child |= slots_[pr.second].label == &spec_.t3_rows[r].label;
        if (!child && pr.second != si) kept.push_back(pr);
      }
      pairs = std::move(kept);
      withdrawn[si] = true;
      for (size_t sl = 0; sl < ns; ++sl) {
        for (int r : cg.rows) if (slots_[sl].label == &spec_.t3_rows[r].label) withdrawn[sl] = true;
      }
      break;
    }
    WithdrawUnsurePositions(&pairs, label_score, ns);
    // Rows printed out of order (a table block moved below another in a PDF extraction): a group left over
    // whose label names a row left empty still fills it.
    {
      std::vector<bool> used_group(ng, false), used_slot(ns, false);
      for (const auto& [gi, si] : pairs) used_group[gi] = used_slot[si] = true;
      for (size_t g = 0; g < ng; ++g) {
        if (used_group[g]) continue;
        for (size_t sl = 0; sl < ns; ++sl) {
          if (used_slot[sl] || withdrawn[sl] || label_score[g * ns + sl] < W::kOutOfOrder || score[g * ns + sl] == kNo) continue;
          pairs.emplace_back(g, sl);
          used_slot[sl] = used_group[g] = true;
          break;
        }
      }
    }
    for (const auto& [gi, si] : pairs) {
      for (uint32_t v : groups_[gi].vals) last_line_ = std::max(last_line_, toks_[v].line);
      const int best = static_cast<int>(si);
      const int ls = label_score[gi * ns + si];
      const bool positional = ls == 0 && !(table_ == TableId::kT4 && groups_[gi].continuation);
      const std::string& variant = variants[gi * ns + si];
      const Quality best_q = variant.empty() ? kExact : (ls == W::kFuzzy ? kFuzzy : kAlias);
      const size_t m = groups_[gi].vals.size();
      const size_t n = slots_[best].cells.size();
      const Group& grp = groups_[gi];
      if (grp.untrusted) {
        std::string written;
        for (uint32_t v : grp.vals) {
          if (!written.empty()) written.push_back(' ');
          written.append(toks_[v].raw);
        }
        unreadable_.push_back({best, "所在的一串没有行标签的数字（每行一个）个数不是每行单元格数的整数倍，有单元格丢失，无法确定行界，按位置本应读作“" +
                                         written + "”"});
        filled_.push_back(best);
        continue;
      }
      if (slots_[best].collapsed >= 0) {
        FillCollapsed(grp, best);
        continue;
      }
      if (m >= n && HasRunTogetherValue(grp)) {
        std::string written;
        for (uint32_t v : grp.vals) {
          if (!written.empty()) written.push_back(' ');
          written.append(toks_[v].raw);
        }
        unreadable_.push_back({best, "印为“" + written + "”，其中有以0开头的多位数，是几个单元格的数字连在一起，无法确定行界"});
        filled_.push_back(best);
        continue;
      }
      NoteHeaderUnits(grp, best);
      if (m < n) {
        if (!MakeCase(gi, best)) {
          incomplete_.push_back({best, m});  // stays missing: E1 says why
          continue;
        }
        if (!positional) ++by_label_;
        if (first_line_ == UINT32_MAX) first_line_ = grp.first_line;
        continue;
      }
      // Extra empty cells at the end of a table row are padding, not values.
      size_t trailing_blanks = 0;
      while (trailing_blanks < m - n && toks_[grp.vals[m - 1 - trailing_blanks]].kind == TokKind::kBlank) ++trailing_blanks;
      size_t skip = m - n - trailing_blanks;  // leading values standing in for lost labels
      bool repaired = positional || skip > 0 || grp.placeholders > 0;
      for (size_t c = 0; c < n; ++c) {
        const Token& t = toks_[grp.vals[skip + c]];
        if (t.kind == TokKind::kBlank) {
          CellValue& cv = report_->cells[slots_[best].cells[c]];
          cv.at = view_.cells[t.cell].at;
          cv.repaired = repaired;
          cv.state = CellState::kBlank;
        } else {
          SetValue(slots_[best].cells[c], t.value, !t.integral, t.yuan, view_.cells[t.cell].at, repaired);
        }
      }
      if (table_ != TableId::kT4) {
        if (positional) repaired_.push_back(best);
        else ++by_label_;
        if (!positional && (skip > 0 || grp.placeholders > 0)) stray_.push_back(best);
        if (best_q == kAlias || best_q == kFuzzy) deviations_.push_back({best, variant});
      } else {
        ++by_label_;
      }
      filled_.push_back(best);
      full_rows_.push_back({best, gi, skip});
      if (first_line_ == UINT32_MAX) first_line_ = grp.first_line;
      if (header_text_.empty()) header_text_ = grp.label;
    }
    if (trace_) {
      for (size_t g = 0; g < groups_.size(); ++g) {
        std::string slot = "-";
        for (const auto& [gi, si] : pairs) if (gi == g) slot = slots_[si].name;
        *trace_ += std::string("[") + TableKey(table_) + "] group " + std::to_string(g) + " line " +
                   std::to_string(groups_[g].first_line + 1) + " values " + std::to_string(groups_[g].vals.size()) +
                   " label '" + groups_[g].label + "' -> " + slot + "\n";
      }
    }
  }

  // One printed row standing for several rows of the format (（六）其他处理 in a 2021 report): zero values
  // make every sub-row zero; other values cannot be divided among the sub-rows.
  void FillCollapsed(const Group& g, int slot) {
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

  void SetValue(int cell, double value, bool fractional, bool yuan, const Provenance& at, bool repaired) {
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

  PrintedUnit HeaderUnitOf(int cell) const {
    for (const auto& [c, u] : header_units_) if (c == cell) return u;
    return PrintedUnit::kNone;
  }

  // The unit a table-2 header gives the amount columns of the block whose label text this is
  // ("采购总金额（元）", "本年收费金额（单位：万元）"); only the text after the block's caption counts.
  static PrintedUnit HeaderUnit(std::string_view label) {
    size_t caption = label.rfind("第二十条");
    if (caption != std::string_view::npos) label.remove_prefix(caption);
    struct Mark { std::string_view text; PrintedUnit unit; };
    static constexpr Mark kMarks[] = {
        {"(元)", PrintedUnit::kYuan},           {"(单位:元)", PrintedUnit::kYuan},
        {"(千元)", PrintedUnit::kThousandYuan}, {"(单位:千元)", PrintedUnit::kThousandYuan},
        {"(万元)", PrintedUnit::kTenThousandYuan}, {"(单位:万元)", PrintedUnit::kTenThousandYuan},
    };
    PrintedUnit best = PrintedUnit::kNone;
    size_t best_at = 0;
    for (const Mark& m : kMarks) {
      size_t at = label.rfind(m.text);
      if (at != std::string_view::npos && (best == PrintedUnit::kNone || at > best_at)) best = m.unit, best_at = at;
    }
    return best;
  }

  void NoteHeaderUnits(const Group& g, int slot) {
    if (table_ != TableId::kT2) return;
    PrintedUnit unit = PrintedUnit::kNone;
    bool looked = false;
    for (int c : slots_[slot].cells) {
      if (spec_.cells[c].type != ValueType::kAmount) continue;
      if (!looked) unit = HeaderUnit(g.label), looked = true;
      if (unit != PrintedUnit::kNone) header_units_.push_back({c, unit});
    }
  }

  // A row printed with fewer values than its cells: its readings under every model possible for its
  // layout, each already checked against the row's own arithmetic (C2 for a table-3 row, C4 for a table-4
  // block). Which of them count is decided later, for the whole document. Returns false
  // when no model could have produced the row.
  bool MakeCase(size_t gi, int slot) {
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
    for (uint32_t v : g.vals) {
      if (!rc.written.empty()) rc.written.push_back(' ');
      rc.written.append(toks_[v].raw);
    }
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

  // Appends a case's readings under one model, each checked against the row's own arithmetic, and notes
  // whether that arithmetic ruled any out (the same enumeration checking the cells' types only, stopped as
  // soon as it finds more readings than survived).
  // More readings than this for one row under one model: the row is left unread (E1), and the document's
  // time stays within its budget.
  static constexpr size_t kMaxReadings = 1024;

  void Enumerate(RowCase* rc, DamageModel model, bool cut_digits) {
    const size_t n = slots_[rc->slot].cells.size();
    const std::vector<LocalConstraint> cons = LocalConstraints(rc->slot), none;
    const int slot = rc->slot;
    const std::function<bool(const Reading&)> accept = [&](const Reading& r) { return PartialHolds(slot, cons, r); };
    const std::function<bool(const Reading&)> types_only = [&](const Reading& r) { return PartialHolds(slot, none, r); };
    const size_t before = rc->all.size();
    rc->complete &= EnumerateReadings(model, rc->layout, n, kMaxReadings, &rc->all, accept, cut_digits);
    if (!cons.empty() && model != DamageModel::kCellsLost) {  // (a lost cell leaves the arithmetic unchecked)
      std::vector<Reading> loose;
      EnumerateReadings(model, rc->layout, n, rc->all.size() - before + 1, &loose, types_only, cut_digits);
      if (loose.size() > rc->all.size() - before) rc->pruned |= Bit(model);
    }
  }

  // The slots a case fills: the slot itself, or every block for the whole-table-4 slot.
  std::vector<int> WholeOrSelf(int slot) const {
    if (table_ == TableId::kT4 && slot + 1 == static_cast<int>(slots_.size())) {
      std::vector<int> all;
      for (int s = 0; s <= slot; ++s) all.push_back(s);
      return all;
    }
    return {slot};
  }

  void ApplyReading(int slot, const Reading& r, const Provenance& at) {
    for (size_t c = 0; c < r.values.size(); ++c) {
      if (!r.known[c]) continue;
      SetValue(slots_[slot].cells[c], r.values[c], r.fractional[c], r.yuan[c], at, true);
    }
  }

  // The exact identities whose every cell lies in a slot, as positions in the slot, with the position that
  // completes each.
  struct LocalConstraint {
    std::vector<int> lhs, rhs;
    int last = 0;  // the highest position: the constraint can be evaluated once it has a value
    Relation relation = Relation::kEqual;
    std::string rule;
  };

  std::vector<LocalConstraint> LocalConstraints(int slot) const {
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

  static bool Holds(Relation rel, double l, double r) {
    return rel == Relation::kEqual ? std::fabs(l - r) < 1e-6 : l + 1e-6 >= r;
  }

  // Checks a partial reading incrementally: the type of its last value, and the constraints that value
  // completes (earlier values were checked when they were added). A constraint over a lost cell cannot be
  // checked and does not prune.
  bool PartialHolds(int slot, const std::vector<LocalConstraint>& cons, const Reading& r) const {
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

  // Narrows each case to the models in play for the document and the numbers the narrative states, fills
  // the rows left with one reading, and hands the rest to the joint pass.
  void ResolveCases(DamageSet in_play) {
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

  // In a document damaged in a way that changes how many values a row prints, a row that printed the right
  // number of values but breaks its own arithmetic (C2, C4) more likely took a neighbour's value (a row of
  // five and a run-together row of one are six values, then seven) than printed a wrong total: it is not
  // filled. Without such damage, the same failure is the report's own (the checker reports it).
  void DistrustBrokenFullRows(DamageSet in_play) {
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
        std::string written;
        for (size_t c = 0; c < cells.size(); ++c) {
          if (c) written.push_back(' ');
          written.append(toks_[groups_[row.group].vals[row.skip + c]].raw);
        }
        unreadable_.push_back({slot, "印为“" + written + "”，个数与单元格数相同，但不满足本行的合计关系" + k.rule +
                                         "；本文档有数字连写、缺格或重复行被删等损坏，这一行可能混入了相邻行的数字"});
        break;
      }
    }
  }

  // What settled a case, for the S4 message: the identities that ruled other readings out (the row's own,
  // then those tying it to other rows), the narrative, or nothing but the model itself.
  std::string Decided(const RowCase& rc, const std::vector<std::string>& joint_rules) const {
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

  static std::string Candidates(const std::vector<Reading>& rs) {
    std::vector<const Reading*> views;
    for (const Reading& r : rs) views.push_back(&r);
    return Candidates(views);
  }
  static std::string Candidates(const std::vector<const Reading*>& rs) {
    std::string out;
    for (size_t k = 0; k < rs.size() && k < 6; ++k) out += (k ? "、" : "") + FormatReading(*rs[k]);
    if (rs.size() > 6) out += "等" + std::to_string(rs.size()) + "种";
    return out;
  }

  // Joint pass: rows with several readings are settled together by the identities that tie rows (C1, C3
  // per column). Cells on which every surviving combination agrees are filled; the rest stay null.
  void ResolveDeferred() {
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

  void Report() {
    TableExtraction& te = report_->tables[static_cast<int>(table_)];
    // The table is present when any row was read, or when its region held numbers that could not be read
    // (then every row is reported by E1 below, instead of the table being called missing).
    bool had_numbers = false;
    for (const auto& g : groups_) {
      for (uint32_t v : g.vals) had_numbers |= toks_[v].kind == TokKind::kNumber;
    }
    te.present = !filled_.empty() || (had_numbers && !incomplete_.empty());
    if (!te.present) return;
    te.rows_by_label = by_label_;
    te.rows_by_position = static_cast<int>(repaired_.size());
    te.method = repaired_.empty() ? "labels" : "labels+position";
    if (first_line_ != UINT32_MAX) te.at = view_.lines[first_line_].at;
    const char* tname = table_ == TableId::kT2 ? "表二" : table_ == TableId::kT3 ? "表三" : "表四";

    if (!repaired_.empty() || !stray_.empty()) {
      Finding f;
      f.rule = "S4";
      f.severity = Severity::kInfo;
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
      Finding f;
      f.rule = "S2";
      f.severity = Severity::kInfo;
      for (int c : slots_[s].cells) f.cells.push_back(spec_.cells[c].id);
      f.message = std::string(tname) + "行标签“" + variant + "”与模板“" + slots_[s].label->text + "”不一致，已按模板行识别。";
      f.at = report_->cells[slots_[s].cells.front()].at;
      report_->findings.push_back(std::move(f));
    }
    if (!repairs_.empty()) {
      // One S4 per model: which rows, how they were printed, how they were read, and what decided it.
      for (int m = 0; m < kDamageModelCount; ++m) {
        const DamageModel model = static_cast<DamageModel>(m);
        Finding f;
        f.rule = "S4";
        f.severity = Severity::kInfo;
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
        Finding f;
        f.rule = "E1";
        f.severity = Severity::kWarning;
        f.cells = lost;
        f.message = std::string(tname) + slots_[r.slot].name + "行有" + std::to_string(lost.size()) +
                    "个单元格在转换中丢失，原文只剩“" + r.written + "”，丢失的单元格留空，请核对原件。";
        f.at = report_->cells[slots_[r.slot].cells.front()].at;
        report_->findings.push_back(std::move(f));
      }
    }
    for (const auto& [slot, text] : unreadable_) {
      Finding f;
      f.rule = "E1";
      f.severity = Severity::kWarning;
      for (int c : slots_[slot].cells) {
        if (report_->cells[c].state == CellState::kMissing) f.cells.push_back(spec_.cells[c].id);
      }
      f.message = std::string(tname) + slots_[slot].name + "行" + text + "，相应单元格留空，请核对原件。";
      f.at = report_->cells[slots_[slot].cells.front()].at;
      if (!f.cells.empty()) report_->findings.push_back(std::move(f));
    }
    for (const Ambiguity& a : ambiguous_) {
      Finding f;
      f.rule = "E1";
      f.severity = Severity::kWarning;
      for (int c : slots_[a.slot].cells) {
        if (report_->cells[c].state == CellState::kMissing) f.cells.push_back(spec_.cells[c].id);
      }
      f.message = std::string(tname) + slots_[a.slot].name + "行的数字少于应有的单元格数，" + a.text +
                  (a.by_text ? "（已结合正文所述数字排除其他读法）" : "") + "，表格的合计关系无法确定是哪一种，" +
                  (f.cells.empty() ? "" : "无法确定的单元格留空，") + "请核对原件。";
      f.at = report_->cells[slots_[a.slot].cells.front()].at;
      if (!f.cells.empty()) report_->findings.push_back(std::move(f));
      if (a.agreed.empty()) continue;
      Finding s4;
      s4.rule = "S4";
      s4.severity = Severity::kInfo;
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
      Finding f;
      f.rule = zero ? "S2" : "E1";
      f.severity = zero ? Severity::kInfo : Severity::kWarning;
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
      Finding f;
      f.rule = "E1";
      f.severity = Severity::kWarning;
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
      Finding f;
      f.rule = "S2";
      f.severity = Severity::kInfo;
      f.cells.push_back(spec_.cells[c].id);
      const CellValue& cv = report_->cells[c];
      f.message = spec_.cells[c].label + (in_cell ? "填写时带有单位“" : "的表头注明单位为“") + PrintedUnitChinese(cv.unit) +
                  "”，模板单位为万元，已换算为" + FormatNumber(cv.value) + "万元。";
      f.at = cv.at;
      report_->findings.push_back(std::move(f));
    }
  }

  // True when a label read with a "variant" is really the template label cut by a line wrap or with the
  // characters of a vertical group label ("（四）无法提供") interleaved: not a deviation of the report.
  bool WrappedNotDeviating(const std::string& variant, int slot) const {
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

  // S2 for table 3 column headers that use a variant label (e.g. 社会组织 for 社会公益组织).
  void CheckColumnHeaders(const char* tname) {
    if (header_text_.find("自然人") == std::string::npos) return;
    for (const auto& col : spec_.t3_cols) {
      if (header_text_.find(col.label.norm) != std::string::npos) continue;
      for (size_t a = 0; a < col.label.alias_norms.size(); ++a) {
        if (header_text_.find(col.label.alias_norms[a]) == std::string::npos) continue;
        Finding f;
        f.rule = "S2";
        f.severity = Severity::kInfo;
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

  const LineView& view_;
  LineRange range_;
  TableId table_;
  const FormatSpec& spec_;
  const std::vector<CellPin>& pins_;
  xxgk::Report* report_;
  std::vector<Token> toks_;
  std::string text_;
  std::vector<bool> placeholder_;
  std::vector<Slot> slots_;
  std::vector<Group> groups_;
  std::vector<int> filled_, repaired_, stray_;
  std::vector<std::pair<int, bool>> converted_;          // amount cells converted to 万元; unit printed in the cell
  std::vector<std::pair<int, PrintedUnit>> header_units_;  // amount cells whose header names a unit
  std::vector<std::pair<int, std::string>> deviations_;
  std::vector<std::pair<int, size_t>> incomplete_;
  std::deque<RowCase> cases_;
  bool resolved_ = false;
  size_t unreadable_base_ = 0;
  struct FullRow {
    int slot;
    size_t group;  // index into groups_
    size_t skip;   // stray leading values
  };
  std::vector<FullRow> full_rows_;  // rows filled from exactly their number of values
  std::vector<RowCase*> deferred_;
  std::vector<RowLayout> layouts_;
  std::vector<std::vector<std::string>> digit_store_;  // the digits layouts_ view
  std::vector<Repair> repairs_;
  std::vector<std::pair<int, std::string>> unreadable_;
  std::vector<Ambiguity> ambiguous_;
  const DocumentFacts* doc_;
  size_t max_cells_ = 0;
  std::string evidence_note_[kDamageModelCount];
  std::string* trace_ = nullptr;
  std::vector<std::pair<int, bool>> collapsed_;  // collapsed slot, all zero
  mutable std::string_view marks_text_;           // ContainsLabel's cache: the text and its list-number places
  mutable std::vector<size_t> marks_;
  int by_label_ = 0;
  uint32_t first_line_ = UINT32_MAX;
  uint32_t last_line_ = 0;  // the last line holding a value read into the table
  std::string header_text_;
};

}  // namespace

namespace {

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

}  // namespace

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
