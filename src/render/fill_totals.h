// --fill-totals: computes the 总计 column of table 3, （七）总计 and the table-4 totals from their parts
// (the C2, C3 and C4 sums of the format), and reports totals that were given and disagree.
#pragma once

#include <vector>

#include "report/report.h"

namespace xxgk {

// Fills every total whose parts are all known and that is missing; appends a C2/C3/C4 error finding for
// each given total that differs from its parts. Returns the number of cells filled.
int FillTotals(Report* report, std::vector<Finding>* disagreements);

}  // namespace xxgk
