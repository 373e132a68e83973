#include "render/template.h"

#include <nlohmann/json.hpp>
#include <xlsxwriter.h>

#include <cmath>
#include <map>

#include "core/json_dump.h"
#include "packages/xlsx_rows.h"
#include "packages/zip_member.h"
#include "report/report_from_json.h"
#include "schema/workdays.h"

namespace xxgk {
namespace {

using nlohmann::json;

// The cells --fill-totals computes (the left side of C2, C3 and C4).
std::vector<bool> TotalCells(const FormatSpec& f) {
  std::vector<bool> total(f.cells.size(), false);
  for (const auto& c : f.constraints) {
    if ((c.rule_id == Rule::kC2 || c.rule_id == Rule::kC3 || c.rule_id == Rule::kC4) && c.relation == Relation::kEqual && c.lhs.size() == 1) {
      total[c.lhs[0]] = true;
    }
  }
  return total;
}

constexpr const char* kInstructions =
    "填写说明：agency 填机关全称；signed_date 填落款日期（如 2025-01-06）；sections 中各部分填正文（可分段）；"
    "tables 中各项填数字，合计项（null）可留空，生成时用 --fill-totals 自动计算；金额单位为万元。"
    "然后运行：xxgk render 本文件 --to docx --fill-totals --out 报告.docx";

// Excel's serial day number (1900 system) → ISO date.
std::string SerialToIso(double serial) { return IsoOfDay(static_cast<long>(std::floor(serial)) - 25569); }

}  // namespace

Result<const FormatSpec*> TemplateFormat(int year) {
  if (const FormatSpec* f = FormatForYear(year); f && f->has_tables) return f;
  return MakeError(ErrorCode::kInvalidArgument, std::to_string(year) + " 年度没有全国统一的报告格式（2019 年起才有）");
}

// The filled report's value of cell i, if it has one of the template's format.
const CellValue* FilledCell(const Report* filled, const FormatSpec* f, size_t i) {
  if (!filled || filled->format != f || i >= filled->cells.size() || filled->cells[i].state != CellState::kValue) return nullptr;
  return &filled->cells[i];
}

std::string FilledText(const Report* filled, std::string_view section) {
  if (!filled) return "";
  const SectionFound* s = filled->FindSection(section);
  return s ? s->text : "";
}

Result<std::string> TemplateJson(int year, const Report* filled) {
  auto f = TemplateFormat(year);
  if (!f) return tl::unexpected(f.error());
  json j;
  j["schema"] = "xxgk/report@1";
  j["instructions"] = kInstructions;
  j["format"] = (*f)->id;
  j["agency"] = filled && filled->agency ? *filled->agency : "";
  j["year"] = year;
  j["signed_date"] = filled && filled->signed_date ? *filled->signed_date : "";
  j["sections"] = json::array();
  for (const auto& s : (*f)->sections) {
    j["sections"].push_back({{"key", s.key}, {"title", s.no + "、" + s.title.text}, {"text", FilledText(filled, s.key)}});
  }
  std::vector<bool> totals = TotalCells(**f);
  json tables = json::object();
  for (size_t i = 0; i < (*f)->cells.size(); ++i) {
    const CellDef& c = (*f)->cells[i];
    const CellValue* given = FilledCell(filled, *f, i);
    json v = given ? json(given->value) : totals[i] ? json() : json(0);
    if (c.table == TableId::kT2) tables["t2"][c.block][c.row][c.col] = v;
    else if (c.table == TableId::kT3) tables["t3"][c.row][c.col] = v;
    else tables["t4"][c.block][c.col] = v;
  }
  j["tables"] = std::move(tables);
  return DumpJson(j, 2);
}

Result<void> WriteTemplateXlsx(int year, const std::string& path, const Report* filled) {
  auto f = TemplateFormat(year);
  if (!f) return tl::unexpected(f.error());
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) return MakeError(ErrorCode::kIoError, "无法创建 Excel 文件：" + path);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "填报");
  lxw_format* head = workbook_add_format(wb);
  format_set_bold(head);
  format_set_bg_color(head, 0xDDEBF7);
  lxw_format* input = workbook_add_format(wb);
  format_set_bg_color(input, 0xFFF2CC);
  format_set_text_wrap(input);
  lxw_format* total = workbook_add_format(wb);
  format_set_bg_color(total, 0xE7E6E6);
  worksheet_set_column(ws, 0, 0, 34, nullptr);
  worksheet_set_column(ws, 1, 1, 8, nullptr);
  worksheet_set_column(ws, 2, 2, 60, nullptr);
  worksheet_set_column(ws, 3, 3, 40, nullptr);
  const char* heads[] = {"字段（勿改）", "表格", "项目", "填写内容"};
  for (int c = 0; c < 4; ++c) worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), heads[c], head);
  worksheet_freeze_panes(ws, 1, 0);
  lxw_row_t row = 1;
  auto field = [&](const std::string& key, const char* table, const std::string& label) {
    worksheet_write_string(ws, row, 0, key.c_str(), nullptr);
    worksheet_write_string(ws, row, 1, table, nullptr);
    worksheet_write_string(ws, row, 2, label.c_str(), nullptr);
  };
  field("format", "", "报告格式（勿改）");
  worksheet_write_string(ws, row++, 3, (*f)->id.c_str(), nullptr);
  field("year", "", "报告年度");
  worksheet_write_number(ws, row++, 3, year, nullptr);
  auto text = [&](const std::string& value) {
    if (value.empty()) worksheet_write_blank(ws, row++, 3, input);
    else worksheet_write_string(ws, row++, 3, value.c_str(), input);
  };
  field("agency", "", "机关全称");
  text(filled && filled->agency ? *filled->agency : "");
  field("signed_date", "", "落款日期（如 2025-01-06）");
  text(filled && filled->signed_date ? *filled->signed_date : "");
  for (const auto& s : (*f)->sections) {
    field("section." + s.key, "正文", s.no + "、" + s.title.text);
    text(FilledText(filled, s.key));
  }
  std::vector<bool> totals = TotalCells(**f);
  for (size_t i = 0; i < (*f)->cells.size(); ++i) {
    const CellDef& c = (*f)->cells[i];
    field(c.id, TableChineseName(c.table), c.label + (totals[i] ? "（合计，可留空）" : ""));
    if (const CellValue* given = FilledCell(filled, *f, i)) worksheet_write_number(ws, row++, 3, given->value, totals[i] ? total : input);
    else if (totals[i]) worksheet_write_blank(ws, row++, 3, total);
    else worksheet_write_number(ws, row++, 3, 0, input);
  }
  worksheet_write_string(ws, row + 1, 0, kInstructions, nullptr);
  if (workbook_close(wb) != LXW_NO_ERROR) return MakeError(ErrorCode::kIoError, "写出 Excel 文件失败：" + path);
  return {};
}

bool IsXlsx(std::string_view bytes) {
  if (!LooksLikeZip(bytes)) return false;
  auto zip = OpenZip(bytes, "Excel", "");
  if (!zip) return false;
  std::string raw, types;
  return ReadZipMember(zip->get(), "Excel", "[Content_Types].xml", 1 << 20, raw, &types) && types.find("spreadsheetml") != std::string::npos;
}

Result<Report> ReportFromTemplateXlsx(std::string_view bytes) {
  XlsxLimits limits;
  limits.max_xml_bytes = 32ull << 20;
  auto rows = ReadXlsxRows(bytes, limits);
  if (!rows) return tl::unexpected(rows.error());
  // Column A (key) and column D (value) of every row; a value that reads as a number is one.
  std::map<std::string, json> fields;
  for (const auto& row : *rows) {
    if (row.empty() || row[0].empty()) continue;
    json value;
    if (row.size() > 3) {
      const std::string& text = row[3];
      char* end = nullptr;
      const double d = text.empty() ? 0 : std::strtod(text.c_str(), &end);
      value = !text.empty() && end && *end == '\0' ? json(d) : json(text);
    }
    fields[row[0]] = value;
  }
  if (!fields.count("format")) return MakeError(ErrorCode::kInvalidArgument, "不是 xxgk 填报模板（第一张工作表 A 列没有字段名）");
  // Assemble the report JSON and read it like any other.
  json j;
  j["format"] = fields["format"];
  if (fields["year"].is_number()) j["year"] = static_cast<int>(fields["year"].get<double>());
  j["agency"] = fields["agency"].is_string() ? fields["agency"] : json("");
  const json& date = fields["signed_date"];
  j["signed_date"] = date.is_number() ? json(SerialToIso(date.get<double>())) : (date.is_string() ? date : json(""));
  json sections = json::object();
  json tables = json::object();
  for (const auto& [key, value] : fields) {
    if (key.rfind("section.", 0) == 0) {
      sections[key.substr(8)] = value.is_string() ? value : json("");
      continue;
    }
    if (key.size() < 3 || key[0] != 't' || key[2] != '.') continue;
    json* node = &tables[key.substr(0, 2)];
    std::string rest = key.substr(3);
    size_t dot;
    // A key path that runs into a value already set ("t3.a" then "t3.a.b") is not a cell: skipped.
    while (node->is_object() || node->is_null()) {
      if ((dot = rest.find('.')) == std::string::npos) break;
      node = &(*node)[rest.substr(0, dot)];
      rest = rest.substr(dot + 1);
    }
    if (!node->is_object() && !node->is_null()) continue;
    if (value.is_number()) {
      (*node)[rest] = value;
    } else if (value.is_string() && !value.get_ref<const std::string&>().empty()) {
      const std::string& text = value.get_ref<const std::string&>();
      char* end = nullptr;
      double d = std::strtod(text.c_str(), &end);
      (*node)[rest] = end && *end == '\0' ? json(d) : json();
    } else {
      (*node)[rest] = nullptr;
    }
  }
  j["sections"] = std::move(sections);
  j["tables"] = std::move(tables);
  return ReportFromJson(DumpJson(j));
}

}  // namespace xxgk
