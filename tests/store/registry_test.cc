// The registry of bodies and coverage (store/registry.h, store/coverage.h), on every backend.
#include "store/registry.h"

#include <gtest/gtest.h>

#include "store/accounts.h"
#include "store/coverage.h"
#include "store/queries.h"
#include "store/review.h"
#include "store_fixture.h"

namespace xxgk::store {
namespace {

using Rows = std::vector<std::vector<std::string>>;

const Rows kHeader = {{"名称", "别名", "上级机关", "类别", "行政区划代码", "地区", "发布期限"}};

Rows With(Rows rows) {
  Rows out = kHeader;
  out.insert(out.end(), rows.begin(), rows.end());
  return out;
}

const Rows kCity = With({
    {"华龙市人民政府", "", "", "本级政府", "410100", "华龙市", ""},
    {"华龙区人民政府", "华龙区政府", "华龙市人民政府", "本级政府", "410101", "华龙区", ""},
    {"华龙区卫生健康委员会", "华龙区卫健委", "华龙区人民政府", "部门", "", "", ""},
    {"华龙区教育局", "", "华龙区人民政府", "部门", "", "", "2月15日"},
    {"平潭综合实验区管委会", "", "华龙市人民政府", "本级政府", "", "", ""},
});

std::vector<RegistryEntry> Parse(const Rows& rows) {
  auto e = ParseRegistry(rows);
  EXPECT_TRUE(e) << (e ? "" : e.error().message);
  return e ? *e : std::vector<RegistryEntry>{};
}

std::string ErrorOf(const Rows& rows) {
  auto e = ParseRegistry(rows);
  return e ? "" : e.error().message;
}

TEST(RegistryFile, ReadsColumnsByTheirHeaders) {
  Rows rows = {{"", ""}, {"单位名称", "类别", "发布期限", "别名", "备注"},
               {" 某县教育局 ", "部门", "45747", "某县教体局、县教育局", "x"},
               {"某县人民政府", "", "03-31", "", ""},
               {"某县城关镇人民政府", "", "2025/3/31", "", ""}};
  auto e = Parse(rows);
  ASSERT_EQ(e.size(), 3u);
  EXPECT_EQ(e[0].row, 3u);
  EXPECT_EQ(e[0].name, "某县教育局");
  EXPECT_EQ(e[0].category, "department");
  EXPECT_EQ(e[0].deadline, "03-31");  // 45747 is 2025-03-31 as a spreadsheet date
  EXPECT_EQ(e[0].aliases, (std::vector<std::string>{"某县教体局", "县教育局"}));
  EXPECT_EQ(e[1].category, "government");  // guessed from the name
  EXPECT_EQ(e[2].category, "township");
  EXPECT_EQ(e[2].deadline, "03-31");
}

TEST(RegistryFile, RefusalsNameTheRowAndColumn) {
  EXPECT_NE(ErrorOf({{"备注", "x"}}).find("没有“名称”列"), std::string::npos);
  EXPECT_NE(ErrorOf({}).find("名录是空的"), std::string::npos);
  EXPECT_NE(ErrorOf(With({{"甲局", "", "", "局级"}})).find("第2行“类别”的“局级”无法识别"), std::string::npos);
  EXPECT_NE(ErrorOf(With({{"甲局", "", "", "", "", "", "月底"}})).find("第2行“发布期限”的“月底”不是日期"), std::string::npos);
  EXPECT_NE(ErrorOf(With({{"甲局", "", "", "", "", "", "02-30"}})).find("不是日期"), std::string::npos);
  EXPECT_NE(ErrorOf(With({{"甲局", "", "", "", "11010x"}})).find("行政区划代码"), std::string::npos);
  EXPECT_NE(ErrorOf(With({{"甲局", "", "甲局"}})).find("第2行“上级机关”是它自己"), std::string::npos);
  EXPECT_NE(ErrorOf(With({{"东昌区卫生健康局"}, {"东昌区卫健局"}})).find("第3行与第2行是同一机关"), std::string::npos);
  EXPECT_NE(ErrorOf(With({{"", "别名"}})).find("第2行“名称”为空"), std::string::npos);
}

TEST_P(StoreTest, RegistryImportsATreeAndMatchesWaitingReports) {
  // Reports first: 华龙区卫健委's under its full name, and one titled only by its area (平潭综合实验区).
  auto pt = Variant("hualong_weijianwei_2024.txt", "pingtan.txt", {{"华龙区卫生健康委员会", "平潭综合实验区"}});
  IngestFiles({(kSamples / "hualong_weijianwei_2024.txt").string(), pt});
  auto entries = Parse(kCity);
  auto plan = PlanRegistry(store_.get(), entries, ImportMode::kMerge);
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_EQ(plan->added.size(), 5u);
  EXPECT_EQ(plan->matched, 1u);  // 平潭综合实验区 → its 管委会; 华龙区卫健委 is an entry's own body
  EXPECT_EQ(Count("SELECT COUNT(*) FROM agencies WHERE rostered = 1"), 0);  // planning changes nothing
  auto done = ImportRegistry(store_.get(), entries, ImportMode::kMerge, "admin.a");
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_EQ(done->matched, 1u);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM agencies WHERE rostered = 1"), 5);
  // The tree, in order, with depths.
  auto list = RegistryList(store_.get(), std::nullopt);
  ASSERT_TRUE(list);
  std::vector<std::string> names;
  for (const auto& b : *list) names.push_back(std::string(b["depth"].get<int>(), '.') + b["name"].get<std::string>());
  EXPECT_EQ(names, (std::vector<std::string>{"华龙市人民政府", ".华龙区人民政府", "..华龙区卫生健康委员会", "..华龙区教育局",
                                             ".平潭综合实验区管委会"}));
  // Both reports now belong to registered bodies; nothing waits.
  auto waiting = UnmatchedBodies(store_.get());
  ASSERT_TRUE(waiting);
  EXPECT_TRUE(waiting->empty()) << waiting->dump();
  auto pingtan = FindRegistered(store_.get(), "平潭综合实验区");
  ASSERT_TRUE(pingtan && *pingtan);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM reports WHERE agency_id = ?", {**pingtan}), 1);
  // A later report titled by the area lands there directly.
  auto pt2 = Variant("hualong_weijianwei_2024.txt", "pingtan2.txt", {{"华龙区卫生健康委员会", "平潭综合实验区"}, {"2024", "2023"}});
  IngestFiles({pt2});
  EXPECT_EQ(Count("SELECT COUNT(*) FROM reports WHERE agency_id = ?", {**pingtan}), 2);
  // The same file again: unchanged; a changed row is described field by field.
  auto again = PlanRegistry(store_.get(), entries, ImportMode::kMerge);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->unchanged, 5u);
  Rows moved = kCity;
  moved[4][3] = "其他";
  moved[4][2] = "华龙市人民政府";
  auto changed = PlanRegistry(store_.get(), Parse(moved), ImportMode::kMerge);
  ASSERT_TRUE(changed);
  ASSERT_EQ(changed->changed.size(), 1u);
  EXPECT_EQ(changed->changed[0].what, "上级机关：华龙区人民政府 → 华龙市人民政府；类别：部门 → 其他");
  // Replace: a body absent from the file leaves the registry (its reports stay).
  Rows fewer(kCity.begin(), kCity.end() - 1);
  auto replaced = ImportRegistry(store_.get(), Parse(fewer), ImportMode::kReplace, "admin.a");
  ASSERT_TRUE(replaced) << replaced.error().message;
  EXPECT_EQ(replaced->removed, (std::vector<std::string>{"平潭综合实验区管委会"}));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM agencies WHERE rostered = 1"), 4);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM reports"), 3);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit WHERE action = 'registry.import'"), 2);
}

TEST_P(StoreTest, RegistryRefusesUnknownParentsCyclesAndMovesIntoItsOwnSubtree) {
  auto missing = PlanRegistry(store_.get(), Parse(With({{"甲局", "", "乙政府"}})), ImportMode::kMerge);
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("第2行“上级机关”的“乙政府”不在名录中"), std::string::npos);
  auto cycle = PlanRegistry(store_.get(), Parse(With({{"甲局", "", "乙局"}, {"乙局", "", "甲局"}})), ImportMode::kMerge);
  ASSERT_FALSE(cycle);
  EXPECT_NE(cycle.error().message.find("循环"), std::string::npos);
  ASSERT_TRUE(ImportRegistry(store_.get(), Parse(kCity), ImportMode::kMerge, "admin.a"));
  auto city = FindRegistered(store_.get(), "华龙市人民政府");
  auto district = FindRegistered(store_.get(), "华龙区政府");  // an alias
  auto health = FindRegistered(store_.get(), "华龙区卫健委");
  ASSERT_TRUE(city && *city && district && *district && health && *health);
  auto sub = Subtree(store_.get(), **district);
  ASSERT_TRUE(sub);
  EXPECT_EQ(sub->size(), 3u);
  auto bad = MoveBody(store_.get(), **district, **health, "admin.a");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("下级"), std::string::npos);
  ASSERT_TRUE(MoveBody(store_.get(), **health, **city, "admin.a"));
  sub = Subtree(store_.get(), **district);
  EXPECT_EQ(sub->size(), 2u);
  // Taking the district out of the registry: its departments move up to the city; its reports stay.
  ASSERT_TRUE(RemoveBody(store_.get(), **district, "admin.a"));
  auto gone = FindRegistered(store_.get(), "华龙区人民政府");
  ASSERT_TRUE(gone);
  EXPECT_FALSE(gone->has_value());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM agencies WHERE parent_id = ? AND rostered = 1", {**city}), 3);  // 卫健委, 教育局, 平潭
  EXPECT_FALSE(RemoveBody(store_.get(), **district, "admin.a"));  // no longer registered
  // An alias that is another registered body's name is refused.
  auto clash = AddRegistryAlias(store_.get(), **health, "华龙区教育局", "admin.a");
  ASSERT_FALSE(clash);
  ASSERT_TRUE(AddRegistryAlias(store_.get(), **health, "华龙区卫计委", "admin.a"));
  auto by_alias = FindRegistered(store_.get(), "华龙区卫计委");
  ASSERT_TRUE(by_alias && *by_alias);
  EXPECT_EQ(**by_alias, **health);
}

TEST_P(StoreTest, UnmatchedReportsWaitUntilAPersonMatchesThem) {
  ASSERT_TRUE(ImportRegistry(store_.get(), Parse(kCity), ImportMode::kMerge, "admin.a"));
  auto odd = Variant("hualong_weijianwei_2024.txt", "odd.txt", {{"华龙区卫生健康委员会", "华龙区卫生健康委"}});
  IngestFiles({odd});
  auto waiting = UnmatchedBodies(store_.get());
  ASSERT_TRUE(waiting);
  ASSERT_EQ(waiting->size(), 1u);
  const auto& w = (*waiting)[0];
  EXPECT_EQ(w["name"], "华龙区卫生健康委");
  EXPECT_EQ(w["reports"], 1);
  ASSERT_FALSE(w["suggestions"].empty());
  EXPECT_EQ(w["suggestions"][0]["name"], "华龙区卫生健康委员会");
  ASSERT_TRUE(MatchBody(store_.get(), w["agency_id"].get<int64_t>(), w["suggestions"][0]["id"].get<int64_t>(), "admin.a"));
  waiting = UnmatchedBodies(store_.get());
  EXPECT_TRUE(waiting && waiting->empty());
  // Remembered: the next report under that name goes straight to the registered body.
  auto odd2 = Variant("hualong_weijianwei_2024.txt", "odd2.txt", {{"华龙区卫生健康委员会", "华龙区卫生健康委"}, {"2024", "2023"}});
  IngestFiles({odd2});
  waiting = UnmatchedBodies(store_.get());
  EXPECT_TRUE(waiting && waiting->empty());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit WHERE action = 'registry.match'"), 1);
}

TEST_P(StoreTest, CoverageCountsPublishedLateMissingAndUnreadable) {
  ASSERT_TRUE(ImportRegistry(store_.get(), Parse(kCity), ImportMode::kMerge, "admin.a"));
  // 华龙区卫健委 published (no date in the text); 华龙区教育局 published late against its own deadline
  // (02-15); a report of 华龙区人民政府 whose tables are gone is unreadable.
  auto edu = Variant("hualong_weijianwei_2024.txt", "edu.txt", {{"华龙区卫生健康委员会", "华龙区教育局"}});
  std::string text = ReadFile(edu);
  WriteFile(edu, text + "\n华龙区教育局\n2025年2月20日\n");
  auto gov = Variant("hualong_weijianwei_2024.txt", "gov.txt", {{"华龙区卫生健康委员会", "华龙区人民政府"}});
  std::string g = ReadFile(gov);
  WriteFile(gov, g.substr(0, g.find("二、")) + "\n");
  IngestFiles({(kSamples / "hualong_weijianwei_2024.txt").string(), edu, gov});
  CoverageQuery q;
  q.year = 2024;
  q.today = "2025-03-01";  // the departments' deadline has passed, the governments' (03-31) not
  auto cov = Coverage(store_.get(), q);
  ASSERT_TRUE(cov) << cov.error().message;
  const auto& n = (*cov)["counts"];
  EXPECT_EQ(n["due"], 5);
  EXPECT_EQ(n["published"], 3);
  EXPECT_EQ(n["missing"], 2);            // 华龙市人民政府, 平潭综合实验区管委会
  EXPECT_EQ(n["missing_overdue"], 0);    // governments: due 2025-03-31
  EXPECT_EQ(n["not_due"], 2);
  EXPECT_EQ(n["unreadable"], 1);
  EXPECT_EQ((*cov)["rates"]["published"]["numerator"], 3);
  EXPECT_EQ((*cov)["rates"]["published"]["denominator"], 5);
  std::map<std::string, std::string> status;
  for (const auto& b : (*cov)["bodies"]) status[b["name"]] = b["status"];
  EXPECT_EQ(status["华龙区教育局"], "published_late") << cov->dump(1);
  // The registry's deadline (02-15) also decides the D1 finding of the report, not the statute's (01-31).
  EXPECT_EQ(Count("SELECT COUNT(*) FROM findings f JOIN reports r ON r.id = f.report_id JOIN agencies a ON a.id = r.agency_id "
                  "WHERE a.name = '华龙区教育局' AND f.rule = 'D1' AND f.message LIKE '%名录规定的发布期限%' AND f.message LIKE '%2025-02-15%'"),
            1);
  EXPECT_EQ(status["华龙区人民政府"], "unreadable");
  EXPECT_EQ(status["华龙市人民政府"], "not_due");
  // Under the district: its subtree only, grouped by its direct children.
  auto district = FindRegistered(store_.get(), "华龙区人民政府");
  q.under = **district;
  q.today = "2025-06-01";
  cov = Coverage(store_.get(), q);
  ASSERT_TRUE(cov);
  EXPECT_EQ((*cov)["counts"]["due"], 3);
  EXPECT_EQ((*cov)["groups"].size(), 3u);  // the district itself and its two departments
  // A reviewer's scope narrows it further.
  AccessScope scope;
  scope.region_prefixes = {"没有这个地区"};
  q.scope = scope;
  cov = Coverage(store_.get(), q);
  EXPECT_EQ((*cov)["counts"]["due"], 0);
}

}  // namespace
}  // namespace xxgk::store

namespace xxgk::store {
namespace {

TEST(FindingKeys, AreRuleAndCellsOrTheMessageWithoutDigits) {
  EXPECT_EQ(FindingKey("C2", nlohmann::json::array({"t3.a", "t3.b"}), "总计(1)"), "C2|t3.a,t3.b");
  EXPECT_EQ(FindingKey("C15", nlohmann::json::array(), "缺少第2部分（共6部分）"), "C15|缺少第部分（共部分）");
}

TEST_P(StoreTest, ReviewDecidesFindingsAndRectificationClosesWithTheCorrectedVersion) {
  ASSERT_TRUE(ImportRegistry(store_.get(), Parse(With({{"北京市大兴区卫生健康委员会"}})), ImportMode::kMerge, "admin.a"));
  IngestFiles({(kSamples / "demo_defects_daxing_2024.txt").string()});
  const int64_t report = ReportId("demo_defects_daxing_2024.txt");
  auto loaded = LoadReport(store_.get(), report);
  ASSERT_TRUE(loaded);
  ASSERT_EQ((*loaded)["findings"].size(), 2u);
  const std::string c2 = (*loaded)["findings"][0]["key"], c3 = (*loaded)["findings"][1]["key"];
  EXPECT_EQ(c2.substr(0, 3), "C2|");
  // Refusals: an unknown key, a dismissal without a reason, an item for an unconfirmed finding.
  EXPECT_FALSE(ReviewFinding(store_.get(), report, "C9|t2.x", Decision::kConfirmed, "", "rev"));
  EXPECT_FALSE(ReviewFinding(store_.get(), report, c3, Decision::kDismissed, "", "rev"));
  EXPECT_FALSE(OpenRectification(store_.get(), report, c2, "2025-06-30", "rev"));
  ASSERT_TRUE(ReviewFinding(store_.get(), report, c2, Decision::kConfirmed, "", "rev"));
  ASSERT_TRUE(ReviewFinding(store_.get(), report, c3, Decision::kDismissed, "扫描件原文如此，经核实数字无误", "rev"));
  EXPECT_FALSE(OpenRectification(store_.get(), report, c2, "2025-13-40", "rev"));
  // The library counts only the findings that stand: the dismissed error is out of the list and its filters.
  EXPECT_EQ(Count("SELECT errors FROM reports WHERE id = ?", {report}), 1);
  auto item = OpenRectification(store_.get(), report, c2, "2025-06-30", "rev");
  ASSERT_TRUE(item) << item.error().message;
  EXPECT_FALSE(OpenRectification(store_.get(), report, c2, "2025-06-30", "rev"));  // already open
  // Coverage: the dismissed error counts nowhere; the body is being rectified.
  CoverageQuery q;
  q.year = 2024;
  q.today = "2025-05-01";
  auto cov = Coverage(store_.get(), q);
  ASSERT_TRUE(cov);
  EXPECT_EQ((*cov)["bodies"][0]["errors"], 1);
  EXPECT_EQ((*cov)["bodies"][0]["dismissed"], 1);
  EXPECT_EQ((*cov)["bodies"][0]["review"], "rectifying");
  EXPECT_EQ((*cov)["counts"]["rectifying"], 1);
  auto open = ListRectifications(store_.get(), {2024, std::string("open"), std::nullopt, std::nullopt}, "2025-07-01");
  ASSERT_TRUE(open);
  ASSERT_EQ(open->size(), 1u);
  EXPECT_TRUE((*open)[0]["overdue"].get<bool>());
  // The same decisions survive a recheck of the stored documents (their findings are written anew).
  ASSERT_TRUE(Recheck(store_.get(), Options()));
  auto reviewed = LoadReport(store_.get(), ReportId("demo_defects_daxing_2024.txt"));  // a recheck renumbers reports
  ASSERT_TRUE(reviewed);
  EXPECT_EQ(Count("SELECT errors FROM reports WHERE id = ?", {ReportId("demo_defects_daxing_2024.txt")}), 1);
  EXPECT_EQ((*reviewed)["findings"][0]["review"]["rectification"]["status"], "open");
  EXPECT_EQ((*reviewed)["findings"][1]["review"]["decision"], "dismissed");
  // A corrected version (the clean sample of the same body and year) closes the item by itself.
  IngestFiles({(kSamples / "daxing_weijianwei_2024.txt").string()});
  auto closed = ListRectifications(store_.get(), {2024, std::nullopt, std::nullopt, std::nullopt}, "2025-07-01");
  ASSERT_TRUE(closed);
  ASSERT_EQ(closed->size(), 1u);
  EXPECT_EQ((*closed)[0]["status"], "closed");
  EXPECT_EQ((*closed)[0]["closed_by"], "自动");
  ASSERT_EQ((*closed)[0]["events"].size(), 2u);
  EXPECT_EQ((*closed)[0]["events"][1]["event"], "closed_auto");
  EXPECT_NE((*closed)[0]["events"][1]["detail"].get<std::string>().find("第 2 版（daxing_weijianwei_2024.txt）"), std::string::npos);
  cov = Coverage(store_.get(), q);
  ASSERT_TRUE(cov);
  EXPECT_EQ((*cov)["bodies"][0]["review"], "rectified");
  EXPECT_EQ((*cov)["counts"]["with_errors"], 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit WHERE action IN ('finding.review', 'rectification.open')"), 3);
}

}  // namespace
}  // namespace xxgk::store
