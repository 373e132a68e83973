// The same report written in each table layout seen in real exports must extract to identical tables.
#include <gtest/gtest.h>

#include <random>
#include <set>

#include "pipeline/pipeline.h"
#include "schema/format_spec.h"

namespace xxgk {
namespace {

enum class Layout { kTabs, kCellPerLine, kLabelThenNumbers, kGroupInline, kLostLabels, kSpaces };

struct Values {
  std::vector<long long> v;  // one per cell of the format, in schema order
};

// Random values that satisfy C1–C4 (so a clean report checks clean).
Values RandomValues(const FormatSpec& f, unsigned seed) {
  std::mt19937 rng(seed);
  Values out;
  out.v.assign(f.cells.size(), 0);
  auto small = [&]() { return static_cast<long long>(rng() % 4 == 0 ? rng() % 30 : 0); };
  for (int c = f.table_begin[0]; c < f.table_end[0]; ++c) out.v[c] = small() * 10;
  // in_force ≥ issued − repealed
  size_t ncols = f.t3_cols.size();
  for (size_t r = 0; r < f.t3_rows.size(); ++r) {
    if (!f.t3_rows[r].outcome && f.t3_rows[r].key != "carried_over") continue;
    if (f.t3_rows[r].key == "other_fee_unpaid") continue;  // the text says no fee was charged
    for (size_t c = 0; c + 1 < ncols; ++c) out.v[f.T3Cell(r, c)] = small();
  }
  int nr = f.T3RowIndex("new_received"), co = f.T3RowIndex("carried_over"), rt = f.T3RowIndex("results_total"),
      cf = f.T3RowIndex("carried_forward");
  for (size_t c = 0; c + 1 < ncols; ++c) {
    long long outcomes = 0;
    for (size_t r = 0; r < f.t3_rows.size(); ++r) if (f.t3_rows[r].outcome) outcomes += out.v[f.T3Cell(r, c)];
    out.v[f.T3Cell(rt, c)] = outcomes;
    long long forward = small();
    out.v[f.T3Cell(cf, c)] = forward;
    long long in = outcomes + forward - out.v[f.T3Cell(co, c)];
    if (in < 0) {  // more carried over than handled: carry over less
      out.v[f.T3Cell(co, c)] += in;
      in = 0;
    }
    out.v[f.T3Cell(nr, c)] = in;
  }
  for (size_t r = 0; r < f.t3_rows.size(); ++r) {
    long long sum = 0;
    for (size_t c = 0; c + 1 < ncols; ++c) sum += out.v[f.T3Cell(r, c)];
    out.v[f.T3Cell(r, ncols - 1)] = sum;
  }
  for (size_t b = 0; b < 3; ++b) {
    int base = f.table_begin[2] + static_cast<int>(b) * 5;
    long long sum = 0;
    for (int k = 0; k < 4; ++k) sum += (out.v[base + k] = small());
    out.v[base + 4] = sum;
  }
  return out;
}

std::string Join(const std::vector<long long>& v, size_t from, size_t n, const std::string& sep) {
  std::string s;
  for (size_t i = 0; i < n; ++i) {
    if (i) s += sep;
    s += std::to_string(v[from + i]);
  }
  return s;
}

std::string Render(const FormatSpec& f, const Values& val, Layout layout) {
  std::string s = std::string("某某县卫生健康局") + (f.id == "gov2019trial" ? "2020" : "2024") + "年政府信息公开工作年度报告\n";
  s += "一、总体情况\n本机关依法公开政府信息。\n二、主动公开政府信息情况\n";
  std::string sep = layout == Layout::kSpaces ? " " : "\t";
  auto row = [&](const std::string& label, size_t first, size_t n, const std::string& group) {
    switch (layout) {
      case Layout::kTabs:
      case Layout::kSpaces:
      case Layout::kLostLabels:
        return (group.empty() ? "" : group + sep) + label + sep + Join(val.v, first, n, sep) + "\n";
      case Layout::kGroupInline:
        return group + "\t" + label + "\t" + Join(val.v, first, n, "\t") + "\n";
      case Layout::kCellPerLine:
        return "\t" + label + "\n\t" + Join(val.v, first, n, "\n\t") + "\n\n";
      case Layout::kLabelThenNumbers:
        return "\t" + label + "\n\t" + Join(val.v, first, n, "\t") + "\n";
    }
    return std::string();
  };
  int cell = f.table_begin[0];
  for (const auto& b : f.t2) {
    s += b.caption.text + "\n信息内容";
    for (const auto& c : b.cols) s += "\t" + c.label.text;
    s += "\n";
    for (const auto& r : b.rows) {
      s += row(r.label.text, cell, b.cols.size(), "");
      cell += static_cast<int>(b.cols.size());
    }
  }
  s += "三、收到和处理政府信息公开申请情况\n" + f.t3_note.text + "\t申请人情况\n\t自然人\t法人或其他组织\t总计\n";
  s += "\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\n";
  std::string last_group;
  for (size_t r = 0; r < f.t3_rows.size(); ++r) {
    const RowDef& rd = f.t3_rows[r];
    std::string group = rd.group != last_group && rd.group != "三、本年度办理结果" ? rd.group : "";
    if (rd.group == "三、本年度办理结果" && last_group != rd.group && r > 0 && f.t3_rows[r - 1].group.empty()) group = rd.group;
    last_group = rd.group;
    std::string label = rd.label.text;
    if (layout == Layout::kLostLabels && !rd.group.empty() && rd.key != "results_total") {
      label = "0";  // the label replaced by "0", as in real exports
      group = "";
    }
    if (layout == Layout::kLostLabels && rd.key == "results_total") label = "0";
    s += row(label, f.T3Cell(r, 0), f.t3_cols.size(), layout == Layout::kGroupInline ? group : (layout == Layout::kLostLabels ? "" : group));
  }
  s += "四、政府信息公开行政复议、行政诉讼情况\n行政复议\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉\n";
  s += "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n";
  s += Join(val.v, f.table_begin[2], 15, layout == Layout::kCellPerLine ? "\n" : "\t") + "\n";
  s += "五、存在的主要问题及改进情况\n问题是公开深度不够，将加强培训。\n六、其他需要报告的事项\n本机关未收取信息处理费。\n";
  return s;
}

// Both formats: gov2021, and gov2019trial (table 2 with 22 cells, a single （六）其他处理 row).
class Layouts : public ::testing::TestWithParam<std::tuple<const char*, Layout, unsigned>> {};

TEST_P(Layouts, ExtractExactly) {
  auto [format_id, layout, seed] = GetParam();
  const FormatSpec& f = *FindFormat(format_id);
  Values val = RandomValues(f, seed);
  std::string text = Render(f, val, layout);
  auto report = ProcessDocument(text, "synthetic.txt");
  ASSERT_TRUE(report) << report.error().message;
  ASSERT_EQ(report->format_id, f.id);
  for (size_t c = 0; c < f.cells.size(); ++c) {
    ASSERT_EQ(report->cells[c].state, CellState::kValue) << f.cells[c].id << "\n" << text;
    ASSERT_EQ(report->cells[c].value, static_cast<double>(val.v[c])) << f.cells[c].id << "\n" << text;
  }
  for (const auto& fd : report->findings) {
    EXPECT_NE(fd.severity, Severity::kError) << fd.rule << " " << fd.message;
  }
  bool s4 = false;
  for (const auto& fd : report->findings) s4 |= fd.rule == "S4";
  EXPECT_EQ(s4, layout == Layout::kLostLabels);
}

INSTANTIATE_TEST_SUITE_P(AllLayouts, Layouts,
                         ::testing::Combine(::testing::Values("gov2021", "gov2019trial"),
                                            ::testing::Values(Layout::kTabs, Layout::kCellPerLine, Layout::kLabelThenNumbers,
                                                              Layout::kGroupInline, Layout::kLostLabels, Layout::kSpaces),
                                            ::testing::Range(1u, 21u)));

}  // namespace
}  // namespace xxgk

namespace xxgk {
namespace {

// The same reports flattened as crawlers do (every line break and tab removed): digits run together.
// Cells may stay empty when the arithmetic allows several cuts, but a filled cell is never wrong, and
// every empty cell is explained by an E1 finding.
class Flattened : public ::testing::TestWithParam<unsigned> {};

TEST_P(Flattened, NeverASilentlyWrongCell) {
  const FormatSpec& f = *FindFormat("gov2021");
  Values val = RandomValues(f, GetParam());
  std::string text = Render(f, val, Layout::kTabs);
  std::string flat;
  for (char c : text) if (c != '\n' && c != '\t') flat.push_back(c);
  auto report = ProcessDocument(flat, "flat.txt");
  ASSERT_TRUE(report) << report.error().message;
  std::set<std::string> explained;
  for (const auto& fd : report->findings) {
    if (fd.rule == "E1") explained.insert(fd.cells.begin(), fd.cells.end());
  }
  size_t filled = 0;
  for (size_t c = 0; c < f.cells.size(); ++c) {
    const CellValue& cv = report->cells[c];
    if (cv.state == CellState::kValue) {
      ++filled;
      EXPECT_EQ(cv.value, static_cast<double>(val.v[c])) << f.cells[c].id << " is silently wrong";
    } else {
      EXPECT_TRUE(explained.count(f.cells[c].id)) << f.cells[c].id << " is empty without an E1 finding";
    }
  }
  EXPECT_GT(filled, f.cells.size() / 2);
}

INSTANTIATE_TEST_SUITE_P(Seeds, Flattened, ::testing::Range(1u, 41u));

}  // namespace
}  // namespace xxgk
