// Report formats described as data: sections, tables, rows, columns, labels and the arithmetic that binds
// the cells. Loaded once from the JSON files in formats/, which are compiled into the binary.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "core/string_hash.h"
#include "schema/rules.h"

namespace xxgk {

enum class ValueType : uint8_t {
  kCount,   // non-negative integer (件)
  kSigned,  // integer that may be negative (本年增/减)
  kAmount,  // non-negative decimal (万元)
};

// A label as printed in the template, with its variants. All *_norm strings are Normalize()d.
struct Label {
  std::string text;                      // verbatim official label
  std::string norm;                      // match form of text
  std::string content_norm;              // match form without a leading list number ("1.", "（一）", "三、")
  std::vector<std::string> alias_norms;  // match forms of variants seen in real reports
  std::vector<std::string> aliases;      // the variants verbatim
  size_t norm_code_points = 0;           // length of norm in code points
};

struct ColumnDef {
  std::string key;
  Label label;
  std::string group;  // e.g. 法人或其他组织
  ValueType type = ValueType::kCount;
};

struct RowDef {
  std::string key;
  Label label;
  std::string group;       // e.g. （三）不予公开
  std::string group_norm;  // match form of group
  std::string group_content_norm;  // group_norm without its list number ("不予公开")
  std::string short_name;  // short Chinese name for messages
  bool outcome = false;    // one of the outcome rows summed by （七）总计
};

// A group of table-3 rows that some reports print as one row (e.g. （六）其他处理 in the 2021 format).
struct CollapsedGroup {
  Label label;
  std::vector<int> rows;  // indices into t3_rows
};

struct SectionDef {
  std::string key;
  std::string no;     // 一 … 六
  Label title;        // 总体情况, with aliases
};

// A block of table 2 (第二十条第（X）项).
struct Table2Block {
  std::string key;
  Label caption;
  std::string unit;
  std::vector<ColumnDef> cols;
  std::vector<RowDef> rows;
};

enum class TableId : uint8_t { kT2 = 0, kT3 = 1, kT4 = 2 };
inline constexpr int kTableCount = 3;
const char* TableKey(TableId t);        // "t2", "t3", "t4"
const char* TableChineseName(TableId t);  // "表二" …

// The id of a cell from its keys: the one place the shape of an id ("t3.granted.total") is written.
std::string T2CellId(std::string_view block, std::string_view row, std::string_view col);  // t2.block.row.col
std::string T3CellId(std::string_view row, std::string_view col);                          // t3.row.col
std::string T4CellId(std::string_view block, std::string_view col);                        // t4.block.col

// One cell of the schema, in output order.
struct CellDef {
  std::string id;        // "t3.granted.natural_person"
  TableId table;
  std::string block;     // t2 block key / t4 block key / "" for t3
  std::string row;       // row key ("" for t4)
  std::string col;       // column key
  ValueType type = ValueType::kCount;
  std::string label;     // human path in Chinese, e.g. 表三“予以公开”行“自然人”列
};

enum class Relation : uint8_t { kEqual, kGreaterEqual };

// An expanded arithmetic rule: Σ lhs (relation) Σ rhs, over cell indices.
struct Constraint {
  std::string rule;         // C1, C2, … as the format's JSON names it
  Rule rule_id = Rule::kC1; // …checked against the rule registry when the format is loaded
  Relation relation = Relation::kEqual;
  TableId table;
  std::vector<int> lhs;
  std::vector<int> rhs;
  std::string scope;        // human scope, e.g. 表三“总计”列
  std::string description;
};

struct FormatSpec {
  std::string id;
  std::string title;
  std::string source;
  std::string name;                    // short Chinese name for messages: "2019年试行格式"
  std::string issued;                  // when the format was issued, for messages: "2021年9月" (may be empty)
  std::vector<std::string> telltales;  // labels that give the format away, named in messages
  int year_from = 0;
  int year_to = 0;
  bool has_tables = false;

  std::vector<SectionDef> sections;
  std::vector<Table2Block> t2;
  Label t3_note;
  std::vector<ColumnDef> t3_cols;
  std::vector<RowDef> t3_rows;
  std::vector<CollapsedGroup> t3_collapsed;
  std::vector<std::pair<std::string, Label>> t4_blocks;  // key, label
  std::vector<ColumnDef> t4_cols;
  std::vector<std::string> marker_norms;

  std::vector<CellDef> cells;
  std::vector<Constraint> constraints;
  int table_begin[kTableCount] = {0, 0, 0};  // first cell index of each table
  int table_end[kTableCount] = {0, 0, 0};

  // Index of a cell id, or -1.
  int CellIndex(std::string_view id) const;
  int T3Cell(int row_idx, int col_idx) const { return table_begin[1] + row_idx * static_cast<int>(t3_cols.size()) + col_idx; }
  int T3RowIndex(std::string_view key) const;
  int T3ColIndex(std::string_view key) const;

  std::unordered_map<std::string, int, StringHash, std::equal_to<>> cell_index_;
};

// The built-in formats, loaded on first use (thread-safe), newest first (by the first year each applies to):
// gov2021, gov2019trial, legacy2008. A format that does not load is a build error, caught by formats_test.
const std::vector<FormatSpec>& AllFormats();
// Adds report formats (JSON texts like formats/*.json; one may inherit a built-in one) to the built-in ones,
// for a format author trying a new version before it is compiled in (the CLI's --formats-dir). Must come
// before any other call of this header. Errors (kInvalidArgument, nothing changed): a text that does not
// load (bad JSON, unknown parent, row, cell or rule, an id already taken), or formats already in use.
Result<void> AddFormats(std::vector<std::string> json_texts);
// The newest format with tables: its sections and labels are the ones headings are matched against.
const FormatSpec& LatestFormat();
// The format with this id, or nullptr.
const FormatSpec* FindFormat(std::string_view id);
// The format a report on `year` must use (its "applies_to_years" holds the year), or nullptr.
const FormatSpec* FormatForYear(int year);

// Removes a leading list number from a match-form label: "1.", "(一)", "三、", "3、".
std::string_view StripListNumber(std::string_view norm);

}  // namespace xxgk
