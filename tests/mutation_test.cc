// Mutation tests: for each sample report, copies with one table number changed must (a) read the changed
// number into the same cell, and (b) for tables 3 and 4 raise the arithmetic rule at that cell
// (C2 for every table-3 cell, C4 for every table-4 cell).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "test_util.h"

namespace {

using namespace xxgk;

// Replaces the first digit run of the tab-separated cell at `at` in text by `replacement`.
bool MutateAt(std::string* text, const Provenance& at, const std::string& replacement) {
  size_t pos = 0;
  for (uint32_t line = 1; line < at.line; ++line) {
    pos = text->find('\n', pos);
    if (pos == std::string::npos) return false;
    ++pos;
  }
  size_t end = text->find('\n', pos);
  if (end == std::string::npos) end = text->size();
  size_t cell = pos;
  for (int c = 0; c < std::max(at.col, 0); ++c) {
    cell = text->find('\t', cell);
    if (cell == std::string::npos || cell >= end) return false;
    ++cell;
  }
  size_t cell_end = text->find('\t', cell);
  if (cell_end == std::string::npos || cell_end > end) cell_end = end;
  if (at.col < 0) cell_end = end;
  size_t d = cell;
  while (d < cell_end && !std::isdigit(static_cast<unsigned char>((*text)[d]))) ++d;
  if (d >= cell_end) return false;
  size_t e = d;
  while (e < cell_end && std::isdigit(static_cast<unsigned char>((*text)[e]))) ++e;
  text->replace(d, e - d, replacement);
  return true;
}

class Mutation : public ::testing::TestWithParam<std::string> {};

TEST_P(Mutation, EveryChangedCellIsReadAndFlagged) {
  const std::string original = test::ReadFile(GetParam());
  auto base = ProcessDocument(original, "x.txt");
  ASSERT_TRUE(base) << base.error().message;
  const FormatSpec& f = *base->format;
  int mutated = 0;
  for (size_t c = 0; c < base->cells.size(); ++c) {
    const CellValue& cv = base->cells[c];
    if (cv.state != CellState::kValue || !cv.integral) continue;
    const CellDef& def = f.cells[c];
    long long changed = static_cast<long long>(cv.value) + 7;
    std::string text = original;
    ASSERT_TRUE(MutateAt(&text, cv.at, std::to_string(changed))) << def.id << " at line " << cv.at.line;
    auto r = ProcessDocument(text, "x.txt");
    ASSERT_TRUE(r) << def.id;
    ASSERT_EQ(r->cells[c].state, CellState::kValue) << def.id;
    EXPECT_EQ(r->cells[c].value, static_cast<double>(changed)) << def.id << " was not read back after the change";
    // No other cell may move.
    for (size_t o = 0; o < base->cells.size(); ++o) {
      if (o == c) continue;
      EXPECT_EQ(r->cells[o].state, base->cells[o].state) << f.cells[o].id << " changed when " << def.id << " was mutated";
      if (r->cells[o].state == CellState::kValue) {
        EXPECT_EQ(r->cells[o].value, base->cells[o].value) << f.cells[o].id;
      }
    }
    const char* want = def.table == TableId::kT3 ? "C2" : def.table == TableId::kT4 ? "C4" : nullptr;
    if (want) {
      bool found = false;
      for (const auto& fd : r->findings) {
        if (fd.rule == want && std::find(fd.cells.begin(), fd.cells.end(), def.id) != fd.cells.end()) found = true;
      }
      EXPECT_TRUE(found) << want << " not raised at " << def.id;
      EXPECT_GT(r->ErrorCount(), 0) << def.id;
    }
    ++mutated;
  }
  EXPECT_GT(mutated, 150);
}

std::string CaseName(const ::testing::TestParamInfo<std::string>& info) {
  std::string s = info.param.substr(info.param.find_last_of('/') + 1);
  for (char& ch : s) if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return s;
}

INSTANTIATE_TEST_SUITE_P(Samples, Mutation, ::testing::ValuesIn(test::SampleReports()), CaseName);

}  // namespace
