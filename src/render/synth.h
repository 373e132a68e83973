// A synthetic corpus: random valid reports for varied agencies and years, rendered in several formats, some
// with one injected defect; beside each file NAME.expected.json names the defect and the rules that must
// fire. For benchmarks, load tests, demos and the checker's own tests.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "render/render.h"

namespace xxgk {

struct SynthOptions {
  size_t count = 100;
  uint64_t seed = 1;
  double defect_share = 0.5;
  std::vector<RenderFormat> formats = {RenderFormat::kText, RenderFormat::kHtml, RenderFormat::kDocx};
};

// One synthetic report: the report (after the defect), its defect ("" for none) and the rules it must raise.
struct SynthReport {
  Report report;
  std::string defect;
  std::vector<std::string> expected_rules;
};

// The i-th report of a corpus (deterministic in seed and i).
SynthReport MakeSynthReport(uint64_t seed, size_t index, double defect_share);

// Writes count reports (cycling through the formats) with their .expected.json files; returns the number of
// reports written.
Result<size_t> WriteSynthCorpus(const std::string& dir, const SynthOptions& options);

}  // namespace xxgk
