// The supervisor's year over a generated province (render/synth_province.h): a registry of about 3,000
// bodies in four levels, five years of reports with known missing, late and defective ones and counties
// that do or do not equal their departments. Coverage, 层级汇总, indicators, scores and the notice must
// come out exactly as the generator says. The notice of one city is written to BUILD/province-artifacts/.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <set>

#include "notice/notice.h"
#include "render/synth_province.h"
#include "store/coverage.h"
#include "store/packs.h"
#include "store/registry.h"
#include "store/supervision.h"
#include "store_fixture.h"

namespace xxgk::store {
namespace {

using nlohmann::json;

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

TEST_P(StoreTest, AGeneratedProvinceComesOutAsGenerated) {
  ProvinceOptions po;
  if (GetParam() == "postgresql") {  // the same checks on a smaller province: the server is slower to fill
    po.cities = 2;
    po.counties_per_city = 3;
    po.departments_per_county = 8;
    po.first_year = 2023;
  }
  const Province p = MakeProvince(po);
  // The registry, then every report.
  auto entries = ParseRegistry(ParseCsv(p.registry_csv));
  ASSERT_TRUE(entries) << entries.error().message;
  ASSERT_EQ(entries->size(), p.expected["bodies"].get<size_t>());
  ASSERT_TRUE(ImportRegistry(store_.get(), *entries, ImportMode::kMerge, "admin"));
  std::map<std::string, std::string> texts;
  std::vector<std::string> names;
  for (const auto& f : p.files) {
    texts[f.name] = f.text;
    names.push_back(f.name);
  }
  IngestOptions io = Options();
  io.read = [&](const std::string& name) -> Result<std::string> { return texts.at(name); };
  auto t0 = std::chrono::steady_clock::now();
  auto ingested = Ingest(store_.get(), names, io);
  ASSERT_TRUE(ingested) << ingested.error().message;
  EXPECT_EQ(ingested->reports, p.files.size());
  EXPECT_EQ(ingested->failed, 0u);
  std::printf("province: %zu bodies, %zu reports ingested in %.1f s\n", entries->size(), p.files.size(), Seconds(t0));
  // Every report found its registered body.
  auto waiting = UnmatchedBodies(store_.get());
  ASSERT_TRUE(waiting);
  EXPECT_TRUE(waiting->empty()) << waiting->dump().substr(0, 500);

  const std::string today = std::to_string(po.last_year + 1) + "-06-30";
  double coverage_seconds = 0;
  for (int year = po.first_year; year <= po.last_year; ++year) {
    const json& want = p.expected["years"][std::to_string(year)];
    CoverageQuery q;
    q.year = year;
    q.today = today;
    auto t = std::chrono::steady_clock::now();
    auto cov = Coverage(store_.get(), q);
    coverage_seconds += Seconds(t);
    ASSERT_TRUE(cov) << cov.error().message;
    const json& n = (*cov)["counts"];
    SCOPED_TRACE("year " + std::to_string(year));
    EXPECT_EQ(n["due"], want["due"]);
    EXPECT_EQ(n["published"], want["published"]);
    EXPECT_EQ(n["late"], want["late"]);
    EXPECT_EQ(n["on_time"], want["published"].get<int>() - want["late"].get<int>());
    EXPECT_EQ(n["missing"], want["missing"]);
    EXPECT_EQ(n["missing_overdue"], want["missing"]);
    EXPECT_EQ(n["unreadable"], 0);
    EXPECT_EQ(n["with_errors"], want["with_errors"]);
    std::set<std::string> late, missing, errors;
    for (const auto& b : (*cov)["bodies"]) {
      if (b["status"] == "published_late") late.insert(b["name"]);
      if (b["status"] == "missing") missing.insert(b["name"]);
      if (b.value("errors", 0) > 0) errors.insert(b["name"]);
    }
    EXPECT_EQ(late, want["late_bodies"].get<std::set<std::string>>());
    EXPECT_EQ(missing, want["missing_bodies"].get<std::set<std::string>>());
    EXPECT_EQ(errors, want["defective_bodies"].get<std::set<std::string>>());
  }
  std::printf("province: coverage of %d years in %.3f s\n", po.last_year - po.first_year + 1, coverage_seconds);
  EXPECT_LT(coverage_seconds, 10.0);  // the benchmark holds the real figure; this only catches a blow-up

  // 层级汇总 of the last year: each county whose report exists is off exactly when the generator made it so,
  // by the six cells it shifted, and names the departments without a report.
  const int last = po.last_year;
  auto rollup = RegistryRollup(store_.get(), last, std::nullopt);
  ASSERT_TRUE(rollup);
  const json& want_rollup = p.expected["rollup"][std::to_string(last)];
  size_t checked = 0;
  for (const auto& parent : *rollup) {
    const std::string name = parent["name"];
    if (!want_rollup.contains(name)) {
      EXPECT_TRUE(parent["report_id"].is_null()) << name;  // no report, so nothing generated to compare
      continue;
    }
    ++checked;
    const json& w = want_rollup[name];
    EXPECT_EQ(parent["missing"].get<std::set<std::string>>(), w["missing"].get<std::set<std::string>>()) << name;
    if (parent.contains("why")) {
      EXPECT_EQ(w["missing"].size(), parent["children"].size()) << name << ": " << parent["why"];
      continue;
    }
    EXPECT_EQ(parent["differences"].size(), w["off"].get<bool>() ? 6u : 0u) << name << ": " << parent["differences"].dump().substr(0, 300);
    for (const auto& d : parent["differences"]) EXPECT_EQ(d["difference"], 1.0) << name;
  }
  EXPECT_EQ(checked, want_rollup.size());

  // Indicators: 实质公开率's numerator and denominator are the generator's sums over the published reports.
  const json* ipack = FindPack("indicators");
  ASSERT_NE(ipack, nullptr);
  CoverageQuery q;
  q.year = last;
  q.today = today;
  auto ind = Indicators(store_.get(), q, *ipack);
  ASSERT_TRUE(ind) << ind.error().message;
  const json& substantive = (*ind)["indicators"][0];
  ASSERT_EQ(substantive["id"], "substantive_disclosure");
  EXPECT_EQ(substantive["total"]["numerator"], p.expected["years"][std::to_string(last)]["substantive"]["numerator"]);
  EXPECT_EQ(substantive["total"]["denominator"], p.expected["years"][std::to_string(last)]["substantive"]["denominator"]);

  // Scores with a pack whose deductions the generator's fates decide: missing −10, late −2, each error −1.
  json pack = {{"kind", "scoring"}, {"id", "test"}, {"name", "测试方案"}, {"source", "测试"}, {"base", 100}, {"missing", 10}, {"late", 2},
               {"rules", {{"severity", {{"error", 1}, {"warning", 0}}}, {"cap", 100}}}, {"cap", 100}};
  auto scores = Scores(store_.get(), q, pack, *ind);
  ASSERT_TRUE(scores) << scores.error().message;
  const json& want = p.expected["years"][std::to_string(last)];
  const auto late = want["late_bodies"].get<std::set<std::string>>(), missing = want["missing_bodies"].get<std::set<std::string>>(),
             defective = want["defective_bodies"].get<std::set<std::string>>();
  double previous = 1e9;
  for (const auto& b : (*scores)["bodies"]) {
    const std::string name = b["name"];
    const double expect = 100 - (missing.count(name) ? 10 : 0) - (late.count(name) ? 2 : 0) - (defective.count(name) ? 2 : 0);
    EXPECT_EQ(b["score"].get<double>(), expect) << name << " " << b["items"].dump();
    EXPECT_LE(b["score"].get<double>(), previous);  // ranked
    previous = b["score"].get<double>();
  }

  // The notice of the first city: its coverage, its late and missing bodies, rendered three ways.
  const std::string city = p.expected["cities"][0];
  auto city_id = FindRegistered(store_.get(), city);
  ASSERT_TRUE(city_id && *city_id);
  auto subtree = Subtree(store_.get(), **city_id);
  ASSERT_TRUE(subtree);
  std::set<std::string> below;
  {
    // The generator's registry says who is below the city.
    std::map<std::string, std::string> parent_of;
    for (const auto& e : *entries) parent_of[e.name] = e.parent;
    for (const auto& e : *entries) {
      for (std::string up = e.name; !up.empty(); up = parent_of[up]) {
        if (up == city) below.insert(e.name);
      }
    }
  }
  EXPECT_EQ(subtree->size(), below.size());
  NoticeOptions no;
  no.query = q;
  no.query.under = **city_id;
  no.scoring_pack = *FindPack("example-city");
  no.indicators_pack = *ipack;
  no.issuer = city + "办公室";
  auto t = std::chrono::steady_clock::now();
  auto data = NoticeData(store_.get(), no);
  ASSERT_TRUE(data) << data.error().message;
  const std::string html = NoticeHtml(*data);
  auto docx = NoticeDocx(*data);
  std::printf("province: the notice of %s (%zu bodies) in %.3f s\n", city.c_str(), below.size(), Seconds(t));
  ASSERT_TRUE(docx);
  size_t city_missing = 0, city_late = 0;
  for (const auto& name : below) {
    city_missing += missing.count(name);
    city_late += late.count(name);
  }
  EXPECT_EQ((*data)["coverage"]["counts"]["due"], below.size());
  EXPECT_EQ((*data)["coverage"]["counts"]["missing"], city_missing);
  EXPECT_EQ((*data)["coverage"]["counts"]["late"], city_late);
  EXPECT_NE(html.find("应发布" + std::to_string(last) + "年度政府信息公开工作年度报告的机关共 " + std::to_string(below.size()) + " 个"), std::string::npos);
  for (const auto& name : below) {
    if (missing.count(name) || late.count(name)) {
      EXPECT_NE(html.find(name), std::string::npos) << name;
    }
  }
  EXPECT_EQ(docx->substr(0, 2), "PK");
  const fs::path out = fs::path(XXGK_BINARY_DIR) / "province-artifacts";
  fs::create_directories(out);
  if (GetParam() == "sqlite") {
    WriteFile(out / "notice-city.html", html);
    WriteFile(out / "notice-city.docx", *docx);
    ASSERT_TRUE(WriteNoticeXlsx(*data, (out / "notice-city.xlsx").string()));
  }
  // Deterministic: the same store and date give the same notice.
  auto again = NoticeData(store_.get(), no);
  ASSERT_TRUE(again);
  EXPECT_EQ(NoticeHtml(*again), html);
}

}  // namespace
}  // namespace xxgk::store
