// Damage models: the named ways in which conversions and crawlers mangle a table row, and the readings
// each allows. A row printed with fewer values than the format's cells is read under every model that is
// in play for its document; the table's arithmetic and the narrative then keep the readings that hold
// (joint_solve.h), and a cell is filled only when every surviving reading gives it the same value.
//
// The models, and the evidence that puts each in play for a document (decided in tables.cc):
//
//   kSeparatorsLost  The separators between adjacent cells were dropped and their digits ran together:
//                    "21710000218" for 217|1|0|0|0|0|218. Possible unless the row's values stand one per
//                    line (line breaks survive conversions). In play when some row can be read under this
//                    model and not under kCollapsedRuns.
//   kCollapsedRuns   A crawler dropped every line that repeats the line before it, so equal adjacent cells
//                    printed one per line show once: "9 / 0 / 9" for 9|0|0|0|0|0|9, and an all-zero row
//                    or a whole all-zero table 4 as one "0". Possible only where each value of the row
//                    stands alone on its own line, and only in a document that has no two identical
//                    consecutive lines anywhere (the crawler removed them all). In play when some row can
//                    be read under this model and not under kSeparatorsLost.
//   kCellsLost       Cells of a row went missing (a blank or multi-line cell dropped by a PDF → Markdown
//                    conversion): "|规章|22|235|" is 22|?|235. The lost cells stay unknown; the model only
//                    says where the values printed may sit. Possible where the row's values stand apart as
//                    cells do (their own table cells, their own lines, or set off by white space). Since it leaves cells unknown, it is the weakest
//                    explanation: in play only when some row can be read under it and under neither model
//                    above. Every model in play contributes its readings to every short row.
//
// Two more kinds of damage are handled before readings are enumerated, during grouping and label
// alignment (tables.cc): labels lost or displaced (rows matched by the fixed row order, S4), and cells
// split across lines (a header's "2019" on one line and "年起" on the next is text, not a value).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>


namespace xxgk {

enum class DamageModel : uint8_t { kSeparatorsLost = 0, kCollapsedRuns = 1, kCellsLost = 2 };
inline constexpr int kDamageModelCount = 3;

// A set of models, one bit each.
using DamageSet = uint8_t;
inline constexpr DamageSet Bit(DamageModel m) { return static_cast<DamageSet>(1u << static_cast<int>(m)); }
inline constexpr bool Has(DamageSet s, DamageModel m) { return (s & Bit(m)) != 0; }

// The model's name for an officer ("数字连在一起", …).
const char* DamageModelChinese(DamageModel m);

// A number as written: its digits, sign, decimal point and unit.
struct WrittenNumber {
  std::string_view digits;  // ASCII digits, decimal point included when present ("13575394432.52")
  bool has_sign = false;
  bool negative = false;
  bool yuan = false;        // followed by 元
};

// One way to read a damaged row: a value per cell, or unknown where the model says the cell was lost.
struct Reading {
  DamageModel model = DamageModel::kSeparatorsLost;
  std::vector<double> values;
  std::vector<bool> known;       // false: the cell was lost (kCellsLost); its value is not read
  std::vector<bool> yuan;        // the value was written with the unit 元
  std::vector<bool> fractional;  // the value has a fractional part
};

// How the numbers of a row sit in the document: what decides which models are possible for it.
struct RowLayout {
  std::vector<WrittenNumber> numbers;  // in order
  bool each_on_own_line = false;       // every value is the only token of its line, lines in order
  bool in_table_cells = false;         // every value stands apart as a cell would: its own table cell, its own
                                       // line, or set off by white space (not glued to text: "数据1")
};

// The models that could have produced this row from `cells` cells, given its layout and what the document
// allows (`allowed`).
DamageSet PossibleModels(const RowLayout& row, size_t cells, DamageSet allowed);

// Appends to *out the readings of `row` into exactly `cells` values under model `m`, in a stable order.
// `accept` is asked about every partial reading as each cell is added (and about the complete one); a false
// answer prunes it and every reading that extends it. Stops after `limit` accepted readings (returns false
// then: the caller must not conclude anything from an incomplete enumeration).
// With `cut_digits`, kCellsLost readings may also cut a printed number into several cells (cells lost and the
// rest run together, both in one row); the other models ignore it.
// Work is bounded: at most 1,000,000 steps for the row, and, when `work` is given, at most *work steps left
// for the whole document (decremented; at 0 every further enumeration stops incomplete), so a document of many
// pathological rows costs no more than one budget.
bool EnumerateReadings(DamageModel m, const RowLayout& row, size_t cells, size_t limit, std::vector<Reading>* out,
                       const std::function<bool(const Reading&)>& accept = nullptr, bool cut_digits = false,
                       size_t* work = nullptr);

// "7|0|0|0|0|0|7", with "?" for unknown cells.
std::string FormatReading(const Reading& r);

}  // namespace xxgk
