// The same report as txt, html, docx and pdf must give identical tables, format, agency and year.
// The html/docx/pdf fixtures in tests/fixtures/ were made from the samples by make_fixtures.py (LibreOffice).
#include <gtest/gtest.h>

#include <filesystem>

#include "test_util.h"

namespace {

using namespace xxgk;

class SameReport : public ::testing::TestWithParam<std::tuple<std::string, std::string>> {};

TEST_P(SameReport, EveryFormatGivesTheSameTables) {
  const auto& [stem, ext] = GetParam();
  auto txt = ProcessDocument(test::ReadFile(test::SourcePath("samples/" + stem + ".txt")), stem + ".txt");
  auto other = ProcessDocument(test::ReadFile(test::SourcePath("tests/fixtures/" + stem + "." + ext)), stem + "." + ext);
  ASSERT_TRUE(txt);
  ASSERT_TRUE(other) << other.error().message;
  EXPECT_EQ(other->format_id, txt->format_id);
  EXPECT_EQ(other->agency, txt->agency);
  EXPECT_EQ(other->year, txt->year);
  ASSERT_EQ(other->cells.size(), txt->cells.size());
  for (size_t c = 0; c < txt->cells.size(); ++c) {
    EXPECT_EQ(other->cells[c].state, txt->cells[c].state) << txt->format->cells[c].id;
    EXPECT_EQ(other->cells[c].value, txt->cells[c].value) << txt->format->cells[c].id;
  }
  for (int t = 0; t < kTableCount; ++t) EXPECT_EQ(other->tables[t].present, txt->tables[t].present);
  EXPECT_EQ(other->sections.size(), txt->sections.size());
  EXPECT_EQ(other->ErrorCount(), txt->ErrorCount());
}

std::vector<std::string> Stems() {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(test::SourcePath("tests/fixtures"))) {
    if (e.path().extension() == ".html") out.push_back(e.path().stem().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string Name(const ::testing::TestParamInfo<std::tuple<std::string, std::string>>& info) {
  return std::get<0>(info.param) + "_" + std::get<1>(info.param);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, SameReport,
                         ::testing::Combine(::testing::ValuesIn(Stems()), ::testing::Values("html", "docx", "pdf")), Name);

}  // namespace
