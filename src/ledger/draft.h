// A report draft from the registers: the year's format, the body's name, tables 2–4 as ComputeTables gives
// them, and a first text for each section that states the tables' own numbers (so the narrative agrees with
// them, C13) and the fees recorded (C11, C12). What only the office can write is marked 【待填写】.
#pragma once

#include <string>

#include "ledger/tables.h"
#include "report/report.h"

namespace xxgk::ledger {

// `signed_date` is ISO ("" for none).
Report DraftReport(const LedgerTables& tables, const std::string& agency, const std::string& signed_date);

}  // namespace xxgk::ledger
