// Phase 1b of table recovery: groups aligned with the format's rows by label evidence (table_extractor.h).
#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>

#include "core/bounded_cache.h"
#include "core/find.h"
#include "core/numbers.h"
#include "core/normalize.h"
#include "core/utf8.h"
#include "extract/table_extractor.h"

namespace xxgk::table_detail {

std::string_view TailCodePoints(std::string_view s, size_t cps) {
  size_t i = s.size();
  while (i > 0 && cps > 0) {
    --i;
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
    --cps;
  }
  return s.substr(i);
}

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
        for (const auto& c : b.cols) s.cells.push_back(spec.CellIndex(T2CellId(b.key, r.key, c.key)));
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

const std::vector<Slot>& SlotsOf(TableId table, const FormatSpec& spec) {
  static std::mutex mu;
  static std::map<std::pair<const FormatSpec*, int>, std::unique_ptr<const std::vector<Slot>>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto& slot = cache[{&spec, static_cast<int>(table)}];
  if (!slot) slot = std::make_unique<const std::vector<Slot>>(BuildSlots(table, spec));
  return *slot;
}

// The distinct match forms of the table-3 row groups of a format (its 25 rows have four groups), kept.
const std::vector<std::string>& GroupNorms(const FormatSpec& spec) {
  // Asked for every group of every table: the last answer is kept per thread, without the lock.
  thread_local const FormatSpec* last_spec = nullptr;
  thread_local const std::vector<std::string>* last_norms = nullptr;
  if (last_spec == &spec) return *last_norms;
  static std::mutex mu;
  static std::map<const FormatSpec*, std::unique_ptr<const std::vector<std::string>>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto& norms = cache[&spec];
  if (!norms) {
    std::vector<std::string> v;
    for (const auto& r : spec.t3_rows) {
      if (r.group.empty()) continue;
      for (const std::string* n : {&r.group_norm, &r.group_content_norm}) {
        if (std::find(v.begin(), v.end(), *n) == v.end()) v.push_back(*n);
      }
    }
    norms = std::make_unique<const std::vector<std::string>>(std::move(v));
  }
  last_spec = &spec;
  last_norms = norms.get();
  return *norms;
}

bool IsHeaderOnlyLabel(std::string_view label, TableId table, const FormatSpec& spec) {
  if (label.empty()) return true;
  if (label.size() <= 16 && CodePointCount(label) <= 4) return true;  // (a code point is at most 4 bytes)
  if (table == TableId::kT4) return true;
  if (table == TableId::kT3) {
    for (const std::string& n : GroupNorms(spec)) {
      if (EndsWith(label, n)) return true;
    }
  }
  return false;
}

void TableExtractor::WithdrawUnsurePositions(std::vector<std::pair<size_t, size_t>>* pairs, const std::vector<int8_t>& label_score,
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

const std::string* TableExtractor::NamedGroup(std::string_view label) const {
  if (table_ != TableId::kT3) return nullptr;
  for (const auto& r : spec_.t3_rows) {
    if (r.group.empty() || r.group_norm.rfind("三、", 0) == 0) continue;
    if (EndsWith(label, r.group_norm) || EndsWith(label, r.group_content_norm)) return &r.group_norm;
  }
  return nullptr;
}

bool TableExtractor::InNamedGroup(const std::string* named, size_t s) const {
  if (table_ != TableId::kT3 || !slots_[s].label || !named) return true;
  const RowDef* mine = nullptr;
  for (const auto& r : spec_.t3_rows) if (&r.label == slots_[s].label) mine = &r;
  return mine && mine->group_norm == *named;
}

int TableExtractor::LabelScore(std::string_view text, int s, std::string* variant, bool fuzzy) const {
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

size_t ListNumberStart(std::string_view t) {
  // Every list number holds a byte that is rare in Chinese text: "1." its '.', "(一)" its '(', "一、" the
  // E3 that starts "、". The first such byte that completes one gives the first list number: two list
  // numbers cannot overlap, so they start in the order of these bytes.
  for (size_t k = FindAnyOf<'.', '(', '\xE3'>(t); k < t.size(); k = FindAnyOf<'.', '(', '\xE3'>(t, k + 1)) {
    const char c = t[k];
    if (c == '.') {
      if (k > 0 && t[k - 1] >= '1' && t[k - 1] <= '9') return k - 1;
    } else if (c == '(') {
      if (k + 4 < t.size()) {
        std::string_view rest = t.substr(k + 1);
        for (std::string_view num : {"一", "二", "三", "四", "五", "六", "七"}) {
          if (rest.substr(0, 3) == num && rest.substr(3, 1) == ")") return k;
        }
      }
    } else if (k >= 3 && k + 3 <= t.size() && t[k + 1] == '\x80' && t[k + 2] == '\x81') {
      for (std::string_view num : {"一", "二", "三", "四"}) {
        if (t.compare(k - 3, 3, num) == 0) return k - 3;
      }
    }
  }
  return t.size();
}

bool TableExtractor::ContainsLabel(std::string_view text, std::string_view pattern, bool content, int numbered) const {
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

bool TableExtractor::Fits(size_t g, size_t n) const {
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

void TableExtractor::SplitWholeTable4() {
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

void TableExtractor::DealOutStackedLabels() {
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

TableExtractor::LabelEvidence TableExtractor::ScoreLabel(const std::string& label, const std::string& combined) const {
  const size_t ns = AlignedSlotCount();
  LabelEvidence ev;
  ev.score.assign(ns, 0);
  ev.header_only = IsHeaderOnlyLabel(label, table_, spec_);
  ev.named_group = ev.header_only ? NamedGroup(label) : nullptr;
  std::vector<std::string> variant(ns);
  // ContainsLabel's list-number places are kept by the text's address: start afresh, as a text this call
  // is given may sit where a text of an earlier call (freed since) sat.
  marks_text_ = {};
  int best_any = 0;
  // Cheap evidence first (exact, alias, contained); typo-tolerant matching and the wrapped-label
  // completion only for groups that found nothing better than that.
  // A text that ends with a row's own label and names no second numbered row ("(三)不予公开1.属于国家秘密")
  // needs no costlier evidence: only texts with stacked labels do.
  int numbered_marks = 0, paren_marks = 0;
  {
    std::string_view t = label;
    for (size_t pos = ListNumberStart(t); pos < t.size(); pos = pos + 1 + ListNumberStart(t.substr(pos + 1))) {
      if (t[pos] == '(') ++paren_marks;
      else if (t[pos] >= '1' && t[pos] <= '9') ++numbered_marks;
    }
  }
  const bool simple_text = numbered_marks <= 1 && paren_marks <= 1;
  for (int pass = 0; pass < 2; ++pass) {
    const bool fuzzy = pass == 1;
    if (fuzzy && (best_any >= W::kSure || label.empty())) break;
    if (pass == 0 && simple_text) {
      // Suffix evidence only; fall through to the full pass when it finds nothing certain.
      std::string v;
      int best_suffix = 0;
      for (size_t s = 0; s < ns; ++s) {
        if (!slots_[s].label) continue;
        v.clear();
        Quality q = MatchLabel(label, *slots_[s].label, false, &v);
        if (slots_[s].collapsed >= 0 && q != kExact) continue;
        int ls = q == kExact ? (slots_[s].collapsed >= 0 ? W::kAliasOrCollapsed : W::kExact) : q == kAlias ? W::kAliasOrCollapsed : 0;
        if (ls > ev.score[s]) {
          ev.score[s] = static_cast<int8_t>(ls);
          variant[s] = v;
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
      const std::string& text = which == 0 ? label : combined;
      for (size_t s = 0; s < ns; ++s) {
        if (which == 1 && ev.score[s] >= W::kSure) continue;
        v.clear();
        int ls = LabelScore(text, static_cast<int>(s), &v, fuzzy);
        if (ls > ev.score[s]) {
          ev.score[s] = static_cast<int8_t>(ls);
          variant[s] = v;
        }
        best_any = std::max(best_any, ls);
      }
    }
  }
  ev.best_any = best_any;
  for (size_t s = 0; s < ns; ++s) {
    if (!variant[s].empty()) ev.variants.emplace_back(static_cast<uint32_t>(s), std::move(variant[s]));
  }
  return ev;
}

const TableExtractor::LabelEvidence& TableExtractor::ScoreLabelCached(const std::string& label,
                                                                      const std::string& combined) const {
  // Keyed by the slot list (one per format and table, kept for the program), the label and its completion.
  thread_local BoundedCache<LabelEvidence> cache(4096);
  thread_local std::string key;
  key.clear();
  AppendAddress(&slots_, &key);
  key.append(label);
  key.push_back('\0');  // match forms hold no control characters
  key.append(combined);
  if (const LabelEvidence* kept = cache.Find(key)) return *kept;
  return cache.Insert(key, ScoreLabel(label, combined));
}

void TableExtractor::MatchGroups() {
  BuildLayouts();
  SplitWholeTable4();  // when it takes the table whole, it clears the groups and their layouts
  if (SplitOversizedGroups()) BuildLayouts();
  DealOutStackedLabels();
  const size_t ng = groups_.size(), ns = AlignedSlotCount();
  if (ng == 0) return;  // a whole table 4 case may be waiting
  constexpr int kNo = INT32_MIN / 4;
  std::vector<int> score(ng * ns, kNo);
  // The label variant that gave each (group, slot) its score: an index into variant_text, 0 for none (most
  // pairs never match, so no string per pair is built).
  std::vector<uint32_t> variant_of(ng * ns, 0);
  std::vector<std::string> variant_text(1);
  std::vector<int8_t> label_score(ng * ns, 0);
  // What the loop below asks of every slot, for every group, kept side by side.
  struct SlotShape {
    uint32_t width;
    bool collapsed;
  };
  std::vector<SlotShape> shape(ns);
  for (size_t s = 0; s < ns; ++s) shape[s] = {static_cast<uint32_t>(slots_[s].cells.size()), slots_[s].collapsed >= 0};
  for (size_t g = 0; g < ng; ++g) {
    const Group& grp = groups_[g];
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
    const LabelEvidence& ev = ScoreLabelCached(grp.label, combined);
    std::copy(ev.score.begin(), ev.score.end(), label_score.begin() + static_cast<std::ptrdiff_t>(g * ns));
    for (const auto& [s, v] : ev.variants) {
      variant_of[g * ns + s] = static_cast<uint32_t>(variant_text.size());
      variant_text.push_back(v);
    }
    const int best_any = ev.best_any;
    const bool header_only = ev.header_only;
    const std::string* named_group = ev.named_group;
    // Whether the group's values fit a row of n cells, asked once per n (slots share a few widths).
    std::array<int8_t, 16> fits;
    fits.fill(-1);
    auto fits_row = [&](size_t n) {
      if (n >= fits.size()) return Fits(g, n);
      if (fits[n] < 0) fits[n] = Fits(g, n) ? 1 : 0;
      return fits[n] == 1;
    };
    for (size_t s = 0; s < ns; ++s) {
      const int ls = label_score[g * ns + s];
      // No label evidence: a row of empty cells under a header, or a collapsed row (matched by its label only).
      if (ls == 0 && (!any_number || shape[s].collapsed)) continue;
      if (!fits_row(shape[s].width)) continue;
      if (ls > 0) score[g * ns + s] = W::kLabelBase + ls;
      else if (header_only && InNamedGroup(named_group, s)) score[g * ns + s] = W::kPositional;
      else if (best_any > 0) score[g * ns + s] = W::kWrongLabel;
    }
  }
  // dp[i][j]: best score aligning the first i groups with the first j slots. Each cell takes the best of
  // skipping group i, skipping slot j and pairing them; ties go to skipping the group, then the slot. The
  // choice is not stored: the way back asks the same questions of the finished table.
  std::vector<int> dp((ng + 1) * (ns + 1), 0);
  auto skip_cost = [&](size_t i) {  // of skipping group i - 1
    return groups_[i - 1].label.empty() && groups_[i - 1].vals.size() >= 2 ? W::kSkipUnlabelledRow : 0;
  };
  // Row by row; the cell to the left is kept in a register (reloading the value just stored makes every
  // cell wait on the one before it).
  for (size_t i = 1; i <= ng; ++i) {
    int* row = &dp[i * (ns + 1)];
    const int* up = &dp[(i - 1) * (ns + 1)];
    const int* sc = score.data() + (i - 1) * ns;  // (no slots: an empty vector)
    const int skip = skip_cost(i);
    int left = up[0] + skip;
    row[0] = left;
    for (size_t j = 1; j <= ns; ++j) {
      int best = std::max(up[j] + skip, left);
      const int pair = sc[j - 1] != kNo ? up[j - 1] + sc[j - 1] : kNo;
      best = std::max(best, pair);
      row[j] = best;
      left = best;
    }
  }
  std::vector<std::pair<size_t, size_t>> pairs;
  pairs.reserve(std::min(ng, ns) + 1);
  filled_.reserve(filled_.size() + ns);
  full_rows_.reserve(full_rows_.size() + ns);
  for (size_t i = ng, j = ns; i > 0 || j > 0;) {
    if (i == 0) {
      --j;
      continue;
    }
    if (j == 0) {
      --i;
      continue;
    }
    const int skip_group = dp[(i - 1) * (ns + 1) + j] + skip_cost(i), skip_slot = dp[i * (ns + 1) + j - 1];
    const int sc = score[(i - 1) * ns + j - 1];
    if (sc != kNo && dp[(i - 1) * (ns + 1) + j - 1] + sc > std::max(skip_group, skip_slot)) {
      pairs.emplace_back(i - 1, j - 1);
      --i, --j;
    } else if (skip_slot > skip_group) {
      --j;
    } else {
      --i;
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
    // (si names an element of `pairs`, about to be replaced: everything that needs it is done first.)
    withdrawn[si] = true;
    for (size_t sl = 0; sl < ns; ++sl) {
      for (int r : cg.rows) if (slots_[sl].label == &spec_.t3_rows[r].label) withdrawn[sl] = true;
    }
    pairs = std::move(kept);
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
    const std::string& variant = variant_text[variant_of[gi * ns + si]];
    const Quality best_q = variant.empty() ? kExact : (ls == W::kFuzzy ? kFuzzy : kAlias);
    const size_t m = groups_[gi].vals.size();
    const size_t n = slots_[best].cells.size();
    const Group& grp = groups_[gi];
    if (grp.untrusted) {
      const std::string written = Written(grp);
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
      const std::string written = Written(grp);
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

}  // namespace xxgk::table_detail
