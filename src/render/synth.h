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

// The index-th file of a corpus (formats taken in turn) and its expectations, for the caller to write.
struct SynthFile {
  std::string name;           // synth_000042.html
  std::string bytes;          // the rendered report
  std::string expected_name;  // synth_000042.expected.json
  std::string expected_json;  // {agency, year, format, defect, expected_rules}
};
// Errors: kInvalidArgument when options.formats is empty; a rendering error as RenderReport returns it.
Result<SynthFile> MakeSynthFile(const SynthOptions& options, size_t index);

}  // namespace xxgk
