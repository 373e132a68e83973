// Checker rules on real sample reports, each edited to carry one known defect.
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

TEST(Checker, C4OnTable4) {
  std::string t = Sample("hualong_weijianwei_2024.txt");
  Replace(&t, "0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0", "1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0");
  auto c4 = Findings(t, "C4");
  ASSERT_EQ(c4.size(), 1u);
  EXPECT_NE(c4[0].message.find("表四“行政复议”"), std::string::npos);
  EXPECT_NE(c4[0].message.find("结果维持(1)"), std::string::npos);
}

TEST(Checker, C5Blanks) {
  std::string t = Sample("hualong_weijianwei_2024.txt");
  Replace(&t, "规章\t0\t0\t0", "规章\t/\t—\t0");
  auto c5 = Findings(t, "C5");
  ASSERT_EQ(c5.size(), 1u);
  EXPECT_EQ(c5[0].cells.size(), 2u);
  EXPECT_EQ(c5[0].cells[0], "t2.art20_1.rules.issued");
}

TEST(Checker, C8InForceBelowIssuedMinusRepealed) {
  std::string t = Sample("hualong_weijianwei_2024.txt");
  Replace(&t, "行政规范性文件\t0\t0\t0", "行政规范性文件\t5\t1\t2");
  auto c8 = Findings(t, "C8");
  ASSERT_EQ(c8.size(), 1u);
  EXPECT_EQ(c8[0].severity, Severity::kWarning);
}

TEST(Checker, C11FeeUnpaidButNoFeeStatement) {
  std::string t = Sample("hualong_weijianwei_2024.txt");
  Replace(&t, "2. 申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0",
          "2. 申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t1\t0\t0\t0\t0\t0\t1");
  auto c11 = Findings(t, "C11");
  ASSERT_EQ(c11.size(), 1u);
  EXPECT_EQ(c11[0].severity, Severity::kError);
}

TEST(Checker, C12AndC14AndC15) {
  std::string t = Sample("hualong_weijianwei_2024.txt");
  Replace(&t, "本年度本机关未收取信息处理费。", "无其他事项。");
  EXPECT_EQ(Findings(t, "C12").size(), 1u);
  std::string u = Sample("hualong_weijianwei_2024.txt");
  Replace(&u, "五、存在的主要问题及改进情况", "五、存在的主要问题及改进情况\n无\n六、其他需要报告的事项\n无");
  // Section 五 now only says 无.
  EXPECT_EQ(Findings(u, "C14").size(), 1u);
  std::string v = Sample("hualong_weijianwei_2024.txt");
  Replace(&v, "五、存在的主要问题及改进情况", "存在的问题");
  auto c15 = Findings(v, "C15");
  ASSERT_EQ(c15.size(), 1u);
  EXPECT_NE(c15[0].message.find("第五部分"), std::string::npos);
}

TEST(Checker, C13NarrativeAgainstTables) {
  std::string t = Sample("daxing_weijianwei_2024.txt");
  Replace(&t, "共接到依申请公开件7件", "共接到依申请公开件9件");
  auto c13 = Findings(t, "C13");
  ASSERT_EQ(c13.size(), 1u);
  EXPECT_EQ(c13[0].cells[0], "t3.new_received.total");
  std::string u = Sample("hualong_weijianwei_2024.txt");
  Replace(&u, "行政处罚信息 56 条", "行政处罚信息 65 条");
  c13 = Findings(u, "C13");
  ASSERT_EQ(c13.size(), 1u);
  EXPECT_EQ(c13[0].cells[0], "t2.art20_6.admin_penalty.decisions");
}

TEST(Checker, S3FormatAgainstYear) {
  std::string t = Sample("hualong_weijianwei_2024.txt");
  Replace(&t, "华龙区卫生健康委员会 2024 年", "华龙区卫生健康委员会 2020 年");
  EXPECT_EQ(Findings(t, "S3").size(), 1u);
  std::string u = Sample("xigong_weijianwei_2020.txt");
  Replace(&u, "西工区卫生健康委员会2020年", "西工区卫生健康委员会2022年");
  EXPECT_EQ(Findings(u, "S3").size(), 1u);
}

TEST(Checker, D1LateSignatureAndD2) {
  std::string t = Sample("dongchang_weijianju_2024.txt");
  Replace(&t, "2025年1月6日", "2025年2月10日");
  auto d1 = Findings(t, "D1");
  ASSERT_EQ(d1.size(), 1u);
  EXPECT_NE(d1[0].message.find("2025-01-31"), std::string::npos);
  std::string u = Sample("dongchang_weijianju_2024.txt");
  Replace(&u, "2025年1月6日", "2023年1月6日");
  EXPECT_EQ(Findings(u, "D2").size(), 1u);
}

TEST(Checker, FormatNumber) {
  EXPECT_EQ(FormatNumber(7), "7");
  EXPECT_EQ(FormatNumber(18651.06), "18651.06");
  EXPECT_EQ(FormatNumber(-3), "-3");
}

}  // namespace
}  // namespace xxgk
