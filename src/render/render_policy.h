// Whether a report may be rendered in the official layout: the one policy of `xxgk render` and
// POST /api/render. A rendered report must check clean, so xxgk never prints a table that looks official
// and does not add up. The front ends only translate the verdict (stderr and exit 1; HTTP 422 with JSON).
#pragma once

#include <string>
#include <vector>

#include "report/report.h"

namespace xxgk {

enum class RenderRefusal {
  kNone,            // render it
  kTotalsDisagree,  // --fill-totals found a given total that differs from its parts (findings: C2/C3/C4)
  kUnfilled,        // cells left empty (unfilled: their labels)
  kArithmetic,      // the 勾稽关系 does not hold (findings: the error findings of the arithmetic checks)
};

struct RenderVerdict {
  RenderRefusal refusal = RenderRefusal::kNone;
  std::string message;                // the refusal in one Chinese sentence, for an officer ("" when rendered)
  std::vector<Finding> findings;      // the findings behind the refusal; warnings shown even when rendered (C5)
  std::vector<std::string> unfilled;  // the Chinese labels of the empty cells (kUnfilled)

  bool ok() const { return refusal == RenderRefusal::kNone; }
  // "totals_disagree", "unfilled", "arithmetic" (for JSON and tests); "" for kNone.
  const char* code() const;
};

// Prepares `report` for rendering: with `fill_totals`, computes the totals left empty from their parts
// (FillTotals); then requires every cell filled and the arithmetic rules (C1–C4, C8, C9) free of errors.
// The report is changed only by the filled totals. Never fails otherwise: the verdict says why not.
RenderVerdict PrepareForRender(Report* report, bool fill_totals);

}  // namespace xxgk
