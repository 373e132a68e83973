// The report's tables 2, 3 and 4 computed from the office's registers, so that a draft's tables are right by
// construction, and the cell-by-cell comparison of a published report with them.
//
// Table 3 of year Y, per applicant column: 一 new = received in Y; 二 carried over = received before Y and not
// concluded before Y; 三 outcomes = concluded (replied) in Y, each in exactly one outcome row of Y's format;
// 四 carried forward = received by the end of Y and not concluded in it. C1 to C3 hold by construction.
// Table 4 of year Y: every 复议 and 诉讼 filed by the end of Y and not ended before it; one that ended in Y
// counts under its outcome, one still open under 尚未审结. A 诉讼 after a 复议 is 复议后起诉.
// Table 2 (2021 format): 规章 and 行政规范性文件 issued, repealed and in force at the end of Y from the
// register of documents, and the year's counts of 许可, 处罚, 强制 decisions and 收费 entered by the office.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "ledger/application.h"
#include "report/report.h"

namespace xxgk::ledger {

// A 规章 or 行政规范性文件 of the body, for table 2's 第二十条第（一）项.
struct Regulation {
  int64_t id = 0;
  bool rule = false;      // 规章; false: 行政规范性文件
  std::string title;
  std::string number;     // 文号
  std::string issued;     // ISO
  std::string repealed;   // ISO, empty while in force
  size_t source_row = 0;
};

// The year's counts an office enters for table 2 (nullopt: not entered; the cell stays empty).
struct AnnualCounts {
  std::optional<double> licenses, penalties, coercions, fees_wan;  // 件, 件, 件, 万元
};

struct LedgerTables {
  Report report;  // format, year and the cells of tables 2, 3 and 4 (kValue, or kMissing where not computable)
  // The applications counted in each table-3 and table-4 cell: report.cells' index → indices into serials.
  std::vector<std::string> serials;                 // every application counted, once
  std::vector<std::vector<uint32_t>> members;       // sized like report.cells
  std::vector<std::string> MembersOf(int cell) const;
  std::vector<std::string> problems;  // why a table or a cell is empty, in Chinese
  double fees_charged_yuan = 0;       // 信息处理费 recorded on the applications concluded in the year
};

// Errors: kInvalidArgument for a year without a national format with tables (before 2019).
Result<LedgerTables> ComputeTables(const std::vector<Application>& apps, const std::vector<Regulation>& regulations,
                                   const AnnualCounts& counts, int year);

// One cell of a published report that disagrees with the register.
struct CellDisagreement {
  int cell = -1;                        // index into the format's cells
  std::string label;                    // 表三“予以公开”行“自然人”列
  double ledger = 0;
  std::optional<double> published;      // nullopt: empty in the report
  std::vector<std::string> serials;     // the applications the register counts there
};

// Compares tables 3 and 4 of a published report with the register's of the same year and format. A4 findings
// come with it. Errors: kInvalidArgument when the report's format or year differs from the tables'.
Result<std::vector<CellDisagreement>> CrossCheck(const LedgerTables& ledger, const Report& published);

}  // namespace xxgk::ledger
