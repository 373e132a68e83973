// Rendering speed, one thread: random valid reports (pre-built) rendered to each format.
#include <benchmark/benchmark.h>

#include <vector>

#include "render/random_report.h"
#include "render/render.h"

namespace {

const std::vector<xxgk::Report>& Reports() {
  static const std::vector<xxgk::Report> reports = [] {
    std::vector<xxgk::Report> out;
    for (uint64_t seed = 1; seed <= 64; ++seed) {
      xxgk::RandomReportOptions o;
      o.year = 2019 + static_cast<int>(seed % 6);
      out.push_back(xxgk::RandomReport(seed, o));
    }
    return out;
  }();
  return reports;
}

void BM_Render(benchmark::State& state) {
  const auto format = static_cast<xxgk::RenderFormat>(state.range(0));
  const auto& reports = Reports();
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    auto out = xxgk::RenderReport(reports[i++ % reports.size()], format);
    bytes += out->size();
    benchmark::DoNotOptimize(out);
  }
  state.counters["reports/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.SetLabel(xxgk::RenderExtension(format));
}
BENCHMARK(BM_Render)
    ->Arg(static_cast<int>(xxgk::RenderFormat::kMarkdown))
    ->Arg(static_cast<int>(xxgk::RenderFormat::kHtml))
    ->Arg(static_cast<int>(xxgk::RenderFormat::kText))
    ->Arg(static_cast<int>(xxgk::RenderFormat::kDocx));

}  // namespace

BENCHMARK_MAIN();
