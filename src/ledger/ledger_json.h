// The register as JSON, for the CLI's --json and the web app: applications (and back, from the app's form),
// the due list, the computed tables (in the shape of the fill-in template's "tables") and the cross-check.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "core/result.h"
#include "ledger/deadlines.h"
#include "ledger/fees.h"
#include "ledger/tables.h"

namespace xxgk::ledger {

nlohmann::json ApplicationJson(const Application& a);
// An application from the form's JSON (the keys of ApplicationJson; labels or keys for the coded fields,
// loose dates). Errors: kInvalidArgument listing every field that cannot be read, in Chinese.
Result<Application> ApplicationFromJson(const nlohmann::json& j);

nlohmann::json FindingJson(const LedgerFinding& f);
// {today, counts:{state: n}, items:[…], findings:[…], errors:[…]}; `only_open` keeps the open items.
nlohmann::json DueListJson(const DueList& d, const std::string& today, bool only_open);
// {year, format, format_name, tables:{t2, t3, t4} (null for an empty cell), t3_rows and t3_cols [{key, label}],
// problems, fees_charged_yuan, members:{cell: [serial]}}.
nlohmann::json TablesJson(const LedgerTables& t, bool with_members);
// [{cell, label, ledger, published, serials}].
nlohmann::json DisagreementsJson(const std::vector<CellDisagreement>& d);
// The A4 findings of a cross-check.
std::vector<LedgerFinding> DisagreementFindings(const std::vector<CellDisagreement>& d);

}  // namespace xxgk::ledger
