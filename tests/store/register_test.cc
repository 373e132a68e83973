// The office's register in the store (store/applications.h), on SQLite and PostgreSQL: a generated year
// imported whole, merge and replace by serial, one record saved and refused, the saved mapping, the
// documents and counts of table 2, the tables computed from the store equal the generator's, the published
// report compared cell by cell, and every write audited.
#include "store/applications.h"

#include <gtest/gtest.h>

#include "ledger/deadlines.h"
#include "ledger/ledger_json.h"
#include "ledger/tables.h"
#include "ledger/synth.h"
#include "schema/ids.h"
#include "store/accounts.h"
#include "store_fixture.h"

namespace xxgk::store {
namespace {

std::vector<std::string> AuditActions(Store* s, size_t n) {
  std::vector<std::string> out;
  auto a = ListAudit(s, n);
  EXPECT_TRUE(a);
  if (a) for (const auto& e : *a) out.push_back(e.action);
  return out;
}

TEST_P(StoreTest, RegisterImportsAYearAndComputesItsTables) {
  auto synth = ledger::MakeLedgerYear({.seed = 5, .year = 2025, .count = 600});
  ASSERT_TRUE(synth) << synth.error().message;
  auto body = store_->ResolveAgency("北京市大兴区卫生健康委员会");
  ASSERT_TRUE(body);
  const ledger::ColumnMapping mapping = {{ledger::Field::kReceived, "收到日期"}};
  auto plan = PlanApplications(store_.get(), *body, synth->apps, LedgerMode::kMerge);
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->added, synth->apps.size());
  auto done = ImportApplications(store_.get(), *body, synth->apps, LedgerMode::kMerge, mapping, "tester", "ledger.xlsx");
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_EQ(done->added, synth->apps.size());
  ASSERT_TRUE(ReplaceRegulations(store_.get(), *body, synth->regulations, "tester"));
  ASSERT_TRUE(SaveAnnualCounts(store_.get(), *body, 2025, synth->counts, "tester"));

  // Read back equal, field by field.
  auto apps = LoadApplications(store_.get(), *body);
  ASSERT_TRUE(apps);
  ASSERT_EQ(apps->size(), synth->apps.size());
  std::map<std::string, const ledger::Application*> by_serial;
  for (const auto& a : *apps) by_serial[a.serial] = &a;
  for (const auto& want : synth->apps) {
    const ledger::Application* got = by_serial[want.serial];
    ASSERT_NE(got, nullptr) << want.serial;
    EXPECT_EQ(ledger::ApplicationJson(*got).dump(), [&] {
      ledger::Application w = want;
      w.id = got->id;
      return ledger::ApplicationJson(w).dump();
    }()) << want.serial;
  }
  // The tables from the store are the generator's.
  auto t = LedgerTablesOf(store_.get(), *body, 2025);
  ASSERT_TRUE(t);
  EXPECT_TRUE(t->problems.empty());
  const FormatSpec& f = *t->report.format;
  for (const auto& [row, cols] : synth->expected["table3"].items()) {
    for (const auto& [col, n] : cols.items()) EXPECT_EQ(t->report.cells[f.CellIndex(T3CellId(row, col))].value, n.get<int>()) << row << col;
  }
  EXPECT_EQ(t->report.cells[f.CellIndex(ids::cell::t2_art20_5_admin_license_decisions)].value, *synth->counts.licenses);
  auto saved = LoadMapping(store_.get(), *body);
  ASSERT_TRUE(saved);
  EXPECT_EQ(*saved, mapping);

  // Importing the same file again changes nothing; a changed record is updated; replace removes the rest.
  auto again = ImportApplications(store_.get(), *body, synth->apps, LedgerMode::kMerge, mapping, "tester", "ledger.xlsx");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->unchanged, synth->apps.size());
  std::vector<ledger::Application> two(synth->apps.begin(), synth->apps.begin() + 2);
  two[0].outcome = std::string(ids::t3_row::unable_not_held.value);
  two[0].replied = two[0].replied.empty() ? "2025-12-30" : two[0].replied;
  auto replaced = ImportApplications(store_.get(), *body, two, LedgerMode::kReplace, mapping, "tester", "two.xlsx");
  ASSERT_TRUE(replaced);
  EXPECT_EQ(replaced->updated, 1u);
  EXPECT_EQ(replaced->unchanged, 1u);
  EXPECT_EQ(replaced->removed, synth->apps.size() - 2);
  ASSERT_EQ(LoadApplications(store_.get(), *body)->size(), 2u);
  const auto actions = AuditActions(store_.get(), 10);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "ledger.import"), 3);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "ledger.regulations"), 1);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "ledger.counts"), 1);
}

TEST_P(StoreTest, RegisterSavesOneRecordAndRefusesAClash) {
  auto body = store_->ResolveAgency("北京市大兴区卫生健康委员会");
  auto other = store_->ResolveAgency("华龙区卫生健康委员会");
  ASSERT_TRUE(body && other);
  ledger::Application a;
  a.serial = "X-1";
  a.received = "2025-03-03";
  auto id = SaveApplication(store_.get(), *body, a, "officer");
  ASSERT_TRUE(id) << id.error().message;
  ledger::Application b = a;  // the same serial, a new record: refused, nothing written
  auto clash = SaveApplication(store_.get(), *body, b, "officer");
  ASSERT_FALSE(clash);
  EXPECT_NE(clash.error().message.find("X-1"), std::string::npos);
  a.id = *id;
  a.replied = "2025-03-20";
  a.outcome = std::string(ids::t3_row::granted.value);
  ASSERT_TRUE(SaveApplication(store_.get(), *body, a, "officer"));
  EXPECT_FALSE(SaveApplication(store_.get(), *other, a, "officer"));  // not the other body's record
  auto apps = LoadApplications(store_.get(), *body);
  ASSERT_TRUE(apps);
  ASSERT_EQ(apps->size(), 1u);
  EXPECT_EQ((*apps)[0].outcome, "granted");
  EXPECT_FALSE(*DeleteApplication(store_.get(), *other, *id, "officer"));
  EXPECT_TRUE(*DeleteApplication(store_.get(), *body, *id, "officer"));
  EXPECT_TRUE(LoadApplications(store_.get(), *body)->empty());
  const auto actions = AuditActions(store_.get(), 10);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "ledger.edit"), 2);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "ledger.delete"), 1);
}

TEST_P(StoreTest, RegisterComparesThePublishedTable3) {
  // The demo report of 大兴 2024 is stored; a register whose 2024 counts differ from it in one cell.
  IngestFiles({(kSamples / "daxing_weijianwei_2024.txt").string()});
  auto body = store_->LookupAgency("北京市大兴区卫生健康委员会");
  ASSERT_TRUE(body && *body);
  auto report = CurrentReport(store_.get(), **body, 2024);
  ASSERT_TRUE(report && *report);
  const FormatSpec& f = *(*report)->format;
  // One application per counted person in the report's 新收 row, replied 予以公开 within the year.
  const int received = static_cast<int>((*report)->cells[f.CellIndex(ids::cell::t3_new_received_natural_person)].value);
  std::vector<ledger::Application> apps;
  for (int i = 0; i < received + 1; ++i) {
    ledger::Application a;
    a.serial = "D-" + std::to_string(i);
    a.received = "2024-04-01";
    a.replied = "2024-04-15";
    a.outcome = std::string(ids::t3_row::granted.value);
    apps.push_back(a);
  }
  ASSERT_TRUE(ImportApplications(store_.get(), **body, apps, LedgerMode::kMerge, {}, "tester", "d.csv"));
  auto t = LedgerTablesOf(store_.get(), **body, 2024);
  ASSERT_TRUE(t);
  auto diffs = ledger::CrossCheck(*t, **report);
  ASSERT_TRUE(diffs);
  bool found = false;
  for (const auto& d : *diffs) {
    if (d.cell == f.CellIndex(ids::cell::t3_new_received_natural_person)) {
      found = true;
      EXPECT_EQ(d.ledger, received + 1);
      EXPECT_EQ(d.serials.size(), static_cast<size_t>(received + 1));
    }
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace xxgk::store
