// Throughput of each reader on the multi-format fixtures (tests/fixtures: the samples as HTML, DOCX and
// PDF), one thread, in process: read only, and read → extract → check → JSON.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <vector>

#include "pipeline/pipeline.h"
#include "readers/registry.h"
#include "report/report_json.h"

namespace {

std::vector<std::string> Load(const std::string& ext) {
  std::vector<std::string> out;
  std::vector<std::filesystem::path> paths;
  for (const auto& e : std::filesystem::directory_iterator(std::string(XXGK_SOURCE_DIR) + "/tests/fixtures")) {
    if (e.path().extension() == "." + ext) paths.push_back(e.path());
  }
  std::sort(paths.begin(), paths.end());
  for (const auto& p : paths) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    out.push_back(ss.str());
  }
  return out;
}

void Counters(benchmark::State& state, const std::vector<std::string>& docs) {
  size_t bytes = 0;
  for (const auto& d : docs) bytes += d.size();
  state.counters["docs/s"] = benchmark::Counter(static_cast<double>(state.iterations() * docs.size()), benchmark::Counter::kIsRate);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}

void BM_Read(benchmark::State& state, const std::string& ext) {
  static std::map<std::string, std::vector<std::string>> cache;
  auto& docs = cache.try_emplace(ext, Load(ext)).first->second;
  for (auto _ : state) {
    for (const auto& d : docs) {
      xxgk::Document doc;
      benchmark::DoNotOptimize(xxgk::ReadDocument(d, &doc));
    }
  }
  Counters(state, docs);
}

void BM_EndToEnd(benchmark::State& state, const std::string& ext) {
  static std::map<std::string, std::vector<std::string>> cache;
  auto& docs = cache.try_emplace(ext, Load(ext)).first->second;
  std::string out;
  for (auto _ : state) {
    for (const auto& d : docs) {
      auto r = xxgk::ProcessDocument(d, "x");
      out.clear();
      if (r) xxgk::WriteReportJson(*r, &out);
      benchmark::DoNotOptimize(out.data());
    }
  }
  Counters(state, docs);
}

BENCHMARK_CAPTURE(BM_Read, html, std::string("html"));
BENCHMARK_CAPTURE(BM_Read, docx, std::string("docx"));
BENCHMARK_CAPTURE(BM_Read, pdf, std::string("pdf"));
BENCHMARK_CAPTURE(BM_EndToEnd, html, std::string("html"));
BENCHMARK_CAPTURE(BM_EndToEnd, docx, std::string("docx"));
BENCHMARK_CAPTURE(BM_EndToEnd, pdf, std::string("pdf"));

}  // namespace

BENCHMARK_MAIN();
