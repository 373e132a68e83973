// The library at scale: 100,000 reports of 2,000 bodies in 50 regions over 6 years, in a SQLite store, paged
// as GET /api/reports pages them (a count and a page of 50). Issue 12 asks for a page in under 200 ms.
//   build/bench/bench_library [--benchmark_filter=…]
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "store/queries.h"
#include "store/store.h"

namespace {

using namespace xxgk;

constexpr int kReports = 100000, kBodies = 2000, kRegions = 50;

store::Store* Library() {
  static std::unique_ptr<store::Store> lib = [] {
    const std::string dir = std::filesystem::temp_directory_path() / ("xxgk-bench-library-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    auto s = store::Store::Open("sqlite:" + dir + "/library.db");
    if (!s) {
      std::fprintf(stderr, "%s\n", s.error().message.c_str());
      std::exit(1);
    }
    store::Db* db = (*s)->db();
    (void)db->Begin();
    for (int b = 1; b <= kBodies; ++b) {
      const std::string region = "测试省第" + std::to_string(b % kRegions) + "区";
      (void)db->Query("INSERT INTO agencies (key, name, region, kind) VALUES (?, ?, ?, 'department')",
                      {"body" + std::to_string(b), region + "第" + std::to_string(b) + "局", region});
    }
    for (int i = 1; i <= kReports; ++i) {
      const int body = 1 + i % kBodies;
      (void)db->Query("INSERT INTO documents (sha256, name, path, bytes, status, ingested_at, content) "
                      "VALUES (?, ?, ?, 1, 'ok', '2026-01-01', '')",
                      {"sha" + std::to_string(i), "r" + std::to_string(i) + ".txt", "r" + std::to_string(i) + ".txt"});
      (void)db->Query("INSERT INTO reports (document_id, agency_id, agency, year, format, late, errors, warnings, infos) "
                      "VALUES (?, ?, ?, ?, 'gov2021', ?, ?, ?, 0)",
                      {int64_t{i}, int64_t{body}, "第" + std::to_string(body) + "局", int64_t{2019 + i % 6}, int64_t{i % 7 == 0},
                       int64_t{i % 5}, int64_t{i % 3}});
    }
    (void)db->Commit();
    std::filesystem::remove_all(dir);  // the open connection keeps the file until the process ends
    return std::move(*s);
  }();
  return lib.get();
}

void Page(benchmark::State& state, store::ReportFilter f) {
  store::Store* lib = Library();
  f.limit = 50;
  for (auto _ : state) {
    auto total = store::CountReports(lib, f);
    auto page = store::ListReports(lib, f);
    if (!total || !page || page->empty()) state.SkipWithError("query failed");
    benchmark::DoNotOptimize(page);
  }
}

void BM_FirstPageNewest(benchmark::State& state) {
  store::ReportFilter f;
  f.sort = "-year";
  Page(state, f);
}
void BM_DeepPageNewest(benchmark::State& state) {  // page 1,000 of 2,000
  store::ReportFilter f;
  f.sort = "-year";
  f.offset = 50000;
  Page(state, f);
}
void BM_RegionPageByErrors(benchmark::State& state) {  // a reviewer's region, most errors first
  store::ReportFilter f;
  f.sort = "-errors";
  f.scope = store::AccessScope{{}, {"测试省第7区"}};
  Page(state, f);
}
void BM_YearFilterByAgency(benchmark::State& state) {
  store::ReportFilter f;
  f.year = 2024;
  f.sort = "agency";
  Page(state, f);
}

BENCHMARK(BM_FirstPageNewest)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DeepPageNewest)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RegionPageByErrors)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_YearFilterByAgency)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
