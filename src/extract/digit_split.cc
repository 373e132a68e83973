#include "extract/digit_split.h"

namespace xxgk {
namespace {

double ParseDigits(std::string_view s, bool* fractional) {
  double v = 0;
  size_t i = 0;
  for (; i < s.size() && s[i] != '.'; ++i) v = v * 10 + (s[i] - '0');
  *fractional = false;
  if (i < s.size()) {
    double scale = 0.1;
    for (++i; i < s.size(); ++i, scale /= 10) v += scale * (s[i] - '0');
    *fractional = true;
  }
  return v;
}

// A valid cell value as written: "0", or digits without a leading zero; "0.5" allowed.
bool ValidPart(std::string_view s) {
  if (s.empty()) return false;
  if (s[0] == '0' && s.size() > 1 && s[1] != '.') return false;
  return s[0] != '.';
}

struct Enumerator {
  const std::vector<WrittenNumber>& numbers;
  size_t cells;
  size_t limit;
  std::vector<Split>* out;
  const std::function<bool(const Split&)>* accept;
  Split cur;
  bool complete = true;
  size_t nodes = 0;
  std::vector<size_t> digits_after;  // digits in numbers[k+1 …]

  // Cuts numbers[k] starting at offset `from` (the rest of the number), with `left` cells still to fill.
  void Number(size_t k, size_t from, size_t left) {
    if (!complete) return;
    if (++nodes > 1000000) {  // a budget: pathological runs of digits are left unsplit
      complete = false;
      return;
    }
    if (k == numbers.size()) {
      if (left == 0) {
        if (*accept && !(*accept)(cur)) return;
        if (out->size() >= limit) {
          complete = false;
          return;
        }
        out->push_back(cur);
      }
      return;
    }
    const WrittenNumber& w = numbers[k];
    std::string_view rest = w.digits.substr(from);
    // Cells the numbers after this one need at least.
    size_t later = numbers.size() - k - 1;
    if (left < 1 + later) return;
    // Every cell needs at least one digit.
    size_t rest_digits = 0;
    for (char c : rest) rest_digits += c != '.';
    if (rest_digits + digits_after[k] < left) return;
    size_t dot = rest.find('.');
    // Option 1: the rest of this number is one value.
    if (ValidPart(rest) && left - 1 >= later) {
      Push(w, rest, from == 0, true);
      if (!*accept || left - 1 == 0 || (*accept)(cur)) Number(k + 1, 0, left - 1);
      Pop();
    }
    // Option 2: cut a value off the front (never through the decimal point).
    size_t max_len = dot == std::string_view::npos ? rest.size() - 1 : dot;
    for (size_t len = 1; len <= max_len && left - 1 > later; ++len) {
      std::string_view part = rest.substr(0, len);
      if (!ValidPart(part)) continue;
      Push(w, part, from == 0, false);
      if (!*accept || (*accept)(cur)) Number(k, from + len, left - 1);
      Pop();
      if (!complete) return;
    }
  }

  void Push(const WrittenNumber& w, std::string_view part, bool first, bool last) {
    bool frac = false;
    double v = ParseDigits(part, &frac);
    if (first && w.negative) v = -v;
    cur.values.push_back(v);
    cur.yuan.push_back(last && w.yuan);
    cur.fractional.push_back(frac);
  }
  void Pop() {
    cur.values.pop_back();
    cur.yuan.pop_back();
    cur.fractional.pop_back();
  }
};

}  // namespace

bool EnumerateSplits(const std::vector<WrittenNumber>& numbers, size_t cells, size_t limit, std::vector<Split>* out,
                     const std::function<bool(const Split&)>& accept) {
  Enumerator e{numbers, cells, limit, out, &accept, {}, true, 0, {}};
  if (numbers.empty() || cells == 0) return true;
  e.digits_after.assign(numbers.size(), 0);
  for (size_t k = numbers.size() - 1; k > 0; --k) {
    size_t d = 0;
    for (char c : numbers[k].digits) d += c != '.';
    e.digits_after[k - 1] = e.digits_after[k] + d;
  }
  e.Number(0, 0, cells);
  return e.complete;
}

}  // namespace xxgk
