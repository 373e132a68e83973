// Reading an office's own ledger (an Excel sheet or a CSV, as rows of cells): find the header — one row, or
// two where the sheet merges a group over its columns (“补正” over 告知日期 and 收到日期) — map its columns to
// the register's fields by their names (or by a mapping saved from an earlier import), and read every row.
// Dates typed as text or stored as spreadsheet serials, blank rows, a 合计 row, and applicant kinds spelled
// loosely are all read; anything else is an error naming its row and column. The caller imports nothing
// unless there is no error.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/application.h"
#include "ledger/tables.h"

namespace xxgk::ledger {

// The register's fields a ledger column can hold.
enum class Field : uint8_t {
  kSerial, kApplicant, kKind, kChannel, kSubmitted, kReceived, kRequest, kCorrectionRequested, kCorrectionReceived,
  kConsultStart, kConsultEnd, kExtensionApproved, kExtensionDays, kArt35Due, kReplied, kOutcome, kFeeMethod, kFee,
  kPages, kReviewFiled, kReviewOutcome, kReviewEnded, kLitigationFiled, kLitigationOutcome, kLitigationEnded, kNote,
  kCount,
};
const char* FieldKey(Field f);      // "serial", "applicant", … (the mapping's keys, the API's)
const char* FieldChinese(Field f);  // 编号, 申请人, …
std::optional<Field> FieldFromKey(std::string_view key);

// Field → the header text of its column, as an office's sheet names it.
using ColumnMapping = std::map<Field, std::string>;
nlohmann::json MappingJson(const ColumnMapping& m);
// Unknown keys are ignored; a value that is not text is an error (kInvalidArgument).
Result<ColumnMapping> MappingFromJson(const nlohmann::json& j);

struct ImportError {
  size_t row = 0;          // 1-based, as the spreadsheet numbers it
  std::string column;      // "C 列（收到日期）", or "" for the whole row
  std::string message;
};

struct LedgerImport {
  std::vector<Application> apps;
  std::vector<ImportError> errors;       // nothing may be imported while there is one
  ColumnMapping mapping;                 // what each field was read from (to save for the next import)
  std::vector<std::string> unused_columns;  // header cells no field took
  size_t header_row = 0;                 // 1-based: the last header row
  size_t blank_rows = 0, total_rows = 0; // rows skipped as empty or as a 合计 line
};

// Reads a ledger. `saved` names columns for fields (a mapping saved with the body, or edited in the preview);
// it wins over the names xxgk knows, and a saved header the sheet lacks is simply not used. Needs at least
// 编号 or 序号, a receipt or submission date and 申请人类型; errors otherwise.
LedgerImport ReadLedger(const std::vector<std::vector<std::string>>& rows, const ColumnMapping& saved = {});

// Errors as a list for people: "第 7 行 C 列（收到日期）：“2025-13-01”不是日期".
std::string ImportErrorText(const ImportError& e);

// The register of 规章 and 行政规范性文件, from rows with the header 类型 (规章 / 规范性文件), 名称, 文号,
// 发布日期 (or 制发日期), 废止日期. Errors name the row and the column.
struct RegulationImport {
  std::vector<Regulation> regulations;
  std::vector<ImportError> errors;
};
RegulationImport ReadRegulations(const std::vector<std::vector<std::string>>& rows);

}  // namespace xxgk::ledger
