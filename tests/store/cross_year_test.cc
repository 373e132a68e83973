#include "check/cross_year.h"

#include <gtest/gtest.h>

namespace xxgk::store {
namespace {

YearSnapshot Snap(int year) {
  YearSnapshot s;
  s.year = year;
  s.format = "gov2021";
  s.agency = "北京市大兴区卫生健康委员会";
  return s;
}

const Finding* Find(const std::vector<Finding>& fs, const std::string& rule) {
  for (const auto& f : fs) if (f.rule == rule) return &f;
  return nullptr;
}

TEST(CrossYear, C6ComparesCarriedOverWithLastYearsCarriedForwardPerColumn) {
  YearSnapshot prev = Snap(2023), cur = Snap(2024);
  prev.cells["t3.carried_forward.total"] = 3;
  prev.cells["t3.carried_forward.natural_person"] = 3;
  cur.cells["t3.carried_over.total"] = 0;
  cur.cells["t3.carried_over.natural_person"] = 3;
  auto fs = CrossYearFindings(prev, cur, {});
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].rule, "C6");
  EXPECT_EQ(fs[0].severity, Severity::kWarning);
  ASSERT_EQ(fs[0].cells.size(), 1u);
  EXPECT_EQ(fs[0].cells[0], "t3.carried_over.total");
  EXPECT_EQ(*fs[0].expected, 3);
  EXPECT_EQ(*fs[0].actual, 0);
  EXPECT_NE(fs[0].message.find("2023年度报告"), std::string::npos);
}

TEST(CrossYear, C6IsSilentWhenAValueIsMissing) {
  YearSnapshot prev = Snap(2023), cur = Snap(2024);
  prev.cells["t3.carried_forward.total"] = std::nullopt;
  cur.cells["t3.carried_over.total"] = 4;
  EXPECT_TRUE(CrossYearFindings(prev, cur, {}).empty());
}

TEST(CrossYear, C7IsInfoForSmallAndWarningForLargeDeviations) {
  YearSnapshot prev = Snap(2023), cur = Snap(2024);
  prev.cells["t2.art20_1.normative_docs.in_force"] = 100;
  cur.cells["t2.art20_1.normative_docs.issued"] = 10;
  cur.cells["t2.art20_1.normative_docs.repealed"] = 2;
  cur.cells["t2.art20_1.normative_docs.in_force"] = 108;
  EXPECT_EQ(Find(CrossYearFindings(prev, cur, {}), "C7"), nullptr);
  cur.cells["t2.art20_1.normative_docs.in_force"] = 105;  // 3 lapsed: plausible
  auto fs = CrossYearFindings(prev, cur, {});
  ASSERT_NE(Find(fs, "C7"), nullptr);
  EXPECT_EQ(Find(fs, "C7")->severity, Severity::kInfo);
  EXPECT_EQ(*Find(fs, "C7")->expected, 108);
  cur.cells["t2.art20_1.normative_docs.in_force"] = 20;
  fs = CrossYearFindings(prev, cur, {});
  EXPECT_EQ(Find(fs, "C7")->severity, Severity::kWarning);
}

TEST(CrossYear, C10FollowsTheTrialFormatsItemCounts) {
  YearSnapshot prev = Snap(2019), cur = Snap(2020);
  prev.format = cur.format = "gov2019trial";
  prev.cells["t2.art20_5.admin_license.prev_items"] = 20;
  prev.cells["t2.art20_5.admin_license.change"] = 3;
  cur.cells["t2.art20_5.admin_license.prev_items"] = 23;
  EXPECT_EQ(Find(CrossYearFindings(prev, cur, {}), "C10"), nullptr);
  cur.cells["t2.art20_5.admin_license.prev_items"] = 25;
  auto fs = CrossYearFindings(prev, cur, {});
  const Finding* c10 = Find(fs, "C10");
  ASSERT_NE(c10, nullptr);
  EXPECT_EQ(c10->severity, Severity::kInfo);
  EXPECT_EQ(*c10->expected, 23);
  EXPECT_EQ(c10->cells[0], "t2.art20_5.admin_license.prev_items");
  cur.format = "gov2021";  // 2021's table 2 has no such column
  EXPECT_EQ(Find(CrossYearFindings(prev, cur, {}), "C10"), nullptr);
}

TEST(CrossYear, R1FlagsCopiedTextWithShareAndPassages) {
  std::string copied =
      "我委高度重视政府信息公开工作，坚持以公开为常态、不公开为例外，进一步完善政务公开工作机制，"
      "明确分管领导和具体责任人，扎实推进决策、执行、管理、服务、结果公开，切实保障人民群众的知情权、参与权、表达权和监督权。";
  YearSnapshot prev = Snap(2023), cur = Snap(2024);
  prev.sections["s1_overview"] = copied + "2023年共主动公开信息120条。";
  prev.sections["s5_problems"] = "一是信息发布的及时性有待提高；二是政策解读形式较为单一，图解、视频等形式运用不足。";
  cur.sections["s1_overview"] = copied + "2024年共主动公开信息135条。";
  cur.sections["s5_problems"] = "一是信息发布的及时性有待提高；二是政策解读形式较为单一，图解、视频等形式运用不足。";
  CorpusCheckOptions o;
  o.r1_min_chars = 50;
  auto fs = CrossYearFindings(prev, cur, o);
  const Finding* r1 = Find(fs, "R1");
  ASSERT_NE(r1, nullptr);
  EXPECT_GT(*r1->actual, 0.9);  // digits are folded: only the changed counts differ
  EXPECT_NE(r1->message.find("重复段落如"), std::string::npos);
  EXPECT_NE(r1->message.find("我委高度重视政府信息公开工作"), std::string::npos);

  cur.sections["s1_overview"] = "本年度我局围绕优化营商环境，新建政策文件库，上线依申请公开网上办理系统，全年办理申请较上年明显增加，答复质量进一步提高。";
  cur.sections["s5_problems"] = "存在的主要问题：基层单位人员变动频繁，业务培训需要加强；下一步将开展专题培训并建立考核通报机制。";
  EXPECT_EQ(Find(CrossYearFindings(prev, cur, o), "R1"), nullptr);
}

TEST(CrossYear, R1ThresholdIsConfigurable) {
  YearSnapshot prev = Snap(2023), cur = Snap(2024);
  prev.sections["s1_overview"] = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥一二三四五六七八九十";
  cur.sections["s1_overview"] = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥春夏秋冬东南西北前后左右";
  CorpusCheckOptions o;
  o.r1_min_chars = 10;
  Repetition rep = MeasureRepetition(prev.sections["s1_overview"], cur.sections["s1_overview"]);
  EXPECT_NEAR(rep.share, 22.0 / 34.0, 0.01);  // 22 of 34 code points repeat
  o.r1_threshold = 0.7;
  EXPECT_EQ(Find(CrossYearFindings(prev, cur, o), "R1"), nullptr);
  o.r1_threshold = 0.5;
  EXPECT_NE(Find(CrossYearFindings(prev, cur, o), "R1"), nullptr);
}

TEST(RosterDeadline, UsesTheRostersKind) {
  YearSnapshot s = Snap(2024);
  s.signed_date = "2025-02-20";
  ASSERT_TRUE(RosterDeadlineFinding(s, BodyKind::kDepartment));        // due 2025-01-31
  EXPECT_FALSE(RosterDeadlineFinding(s, BodyKind::kGovernment));       // due 2025-03-31
  EXPECT_FALSE(RosterDeadlineFinding(s, BodyKind::kTownship));         // no statutory date
  s.published_date = "2025-01-20";                                      // publication date wins
  EXPECT_FALSE(RosterDeadlineFinding(s, BodyKind::kDepartment));
}

TEST(Snapshot, ReadsAReportJson) {
  auto s = SnapshotFromJson(
      R"({"year":2024,"format":"gov2021","agency":"甲","signed_date":"2025-01-06","sections":[{"key":"s1_overview","text":"总体"}],)"
      R"("tables":{"t3":{"carried_over":{"total":2,"natural_person":null}},"t2":{"art20_1":{"rules":{"in_force":4}}}}})",
      7);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->report_id, 7);
  EXPECT_EQ(s->year, 2024);
  EXPECT_EQ(*s->cells["t3.carried_over.total"], 2);
  EXPECT_FALSE(s->cells["t3.carried_over.natural_person"]);
  EXPECT_EQ(*s->cells["t2.art20_1.rules.in_force"], 4);
  EXPECT_EQ(s->sections["s1_overview"], "总体");
  EXPECT_FALSE(SnapshotFromJson("{not json", 1));
}

}  // namespace
}  // namespace xxgk::store
