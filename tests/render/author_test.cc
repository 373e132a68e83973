// Authoring: --fill-totals, the templates (JSON and XLSX) read back, and the synthetic corpus whose
// injected defects must be found.
#include <gtest/gtest.h>

#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "check/checker.h"
#include "pipeline/pipeline.h"
#include "render/fill_totals.h"
#include "render/random_report.h"
#include "render/render.h"
#include "render/synth.h"
#include "render/template.h"
#include "report/report_from_json.h"
#include "report/report_json.h"

namespace xxgk {
namespace {

namespace fs = std::filesystem;

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(FillTotals, ComputesEveryTotalFromItsParts) {
  Report want = RandomReport(42, {});
  Report r = want;
  std::vector<bool> cleared(r.cells.size(), false);
  for (const auto& c : r.format->constraints) {
    if ((c.rule == "C2" || c.rule == "C3" || c.rule == "C4") && c.lhs.size() == 1) {
      r.cells[c.lhs[0]].state = CellState::kMissing;
      cleared[c.lhs[0]] = true;
    }
  }
  std::vector<Finding> disagree;
  int filled = FillTotals(&r, &disagree);
  EXPECT_TRUE(disagree.empty());
  EXPECT_EQ(filled, std::count(cleared.begin(), cleared.end(), true));
  for (size_t i = 0; i < r.cells.size(); ++i) {
    ASSERT_EQ(r.cells[i].state, CellState::kValue) << r.format->cells[i].id;
    EXPECT_EQ(r.cells[i].value, want.cells[i].value) << r.format->cells[i].id;
  }
}

TEST(FillTotals, RefusesGivenTotalsThatDisagree) {
  Report r = RandomReport(43, {});
  int idx = r.format->CellIndex("t4.review.total");
  r.cells[idx].value += 2;
  std::vector<Finding> disagree;
  FillTotals(&r, &disagree);
  ASSERT_EQ(disagree.size(), 1u);
  EXPECT_EQ(disagree[0].rule, "C4");
  EXPECT_EQ(disagree[0].cells[0], "t4.review.total");
  EXPECT_EQ(*disagree[0].actual - *disagree[0].expected, 2);
}

TEST(Template, JsonHasEveryCellWithTotalsLeftForFillTotals) {
  for (int year : {2020, 2024}) {
    auto text = TemplateJson(year);
    ASSERT_TRUE(text);
    auto r = ReportFromJson(*text);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->format_id, year == 2020 ? "gov2019trial" : "gov2021");
    EXPECT_EQ(r->sections.size(), 6u);
    int missing = 0;
    for (const auto& c : r->cells) missing += c.state == CellState::kMissing;
    EXPECT_GT(missing, 30);
    std::vector<Finding> disagree;
    FillTotals(&*r, &disagree);
    for (const auto& c : r->cells) EXPECT_EQ(c.state, CellState::kValue);
  }
  EXPECT_FALSE(TemplateJson(2015));
}

TEST(Template, XlsxIsReadBackWithTheValuesTypedIn) {
  fs::path dir = fs::temp_directory_path() / ("xxgk_tmpl_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  // The blank template reads back as zero details and missing totals.
  ASSERT_TRUE(WriteTemplateXlsx(2024, (dir / "blank.xlsx").string()));
  std::string blank = Slurp(dir / "blank.xlsx");
  ASSERT_TRUE(IsXlsx(blank));
  auto r = ReportFromTemplateXlsx(blank);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->format_id, "gov2021");
  EXPECT_EQ(*r->year, 2024);
  // A filled one, as a spreadsheet program saves it (strings shared, a date as a serial number).
  Report want = RandomReport(44, {});
  lxw_workbook* wb = workbook_new((dir / "filled.xlsx").c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "填报");
  lxw_row_t row = 0;
  auto put = [&](const std::string& key, auto value) {
    worksheet_write_string(ws, row, 0, key.c_str(), nullptr);
    if constexpr (std::is_arithmetic_v<decltype(value)>) worksheet_write_number(ws, row, 3, value, nullptr);
    else worksheet_write_string(ws, row, 3, std::string(value).c_str(), nullptr);
    ++row;
  };
  put("format", "gov2021");
  put("year", 2024);
  put("agency", *want.agency);
  put("signed_date", 45672.0);  // 2025-01-15
  for (const auto& s : want.sections) put("section." + s.key, s.text);
  for (size_t i = 0; i < want.cells.size(); ++i) put(want.format->cells[i].id, want.cells[i].value);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  auto got = ReportFromTemplateXlsx(Slurp(dir / "filled.xlsx"));
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ(got->agency, want.agency);
  EXPECT_EQ(*got->signed_date, "2025-01-15");
  for (size_t i = 0; i < want.cells.size(); ++i) EXPECT_EQ(got->cells[i].value, want.cells[i].value) << want.format->cells[i].id;
  EXPECT_EQ(got->FindSection("s1_overview")->text, want.FindSection("s1_overview")->text);
  EXPECT_FALSE(ReportFromTemplateXlsx("PK\x03\x04 not a zip"));
  fs::remove_all(dir);
}

TEST(ReportFromJson, ReadsWhatTheParserWrites) {
  Report want = RandomReport(45, {});
  auto bytes = RenderReport(want, RenderFormat::kText);
  auto parsed = ProcessDocument(*bytes, "r.txt");
  ASSERT_TRUE(parsed);
  std::string json;
  WriteReportJson(*parsed, &json);
  auto back = ReportFromJson(json);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->agency, want.agency);
  EXPECT_EQ(back->signed_date, want.signed_date);
  for (size_t i = 0; i < want.cells.size(); ++i) EXPECT_EQ(back->cells[i].value, want.cells[i].value);
  EXPECT_FALSE(ReportFromJson("[1,2]"));
  EXPECT_FALSE(ReportFromJson(R"({"format":"gov1999"})"));
  EXPECT_FALSE(ReportFromJson(R"({"year":2024,"tables":{"t4":{"review":{"total":"many"}}}})"));
}

// Every injected defect is found (its rules fire); clean reports raise no error and no warning.
TEST(Synth, DefectsAreFoundAndCleanReportsCheckClean) {
  const RenderFormat formats[] = {RenderFormat::kText, RenderFormat::kHtml, RenderFormat::kDocx, RenderFormat::kMarkdown};
  std::set<std::string> defects_seen;
  for (size_t i = 0; i < 240; ++i) {
    SynthReport s = MakeSynthReport(7, i, 0.6);
    RenderFormat f = formats[i % 4];
    auto bytes = RenderReport(s.report, f);
    ASSERT_TRUE(bytes);
    auto got = ProcessDocument(*bytes, std::string("s.") + RenderExtension(f));
    ASSERT_TRUE(got) << got.error().message;
    std::multiset<std::string> rules;
    std::string all;
    for (const auto& fd : got->findings) {
      if (fd.severity == Severity::kInfo) continue;
      rules.insert(fd.rule);
      all += fd.rule + " " + fd.message + "\n";
    }
    for (const auto& want : s.expected_rules) {
      EXPECT_TRUE(rules.count(want)) << "report " << i << " (" << s.defect << ", " << RenderExtension(f) << "): " << want
                                     << " not found; found:\n" << all;
    }
    if (s.defect.empty()) {
      EXPECT_TRUE(rules.empty()) << "clean report " << i << " (" << RenderExtension(f) << "):\n" << all;
    }
    defects_seen.insert(s.defect);
  }
  EXPECT_GE(defects_seen.size(), 9u);  // none and all eight defects
}

}  // namespace
}  // namespace xxgk
