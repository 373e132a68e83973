// The checker: runs every rule of spec/report-json.md that concerns one report (the table arithmetic,
// blanks, structure, narrative against tables, fees, format version, dates) and appends findings.
#pragma once

#include <string>

#include "core/numbers.h"
#include "report/report.h"

namespace xxgk {

struct CheckOptions {
  bool narrative = true;  // C13: compare numbers stated in the text with the tables
  bool deadlines = true;  // D1
};

// Appends findings to report->findings and sorts them (errors first, then by position).
void CheckReport(Report* report, const CheckOptions& options = {});

// The rules, one function per group; each appends findings. Exposed for unit tests.
void CheckArithmetic(Report* report);   // C1 C2 C3 C4 C8 C9
void CheckCells(Report* report);        // C5
void CheckStructure(Report* report);    // C14 C15 S1 S3
void CheckFees(Report* report);         // C11 C12
void CheckNarrative(Report* report);    // C13
void CheckDates(Report* report);        // D1 D2


}  // namespace xxgk
