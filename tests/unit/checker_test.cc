// Checker rules on real sample reports, each edited to carry one known defect. Most rule cases are data:
// tests/rules/*.case (tests/rules/run_cases.py); kept here are the exact message and position of a C1.
#include "check/checker.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "pipeline/pipeline.h"

namespace xxgk {
namespace {

std::string Sample(const std::string& name) {
  std::ifstream in(std::string(XXGK_SOURCE_DIR) + "/samples/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void Replace(std::string* s, const std::string& from, const std::string& to) {
  size_t p = s->find(from);
  ASSERT_NE(p, std::string::npos) << from;
  s->replace(p, from.size(), to);
}

std::vector<Finding> Findings(const std::string& text, const std::string& rule) {
  auto r = ProcessDocument(text, "t.txt");
  EXPECT_TRUE(r);
  std::vector<Finding> out;
  if (!r) return out;
  for (const auto& f : r->findings) if (f.rule == rule) out.push_back(f);
  return out;
}

TEST(Checker, CleanSamplesHaveNoErrors) {
  for (const char* name : {"hualong_weijianwei_2024.txt", "haiyuan_weijianju_2024.txt", "xigong_weijianwei_2020.txt",
                           "dongchang_weijianju_2024.txt", "daxing_weijianwei_2024.txt"}) {
    auto r = ProcessDocument(Sample(name), name);
    ASSERT_TRUE(r) << name;
    EXPECT_EQ(r->ErrorCount(), 0) << name;
  }
}

TEST(Checker, C1MessageNamesTheColumnAndTheNumbers) {
  std::string t = Sample("daxing_weijianwei_2024.txt");
  // 四、结转下年度继续办理: 3 → 2 in the 自然人 and 总计 columns (rows still add up across).
  Replace(&t, "四、结转下年度继续办理\n\t3\n\t0\n\t0\n\t0\n\t0\n\t0\n\t3", "四、结转下年度继续办理\n\t2\n\t0\n\t0\n\t0\n\t0\n\t0\n\t2");
  auto c1 = Findings(t, "C1");
  ASSERT_EQ(c1.size(), 2u);
  EXPECT_EQ(c1[1].message, "表三“总计”列：本年新收(7)+上年结转(0)=7，不等于办理结果总计(4)+结转下年度(2)=6，相差1。");
  EXPECT_EQ(c1[1].severity, Severity::kError);
  EXPECT_EQ(c1[1].cells.size(), 4u);
  EXPECT_EQ(c1[1].cells[0], "t3.new_received.total");
  EXPECT_EQ(c1[1].at.line, 92u);  // the 总计 cell of 本年新收
}

TEST(Checker, FormatNumber) {
  EXPECT_EQ(FormatNumber(7), "7");
  EXPECT_EQ(FormatNumber(18651.06), "18651.06");
  EXPECT_EQ(FormatNumber(-3), "-3");
}

}  // namespace
}  // namespace xxgk
