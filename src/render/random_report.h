// Random valid reports: every table balanced (C1–C4, C8/C9 hold), sections with plausible text, an agency,
// a year and a signature date. Deterministic in the seed. For round-trip tests, synthetic corpora and
// benchmarks.
#pragma once

#include <cstdint>
#include <string>

#include "report/report.h"

namespace xxgk {

struct RandomReportOptions {
  int year = 2024;                 // the format follows the year (gov2019trial for 2019–2020)
  std::string agency;              // empty: drawn from the seed
  double nonzero_share = 0.25;     // share of detail cells that are not zero
};

Report RandomReport(uint64_t seed, const RandomReportOptions& options = {});

// The agency names synth and the tests draw from: a region and a body, e.g. "清河县教育局".
std::string RandomAgency(uint64_t seed);

}  // namespace xxgk
