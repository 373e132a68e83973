// The supervisor's year at scale: a generated province (render/synth_province.h: 3,007 bodies in four levels,
// five years, 14,000-odd reports) ingested into a SQLite store, then coverage, 层级汇总, indicators, scores and
// the notice. Issue 13 asks for coverage of 3,000 bodies × 5 years in under 1 s and a notice in under 5 s.
//   build/bench/bench_supervise [--benchmark_filter=…]
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "ingest/ingest.h"
#include "notice/notice.h"
#include "render/synth_province.h"
#include "store/coverage.h"
#include "store/packs.h"
#include "store/registry.h"
#include "store/supervision.h"

namespace {

using namespace xxgk;

struct Fixture {
  std::unique_ptr<store::Store> store;
  std::string city;
};

void Die(const std::string& what) {
  std::fprintf(stderr, "%s\n", what.c_str());
  std::exit(1);
}

Fixture& Generated() {
  static Fixture f = [] {
    Fixture out;
    const std::string dir = std::filesystem::temp_directory_path() / ("xxgk-bench-supervise-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    auto s = store::Store::Open("sqlite:" + dir + "/province.db");
    if (!s) Die(s.error().message);
    out.store = std::move(*s);
    const xxgk::Province p = MakeProvince({});
    auto entries = store::ParseRegistry(store::ParseCsv(p.registry_csv));
    if (!entries) Die(entries.error().message);
    if (auto ok = store::ImportRegistry(out.store.get(), *entries, store::ImportMode::kMerge, "bench"); !ok) Die(ok.error().message);
    std::map<std::string, std::string> texts;
    std::vector<std::string> names;
    for (const auto& file : p.files) {
      texts[file.name] = file.text;
      names.push_back(file.name);
    }
    IngestOptions io;
    io.read = [&](const std::string& name) -> Result<std::string> { return texts.at(name); };
    auto ingested = Ingest(out.store.get(), names, io);
    if (!ingested) Die(ingested.error().message);
    std::fprintf(stderr, "province: %zu bodies, %zu reports ingested in %.1f s\n", entries->size(), ingested->reports, ingested->seconds);
    out.city = p.expected["cities"][0];
    std::filesystem::remove_all(dir);  // the open connection keeps the file until the process ends
    return out;
  }();
  return f;
}

store::CoverageQuery Query(int year, bool city) {
  store::CoverageQuery q;
  q.year = year;
  q.today = "2025-06-30";
  if (city) q.under = **store::FindRegistered(Generated().store.get(), Generated().city);
  return q;
}

void BM_CoverageFiveYears(benchmark::State& state) {
  store::Store* s = Generated().store.get();
  for (auto _ : state) {
    for (int year = 2020; year <= 2024; ++year) {
      auto c = store::Coverage(s, Query(year, false));
      if (!c) state.SkipWithError("coverage failed");
      benchmark::DoNotOptimize(c);
    }
  }
}
BENCHMARK(BM_CoverageFiveYears)->Unit(benchmark::kMillisecond);

void BM_Rollup(benchmark::State& state) {
  store::Store* s = Generated().store.get();
  for (auto _ : state) {
    auto r = store::RegistryRollup(s, 2024, std::nullopt);
    if (!r) state.SkipWithError("rollup failed");
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_Rollup)->Unit(benchmark::kMillisecond);

void BM_IndicatorsAndScores(benchmark::State& state) {
  store::Store* s = Generated().store.get();
  for (auto _ : state) {
    auto ind = store::Indicators(s, Query(2024, false), *store::FindPack("indicators"));
    if (!ind) state.SkipWithError("indicators failed");
    auto sc = store::Scores(s, Query(2024, false), *store::FindPack("statutory"), *ind);
    if (!sc) state.SkipWithError("scores failed");
    benchmark::DoNotOptimize(sc);
  }
}
BENCHMARK(BM_IndicatorsAndScores)->Unit(benchmark::kMillisecond);

void Notice(benchmark::State& state, bool city, bool docx) {
  store::Store* s = Generated().store.get();
  NoticeOptions o;
  o.query = Query(2024, city);
  o.scoring_pack = *store::FindPack("example-city");
  o.indicators_pack = *store::FindPack("indicators");
  for (auto _ : state) {
    auto data = NoticeData(s, o);
    if (!data) state.SkipWithError("notice failed");
    if (docx) {
      auto d = NoticeDocx(*data);
      benchmark::DoNotOptimize(d);
    } else {
      std::string html = NoticeHtml(*data);
      benchmark::DoNotOptimize(html);
    }
  }
}
BENCHMARK_CAPTURE(Notice, city_html, true, false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Notice, province_html, false, false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Notice, province_docx, false, true)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
