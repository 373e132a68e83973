// The store suite, run against every backend: SQLite always, PostgreSQL when XXGK_TEST_PG_URL names a
// server (tests/store/with_postgres.sh starts a throwaway one for `make test`).
#include "store/store.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "core/sha256.h"
#include "pipeline/pipeline.h"
#include "store/accounts.h"
#include "store/export.h"
#include "ingest/ingest.h"
#include "store/queries.h"
#include "store_fixture.h"

namespace xxgk::store {
namespace {



TEST_P(StoreTest, MigrationsApplyOnce) {
  EXPECT_EQ(*store_->SchemaVersion(), 11);
  store_.reset();
  auto again = Store::Open(url_);
  ASSERT_TRUE(again);
  EXPECT_EQ(*(*again)->SchemaVersion(), 11);
  auto n = (*again)->db()->QueryValue("SELECT COUNT(*) FROM schema_migrations");
  EXPECT_EQ(n->AsInt(), 11);
}

TEST_P(StoreTest, AccountsAreAddedDisabledAndAudited) {
  NewAccount officer{"zhang.san", "张三", Role::kOfficer, "北京市大兴区卫生健康委员会", {}, "correct horse battery"};
  auto added = AddAccount(store_.get(), officer, "命令行");
  ASSERT_TRUE(added) << added.error().message;
  EXPECT_EQ(added->role, Role::kOfficer);
  EXPECT_TRUE(added->agency_id.has_value());
  EXPECT_EQ(added->agency_name, "北京市大兴区卫生健康委员会");
  // The hash is Argon2id and verifies only the password it was made from.
  auto hash = Count("SELECT COUNT(*) FROM accounts WHERE password_hash LIKE '$argon2id$%'");
  EXPECT_EQ(hash, 1);
  auto row = store_->db()->QueryValue("SELECT password_hash FROM accounts WHERE name = 'zhang.san'");
  ASSERT_TRUE(row);
  EXPECT_TRUE(VerifyPassword(row->AsText(), "correct horse battery"));
  EXPECT_FALSE(VerifyPassword(row->AsText(), "correct horse batterY"));
  EXPECT_FALSE(VerifyPassword("", "correct horse battery"));
  // Refusals, each with its reason.
  auto again = AddAccount(store_.get(), officer, "命令行");
  ASSERT_FALSE(again);
  EXPECT_NE(again.error().message.find("已被使用"), std::string::npos);
  NewAccount weak{"li.si", "", Role::kAdmin, "", {}, "short"};
  ASSERT_FALSE(AddAccount(store_.get(), weak, "命令行"));
  NewAccount no_scope{"wang.wu", "", Role::kReviewer, "", {}, "another long password"};
  ASSERT_FALSE(AddAccount(store_.get(), no_scope, "命令行"));
  NewAccount bad_name{"王五", "", Role::kAdmin, "", {}, "another long password"};
  ASSERT_FALSE(AddAccount(store_.get(), bad_name, "命令行"));
  NewAccount reviewer{"wang.wu", "王五", Role::kReviewer, "", {{"region", "北京市大兴区"}}, "another long password"};
  ASSERT_TRUE(AddAccount(store_.get(), reviewer, "admin"));
  // Disabling ends sessions; a new password clears a lockout.
  ASSERT_TRUE(store_->db()->Query("INSERT INTO sessions (token_hash, account_id, csrf, created_at, last_seen) "
                                  "SELECT 'h', id, 'c', 'now', 'now' FROM accounts WHERE name = 'wang.wu'"));
  ASSERT_TRUE(SetAccountDisabled(store_.get(), "wang.wu", true, "admin"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM sessions"), 0);
  ASSERT_TRUE(store_->db()->Query("UPDATE accounts SET failed_logins = 5, locked_until = '2999-01-01T00:00:00Z'"));
  ASSERT_TRUE(SetAccountPassword(store_.get(), "zhang.san", "a brand new password", "zhang.san"));
  auto z = FindAccount(store_.get(), "zhang.san");
  ASSERT_TRUE(z && *z);
  EXPECT_EQ((*z)->failed_logins, 0);
  EXPECT_FALSE((*z)->locked_until.has_value());
  EXPECT_FALSE(SetAccountDisabled(store_.get(), "nobody", true, "admin"));
  auto all = ListAccounts(store_.get());
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_TRUE((*all)[0].disabled);  // wang.wu, by name
  EXPECT_EQ((*all)[0].scopes.size(), 1u);
  // The trail, newest first.
  auto audit = ListAudit(store_.get(), 10);
  ASSERT_TRUE(audit);
  ASSERT_EQ(audit->size(), 4u);
  EXPECT_EQ((*audit)[0].action, "account.password");
  EXPECT_EQ((*audit)[1].action, "account.disable");
  EXPECT_EQ((*audit)[3].actor, "命令行");
}

TEST_P(StoreTest, TheAuditTrailIsAppendOnlyInTheDatabase) {
  ASSERT_TRUE(AppendAudit(store_.get(), "命令行", "corpus.ingest", "", "3 个文件"));
  for (const char* sql : {"UPDATE audit SET actor = 'someone else'", "DELETE FROM audit"}) {
    auto r = store_->db()->Exec(sql);
    ASSERT_FALSE(r) << sql;
    EXPECT_NE(r.error().message.find("append-only"), std::string::npos) << r.error().message;
  }
  if (GetParam() == "postgresql") {
    EXPECT_FALSE(store_->db()->Exec("TRUNCATE audit"));
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit WHERE actor = '命令行'"), 1);
  ASSERT_TRUE(AppendAudit(store_.get(), "命令行", "corpus.recheck", ""));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit"), 2);
}

TEST_P(StoreTest, DeletingAVersionMakesThePreviousOneCurrentAndIsAudited) {
  const std::string text = ReadFile(kSamples / "hualong_weijianwei_2024.txt");
  WriteFile(dir_ / "v1.txt", text);
  WriteFile(dir_ / "v2.txt", text + "\n");
  IngestFiles({(dir_ / "v1.txt").string()});
  IngestFiles({(dir_ / "v2.txt").string()});
  ASSERT_EQ(Count("SELECT COUNT(*) FROM reports"), 2);
  auto newest = Count("SELECT MAX(document_id) FROM reports");
  EXPECT_EQ(Count("SELECT document_id FROM reports WHERE current = 1"), newest);
  auto gone = store_->DeleteDocument(newest, "admin.a");
  ASSERT_TRUE(gone) << gone.error().message;
  ASSERT_TRUE(gone->has_value());
  EXPECT_EQ((*gone)->name, "v2.txt");
  EXPECT_EQ((*gone)->agency, "华龙区卫生健康委员会");
  EXPECT_EQ((*gone)->year, 2024);
  // Nothing of it is left; the first version is current again, and the body's cross-year checks are due.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM documents"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM reports WHERE current = 1"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM findings WHERE report_id NOT IN (SELECT id FROM reports)"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM report_texts WHERE report_id NOT IN (SELECT id FROM reports)"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM corpus_pending"), 1);
  auto audit = ListAudit(store_.get(), 1);
  ASSERT_TRUE(audit && audit->size() == 1);
  EXPECT_EQ((*audit)[0].action, "report.delete");
  EXPECT_EQ((*audit)[0].actor, "admin.a");
  EXPECT_EQ((*audit)[0].target, "v2.txt");
  EXPECT_NE((*audit)[0].detail.find("华龙区卫生健康委员会 2024年度"), std::string::npos);
  // An unknown document is no error, and no audit row.
  auto none = store_->DeleteDocument(newest, "admin.a");
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->has_value());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit WHERE action = 'report.delete'"), 1);
}

TEST_P(StoreTest, AnAccountsScopeIsReplacedAndAudited) {
  IngestFiles(Samples());
  ASSERT_TRUE(AddAccount(store_.get(), {"rev.one", "", Role::kReviewer, "", {{"region", "北京"}}, "reviewer password 1"}, "命令行"));
  ASSERT_TRUE(AddAccount(store_.get(), {"off.one", "", Role::kOfficer, "华龙区卫生健康委员会", {}, "officer password 1"}, "命令行"));
  ASSERT_TRUE(AddAccount(store_.get(), {"adm.one", "", Role::kAdmin, "", {}, "admin password 1"}, "命令行"));
  auto r = SetAccountScope(store_.get(), "rev.one", {"", {"河南省"}, {"北京市大兴区卫生健康委员会"}, {}}, "adm.one");
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->scopes.size(), 2u);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM account_scopes WHERE value = '北京'"), 0);
  auto o = SetAccountScope(store_.get(), "off.one", {"北京市大兴区卫生健康委员会", {}, {}, {}}, "adm.one");
  ASSERT_TRUE(o) << o.error().message;
  EXPECT_EQ(o->agency_name, "北京市大兴区卫生健康委员会");
  // Refusals: an unknown body, an empty scope, an administrator, an unknown account; none is audited.
  EXPECT_FALSE(SetAccountScope(store_.get(), "rev.one", {"", {}, {"没有这个机关"}, {}}, "adm.one"));
  EXPECT_FALSE(SetAccountScope(store_.get(), "rev.one", {"", {}, {}, {}}, "adm.one"));
  EXPECT_FALSE(SetAccountScope(store_.get(), "adm.one", {"", {"北京"}, {}, {}}, "adm.one"));
  EXPECT_FALSE(SetAccountScope(store_.get(), "nobody", {"", {"北京"}, {}, {}}, "adm.one"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM account_scopes"), 2);  // the failed replacements rolled back
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit WHERE action = 'account.scope'"), 2);
}

TEST_P(StoreTest, IngestIsIdempotentByContent) {
  auto files = Samples();
  IngestStats first = IngestFiles(files);
  EXPECT_EQ(first.added, files.size());
  EXPECT_EQ(first.reports, files.size());
  EXPECT_EQ(first.error_reports, 1u);  // the demo with defects
  IngestStats second = IngestFiles(files);
  EXPECT_EQ(second.added, 0u);
  EXPECT_EQ(second.known, files.size());
  // The same content under another name is the same document.
  fs::copy_file(files[0], dir_ / "copy.txt");
  IngestStats third = IngestFiles({(dir_ / "copy.txt").string()});
  EXPECT_EQ(third.added, 0u);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM documents"), static_cast<int64_t>(files.size()));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM reports"), static_cast<int64_t>(files.size()));
  // Every report's counts agree with its stored findings.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM reports r WHERE r.errors + r.warnings + r.infos <> "
                  "(SELECT COUNT(*) FROM findings f WHERE f.report_id = r.id)"),
            0);
}

TEST_P(StoreTest, UnprocessableFilesAreRecordedAndTheBatchGoesOn) {
  WriteFile(dir_ / "notes.txt", "会议纪要：今天讨论了食堂菜单。\n");
  WriteFile(dir_ / "scan.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  auto files = Samples();
  files.push_back((dir_ / "notes.txt").string());
  files.push_back((dir_ / "scan.png").string());
  files.push_back((dir_ / "absent.txt").string());
  IngestStats st = IngestFiles(files);
  EXPECT_EQ(st.failed, 3u);
  EXPECT_EQ(st.reports, files.size() - 3);
  // Every refused file is recorded with its cause, the absent one too (its content was never read).
  EXPECT_EQ(Count("SELECT COUNT(*) FROM documents WHERE status = 'failed'"), 3);
  auto failed = ListFailed(store_.get());
  ASSERT_TRUE(failed);
  ASSERT_EQ(failed->size(), 3u);
  EXPECT_FALSE((*failed)[0]["error"].get<std::string>().empty());
  // Failed documents stay out of the statistics.
  auto stats = Stats(store_.get(), "year", {});
  ASSERT_TRUE(stats);
  EXPECT_EQ((*stats)["failed_documents"], 3);
  // A rerun counts them again: it ends as the first run did.
  IngestStats again = IngestFiles(files);
  EXPECT_EQ(again.failed, 3u);
  EXPECT_EQ(again.added, 0u);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM documents WHERE status = 'failed'"), 3);
  int64_t n = 0;
  for (const auto& g : (*stats)["groups"]) n += g["reports"].get<int64_t>();
  // Statistics count one current version per body and year: the samples hold 大兴 2024 twice.
  EXPECT_EQ(n, static_cast<int64_t>(files.size() - 3 - 1));
}

TEST_P(StoreTest, CrossYearFindingsAreStoredWhicheverYearComesFirst) {
  std::string y2024 = (kSamples / "daxing_weijianwei_2024.txt").string();
  std::string y2023 = Variant("daxing_weijianwei_2024.txt", "daxing_2023.txt", {{"2024", "2023"}, {"2025", "2024"}});
  IngestFiles({y2024});
  EXPECT_TRUE(Rules(ReportId("daxing_weijianwei_2024.txt"), "corpus").empty());
  IngestFiles({y2023});
  int64_t r24 = ReportId("daxing_weijianwei_2024.txt"), r23 = ReportId("daxing_2023.txt");
  auto rules = Rules(r24, "corpus");
  // 2023 carried 3 applications forward (自然人 and 总计), 2024 reports none carried over; and the text is the same.
  EXPECT_EQ(rules.count("C6"), 2u);
  EXPECT_EQ(rules.count("R1"), 1u);
  EXPECT_TRUE(Rules(r23, "corpus").empty());
  auto report = LoadReport(store_.get(), r24);
  ASSERT_TRUE(report);
  bool c6_total = false;
  for (const auto& f : (*report)["findings"]) {
    if (f["rule"] == "C6" && f["cells"][0] == "t3.carried_over.total") {
      c6_total = true;
      EXPECT_EQ(f["expected"], 3);
      EXPECT_EQ(f["actual"], 0);
      EXPECT_EQ(f["origin"], "corpus");
    }
  }
  EXPECT_TRUE(c6_total);
  // Rerunning the checks replaces, never duplicates.
  ASSERT_TRUE(store_->RunCorpusChecks({}));
  EXPECT_EQ(Rules(r24, "corpus"), rules);
  EXPECT_EQ(Count("SELECT warnings FROM reports WHERE id = ?", {r24}), 3);
}

TEST_P(StoreTest, ChecksLeftUndoneByAnInterruptedIngestRunOnTheNextOne) {
  // Reports stored one by one, as an ingest killed before its cross-year pass leaves them.
  for (const std::string& path : {(kSamples / "daxing_weijianwei_2024.txt").string(),
                                  Variant("daxing_weijianwei_2024.txt", "daxing_2023.txt", {{"2024", "2023"}, {"2025", "2024"}})}) {
    std::string bytes = ReadFile(path);
    DocumentInput doc{Sha256Hex(bytes), fs::path(path).filename().string(), path, bytes.size(), CompressContent(bytes)};
    ASSERT_TRUE(store_->AddDocument(doc, MakeStoredReport(ProcessDocument(bytes, doc.name))));
  }
  int64_t r24 = ReportId("daxing_weijianwei_2024.txt");
  EXPECT_TRUE(Rules(r24, "corpus").empty());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM corpus_pending"), 1);
  IngestFiles({(kSamples / "hualong_weijianwei_2024.txt").string()});
  EXPECT_EQ(Rules(r24, "corpus").count("C6"), 2u);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM corpus_pending"), 0);
}

TEST_P(StoreTest, AnAliasJoinsTwoNamesOfOneBody) {
  std::string y2024 = (kSamples / "daxing_weijianwei_2024.txt").string();
  std::string y2023 = Variant("daxing_weijianwei_2024.txt", "daxing_2023.txt",
                              {{"2024", "2023"}, {"2025", "2024"}, {"北京市大兴区卫生健康委员会", "大兴区卫生健康委员会"}});
  IngestFiles({y2024, y2023});
  EXPECT_EQ(Count("SELECT COUNT(DISTINCT agency_id) FROM reports"), 2);
  EXPECT_TRUE(Rules(ReportId("daxing_weijianwei_2024.txt"), "corpus").empty());
  auto id = store_->AddAlias("大兴区卫生健康委员会", "北京市大兴区卫生健康委员会");
  ASSERT_TRUE(id) << id.error().message;
  EXPECT_EQ(Count("SELECT COUNT(DISTINCT agency_id) FROM reports"), 1);
  EXPECT_EQ(Rules(ReportId("daxing_weijianwei_2024.txt"), "corpus").count("C6"), 2u);
  // New reports under the alias land on the same body.
  EXPECT_EQ(*store_->ResolveAgency("大兴区卫健委"), *id);
  auto matches = MatchAgencies(store_.get(), "大兴区卫生健康委员会");
  ASSERT_TRUE(matches);
  ASSERT_EQ(matches->size(), 1u);
  EXPECT_EQ((*matches)[0]["reports"], 2);
}

TEST_P(StoreTest, RosterGivesMissingReportsAndDeadlines) {
  std::string late = Variant("dongchang_weijianju_2024.txt", "dongchang_late.txt", {{"2025年1月6日", "2025年2月20日"}});
  IngestFiles({late, (kSamples / "hualong_weijianwei_2024.txt").string()});
  int64_t r = ReportId("dongchang_late.txt");
  EXPECT_EQ(Rules(r, "report").count("D1"), 1u);  // a department: due 2025-01-31
  EXPECT_EQ(Count("SELECT late FROM reports WHERE id = ?", {r}), 1);
  WriteFile(dir_ / "roster.csv",
            "名称,地区,类别\n东昌区卫生健康局,聊城市东昌府区,人民政府\n华龙区卫生健康委员会,濮阳市华龙区,部门\n"
            "\"华龙区教育局\",濮阳市华龙区,部门\n华龙区岳村镇人民政府,濮阳市华龙区,乡镇\n");
  auto roster = store_->LoadRosterText(ReadFile(dir_ / "roster.csv"));
  ASSERT_TRUE(roster) << roster.error().message;
  EXPECT_EQ(roster->size(), 4u);
  // The roster says it is a government (due 03-31): the name-based D1 gives way.
  EXPECT_EQ(Rules(r, "report").count("D1") + Rules(r, "corpus").count("D1"), 0u);
  EXPECT_EQ(Count("SELECT late FROM reports WHERE id = ?", {r}), 0);
  auto missing = Missing(store_.get(), 2024, "2026-11-29");
  ASSERT_TRUE(missing);
  EXPECT_EQ((*missing)["rostered"], 4);
  EXPECT_EQ((*missing)["published"], 2);
  ASSERT_EQ((*missing)["missing"].size(), 2u);
  std::set<std::string> names;
  for (const auto& m : (*missing)["missing"]) {
    names.insert(m["name"].get<std::string>());
    if (m["name"] == "华龙区教育局") {
      EXPECT_EQ(m["deadline"], "2025-01-31");
      EXPECT_EQ(m["overdue"], true);
    } else {
      EXPECT_TRUE(m["deadline"].is_null());  // 乡镇: no statutory date
    }
    EXPECT_EQ(m["region"], "濮阳市华龙区");
  }
  EXPECT_EQ(names, (std::set<std::string>{"华龙区教育局", "华龙区岳村镇人民政府"}));
  auto before = Missing(store_.get(), 2024, "2025-01-15");
  for (const auto& m : (*before)["missing"]) {
    if (m["name"] == "华龙区教育局") {
      EXPECT_EQ(m["overdue"], false);
    }
  }
  // A roster with an unknown kind is refused with its line.
  WriteFile(dir_ / "bad.csv", "甲局,某县,委办局\n");
  auto bad = store_->LoadRosterText(ReadFile(dir_ / "bad.csv"));
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("第1行"), std::string::npos);
}

TEST_P(StoreTest, QueriesFilterAggregateAndCompare) {
  std::string y2023 = Variant("daxing_weijianwei_2024.txt", "daxing_2023.txt", {{"2024", "2023"}, {"2025", "2024"}});
  auto files = Samples();
  files.push_back(y2023);
  IngestFiles(files);
  ReportFilter f;
  f.year = 2024;
  // 大兴 2024 twice: the later document (the demo copy) is current, the other its history.
  EXPECT_EQ(ListReports(store_.get(), f)->size(), 4u);
  f.all_versions = true;
  EXPECT_EQ(ListReports(store_.get(), f)->size(), 5u);
  f.region = "大兴";
  EXPECT_EQ(ListReports(store_.get(), f)->size(), 2u);
  f.all_versions = false;
  auto current = ListReports(store_.get(), f);
  ASSERT_EQ(current->size(), 1u);
  EXPECT_EQ((*current)[0]["file"], "demo_defects_daxing_2024.txt");
  auto loaded = LoadReport(store_.get(), (*current)[0]["id"].get<int64_t>());
  ASSERT_TRUE(loaded);
  EXPECT_TRUE((*loaded)["store"]["current"].get<bool>());
  ASSERT_EQ((*loaded)["store"]["versions"].size(), 2u);
  EXPECT_EQ((*loaded)["store"]["versions"][0]["file"], "daxing_weijianwei_2024.txt");
  EXPECT_FALSE((*loaded)["store"]["versions"][0]["current"].get<bool>());
  f.has_errors = true;
  auto errs = ListReports(store_.get(), f);
  ASSERT_EQ(errs->size(), 1u);
  EXPECT_EQ((*errs)[0]["file"], "demo_defects_daxing_2024.txt");
  ReportFilter by_rule;
  by_rule.rule = "C12";
  auto c12 = ListReports(store_.get(), by_rule);
  ASSERT_EQ(c12->size(), 1u);
  EXPECT_EQ((*c12)[0]["agency"], "东昌区卫健局");
  ReportFilter by_agency;
  by_agency.agency = "海原";
  EXPECT_EQ(ListReports(store_.get(), by_agency)->size(), 1u);

  auto stats = Stats(store_.get(), "year", {});
  ASSERT_TRUE(stats);
  ASSERT_EQ((*stats)["groups"].size(), 3u);  // 2020, 2023, 2024
  const auto& g2024 = (*stats)["groups"][2];
  EXPECT_EQ(g2024["group"], 2024);
  EXPECT_EQ(g2024["reports"], 4);  // current versions only: 大兴's demo copy stands for its 2024
  EXPECT_DOUBLE_EQ(g2024["error_share"].get<double>(), 0.25);
  EXPECT_GT(g2024["rule_failure"]["C2"].get<double>(), 0);
  EXPECT_FALSE(Stats(store_.get(), "color", {}));
  auto by_region = Stats(store_.get(), "region", {});
  ASSERT_TRUE(by_region);
  EXPECT_GE((*by_region)["groups"].size(), 5u);

  int64_t agency = *store_->ResolveAgency("北京市大兴区卫生健康委员会");
  auto years = ReportsByYear(store_.get(), agency);
  ASSERT_TRUE(years);
  ASSERT_EQ(years->size(), 2u);
  auto cmp = CompareReports(store_.get(), years->at(2023), years->at(2024));
  ASSERT_TRUE(cmp);
  EXPECT_EQ((*cmp)["cells"].size(), 200u);
  int changed = 0;
  for (const auto& c : (*cmp)["cells"]) changed += c["change"].is_number() && c["change"].get<double>() != 0;
  EXPECT_EQ(changed, 1);  // the demo copy changes one cell
  std::set<std::string> added;
  for (const auto& fd : (*cmp)["new_findings"]) added.insert(fd["rule"].get<std::string>());
  EXPECT_TRUE(added.count("C2") && added.count("C3") && added.count("C6"));
  // A report of the 2008 条例 years has no national tables: not compared cell by cell, and said why.
  ASSERT_TRUE(store_->db()->Query("UPDATE report_texts SET json = REPLACE(json, '\"format\":\"gov2021\"', '\"format\":\"legacy2008\"') "
                                  "WHERE report_id = ?", {years->at(2023)}));
  auto legacy = CompareReports(store_.get(), years->at(2023), years->at(2024));
  ASSERT_TRUE(legacy);
  EXPECT_FALSE((*legacy)["comparable"].get<bool>());
  EXPECT_TRUE((*legacy)["cells"].empty());
  EXPECT_NE((*legacy)["why"].get<std::string>().find("2023年度报告是2008年条例时期的旧式年报"), std::string::npos)
      << (*legacy)["why"];
}

TEST_P(StoreTest, ExportsEveryFormat) {
  IngestFiles(Samples());
  fs::path csv = dir_ / "out.csv", jsonl = dir_ / "out.jsonl", xlsx = dir_ / "out.xlsx";
  std::FILE* out = std::fopen(csv.c_str(), "wb");
  ExportSink sink = [&out](std::string_view piece) { return std::fwrite(piece.data(), 1, piece.size(), out) == piece.size(); };
  auto n = ExportCsv(store_.get(), {}, sink);  // the current versions (大兴 2024 once)
  std::fclose(out);
  ASSERT_TRUE(n);
  EXPECT_EQ(*n, 5u);
  std::string text = ReadFile(csv);
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 6);
  EXPECT_NE(text.find("t3.granted.natural_person"), std::string::npos);
  out = std::fopen(jsonl.c_str(), "wb");
  ReportFilter every;
  every.all_versions = true;
  ASSERT_TRUE(ExportJsonl(store_.get(), every, sink));
  std::fclose(out);
  std::istringstream lines(ReadFile(jsonl));
  std::string line;
  int count = 0;
  while (std::getline(lines, line)) {
    auto j = nlohmann::json::parse(line);
    EXPECT_EQ(j["schema"], "xxgk/report@1");
    EXPECT_TRUE(j["store"]["report_id"].is_number());
    ++count;
  }
  EXPECT_EQ(count, 6);
  auto x = ExportXlsx(store_.get(), {}, xlsx.string());
  ASSERT_TRUE(x) << x.error().message;
  std::string book = ReadFile(xlsx);
  EXPECT_EQ(book.substr(0, 2), "PK");
  EXPECT_NE(book.find("xl/comments"), std::string::npos);  // the failing cells carry their messages
  EXPECT_FALSE(ExportXlsx(store_.get(), {}, (dir_ / "no/such/dir/out.xlsx").string()));
}

TEST_P(StoreTest, RecheckReproducesTheSameFindings) {
  std::string y2023 = Variant("daxing_weijianwei_2024.txt", "daxing_2023.txt", {{"2024", "2023"}, {"2025", "2024"}});
  auto files = Samples();
  files.push_back(y2023);
  IngestFiles(files);
  auto snapshot = [&] {
    std::multiset<std::string> out;
    auto rows = store_->db()->Query(
        "SELECT d.name, f.origin, f.rule, f.cells, f.message FROM findings f JOIN reports r ON r.id = f.report_id "
        "JOIN documents d ON d.id = r.document_id");
    for (const auto& r : *rows) out.insert(r[0].AsText() + r[1].AsText() + r[2].AsText() + r[3].AsText() + r[4].AsText());
    return out;
  };
  auto before = snapshot();
  ASSERT_FALSE(before.empty());
  auto st = Recheck(store_.get(), Options());
  ASSERT_TRUE(st) << st.error().message;
  EXPECT_EQ(st->reports, files.size());
  EXPECT_EQ(snapshot(), before);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM reports"), static_cast<int64_t>(files.size()));
}

TEST_P(StoreTest, StoredContentRoundTrips) {
  std::string bytes = ReadFile(kSamples / "hualong_weijianwei_2024.txt");
  IngestFiles({(kSamples / "hualong_weijianwei_2024.txt").string()});
  auto row = store_->db()->Query("SELECT bytes, content FROM documents");
  ASSERT_TRUE(row);
  ASSERT_EQ(row->size(), 1u);
  auto back = DecompressContent((*row)[0][1].AsText(), (*row)[0][0].AsInt());
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, bytes);
  EXPECT_FALSE(DecompressContent("garbage", 100));
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

TEST(Csv, ParsesQuotesAndLineEnds) {
  auto rows = ParseCsv("\xEF\xBB\xBF" "a,\"b,c\",\"d\"\"e\"\r\n\nx,,z\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"a", "b,c", "d\"e"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"x", "", "z"}));
}

TEST(OpenDb, RefusesUnknownSchemes) {
  auto db = OpenDb("mysql://localhost/x");
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace xxgk::store
