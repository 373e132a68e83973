// The office's register (src/ledger): statutory deadlines across 春节 and 国庆 with their 调休 days, fees
// by tier, loose spellings, messy ledgers, and a generated year of 2,000 applications whose table 3, table 4,
// late replies, overdue list and wrong fees are known from the generator.
//
// Worked examples (2025 calendar, 国办发明电〔2024〕12号: 春节 1月28日至2月4日, 1月26日（周日）、2月8日（周六）上班;
// 国庆节、中秋节 10月1日至8日, 9月28日（周日）、10月11日（周六）上班):
//   received 2025-09-26 (Fri): 20 working days → 2025-10-30 (10月11日 counts, 10月1日–8日 do not);
//   the same with consultation 10-09 (Thu) to 10-10 (Fri): 2 working days not counted → 2025-11-03;
//   the same extended by 20 working days → 2025-12-01 (42 working days);
//   received 2025-01-20, 补正 asked 01-22 and received 02-05: the clock restarts → 2025-03-04 (2月8日 counts).
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "ingest/table_file.h"
#include "ledger/deadlines.h"
#include "ledger/draft.h"
#include "ledger/fees.h"
#include "ledger/import.h"
#include "ledger/synth.h"
#include "ledger/tables.h"
#include "schema/ids.h"
#include "schema/workdays.h"

namespace xxgk::ledger {
namespace {

Application App(const char* serial, const char* received) {
  Application a;
  a.serial = serial;
  a.received = received;
  a.submitted = received;
  return a;
}

Deadline DeadlineOf(const Application& a, const char* today = "2025-12-31") {
  auto d = ReplyDeadline(a, today);
  EXPECT_TRUE(d) << (d ? "" : d.error().message);
  return d ? *d : Deadline{};
}

TEST(LedgerDeadlines, TwentyWorkingDaysAcrossNationalDay) {
  Application a = App("1", "2025-09-26");
  EXPECT_EQ(DeadlineOf(a).due, "2025-10-30");
  a.consult_start = "2025-10-09";
  a.consult_end = "2025-10-10";
  const Deadline d = DeadlineOf(a);
  EXPECT_EQ(d.consult_days, 2);
  EXPECT_EQ(d.due, "2025-11-03");
  a.extension_approved = "2025-10-20";
  a.extension_days = 20;
  EXPECT_EQ(DeadlineOf(a).due, "2025-12-01");
  a.consult_start.clear();
  a.consult_end.clear();
  EXPECT_EQ(DeadlineOf(a).due, "2025-11-27");
  EXPECT_NE(d.basis.find("第三十二条"), std::string::npos);
}

TEST(LedgerDeadlines, CorrectionRestartsTheClockAcrossSpringFestival) {
  Application a = App("2", "2025-01-20");
  EXPECT_EQ(DeadlineOf(a).due, "2025-02-21");
  a.correction_requested = "2025-01-22";
  const Deadline waiting = DeadlineOf(a);
  EXPECT_TRUE(waiting.awaiting_correction);
  EXPECT_TRUE(waiting.due.empty());
  a.correction_received = "2025-02-05";
  EXPECT_EQ(DeadlineOf(a).due, "2025-03-04");
}

TEST(LedgerDeadlines, ReceiptDependsOnTheChannel) {
  Application a = App("3", "2025-09-29");
  a.channel = Channel::kPost;
  a.submitted = "2025-09-25";  // posted; signed for on the 29th
  EXPECT_EQ(DeadlineOf(a).start, "2025-09-29");
  a.received.clear();           // no receipt recorded: the submission date, stricter, and said so
  const Deadline d = DeadlineOf(a);
  EXPECT_EQ(d.start, "2025-09-25");
  EXPECT_NE(d.basis.find("从严"), std::string::npos);
}

TEST(LedgerDeadlines, Article35SetsTheOfficesOwnDeadline) {
  Application a = App("4", "2025-03-03");
  a.art35_due = "2025-06-30";
  EXPECT_EQ(DeadlineOf(a).due, "2025-06-30");
  EXPECT_NE(DeadlineOf(a).basis.find("第三十五条"), std::string::npos);
}

TEST(LedgerDeadlines, AYearTheCalendarDoesNotCoverIsRefused) {
  const int after = CoveredYears().last + 1;
  Application a = App("5", (std::to_string(after - 1) + "-12-28").c_str());
  auto d = ReplyDeadline(a, "2025-01-01");
  ASSERT_FALSE(d);
  EXPECT_NE(d.error().message.find(std::to_string(after)), std::string::npos) << d.error().message;
  EXPECT_NE(d.error().message.find("申请 5"), std::string::npos);
}

TEST(LedgerDeadlines, DueListStatesAndFindings) {
  std::vector<Application> apps;
  apps.push_back(App("on-time", "2025-09-26"));
  apps.back().replied = "2025-10-30";
  apps.back().outcome = "granted";
  apps.push_back(App("late", "2025-09-26"));
  apps.back().replied = "2025-10-31";
  apps.back().outcome = "granted";
  apps.push_back(App("overdue", "2025-09-26"));
  apps.push_back(App("soon", "2025-10-20"));
  apps.push_back(App("open", "2025-10-30"));
  apps.push_back(App("waiting", "2025-10-01"));
  apps.back().correction_requested = "2025-10-10";
  apps.push_back(App("late-extension", "2025-09-26"));
  apps.back().extension_approved = "2025-11-05";  // after the original 2025-10-30
  apps.back().extension_days = 25;                // and more than 20
  apps.push_back(App("backwards", "2025-10-10"));
  apps.back().replied = "2025-10-09";
  apps.back().outcome = "granted";
  const DueList d = ComputeDueList(apps, "2025-11-13");
  ASSERT_TRUE(d.errors.empty());
  ASSERT_EQ(d.items.size(), apps.size());
  EXPECT_EQ(d.items[0].state, DueState::kRepliedOnTime);
  EXPECT_EQ(d.items[1].state, DueState::kRepliedLate);
  EXPECT_EQ(d.items[1].days_late, 1);
  EXPECT_EQ(d.items[2].state, DueState::kOverdue);
  EXPECT_EQ(d.items[2].days_late, 10);  // 10-31 … 11-13
  EXPECT_EQ(d.items[3].state, DueState::kDueSoon);  // due 11-17
  EXPECT_EQ(d.items[3].working_days_left, 2);
  EXPECT_EQ(d.items[4].state, DueState::kOpen);
  EXPECT_EQ(d.items[5].state, DueState::kAwaitingCorrection);
  EXPECT_EQ(d.items[6].deadline.due, "2025-11-27");  // capped at 20 working days
  std::multiset<std::string> rules;
  for (const auto& f : d.findings) rules.insert(std::string(InfoOf(f.rule).id) + ":" + f.serial);
  EXPECT_EQ(rules, (std::multiset<std::string>{"A1:late", "A1:overdue", "A2:late-extension", "A2:late-extension", "A5:backwards"}));
  // Looked at from a day the calendar does not cover, an overdue application says why its working days
  // cannot be counted, never "0 个工作日".
  const DueList far = ComputeDueList({apps[2]}, std::to_string(CoveredYears().last + 1) + "-06-01");
  ASSERT_EQ(far.findings.size(), 1u);
  EXPECT_EQ(far.findings[0].message.find("已逾期 0 个工作日"), std::string::npos) << far.findings[0].message;
  EXPECT_NE(far.findings[0].message.find("不在内置日历中"), std::string::npos) << far.findings[0].message;
}

TEST(LedgerFees, TiersOf2020Measures) {
  EXPECT_EQ(FeeByCount(10), 0);
  EXPECT_EQ(FeeByCount(11), 100);
  EXPECT_EQ(FeeByCount(30), 100);
  EXPECT_EQ(FeeByCount(31), 200);
  EXPECT_EQ(FeeByCount(40), 200);
  EXPECT_EQ(FeeByCount(41), 300);
  EXPECT_EQ(FeeByPages(30), 0);
  EXPECT_EQ(FeeByPages(31), 10);
  EXPECT_EQ(FeeByPages(100), 700);
  EXPECT_EQ(FeeByPages(101), 720);
  EXPECT_EQ(FeeByPages(200), 2700);
  EXPECT_EQ(FeeByPages(201), 2740);
}

TEST(LedgerFees, FindingsForAFeeOffItsTier) {
  std::vector<Application> apps;
  for (int i = 1; i <= 12; ++i) {
    char serial[8], day[16];
    std::snprintf(serial, sizeof serial, "c%d", i);
    std::snprintf(day, sizeof day, "2025-03-%02d", i);
    Application a = App(serial, day);
    a.applicant = "张某";
    a.fee_method = FeeMethod::kByCount;
    a.fee_yuan = i == 11 ? 100 : i == 12 ? 150 : 0;  // the 12th should be 100
    apps.push_back(a);
  }
  Application pages = App("p", "2025-04-01");
  pages.fee_method = FeeMethod::kByPages;
  pages.pages = 50;
  pages.fee_yuan = 200;  // tier: 200
  apps.push_back(pages);
  Application waived = App("w", "2025-04-02");
  waived.fee_method = FeeMethod::kByPages;
  waived.pages = 500;  // tier 14,700; nothing charged: a waiver
  apps.push_back(waived);
  Application no_method = App("n", "2025-04-03");
  no_method.fee_yuan = 30;
  apps.push_back(no_method);
  const FeeReview r = ReviewFees(apps);
  std::set<std::string> flagged;
  for (const auto& f : r.findings) flagged.insert(f.serial);
  EXPECT_EQ(flagged, (std::set<std::string>{"c12", "n"}));
  EXPECT_EQ(r.total_charged, 480);
  std::string why;
  EXPECT_FALSE(ParseFeeMethod("按件+按量", &why));
  EXPECT_NE(why.find("109号"), std::string::npos);
}

TEST(LedgerSpelling, LooseValues) {
  EXPECT_EQ(ParseApplicantKind("个人"), 0);
  EXPECT_EQ(ParseApplicantKind("法人或其他组织—商业企业"), 1);
  EXPECT_EQ(ParseApplicantKind("某某有限公司"), 1);
  EXPECT_EQ(ParseApplicantKind("高校"), 2);
  EXPECT_EQ(ParseApplicantKind("社会组织"), 3);
  EXPECT_EQ(ParseApplicantKind("律所"), 4);
  EXPECT_EQ(ParseApplicantKind("其他组织"), 5);
  EXPECT_FALSE(ParseApplicantKind("律师"));  // a lawyer may ask as a person or for a firm: not guessed
  EXPECT_EQ(ParseChannel("网上申请"), Channel::kOnline);
  EXPECT_EQ(ParseChannel("EMS"), Channel::kPost);
  EXPECT_EQ(ParseLooseDate("45720"), "2025-03-04");  // Excel: 45658 is 2025-01-01
  EXPECT_EQ(ParseLooseDate("45720.5"), "2025-03-04");
  EXPECT_EQ(ParseLooseDate("2025/3/4"), "2025-03-04");
  EXPECT_EQ(ParseLooseDate("2025年3月4日"), "2025-03-04");
  EXPECT_EQ(ParseLooseDate("2025.03.04 10:30"), "2025-03-04");
  EXPECT_EQ(ParseLooseDate("20250304"), "2025-03-04");
  EXPECT_FALSE(ParseLooseDate("2025-02-30"));
  EXPECT_FALSE(ParseLooseDate("三月四日"));
  std::string why;
  EXPECT_EQ(ParseOutcome("公开", &why), "granted");
  EXPECT_EQ(ParseOutcome("部分公开", &why), "partially_granted");
  EXPECT_EQ(ParseOutcome("不予公开—属于国家秘密", &why), "denied_state_secret");
  EXPECT_EQ(ParseOutcome("（三）不予公开 2.其他法律行政法规禁止公开", &why), "denied_prohibited_by_law");
  EXPECT_EQ(ParseOutcome("本机关不掌握相关政府信息", &why), "unable_not_held");
  EXPECT_EQ(ParseOutcome("其他处理—其他", &why), "other_other");
  EXPECT_FALSE(ParseOutcome("不予公开", &why));
  EXPECT_NE(why.find("哪一种"), std::string::npos);
}

// A ledger as offices keep them: a title, a two-row header with merged groups, serial and text dates,
// blank rows, a 合计 row, loose kinds.
std::vector<std::vector<std::string>> MessyLedger() {
  return {
      {"某某局2025年依申请公开台账", "", "", "", "", "", "", ""},
      {"编号", "申请人", "", "收到日期", "补正", "", "答复", ""},
      {"", "姓名", "类型", "", "告知日期", "收到日期", "日期", "结果"},
      {"A-1", "张三", "个人", "45720", "", "", "2025/3/20", "公开"},
      {"", "", "", "", "", "", "", ""},
      {"A-2", "某公司", "公司", "2025年3月5日", "2025-03-07", "2025-03-12", "2025.04.01", "部分公开"},
      {"A-3", "李四", "公民", "2025-12-29", "", "", "", ""},
      {"合计", "3", "", "", "", "", "", ""},
  };
}

TEST(LedgerImport, MessyLedgerIsRead) {
  const LedgerImport r = ReadLedger(MessyLedger());
  for (const auto& e : r.errors) ADD_FAILURE() << ImportErrorText(e);
  ASSERT_EQ(r.apps.size(), 3u);
  EXPECT_EQ(r.header_row, 3u);
  EXPECT_EQ(r.blank_rows, 1u);
  EXPECT_EQ(r.total_rows, 1u);
  EXPECT_EQ(r.apps[0].received, "2025-03-04");
  EXPECT_EQ(r.apps[0].kind, 0);
  EXPECT_EQ(r.apps[0].source_row, 4u);
  EXPECT_EQ(r.apps[1].kind, 1);
  EXPECT_EQ(r.apps[1].correction_received, "2025-03-12");
  EXPECT_EQ(r.apps[1].replied, "2025-04-01");
  EXPECT_EQ(r.apps[1].outcome, "partially_granted");
  EXPECT_EQ(r.mapping.at(Field::kCorrectionRequested), "补正告知日期");
  EXPECT_EQ(r.mapping.at(Field::kOutcome), "答复结果");
}

TEST(LedgerImport, EveryBadCellIsNamedByRowAndColumn) {
  auto rows = MessyLedger();
  rows[3][3] = "2025-13-01";
  rows[5][2] = "律师";
  rows[6][0] = "A-1";
  rows[5][7] = "不予公开";
  const LedgerImport r = ReadLedger(rows);
  std::vector<std::string> got;
  for (const auto& e : r.errors) got.push_back(ImportErrorText(e));
  ASSERT_EQ(got.size(), 4u) << ::testing::PrintToString(got);
  EXPECT_NE(got[0].find("第 4 行 D 列（收到日期）"), std::string::npos) << got[0];
  EXPECT_NE(got[1].find("第 6 行 C 列（申请人类型）"), std::string::npos) << got[1];
  EXPECT_NE(got[2].find("第 6 行 H 列（答复结果）"), std::string::npos) << got[2];
  EXPECT_NE(got[3].find("与第 4 行重复"), std::string::npos) << got[3];
}

TEST(LedgerImport, ASavedMappingIsReused) {
  std::vector<std::vector<std::string>> rows = {{"登记号", "来件时间", "身份", "回复"},
                                                {"X1", "2025-05-06", "企业", "2025-05-20"}};
  EXPECT_FALSE(ReadLedger(rows).errors.empty());  // 身份 and 来件时间 are not names xxgk knows
  ColumnMapping saved = {{Field::kReceived, "来件时间"}, {Field::kKind, "身份"}, {Field::kReplied, "回复"}};
  const LedgerImport r = ReadLedger(rows, saved);
  for (const auto& e : r.errors) ADD_FAILURE() << ImportErrorText(e);
  ASSERT_EQ(r.apps.size(), 1u);
  EXPECT_EQ(r.apps[0].received, "2025-05-06");
  EXPECT_EQ(r.apps[0].kind, 1);
  auto back = MappingFromJson(MappingJson(r.mapping));
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, r.mapping);
}

TEST(LedgerTables, TheOutcomeRuleAndCarrying) {
  std::vector<Application> apps;
  apps.push_back(App("old", "2024-12-20"));  // carried over, replied in 2025
  apps.back().replied = "2025-01-10";
  apps.back().outcome = "denied_state_secret";
  apps.push_back(App("new", "2025-06-01"));  // replied in 2025
  apps.back().kind = 1;
  apps.back().replied = "2025-06-10";
  apps.back().outcome = "other_fee_unpaid";
  apps.push_back(App("open", "2025-12-30"));  // carried forward
  apps.back().kind = 4;
  auto t = ComputeTables(apps, {}, {}, 2025);
  ASSERT_TRUE(t);
  const FormatSpec& f = *t->report.format;
  auto v = [&](std::string_view id) { return t->report.cells[f.CellIndex(id)].value; };
  EXPECT_EQ(v(ids::cell::t3_carried_over_natural_person), 1);
  EXPECT_EQ(v(ids::cell::t3_new_received_total), 2);
  EXPECT_EQ(v(ids::cell::t3_denied_state_secret_natural_person), 1);
  EXPECT_EQ(v(ids::cell::t3_other_fee_unpaid_commercial_enterprise), 1);
  EXPECT_EQ(v(ids::cell::t3_results_total_total), 2);
  EXPECT_EQ(v(ids::cell::t3_carried_forward_legal_service_org), 1);
  EXPECT_EQ(t->MembersOf(f.CellIndex(ids::cell::t3_carried_forward_total)), std::vector<std::string>{"open"});
  // 2020 (trial format): the 2021 key 逾期未缴费 counts in the one （六）其他处理 row.
  apps[1].received = apps[1].submitted = "2020-06-01";
  apps[1].replied = "2020-06-10";
  auto old = ComputeTables(apps, {}, {}, 2020);
  ASSERT_TRUE(old);
  const FormatSpec& f19 = *old->report.format;
  EXPECT_EQ(old->report.cells[f19.CellIndex(T3CellId("other_handling", "total"))].value, 1);
  // An outcome the year's format cannot count leaves table 3 empty, with the reason.
  apps[1].outcome = "other_handling";
  apps[1].received = apps[1].submitted = "2025-06-01";
  apps[1].replied = "2025-06-10";
  auto refused = ComputeTables(apps, {}, {}, 2025);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->report.cells[f.CellIndex(ids::cell::t3_results_total_total)].state, CellState::kMissing);
  ASSERT_FALSE(refused->problems.empty());
  EXPECT_NE(refused->problems[0].find("new"), std::string::npos);
}

class GeneratedYear : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto s = MakeLedgerYear({.seed = 7, .year = 2025, .count = 2000});
    ASSERT_TRUE(s) << s.error().message;
    synth_ = new SynthLedger(std::move(*s));
    const auto dir = std::filesystem::temp_directory_path() / ("xxgk-ledger-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string path = (dir / "ledger.xlsx").string();
    ASSERT_TRUE(WriteLedgerXlsx(synth_->apps, path, 7));
    std::ifstream in(path, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    std::filesystem::remove_all(dir);
    auto rows = ReadTableRows(bytes.str(), "ledger.xlsx");
    ASSERT_TRUE(rows) << rows.error().message;
    import_ = new LedgerImport(ReadLedger(*rows));
  }
  static void TearDownTestSuite() {
    delete synth_;
    delete import_;
  }
  static SynthLedger* synth_;
  static LedgerImport* import_;
};
SynthLedger* GeneratedYear::synth_ = nullptr;
LedgerImport* GeneratedYear::import_ = nullptr;

TEST_F(GeneratedYear, TheExcelLedgerReadsBackWhole) {
  ASSERT_NE(import_, nullptr);
  for (size_t i = 0; i < import_->errors.size() && i < 10; ++i) ADD_FAILURE() << ImportErrorText(import_->errors[i]);
  ASSERT_EQ(import_->apps.size(), synth_->apps.size());
  EXPECT_GT(import_->blank_rows, 10u);
  EXPECT_EQ(import_->total_rows, 1u);
  for (size_t i = 0; i < synth_->apps.size(); ++i) {
    const Application &a = synth_->apps[i], &b = import_->apps[i];
    ASSERT_EQ(a.serial, b.serial);
    ASSERT_EQ(a.received, b.received) << a.serial;
    ASSERT_EQ(a.kind, b.kind) << a.serial;
    ASSERT_EQ(a.outcome, b.outcome) << a.serial;
    ASSERT_EQ(a.replied, b.replied) << a.serial;
    ASSERT_EQ(a.fee_yuan, b.fee_yuan) << a.serial;
  }
}

TEST_F(GeneratedYear, TablesAreTheExpectedOnes) {
  ASSERT_GE(synth_->apps.size(), 2000u);
  auto t = ComputeTables(import_->apps, synth_->regulations, synth_->counts, 2025);
  ASSERT_TRUE(t);
  for (const auto& p : t->problems) ADD_FAILURE() << p;
  const FormatSpec& f = *t->report.format;
  int cells = 0;
  for (const auto& [row, cols] : synth_->expected["table3"].items()) {
    for (const auto& [col, n] : cols.items()) {
      const CellValue& c = t->report.cells[f.CellIndex(T3CellId(row, col))];
      ASSERT_EQ(c.state, CellState::kValue);
      EXPECT_EQ(c.value, n.get<int>()) << row << "." << col;
      ++cells;
    }
  }
  EXPECT_EQ(cells, 175);
  for (const auto& [block, cols] : synth_->expected["table4"].items()) {
    for (const auto& [col, n] : cols.items()) EXPECT_EQ(t->report.cells[f.CellIndex(T4CellId(block, col))].value, n.get<int>()) << block << col;
  }
  for (const auto& [row, cols] : synth_->expected["table2"].items()) {
    for (const auto& [col, n] : cols.items()) {
      EXPECT_EQ(t->report.cells[f.CellIndex(T2CellId(ids::t2_block::art20_1, row, col))].value, n.get<int>()) << row << col;
    }
  }
  EXPECT_GT(synth_->expected["table3"]["carried_over"]["total"].get<int>(), 50);
  EXPECT_GT(synth_->expected["table3"]["carried_forward"]["total"].get<int>(), 10);
}

TEST_F(GeneratedYear, LateRepliesOverdueListAndWrongFees) {
  const DueList d = ComputeDueList(import_->apps, synth_->as_of);
  for (const auto& e : d.errors) ADD_FAILURE() << e;
  std::set<std::string> late, overdue;
  for (const DueItem& i : d.items) {
    if (i.state == DueState::kRepliedLate) late.insert(i.app->serial);
    if (i.state == DueState::kOverdue) overdue.insert(i.app->serial);
  }
  EXPECT_EQ(late, synth_->expected["late"].get<std::set<std::string>>());
  EXPECT_EQ(overdue, synth_->expected["overdue"].get<std::set<std::string>>());
  EXPECT_GT(late.size(), 20u);
  EXPECT_GT(overdue.size(), 5u);
  size_t a1 = 0;
  for (const auto& f : d.findings) {
    EXPECT_NE(f.rule, Rule::kA5) << f.message;
    EXPECT_NE(f.rule, Rule::kA2) << f.message;
    a1 += f.rule == Rule::kA1;
  }
  EXPECT_EQ(a1, late.size() + overdue.size());
  const FeeReview fees = ReviewFees(import_->apps);
  std::set<std::string> wrong;
  for (const auto& f : fees.findings) wrong.insert(f.serial);
  EXPECT_EQ(wrong, synth_->expected["wrong_fees"].get<std::set<std::string>>());
}

TEST_F(GeneratedYear, CrossCheckNamesTheApplicationsOfACell) {
  auto t = ComputeTables(import_->apps, synth_->regulations, synth_->counts, 2025);
  ASSERT_TRUE(t);
  Report published = DraftReport(*t, "某某局", "2026-01-20");
  const FormatSpec& f = *published.format;
  const int granted = f.CellIndex(ids::cell::t3_granted_natural_person);
  published.cells[granted].value += 2;
  auto diffs = CrossCheck(*t, published);
  ASSERT_TRUE(diffs);
  ASSERT_EQ(diffs->size(), 1u);
  EXPECT_EQ((*diffs)[0].cell, granted);
  EXPECT_EQ((*diffs)[0].serials.size(), static_cast<size_t>(t->report.cells[granted].value));
}

}  // namespace
}  // namespace xxgk::ledger
