// The office's register at scale: a generated year of 100,000 applications (ledger/synth.h), stored in a
// SQLite register, then `register tables` as the command runs it (load from the store and compute), the
// tables alone, the due list with its working-day arithmetic, the fee review, and reading a 10,000-row Excel
// ledger. Issue 14 asks for `register tables` over 100,000 applications in under 1 s.
//   build/bench/bench_register [--benchmark_filter=…]
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include <unistd.h>

#include "ingest/table_file.h"
#include "ledger/deadlines.h"
#include "ledger/fees.h"
#include "ledger/import.h"
#include "ledger/synth.h"
#include "store/applications.h"

namespace {

using namespace xxgk;

void Die(const std::string& what) {
  std::fprintf(stderr, "%s\n", what.c_str());
  std::exit(1);
}

struct Fixture {
  ledger::SynthLedger year;
  std::unique_ptr<store::Store> store;
  int64_t body = 0;
  std::string dir;
};

Fixture& Generated() {
  static Fixture f = [] {
    Fixture out;
    auto s = ledger::MakeLedgerYear({.seed = 9, .year = 2025, .count = 100000});
    if (!s) Die(s.error().message);
    out.year = std::move(*s);
    out.dir = std::filesystem::temp_directory_path() / ("xxgk-bench-register-" + std::to_string(getpid()));
    std::filesystem::create_directories(out.dir);
    auto st = store::Store::Open("sqlite:" + out.dir + "/register.db");
    if (!st) Die(st.error().message);
    out.store = std::move(*st);
    auto body = out.store->ResolveAgency("某某市市场监督管理局");
    if (!body) Die(body.error().message);
    out.body = *body;
    auto done = store::ImportApplications(out.store.get(), out.body, out.year.apps, store::LedgerMode::kMerge, {}, "bench", "bench");
    if (!done) Die(done.error().message);
    if (auto ok = store::ReplaceRegulations(out.store.get(), out.body, out.year.regulations, "bench"); !ok) Die(ok.error().message);
    if (auto ok = store::SaveAnnualCounts(out.store.get(), out.body, 2025, out.year.counts, "bench"); !ok) Die(ok.error().message);
    std::fprintf(stderr, "register: %zu applications stored\n", out.year.apps.size());
    return out;
  }();
  return f;
}

// `xxgk register tables`: load the body's register from the store and compute tables 2–4.
void BM_RegisterTablesFromStore(benchmark::State& state) {
  Fixture& f = Generated();
  for (auto _ : state) {
    auto t = store::LedgerTablesOf(f.store.get(), f.body, 2025);
    if (!t || !t->problems.empty()) Die("tables failed");
    benchmark::DoNotOptimize(t->report.cells.data());
  }
  state.counters["applications"] = static_cast<double>(f.year.apps.size());
}
BENCHMARK(BM_RegisterTablesFromStore)->Unit(benchmark::kMillisecond);

void BM_ComputeTables(benchmark::State& state) {
  Fixture& f = Generated();
  for (auto _ : state) {
    auto t = ledger::ComputeTables(f.year.apps, f.year.regulations, f.year.counts, 2025);
    benchmark::DoNotOptimize(t->report.cells.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(f.year.apps.size()));
}
BENCHMARK(BM_ComputeTables)->Unit(benchmark::kMillisecond);

void BM_DueList(benchmark::State& state) {
  Fixture& f = Generated();
  for (auto _ : state) {
    auto d = ledger::ComputeDueList(f.year.apps, "2025-12-31");
    if (!d.errors.empty()) Die(d.errors.front());
    benchmark::DoNotOptimize(d.items.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(f.year.apps.size()));
}
BENCHMARK(BM_DueList)->Unit(benchmark::kMillisecond);

void BM_FeeReview(benchmark::State& state) {
  Fixture& f = Generated();
  for (auto _ : state) {
    auto r = ledger::ReviewFees(f.year.apps);
    benchmark::DoNotOptimize(r.total_charged);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(f.year.apps.size()));
}
BENCHMARK(BM_FeeReview)->Unit(benchmark::kMillisecond);

// Reading an office's Excel ledger of 10,000 rows (unzip, rows, header, every cell).
void BM_ReadExcelLedger(benchmark::State& state) {
  Fixture& f = Generated();
  static const std::string bytes = [&] {
    std::vector<ledger::Application> some(f.year.apps.begin(), f.year.apps.begin() + 10000);
    const std::string path = f.dir + "/ledger.xlsx";
    if (auto ok = ledger::WriteLedgerXlsx(some, path, 9); !ok) Die(ok.error().message);
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }();
  for (auto _ : state) {
    auto rows = ReadTableRows(bytes, "ledger.xlsx");
    if (!rows) Die(rows.error().message);
    auto r = ledger::ReadLedger(*rows);
    if (!r.errors.empty() || r.apps.size() != 10000) Die("ledger read failed");
    benchmark::DoNotOptimize(r.apps.data());
  }
  state.SetItemsProcessed(state.iterations() * 10000);
}
BENCHMARK(BM_ReadExcelLedger)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  std::error_code ec;
  std::filesystem::remove_all(Generated().dir, ec);
  return 0;
}
