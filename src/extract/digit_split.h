// Splitting numbers that ran together when a crawler or converter dropped the cell boundaries:
// "21710000218" for a row of 7 cells is 217|1|0|0|0|0|218. This file enumerates every way to cut the
// written digits into the cells a row must have; the table extractor keeps the ways that satisfy the
// table's arithmetic and the narrative, and uses a split only when exactly one survives.
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

namespace xxgk {

// A number as written: its digits, sign, decimal point and unit.
struct WrittenNumber {
  std::string_view digits;  // ASCII digits, decimal point included when present ("13575394432.52")
  bool has_sign = false;
  bool negative = false;
  bool yuan = false;        // followed by 元
};

// One way to cut: a value per cell, and for each value whether it came with the 元 unit.
struct Split {
  std::vector<double> values;
  std::vector<bool> yuan;
  std::vector<bool> fractional;
};

// Appends to *out every way to cut `numbers`, in order, into exactly `cells` values: each written number
// yields one or more consecutive values; no value but "0" starts with 0; a decimal point stays inside the
// last value of its number; a sign belongs to the first. Stops after `limit` splits (returns false then).
// `accept`, when given, is asked about every partial cut as each value is added (and about the complete
// cut); a false answer prunes that cut and everything that would extend it. Only accepted complete cuts
// are kept and counted.
bool EnumerateSplits(const std::vector<WrittenNumber>& numbers, size_t cells, size_t limit, std::vector<Split>* out,
                     const std::function<bool(const Split&)>& accept = nullptr);

}  // namespace xxgk
