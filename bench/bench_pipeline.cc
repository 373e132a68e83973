// Throughput of the pipeline on the bundled sample reports, one thread, in process:
// bytes → decode → read → extract → check → JSON. Counters give reports/s and MB/s.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "encoding/decode.h"
#include "extract/extract.h"
#include "pipeline/pipeline.h"
#include "readers/registry.h"
#include "report/report_json.h"

namespace {

struct Sample {
  std::string name;
  std::string bytes;
};

const std::vector<Sample>& Samples() {
  static std::vector<Sample> samples = [] {
    std::vector<Sample> out;
    for (const auto& e : std::filesystem::directory_iterator(std::string(XXGK_SOURCE_DIR) + "/samples")) {
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      out.push_back({e.path().filename().string(), ss.str()});
    }
    std::sort(out.begin(), out.end(), [](const Sample& a, const Sample& b) { return a.name < b.name; });
    return out;
  }();
  return samples;
}

size_t TotalBytes() {
  size_t n = 0;
  for (const auto& s : Samples()) n += s.bytes.size();
  return n;
}

void SetCounters(benchmark::State& state) {
  const auto& s = Samples();
  state.counters["reports/s"] = benchmark::Counter(static_cast<double>(state.iterations() * s.size()), benchmark::Counter::kIsRate);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TotalBytes()));
}

// End to end, as `xxgk parse --json` does for each file.
void BM_EndToEndJson(benchmark::State& state) {
  std::string out;
  for (auto _ : state) {
    for (const auto& s : Samples()) {
      auto r = xxgk::ProcessDocument(s.bytes, s.name);
      out.clear();
      if (r) xxgk::WriteReportJson(*r, &out);
      benchmark::DoNotOptimize(out.data());
    }
  }
  SetCounters(state);
}
BENCHMARK(BM_EndToEndJson);

void BM_Decode(benchmark::State& state) {
  for (auto _ : state) {
    for (const auto& s : Samples()) benchmark::DoNotOptimize(xxgk::DecodeToUtf8(s.bytes));
  }
  SetCounters(state);
}
BENCHMARK(BM_Decode);

void BM_ReadAndExtract(benchmark::State& state) {
  for (auto _ : state) {
    for (const auto& s : Samples()) {
      xxgk::Document doc;
      (void)xxgk::ReadDocument(s.bytes, &doc);
      benchmark::DoNotOptimize(xxgk::ExtractReport(doc));
    }
  }
  SetCounters(state);
}
BENCHMARK(BM_ReadAndExtract);

void BM_Check(benchmark::State& state) {
  std::vector<xxgk::Report> reports;
  for (const auto& s : Samples()) {
    xxgk::PipelineOptions o;
    o.check = false;
    if (auto r = xxgk::ProcessDocument(s.bytes, s.name, o)) reports.push_back(std::move(*r));
  }
  for (auto _ : state) {
    for (const auto& r : reports) {
      xxgk::Report copy = r;
      xxgk::CheckReport(&copy);
      benchmark::DoNotOptimize(copy.findings.data());
    }
  }
  SetCounters(state);
}
BENCHMARK(BM_Check);

}  // namespace

BENCHMARK_MAIN();
