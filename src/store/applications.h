// The office's registers in the store: each body's 依申请公开 applications (src/ledger), the column mapping
// its ledger was last imported with, its 规章 and 规范性文件, and its yearly counts for table 2. Every write
// is one transaction with its audit row (ledger.import, ledger.edit, ledger.delete, ledger.regulations,
// ledger.counts).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "ledger/application.h"
#include "ledger/import.h"
#include "ledger/tables.h"
#include "report/report.h"
#include "store/store.h"

namespace xxgk::store {

// Every application of a body, by receipt date then serial.
Result<std::vector<ledger::Application>> LoadApplications(Store* store, int64_t agency_id);

enum class LedgerMode { kMerge, kReplace };  // merge: by serial, others kept; replace: the register becomes the file
struct LedgerImportSummary {
  size_t added = 0, updated = 0, unchanged = 0, removed = 0;
};
// What importing would do (counts only), without writing.
Result<LedgerImportSummary> PlanApplications(Store* store, int64_t agency_id, const std::vector<ledger::Application>& apps,
                                             LedgerMode mode);
// Imports in one transaction: each application by its serial (a known serial is replaced), the mapping saved
// for the next import, an audit row. Nothing is written when anything fails.
Result<LedgerImportSummary> ImportApplications(Store* store, int64_t agency_id, const std::vector<ledger::Application>& apps,
                                               LedgerMode mode, const ledger::ColumnMapping& mapping, std::string_view actor,
                                               std::string_view file_name);

// Adds (id 0) or replaces (by id) one application. Errors: kInvalidArgument for a serial the body already
// has on another application, or an id that is not the body's. Returns its id.
Result<int64_t> SaveApplication(Store* store, int64_t agency_id, const ledger::Application& app, std::string_view actor);
// False when the body has no such application.
Result<bool> DeleteApplication(Store* store, int64_t agency_id, int64_t id, std::string_view actor);

// The mapping the body's ledger was last imported with (empty when none).
Result<ledger::ColumnMapping> LoadMapping(Store* store, int64_t agency_id);

Result<std::vector<ledger::Regulation>> LoadRegulations(Store* store, int64_t agency_id);
// Replaces the body's register of 规章 and 规范性文件.
Result<void> ReplaceRegulations(Store* store, int64_t agency_id, const std::vector<ledger::Regulation>& regs,
                                std::string_view actor);

Result<ledger::AnnualCounts> LoadAnnualCounts(Store* store, int64_t agency_id, int year);
Result<void> SaveAnnualCounts(Store* store, int64_t agency_id, int year, const ledger::AnnualCounts& counts,
                              std::string_view actor);

// The tables of a body's year from its registers.
Result<ledger::LedgerTables> LedgerTablesOf(Store* store, int64_t agency_id, int year);

// The bodies that keep a register (applications, documents or counts): [{id, name, region, applications}],
// by name.
Result<nlohmann::json> RegisterBodies(Store* store);

// The body's current published report of a year, as stored (nullopt: none stored).
Result<std::optional<Report>> CurrentReport(Store* store, int64_t agency_id, int year);

}  // namespace xxgk::store
