// Phase 1a of table recovery: groups of label text and values, and how their values sit (table_extractor.h).
#include <algorithm>
#include <cmath>
#include <memory>

#include "core/find.h"
#include "core/numbers.h"
#include "core/normalize.h"
#include "core/utf8.h"
#include "extract/table_extractor.h"

namespace xxgk::table_detail {

std::string TableExtractor::Written(const Group& g, size_t from, size_t count) const {
  std::string out;
  for (size_t k = from; k < g.vals.size() && k - from < count; ++k) {
    if (k > from) out.push_back(' ');
    out.append(toks_[g.vals[k]].raw);
  }
  return out;
}

void TableExtractor::MarkPlaceholders() {
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

size_t TableExtractor::SplitAt() const {
  if (table_ == TableId::kT3) return spec_.t3_cols.size();
  if (table_ == TableId::kT4) return spec_.t4_cols.size();
  return 1;
}

namespace {

// Groups whose buffers outlived their table, kept per thread for the next tables' groups: a group's label,
// values and pieces then need no allocation. Small buffers only, and a few hundred groups at most.
constexpr size_t kMaxSpareGroups = 256;
std::vector<Group>& SpareGroups() {
  thread_local std::vector<Group> spare;
  return spare;
}

// A group in its initial state, with the buffers of a spare one when there is one.
Group FreshGroup() {
  Group g;
  std::vector<Group>& spare = SpareGroups();
  if (!spare.empty()) {
    Group& old = spare.back();
    g.label = std::move(old.label);
    g.label.clear();
    g.vals = std::move(old.vals);
    g.vals.clear();
    g.pieces = std::move(old.pieces);
    g.pieces.clear();
    spare.pop_back();
  }
  return g;
}

}  // namespace

TableExtractor::~TableExtractor() {
  std::vector<Group>& spare = SpareGroups();
  for (Group& g : groups_) {
    if (spare.size() >= kMaxSpareGroups) break;
    if (g.label.capacity() > 512 || g.vals.capacity() > 256 || g.pieces.capacity() > 64) continue;
    spare.push_back(std::move(g));
  }
}

void TableExtractor::BuildGroups() {
  Group cur = FreshGroup();
  cur.vals.reserve(max_cells_);  // one allocation per row instead of one per doubling
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
        cur = FreshGroup();
        cur.vals.reserve(max_cells_);
      }
      if (!cur_open || cur.label.empty()) cur.first_line = t.line;
      cur_open = true;
      if (cur.label.empty()) {
        // One allocation for most labels ("(三)不予公开1.属于国家秘密" is 40 bytes) instead of one per doubling.
        cur.label.reserve(48);
        cur.pieces.reserve(4);
      }
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
      cur = FreshGroup();
      cur.vals.reserve(max_cells_);
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

bool TableExtractor::HasRunTogetherValue(const Group& g) const {
  for (uint32_t v : g.vals) {
    const Token& t = toks_[v];
    if (t.kind != TokKind::kNumber || t.digits < 2 || t.has_sign) continue;
    size_t i = 0;
    while (i < t.raw.size() && (t.raw[i] < '0' || t.raw[i] > '9')) ++i;
    if (i + 1 < t.raw.size() && t.raw[i] == '0' && t.raw[i + 1] >= '0' && t.raw[i + 1] <= '9') return true;
  }
  return false;
}

bool TableExtractor::BlankLineBefore(const Group& g, size_t i) const {
  if (g.vals.empty() || SplitAt() <= 1) return false;
  const Token& prev = toks_[g.vals.back()];
  const Token& cur = toks_[i];
  const Provenance& a = view_.lines[prev.line].at;
  const Provenance& b = view_.lines[cur.line].at;
  if (a.page != 0 || a.table >= 0 || b.table >= 0 || a.line == 0 || b.line <= a.line + 1) return false;
  if (prev.line + 1 != cur.line) return false;  // text lines between: not a plain gap
  return ValuesOnLine(i) == 1 && g.vals.size() >= 1 && (g.vals.back() + 1 >= toks_.size() || toks_[g.vals.back() + 1].line != prev.line);
}

bool TableExtractor::LineIsValuesOnly(size_t i) const {
  for (size_t k = i; k < toks_.size() && toks_[k].line == toks_[i].line; ++k) if (!IsValue(toks_[k])) return false;
  return true;
}

size_t TableExtractor::DigitsIn(const Group& g) const {
  size_t d = 0;
  for (uint32_t v : g.vals) d += toks_[v].digits;
  return d;
}

size_t TableExtractor::ValuesOnLine(size_t i) const {
  size_t n = 0;
  for (size_t k = i; k < toks_.size() && toks_[k].line == toks_[i].line; ++k) n += IsValue(toks_[k]) && !placeholder_[k];
  return n;
}

bool TableExtractor::StandsApart(const Token& t) const {
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

void TableExtractor::BuildLayouts() {
  layouts_.assign(groups_.size(), RowLayout{});
  digit_store_.assign(groups_.size(), {});
  for (size_t g = 0; g < groups_.size(); ++g) {
    const Group& grp = groups_[g];
    RowLayout& lay = layouts_[g];
    std::vector<std::string>& store = digit_store_[g];
    if (grp.vals.size() >= max_cells_) continue;  // full rows need no model
    bool numbers = !grp.vals.empty();
    for (uint32_t v : grp.vals) numbers &= toks_[v].kind == TokKind::kNumber;
    if (!numbers) continue;
    store.reserve(grp.vals.size());  // layouts view these strings: no reallocation
    lay.numbers.reserve(grp.vals.size());
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

bool TableExtractor::SplitOversizedGroups() {
  if (table_ == TableId::kT2) return false;
  const size_t n = slots_.front().cells.size();
  bool cut_any = false;
  for (size_t gi = 0; gi < groups_.size(); ++gi) {
    if (groups_[gi].vals.size() <= n + 2) continue;
    cut_any = true;
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
  return cut_any;
}

}  // namespace xxgk::table_detail
