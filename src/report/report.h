// The report: everything xxgk learns from one document (format, agency, year, sections, table cells with
// their provenance, findings). Serialised by report_json.h as the contract of spec/report-json.md.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/document.h"
#include "report/claims.h"
#include "schema/rules.h"
#include "schema/format_spec.h"

namespace xxgk {

enum class CellState : uint8_t {
  kMissing,      // not recovered from the document (null; the extraction says why)
  kValue,        // a number was read
  kBlank,        // the report left it blank or wrote "/", "—", "无" (null; C5)
};

// The unit printed with an amount, in its cell or its column header (amounts are stored in 万元).
enum class PrintedUnit : uint8_t { kNone, kYuan, kThousandYuan, kTenThousandYuan };
const char* PrintedUnitChinese(PrintedUnit u);  // "元", "千元", "万元", ""

struct CellValue {
  CellState state = CellState::kMissing;
  double value = 0;
  bool integral = true;      // the source number had no fractional part
  bool repaired = false;     // recovered by position or by arithmetic, not by its label (S4)
  PrintedUnit unit = PrintedUnit::kNone;  // the unit as printed, for amounts; the value is in 万元
  Provenance at;
};

struct SectionFound {
  std::string key;       // s1_overview …
  std::string title;     // as printed, e.g. "3、 收到和处理政府信息公开申请情况"
  std::string text;      // the section body
  Provenance at;         // the heading
  bool standard_number = true;  // numbered 一、…六、 as in the template
  bool standard_title = true;   // titled exactly as in the template
};


// One finding about a report: which rule, how serious, the cells it is about and a message for the officer.
struct Finding {
  std::string rule;                  // the rule's id ("C2"), from the registry (schema/rules.h)
  Severity severity = Severity::kWarning;  // the registry's, or the one a graded rule (C7) chose
  std::vector<std::string> cells;    // the cells it is about (cell ids of the format), most likely first
  std::string message;               // Chinese, naming the table, row, column and numbers
  Provenance at;                     // where in the document (the first cell's, or the heading's)
  std::optional<double> expected;    // for arithmetic: the value the rule computes
  std::optional<double> actual;      // …and the value printed
};

// A finding of `rule` with the registry's severity (InfoOf(rule).severity) unless one is given.
Finding MakeFinding(Rule rule);
Finding MakeFinding(Rule rule, Severity severity);

// How a table was recovered, for the report's "extraction" field and for S4.
struct TableExtraction {
  bool present = false;
  std::string method;              // "labels", "labels+position", …
  int rows_by_label = 0;
  int rows_by_position = 0;
  Provenance at;                   // where the table starts
};

// Everything read from one document; written as JSON by report_json.h (spec/report-json.md). Values not
// found are empty (nullopt, kMissing), never guessed; findings say why.
struct Report {
  SourceInfo source;                    // the file: name (valid UTF-8), digest, size, media type, encoding
  const FormatSpec* format = nullptr;   // the national format the tables follow; nullptr: unknown
  std::string format_id = "unknown";    // format->id, or "unknown"
  std::optional<std::string> agency;    // the body that issued the report, as named in its title or signature
  std::optional<int> year;              // the year the report is about (not the year it was published)
  std::optional<std::string> signed_date;     // ISO
  std::optional<std::string> published_date;  // ISO, from page metadata when present
  std::optional<int> stats_period_year;       // year of the statistics period stated in the text
  std::string title;                           // the report's title line(s), as printed
  Provenance title_at;                         // where the title was read
  std::vector<SectionFound> sections;          // the sections found, in document order
  std::vector<CellValue> cells;                // indexed like format->cells
  std::array<TableExtraction, kTableCount> tables;  // how each of 表二, 表三, 表四 was recovered
  std::vector<Finding> findings;               // the report's own findings (extraction and checker)
  // The wording that decided the format (a marker of each version found in the text), for the JSON.
  std::vector<std::pair<std::string, std::vector<std::string>>> format_markers;  // format id → its markers found
  std::string table_trace;                     // PipelineOptions::trace_tables: row alignment, for developers
  std::vector<Claim> narrative_claims;         // numbers section 一 states about the tables

  const SectionFound* FindSection(std::string_view key) const {
    for (const auto& s : sections) if (s.key == key) return &s;
    return nullptr;
  }
  bool HasValue(int idx) const { return idx >= 0 && cells[idx].state == CellState::kValue; }
  int ErrorCount() const;
};

}  // namespace xxgk
