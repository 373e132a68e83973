#include "extract/tables.h"

#include <algorithm>
#include <string_view>

#include "core/normalize.h"
#include "core/utf8.h"
#include "extract/tokens.h"

namespace xxgk {
namespace {

// One row of the schema to be filled: its labels and its cells.
struct Slot {
  const Label* label = nullptr;   // row label (nullptr for table 4)
  std::string name;               // for messages
  std::vector<int> cells;         // cell indices in schema order
};

// A run of label text followed by values, as found in the document.
struct Group {
  std::string label;              // match form
  std::vector<uint32_t> vals;     // token indices (numbers and blanks)
  uint32_t first_line = 0;
  int placeholders = 0;           // leading values that stood in for a lost label
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
      Slot s;
      s.label = &spec.t3_rows[r].label;
      s.name = spec.t3_rows[r].label.text;
      for (size_t c = 0; c < spec.t3_cols.size(); ++c) s.cells.push_back(spec.T3Cell(static_cast<int>(r), static_cast<int>(c)));
      slots.push_back(std::move(s));
    }
  } else {
    Slot s;
    s.name = "表四数据行";
    for (int i = spec.table_begin[2]; i < spec.table_end[2]; ++i) s.cells.push_back(i);
    slots.push_back(std::move(s));
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
      if (EndsWith(label, r.group_norm) || EndsWith(label, StripListNumber(r.group_norm))) return true;
    }
  }
  return false;
}

class TableExtractor {
 public:
  TableExtractor(const LineView& view, LineRange range, TableId table, const FormatSpec& spec, Report* report)
      : view_(view), range_(range), table_(table), spec_(spec), report_(report) {}

  void Run() {
    TokenizeLines(view_, range_.begin, range_.end, &toks_, &text_);
    slots_ = BuildSlots(table_, spec_);
    MarkPlaceholders();
    BuildGroups();
    MatchGroups();
    Report();
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
    if (table_ == TableId::kT4) return spec_.t4_cols.size() * spec_.t4_blocks.size();
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
        cur.label.append(Text(t));
        cur.placeholders += pending_placeholders;
        pending_placeholders = 0;
        continue;
      }
      ++line_values;
      bool first_value_of_line = new_line || (i > 0 && toks_[i - 1].line != t.line);
      if (cur_open && !cur.vals.empty() && first_value_of_line && prev_line_values >= 2 && cur.vals.size() >= SplitAt()) {
        groups_.push_back(std::move(cur));
        cur = Group{};
      }
      if (!cur_open || (cur.vals.empty() && cur.label.empty())) cur.first_line = t.line;
      cur_open = true;
      cur.vals.push_back(static_cast<uint32_t>(i));
    }
    if (cur_open && !cur.vals.empty()) groups_.push_back(std::move(cur));
  }

  void MatchGroups() {
    size_t cursor = 0;
    for (size_t gi = 0; gi < groups_.size() && cursor < slots_.size(); ++gi) {
      Group& g = groups_[gi];
      int best = -1;
      Quality best_q = kNoMatch;
      std::string variant;
      if (table_ != TableId::kT4) {
        for (int pass = 0; pass < 2 && best < 0; ++pass) {
          bool fuzzy = pass == 1;
          size_t last = fuzzy ? std::min(slots_.size(), cursor + 4) : slots_.size();
          for (size_t s = cursor; s < last; ++s) {
            std::string v;
            Quality q = MatchLabel(g.label, *slots_[s].label, fuzzy, &v);
            if (q > best_q) {
              best_q = q;
              best = static_cast<int>(s);
              variant = v;
            }
            if (q == kExact) break;
          }
        }
      }
      bool positional = false;
      if (best < 0) {
        if (!IsHeaderOnlyLabel(g.label, table_, spec_)) continue;  // narrative numbers, not a table row
        best = static_cast<int>(cursor);
        positional = table_ != TableId::kT4;
      }
      Slot& slot = slots_[best];
      const size_t n = slot.cells.size();
      size_t m = g.vals.size();
      if (m > n + 2) {
        // Several rows ran together without labels: keep the rest for the following rows.
        Group rest;
        rest.first_line = toks_[g.vals[n]].line;
        rest.vals.assign(g.vals.begin() + n, g.vals.end());
        g.vals.resize(n);
        groups_.insert(groups_.begin() + gi + 1, std::move(rest));
        m = n;
      }
      if (m < n) {
        incomplete_.push_back({best, m});
        cursor = best + 1;
        continue;
      }
      size_t skip = m - n;  // leading values standing in for lost labels
      bool repaired = positional || skip > 0 || g.placeholders > 0;
      for (size_t c = 0; c < n; ++c) {
        const Token& t = toks_[g.vals[skip + c]];
        CellValue& cv = report_->cells[slot.cells[c]];
        cv.at = view_.cells[t.cell].at;
        cv.repaired = repaired;
        if (t.kind == TokKind::kBlank) {
          cv.state = CellState::kBlank;
        } else {
          cv.state = CellState::kValue;
          cv.value = t.value;
          cv.integral = t.integral;
          if (t.yuan && spec_.cells[slot.cells[c]].type == ValueType::kAmount) {
            cv.value = t.value / 10000.0;
            cv.integral = false;
            yuan_converted_.push_back(slot.cells[c]);
          }
        }
      }
      if (table_ != TableId::kT4) {
        if (positional) repaired_.push_back(best);
        else ++by_label_;
        if (!positional && (skip > 0 || g.placeholders > 0)) stray_.push_back(best);
        if (best_q == kAlias || best_q == kFuzzy) deviations_.push_back({best, variant});
      } else {
        ++by_label_;
      }
      filled_.push_back(best);
      if (first_line_ == UINT32_MAX) first_line_ = g.first_line;
      if (header_text_.empty() && gi == 0) header_text_ = g.label;
      cursor = best + 1;
    }
  }

  std::string CellList(const std::vector<int>& cells) const {
    std::string s;
    for (int c : cells) {
      if (!s.empty()) s += "、";
      s += spec_.cells[c].id;
    }
    return s;
  }

  void Report() {
    TableExtraction& te = report_->tables[static_cast<int>(table_)];
    te.present = !filled_.empty();
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
      if (!stray_.empty()) {
        f.message += std::string(f.message.empty() ? tname : "另有") + std::to_string(stray_.size()) +
                     "行的行首多出数字（分组标签在转换中被“0”等字符代替），已按行标签识别，多出的数字未计入表格。";
      }
      int first = !repaired_.empty() ? repaired_.front() : stray_.front();
      f.at = report_->cells[slots_[first].cells.front()].at;
      report_->findings.push_back(std::move(f));
    }
    for (const auto& [s, variant] : deviations_) {
      Finding f;
      f.rule = "S2";
      f.severity = Severity::kInfo;
      for (int c : slots_[s].cells) f.cells.push_back(spec_.cells[c].id);
      f.message = std::string(tname) + "行标签“" + variant + "”与模板“" + slots_[s].label->text + "”不一致，已按模板行识别。";
      f.at = report_->cells[slots_[s].cells.front()].at;
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
      if (done[s]) continue;
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
    for (int c : yuan_converted_) {
      Finding f;
      f.rule = "S2";
      f.severity = Severity::kInfo;
      f.cells.push_back(spec_.cells[c].id);
      f.message = spec_.cells[c].label + "以“元”为单位填写，模板单位为万元，已换算为" +
                  std::to_string(report_->cells[c].value) + "万元。";
      f.at = report_->cells[c].at;
      report_->findings.push_back(std::move(f));
    }
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
  xxgk::Report* report_;
  std::vector<Token> toks_;
  std::string text_;
  std::vector<bool> placeholder_;
  std::vector<Slot> slots_;
  std::vector<Group> groups_;
  std::vector<int> filled_, repaired_, stray_, yuan_converted_;
  std::vector<std::pair<int, std::string>> deviations_;
  std::vector<std::pair<int, size_t>> incomplete_;
  int by_label_ = 0;
  uint32_t first_line_ = UINT32_MAX;
  std::string header_text_;
};

}  // namespace

void ExtractTable(const LineView& view, LineRange range, TableId table, const FormatSpec& spec, Report* report) {
  if (range.empty() || !spec.has_tables) return;
  TableExtractor ex(view, range, table, spec, report);
  ex.Run();
}

}  // namespace xxgk
