#include "render/template.h"

#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <xlsxwriter.h>
#include <zip.h>

#include <cmath>
#include <ctime>
#include <map>

#include "core/json_dump.h"
#include "report/report_from_json.h"

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

// Reads one part of a ZIP held in memory, refusing parts larger than `limit`.
Result<std::string> ZipPart(std::string_view bytes, const char* name, uint64_t limit) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  if (!src) return MakeError(ErrorCode::kCorruption, "无法读取 Excel 文件");
  zip_t* za = zip_open_from_source(src, ZIP_RDONLY, &err);
  if (!za) {
    zip_source_free(src);
    return MakeError(ErrorCode::kCorruption, "Excel 文件已损坏（不是有效的 ZIP）");
  }
  struct Close {
    zip_t* z;
    ~Close() { zip_discard(z); }
  } close{za};
  zip_stat_t st;
  if (zip_stat(za, name, 0, &st) != 0) return std::string();
  if (!(st.valid & ZIP_STAT_SIZE) || st.size > limit) return MakeError(ErrorCode::kTooLarge, std::string("Excel 文件中的 ") + name + " 过大");
  zip_file_t* zf = zip_fopen(za, name, 0);
  if (!zf) return MakeError(ErrorCode::kCorruption, std::string("无法读取 Excel 文件中的 ") + name);
  std::string out(st.size, '\0');
  zip_int64_t n = zip_fread(zf, out.data(), st.size);
  zip_fclose(zf);
  if (n < 0 || static_cast<zip_uint64_t>(n) != st.size) return MakeError(ErrorCode::kCorruption, std::string("Excel 文件中的 ") + name + " 已损坏");
  return out;
}

// Excel's serial day number (1900 system) → ISO date.
std::string SerialToIso(double serial) {
  std::time_t t = static_cast<std::time_t>((std::floor(serial) - 25569) * 86400);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

}  // namespace

Result<const FormatSpec*> TemplateFormat(int year) {
  if (const FormatSpec* f = FormatForYear(year); f && f->has_tables) return f;
  return MakeError(ErrorCode::kInvalidArgument, std::to_string(year) + " 年度没有全国统一的报告格式（2019 年起才有）");
}

Result<std::string> TemplateJson(int year) {
  auto f = TemplateFormat(year);
  if (!f) return tl::unexpected(f.error());
  json j;
  j["schema"] = "xxgk/report@1";
  j["instructions"] = kInstructions;
  j["format"] = (*f)->id;
  j["agency"] = "";
  j["year"] = year;
  j["signed_date"] = "";
  j["sections"] = json::array();
  for (const auto& s : (*f)->sections) j["sections"].push_back({{"key", s.key}, {"title", s.no + "、" + s.title.text}, {"text", ""}});
  std::vector<bool> totals = TotalCells(**f);
  json tables = json::object();
  for (size_t i = 0; i < (*f)->cells.size(); ++i) {
    const CellDef& c = (*f)->cells[i];
    json v = totals[i] ? json() : json(0);
    if (c.table == TableId::kT2) tables["t2"][c.block][c.row][c.col] = v;
    else if (c.table == TableId::kT3) tables["t3"][c.row][c.col] = v;
    else tables["t4"][c.block][c.col] = v;
  }
  j["tables"] = std::move(tables);
  return DumpJson(j, 2);
}

Result<void> WriteTemplateXlsx(int year, const std::string& path) {
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
  field("agency", "", "机关全称");
  worksheet_write_blank(ws, row++, 3, input);
  field("signed_date", "", "落款日期（如 2025-01-06）");
  worksheet_write_blank(ws, row++, 3, input);
  for (const auto& s : (*f)->sections) {
    field("section." + s.key, "正文", s.no + "、" + s.title.text);
    worksheet_write_blank(ws, row++, 3, input);
  }
  std::vector<bool> totals = TotalCells(**f);
  for (size_t i = 0; i < (*f)->cells.size(); ++i) {
    const CellDef& c = (*f)->cells[i];
    field(c.id, TableChineseName(c.table), c.label + (totals[i] ? "（合计，可留空）" : ""));
    if (totals[i]) worksheet_write_blank(ws, row++, 3, total);
    else worksheet_write_number(ws, row++, 3, 0, input);
  }
  worksheet_write_string(ws, row + 1, 0, kInstructions, nullptr);
  if (workbook_close(wb) != LXW_NO_ERROR) return MakeError(ErrorCode::kIoError, "写出 Excel 文件失败：" + path);
  return {};
}

bool IsXlsx(std::string_view bytes) {
  if (bytes.substr(0, 4) != std::string_view("PK\x03\x04", 4)) return false;
  auto types = ZipPart(bytes, "[Content_Types].xml", 1 << 20);
  return types && types->find("spreadsheetml") != std::string::npos;
}

Result<Report> ReportFromTemplateXlsx(std::string_view bytes) {
  constexpr uint64_t kLimit = 32ull << 20;
  auto sheet = ZipPart(bytes, "xl/worksheets/sheet1.xml", kLimit);
  if (!sheet) return tl::unexpected(sheet.error());
  auto shared = ZipPart(bytes, "xl/sharedStrings.xml", kLimit);
  if (!shared) return tl::unexpected(shared.error());
  std::vector<std::string> strings;
  pugi::xml_document sdoc;
  if (!shared->empty() && sdoc.load_buffer(shared->data(), shared->size())) {
    for (auto si : sdoc.child("sst").children("si")) {
      std::string s;
      for (auto t : si.select_nodes(".//t")) s += t.node().text().get();
      strings.push_back(std::move(s));
    }
  }
  pugi::xml_document doc;
  if (!doc.load_buffer(sheet->data(), sheet->size())) return MakeError(ErrorCode::kCorruption, "Excel 工作表无法解析");
  // Column A (key) and column D (value) of every row.
  std::map<std::string, json> fields;
  for (auto row : doc.child("worksheet").child("sheetData").children("row")) {
    std::string key;
    json value;
    for (auto c : row.children("c")) {
      std::string ref = c.attribute("r").value();
      std::string col;
      for (char ch : ref) if (ch >= 'A' && ch <= 'Z') col += ch;
      std::string type = c.attribute("t").value();
      json v;
      if (type == "s") {
        size_t i = static_cast<size_t>(c.child("v").text().as_ullong());
        v = i < strings.size() ? json(strings[i]) : json("");
      } else if (type == "inlineStr") {
        std::string s;
        for (auto t : c.select_nodes(".//t")) s += t.node().text().get();
        v = s;
      } else if (type == "str") {
        v = std::string(c.child("v").text().get());
      } else if (c.child("v")) {
        v = c.child("v").text().as_double();
      }
      if (col == "A" && v.is_string()) key = v.get<std::string>();
      if (col == "D") value = v;
    }
    if (!key.empty()) fields[key] = value;
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
