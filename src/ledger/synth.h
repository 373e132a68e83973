// A generated office's year of applications, for the tests, the benchmark and `xxgk synth --ledger`: every
// application's fate is drawn first (its outcome, whether it is concluded in the year, whether it was asked
// for a 补正, sent for consultation, extended, replied late), and the expected table 3, table 4, the late
// replies, the overdue list and the wrong fees are counted from those fates as they are drawn — not by the
// code under test. Deterministic in the seed; pure. WriteLedgerXlsx writes the register as an office's messy
// Excel ledger.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "ledger/application.h"
#include "ledger/tables.h"

namespace xxgk::ledger {

struct SynthOptions {
  uint64_t seed = 1;
  int year = 2025;
  int count = 2000;          // applications received in the year (those carried over come on top)
  double late_share = 0.03;  // replied after the deadline
  double open_share = 0.03;  // received in the last weeks and still open at the end of the year
};

struct SynthLedger {
  std::vector<Application> apps;
  std::vector<Regulation> regulations;
  AnnualCounts counts;
  std::string as_of;  // the day the expected overdue list is for: the year's last day
  // {year, as_of, table3: {row: {col: n}}, table4: {block: {col: n}}, table2: {...}, late: [serial…],
  //  overdue: [serial…], wrong_fees: [serial…], received, carried_over}
  nlohmann::json expected;
};

// Errors: kInvalidArgument for a year whose calendar (this year's or next) is not covered, or before 2021.
Result<SynthLedger> MakeLedgerYear(const SynthOptions& options);

// Writes the applications as an office's ledger: a title row, a two-row header with merged groups (补正,
// 征求意见, 延期, 答复, 行政复议), dates as spreadsheet dates and as text in several styles, applicant kinds
// spelled loosely, blank rows and a 合计 row. Errors: kIoError when the file cannot be written.
Result<void> WriteLedgerXlsx(const std::vector<Application>& apps, const std::string& path, uint64_t seed);
// The register of 规章 and 规范性文件 as CSV (类型,名称,文号,发布日期,废止日期).
std::string RegulationsCsv(const std::vector<Regulation>& regs);

}  // namespace xxgk::ledger
