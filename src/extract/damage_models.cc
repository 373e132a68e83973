#include "extract/damage_models.h"

#include "core/numbers.h"

namespace xxgk {
namespace {

double ParseDigits(std::string_view s, bool* fractional) {
  // Integer digits and fraction digits are accumulated separately and divided once, so "453754632.81"
  // gives the same double as the literal.
  double whole = 0, frac = 0, scale = 1;
  size_t i = 0;
  for (; i < s.size() && s[i] != '.'; ++i) whole = whole * 10 + (s[i] - '0');
  *fractional = false;
  if (i < s.size()) {
    for (++i; i < s.size(); ++i) {
      frac = frac * 10 + (s[i] - '0');
      scale *= 10;
    }
    *fractional = true;
  }
  return *fractional ? (whole * scale + frac) / scale : whole;
}

// A valid cell value as written: "0", or digits without a leading zero; "0.5" allowed.
bool ValidPart(std::string_view s) {
  if (s.empty()) return false;
  if (s[0] == '0' && s.size() > 1 && s[1] != '.') return false;
  return s[0] != '.';
}

// The partial reading being built, shared by the three enumerators.
struct Builder {
  size_t limit;
  std::vector<Reading>* out;
  const std::function<bool(const Reading&)>* accept;
  Reading cur;
  bool complete = true;
  size_t nodes = 0;
  size_t* work = nullptr;  // the document's steps left, when bounded

  bool Budget() {
    // Pathological inputs are left unread, and say so.
    if (++nodes > 1000000 || (work && *work == 0)) complete = false;
    else if (work) --*work;
    return complete;
  }
  void Push(double v, bool known, bool yuan, bool frac) {
    cur.values.push_back(v);
    cur.known.push_back(known);
    cur.yuan.push_back(yuan);
    cur.fractional.push_back(frac);
  }
  void Pop() {
    cur.values.pop_back();
    cur.known.pop_back();
    cur.yuan.pop_back();
    cur.fractional.pop_back();
  }
  bool Accepts() const { return !*accept || (*accept)(cur); }
  void Emit() {
    if (out->size() >= limit) {
      complete = false;
      return;
    }
    out->push_back(cur);
  }
};

// kSeparatorsLost: every way to cut the written digits into the cells.
struct DigitCutter {
  const std::vector<WrittenNumber>& numbers;
  Builder& b;
  std::vector<size_t> digits_after;  // digits in numbers[k+1 …]

  // Cuts numbers[k] starting at offset `from` (the rest of the number), with `left` cells still to fill.
  void Number(size_t k, size_t from, size_t left) {
    if (!b.Budget()) return;
    if (k == numbers.size()) {
      if (left == 0 && b.Accepts()) b.Emit();
      return;
    }
    const WrittenNumber& w = numbers[k];
    std::string_view rest = w.digits.substr(from);
    size_t later = numbers.size() - k - 1;  // cells the numbers after this one need at least
    if (left < 1 + later) return;
    size_t rest_digits = 0;
    for (char c : rest) rest_digits += c != '.';
    if (rest_digits + digits_after[k] < left) return;  // every cell needs at least one digit
    size_t dot = rest.find('.');
    // The rest of this number is one value.
    if (ValidPart(rest)) {
      Push(w, rest, from == 0, true);
      if (left - 1 == 0 || b.Accepts()) Number(k + 1, 0, left - 1);
      b.Pop();
    }
    // Or cut a value off its front (never through the decimal point).
    size_t max_len = dot == std::string_view::npos ? rest.size() - 1 : dot;
    for (size_t len = 1; len <= max_len && left - 1 > later; ++len) {
      std::string_view part = rest.substr(0, len);
      if (!ValidPart(part)) continue;
      Push(w, part, from == 0, false);
      if (b.Accepts()) Number(k, from + len, left - 1);
      b.Pop();
      if (!b.complete) return;
    }
  }

  void Push(const WrittenNumber& w, std::string_view part, bool first, bool last) {
    bool frac = false;
    double v = ParseDigits(part, &frac);
    if (first && w.negative) v = -v;
    b.Push(v, true, last && w.yuan, frac);
  }
};

double WrittenValue(const WrittenNumber& w, bool* frac) {
  double v = ParseDigits(w.digits, frac);
  return w.negative ? -v : v;
}

// kCollapsedRuns: each printed value stands for a run of one or more equal cells.
struct RunExpander {
  const std::vector<WrittenNumber>& numbers;
  Builder& b;

  void Run(size_t k, size_t left) {
    if (!b.Budget()) return;
    if (k == numbers.size()) {
      if (left == 0 && b.Accepts()) b.Emit();
      return;
    }
    size_t later = numbers.size() - k - 1;
    if (left < 1 + later) return;
    bool frac = false;
    const double v = WrittenValue(numbers[k], &frac);
    // This value covers len cells (1 … left - later).
    size_t pushed = 0;
    bool ok = true;
    for (size_t len = 1; len + later <= left && ok; ++len) {
      b.Push(v, true, numbers[k].yuan, frac);
      ++pushed;
      ok = b.Accepts();
      if (ok && k + 1 < numbers.size()) Run(k + 1, left - len);
      else if (ok && len == left) b.Emit();
      if (!b.complete) break;
    }
    for (size_t i = 0; i < pushed; ++i) b.Pop();
  }
};

// kCellsLost: the printed values in order, with the lost cells anywhere among them; with cut_digits, a
// printed number may also be cut into several values (as kSeparatorsLost cuts it).
struct GapPlacer {
  const std::vector<WrittenNumber>& numbers;
  Builder& b;
  bool cut_digits;

  // Fills the next cell, numbers[k] being read from offset `from`, with `left` cells to fill.
  void Place(size_t k, size_t from, size_t left) {
    if (!b.Budget()) return;
    if (left == 0) {
      if (k == numbers.size() && b.Accepts()) b.Emit();
      return;
    }
    const size_t values_left = numbers.size() - k;  // numbers not yet placed (this one included)
    if (values_left > left) return;
    if (values_left > 0) {
      const WrittenNumber& w = numbers[k];
      std::string_view rest = w.digits.substr(from);
      // The next cell holds the rest of this number …
      if (ValidPart(rest)) {
        bool frac = false;
        double v = ParseDigits(rest, &frac);
        if (from == 0 && w.negative) v = -v;
        b.Push(v, true, w.yuan, frac);
        if (b.Accepts()) Place(k + 1, 0, left - 1);
        b.Pop();
        if (!b.complete) return;
      }
      // … or a piece cut off its front.
      if (cut_digits) {
        size_t dot = rest.find('.');
        size_t max_len = dot == std::string_view::npos ? rest.size() - 1 : dot;
        for (size_t len = 1; len <= max_len && left > values_left; ++len) {
          std::string_view part = rest.substr(0, len);
          if (!ValidPart(part)) continue;
          bool frac = false;
          double v = ParseDigits(part, &frac);
          if (from == 0 && w.negative) v = -v;
          b.Push(v, true, false, frac);
          if (b.Accepts()) Place(k, from + len, left - 1);
          b.Pop();
          if (!b.complete) return;
        }
      }
    }
    if (values_left < left) {  // or the next cell was lost
      b.Push(0, false, false, false);
      if (b.Accepts()) Place(k, from, left - 1);
      b.Pop();
    }
  }
};

}  // namespace

const char* DamageModelChinese(DamageModel m) {
  switch (m) {
    case DamageModel::kSeparatorsLost: return "相邻单元格的数字连在一起";
    case DamageModel::kCollapsedRuns: return "相邻相同的单元格只印一次";
    case DamageModel::kCellsLost: return "部分单元格在转换中丢失";
  }
  return "";
}

DamageSet PossibleModels(const RowLayout& row, size_t cells, DamageSet allowed) {
  const size_t m = row.numbers.size();
  if (m == 0 || m >= cells) return 0;
  DamageSet s = 0;
  size_t digits = 0;
  for (const auto& w : row.numbers) {
    for (char c : w.digits) digits += c != '.';
  }
  // Values standing one per line were separated by line breaks, which conversions keep: they did not run
  // together (a single value alone on its line may still be a whole row run together).
  if (Has(allowed, DamageModel::kSeparatorsLost) && digits >= cells && !(m >= 2 && row.each_on_own_line)) {
    s |= Bit(DamageModel::kSeparatorsLost);
  }
  if (Has(allowed, DamageModel::kCollapsedRuns) && row.each_on_own_line) s |= Bit(DamageModel::kCollapsedRuns);
  if (Has(allowed, DamageModel::kCellsLost) && row.in_table_cells) s |= Bit(DamageModel::kCellsLost);
  return s;
}

bool EnumerateReadings(DamageModel m, const RowLayout& row, size_t cells, size_t limit, std::vector<Reading>* out,
                       const std::function<bool(const Reading&)>& accept, bool cut_digits, size_t* work) {
  if (row.numbers.empty() || cells == 0) return true;
  Builder b{limit, out, &accept, {}, true, 0, work};
  b.cur.model = m;
  switch (m) {
    case DamageModel::kSeparatorsLost: {
      DigitCutter d{row.numbers, b, std::vector<size_t>(row.numbers.size(), 0)};
      for (size_t k = row.numbers.size() - 1; k > 0; --k) {
        size_t n = 0;
        for (char c : row.numbers[k].digits) n += c != '.';
        d.digits_after[k - 1] = d.digits_after[k] + n;
      }
      d.Number(0, 0, cells);
      break;
    }
    case DamageModel::kCollapsedRuns: {
      // A number written with a leading zero ("00378927") is digits run together, never one cell's value.
      for (const auto& w : row.numbers) if (!ValidPart(w.digits)) return true;
      // Adjacent printed values are different by construction (equal ones would have collapsed).
      for (size_t k = 0; k + 1 < row.numbers.size(); ++k) {
        if (row.numbers[k].digits == row.numbers[k + 1].digits && row.numbers[k].negative == row.numbers[k + 1].negative) {
          return true;
        }
      }
      RunExpander r{row.numbers, b};
      r.Run(0, cells);
      break;
    }
    case DamageModel::kCellsLost: {
      if (!cut_digits) {
        for (const auto& w : row.numbers) if (!ValidPart(w.digits)) return true;  // as above
      }
      GapPlacer g{row.numbers, b, cut_digits};
      g.Place(0, 0, cells);
      break;
    }
  }
  return b.complete;
}

std::string FormatReading(const Reading& r) {
  std::string s;
  for (size_t i = 0; i < r.values.size(); ++i) {
    if (i) s.push_back('|');
    s += r.known[i] ? FormatNumber(r.values[i]) : std::string("?");
  }
  return s;
}

}  // namespace xxgk
