// The damage models' readings: what each model can make of a row, in isolation (the arithmetic that
// chooses among readings is tested through whole documents in extract_layouts_test and damage_property).
#include "extract/damage_models.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace xxgk {
namespace {

// A row of written numbers; the strings are kept alive for the views in RowLayout.
struct Row {
  std::vector<std::string> parts;
  RowLayout layout;
  explicit Row(std::vector<std::string> p) : parts(std::move(p)) {
    for (const auto& s : parts) layout.numbers.push_back({s, false, false, false});
    layout.each_on_own_line = layout.in_table_cells = true;
  }
};

std::vector<std::vector<double>> Values(DamageModel m, const Row& row, size_t cells) {
  std::vector<Reading> out;
  EXPECT_TRUE(EnumerateReadings(m, row.layout, cells, 100000, &out));
  std::vector<std::vector<double>> v;
  for (const auto& r : out) v.push_back(r.values);
  return v;
}

bool Contains(const std::vector<std::vector<double>>& all, const std::vector<double>& one) {
  for (const auto& v : all) if (v == one) return true;
  return false;
}

TEST(SeparatorsLost, EveryCutUsesEveryDigitWithoutLeadingZeros) {
  EXPECT_TRUE(Contains(Values(DamageModel::kSeparatorsLost, Row({"21710000218"}), 7), {217, 1, 0, 0, 0, 0, 218}));
  EXPECT_EQ(Values(DamageModel::kSeparatorsLost, Row({"007"}), 3).size(), 1u);  // only 0|0|7
  EXPECT_TRUE(Values(DamageModel::kSeparatorsLost, Row({"12"}), 3).empty());    // too few digits
  EXPECT_TRUE(Contains(Values(DamageModel::kSeparatorsLost, Row({"230", "000023"}), 7), {23, 0, 0, 0, 0, 0, 23}));
}

TEST(SeparatorsLost, DecimalPointStaysInTheLastValueAndParsesExactly) {
  std::vector<Reading> out;
  Row row({"13575394432.52"});
  EnumerateReadings(DamageModel::kSeparatorsLost, row.layout, 2, 1000, &out);
  ASSERT_FALSE(out.empty());
  for (const auto& r : out) EXPECT_TRUE(r.fractional[1] && !r.fractional[0]);
  out.clear();
  Row amount({"453754632.81"});
  EnumerateReadings(DamageModel::kCollapsedRuns, amount.layout, 1 + 1, 1000, &out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].values[0], 453754632.81);  // the same double as the literal
}

TEST(SeparatorsLost, PathologicalRunsAreBounded) {
  Row row({std::string(60, '1')});
  std::vector<Reading> out;
  EXPECT_FALSE(EnumerateReadings(DamageModel::kSeparatorsLost, row.layout, 15, 4096, &out));  // gives up, and says so
}

TEST(CollapsedRuns, EachValueCoversARunOfEqualCells) {
  auto v = Values(DamageModel::kCollapsedRuns, Row({"9", "0", "9"}), 7);
  EXPECT_EQ(v.size(), 15u);  // C(6, 2) ways to choose the run lengths
  EXPECT_TRUE(Contains(v, {9, 0, 0, 0, 0, 0, 9}));
  EXPECT_TRUE(Contains(v, {9, 9, 9, 9, 9, 0, 9}));
  EXPECT_EQ(Values(DamageModel::kCollapsedRuns, Row({"0"}), 15), (std::vector<std::vector<double>>{std::vector<double>(15, 0)}));
  // Equal adjacent values cannot both have been printed by a crawler that drops repeats.
  EXPECT_TRUE(Values(DamageModel::kCollapsedRuns, Row({"1", "1"}), 3).empty());
}

TEST(CellsLost, PrintedValuesKeepTheirOrderAndTheRestAreUnknown) {
  std::vector<Reading> out;
  Row row({"22", "235"});
  ASSERT_TRUE(EnumerateReadings(DamageModel::kCellsLost, row.layout, 3, 1000, &out));
  ASSERT_EQ(out.size(), 3u);  // the lost cell is first, second or third
  std::vector<std::string> shown;
  for (const auto& r : out) shown.push_back(FormatReading(r));
  EXPECT_EQ(shown, (std::vector<std::string>{"22|235|?", "22|?|235", "?|22|235"}));
}

TEST(Readings, AcceptPrunesPartialReadings) {
  // Only readings whose first cell is 9 survive; pruning happens as cells are added.
  std::vector<Reading> out;
  Row row({"9", "0", "9"});
  int calls = 0;
  EnumerateReadings(DamageModel::kCollapsedRuns, row.layout, 7, 1000, &out, [&](const Reading& r) {
    ++calls;
    return r.values.size() < 2 || r.values[1] == 0;
  });
  for (const auto& r : out) EXPECT_EQ(r.values[1], 0);
  EXPECT_EQ(out.size(), 5u);  // 9 | 0-run of 1..5 | 9-run of the rest
}

TEST(PossibleModels, FollowTheLayout) {
  Row row({"9", "0", "9"});
  EXPECT_EQ(PossibleModels(row.layout, 7, 0xff), Bit(DamageModel::kCollapsedRuns) | Bit(DamageModel::kCellsLost));
  row.layout.each_on_own_line = false;
  EXPECT_EQ(PossibleModels(row.layout, 7, 0xff), Bit(DamageModel::kCellsLost));
  EXPECT_EQ(PossibleModels(row.layout, 3, 0xff), 0);  // a full row needs no model
  Row digits({"21710000218"});
  digits.layout.each_on_own_line = digits.layout.in_table_cells = false;
  EXPECT_EQ(PossibleModels(digits.layout, 7, 0xff), Bit(DamageModel::kSeparatorsLost));
  EXPECT_EQ(PossibleModels(digits.layout, 7, Bit(DamageModel::kCollapsedRuns)), 0);  // not allowed by the document
}

}  // namespace
}  // namespace xxgk
