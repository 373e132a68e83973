// Fuzz target: a tabular file an office hands over (CSV in any encoding, or XLSX) read into rows, and the
// rows read as a registry of bodies (the parser `xxgk registry import` and POST /api/registry/import use), as
// an office's ledger of applications and as its register of 规章 and 规范性文件 (`xxgk register import`,
// POST /api/register/import); what a ledger yields then goes through the deadlines, the fees and the tables.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/table_file.h"
#include "ledger/deadlines.h"
#include "ledger/fees.h"
#include "ledger/import.h"
#include "ledger/ledger_json.h"
#include "ledger/tables.h"
#include "store/registry.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto rows = xxgk::ReadTableRows(bytes, "fuzz");
  if (!rows) return 0;
  (void)xxgk::store::ParseRegistry(*rows);
  const xxgk::ledger::LedgerImport ledger = xxgk::ledger::ReadLedger(*rows, {{xxgk::ledger::Field::kNote, "备注"}});
  const xxgk::ledger::RegulationImport regs = xxgk::ledger::ReadRegulations(*rows);
  if (ledger.apps.empty()) return 0;
  (void)xxgk::ledger::DueListJson(xxgk::ledger::ComputeDueList(ledger.apps, "2025-12-31"), "2025-12-31", false);
  (void)xxgk::ledger::ReviewFees(ledger.apps);
  for (int year : {2020, 2025}) {
    auto t = xxgk::ledger::ComputeTables(ledger.apps, regs.regulations, {}, year);
    if (t) (void)xxgk::ledger::TablesJson(*t, true);
  }
  for (const auto& a : ledger.apps) (void)xxgk::ledger::ApplicationFromJson(xxgk::ledger::ApplicationJson(a));
  return 0;
}
