#include "store/export.h"

#include <xlsxwriter.h>

#include <map>
#include <utility>
#include <set>
#include <vector>

#include "core/json_dump.h"
#include "core/numbers.h"
#include "schema/format_spec.h"

namespace xxgk::store {
namespace {

using nlohmann::json;

// The columns of every table: the cells of both national formats, each once, in template order.
// A column: a cell of the schema (the first format that defines it).
using Column = const CellDef*;

const std::vector<Column>& Columns() {
  static const std::vector<Column> cols = [] {
    std::vector<Column> out;
    std::set<std::string> seen;
    for (const char* fid : {"gov2021", "gov2019trial"}) {
      const FormatSpec* f = FindFormat(fid);
      if (!f) continue;
      for (const auto& c : f->cells) {
        if (seen.insert(c.id).second) out.push_back(&c);
      }
    }
    return out;
  }();
  return cols;
}

void CsvField(std::string_view s, std::string* out) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) {
    out->append(s);
    return;
  }
  *out += '"';
  for (char c : s) {
    if (c == '"') *out += '"';
    *out += c;
  }
  *out += '"';
}

// obj[key] when obj is an object holding an array there; otherwise an empty array.
const json& ArrayAt(const json& obj, const char* key) {
  static const json kEmpty = json::array();
  if (!obj.is_object()) return kEmpty;
  auto it = obj.find(key);
  return it != obj.end() && it->is_array() ? *it : kEmpty;
}

// obj[key] when it is a string; otherwise "".
std::string StringAt(const json& obj, const char* key) {
  if (!obj.is_object()) return "";
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : "";
}

std::string Text(const json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number()) return FormatNumber(v.get<double>());
  if (v.is_boolean()) return v.get<bool>() ? "1" : "0";
  return DumpJson(v);
}

// Calls fn(row, report json) for every report of the filter.
template <class Fn>
Result<size_t> ForEachReport(Store* store, const ReportFilter& filter, Fn fn) {
  auto list = ListReports(store, filter);
  if (!list) return tl::unexpected(list.error());
  size_t n = 0;
  for (const auto& row : *list) {
    auto report = LoadReport(store, row["id"].get<int64_t>());
    if (!report) return tl::unexpected(report.error());
    fn(row, *report);
    ++n;
  }
  return n;
}

bool Write(std::FILE* out, const std::string& s) { return std::fwrite(s.data(), 1, s.size(), out) == s.size(); }

const char* kMetaKeys[] = {"id", "agency", "region", "kind", "year", "format", "errors", "warnings", "infos", "late", "file"};
const char* kMetaChinese[] = {"报告编号", "机关", "地区", "机关类别", "年度", "格式", "错误数", "警告数", "提示数", "逾期", "文件"};

}  // namespace

Result<size_t> ExportCsv(Store* store, const ReportFilter& filter, std::FILE* out) {
  std::string line;
  for (const char* k : kMetaKeys) line += std::string(k) + ",";
  for (const CellDef* c : Columns()) line += c->id + ",";
  line.back() = '\n';
  if (!Write(out, line)) return MakeError(ErrorCode::kIoError, "写出失败");
  bool ok = true;
  auto n = ForEachReport(store, filter, [&](const json& row, const json& report) {
    line.clear();
    for (const char* k : kMetaKeys) {
      CsvField(Text(row[k]), &line);
      line += ',';
    }
    for (const CellDef* c : Columns()) {
      if (const json* v = FindCell(report, *c)) CsvField(Text(*v), &line);
      line += ',';
    }
    line.back() = '\n';
    ok = ok && Write(out, line);
  });
  if (n && !ok) return MakeError(ErrorCode::kIoError, "写出失败");
  return n;
}

Result<size_t> ExportJsonl(Store* store, const ReportFilter& filter, std::FILE* out) {
  bool ok = true;
  auto n = ForEachReport(store, filter, [&](const json&, const json& report) { ok = ok && Write(out, DumpJson(report) + "\n"); });
  if (n && !ok) return MakeError(ErrorCode::kIoError, "写出失败");
  return n;
}

Result<size_t> ExportXlsx(Store* store, const ReportFilter& filter, const std::string& path) {
  std::vector<std::pair<json, json>> reports;
  auto n = ForEachReport(store, filter, [&](const json& meta, const json& report) { reports.emplace_back(meta, report); });
  if (!n) return n;
  return WriteXlsx(reports, path);
}

Result<size_t> WriteXlsx(const std::vector<std::pair<json, json>>& reports, const std::string& path) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) return MakeError(ErrorCode::kIoError, "无法创建 Excel 文件：" + path);
  lxw_format* head = workbook_add_format(wb);
  format_set_bold(head);
  format_set_text_wrap(head);
  format_set_bg_color(head, 0xDDEBF7);
  format_set_border(head, LXW_BORDER_THIN);
  lxw_format* bad = workbook_add_format(wb);
  format_set_bg_color(bad, 0xFF9999);
  format_set_font_color(bad, 0x9C0006);
  lxw_format* warn = workbook_add_format(wb);
  format_set_bg_color(warn, 0xFFE699);

  lxw_worksheet* list = workbook_add_worksheet(wb, "报告");
  static const char* kTableSheets[] = {"表二", "表三", "表四"};
  lxw_worksheet* sheets[kTableCount];
  std::vector<std::vector<const CellDef*>> table_cols(kTableCount);
  for (const CellDef* c : Columns()) table_cols[static_cast<int>(c->table)].push_back(c);
  for (int t = 0; t < kTableCount; ++t) sheets[t] = workbook_add_worksheet(wb, kTableSheets[t]);
  lxw_worksheet* findings = workbook_add_worksheet(wb, "问题");

  for (size_t i = 0; i < std::size(kMetaChinese); ++i) worksheet_write_string(list, 0, static_cast<lxw_col_t>(i), kMetaChinese[i], head);
  worksheet_set_column(list, 1, 1, 36, nullptr);
  worksheet_set_column(list, 10, 10, 36, nullptr);
  worksheet_freeze_panes(list, 1, 0);
  for (int t = 0; t < kTableCount; ++t) {
    worksheet_write_string(sheets[t], 0, 0, "报告编号", head);
    worksheet_write_string(sheets[t], 0, 1, "机关", head);
    worksheet_write_string(sheets[t], 0, 2, "年度", head);
    for (size_t k = 0; k < table_cols[t].size(); ++k) {
      worksheet_write_string(sheets[t], 0, static_cast<lxw_col_t>(3 + k), table_cols[t][k]->label.c_str(), head);
    }
    worksheet_set_row(sheets[t], 0, 60, nullptr);
    worksheet_set_column(sheets[t], 1, 1, 30, nullptr);
    worksheet_set_column(sheets[t], 3, static_cast<lxw_col_t>(2 + table_cols[t].size()), 14, nullptr);
    worksheet_freeze_panes(sheets[t], 1, 3);
  }
  static const char* kFindingHead[] = {"报告编号", "机关", "年度", "规则", "级别", "单元格", "说明", "来源"};
  for (size_t i = 0; i < std::size(kFindingHead); ++i) worksheet_write_string(findings, 0, static_cast<lxw_col_t>(i), kFindingHead[i], head);
  worksheet_set_column(findings, 1, 1, 30, nullptr);
  worksheet_set_column(findings, 5, 5, 30, nullptr);
  worksheet_set_column(findings, 6, 6, 90, nullptr);
  worksheet_freeze_panes(findings, 1, 0);

  lxw_row_t row = 1, frow = 1;
  for (const auto& [meta, report] : reports) {
    for (size_t i = 0; i < std::size(kMetaKeys); ++i) {
      if (!meta.contains(kMetaKeys[i])) continue;
      const json& v = meta[kMetaKeys[i]];
      if (v.is_number()) worksheet_write_number(list, row, static_cast<lxw_col_t>(i), v.get<double>(), nullptr);
      else if (v.is_boolean()) worksheet_write_string(list, row, static_cast<lxw_col_t>(i), v.get<bool>() ? "是" : "否", nullptr);
      else if (!v.is_null()) worksheet_write_string(list, row, static_cast<lxw_col_t>(i), Text(v).c_str(), nullptr);
    }
    // Messages per cell, and the worst severity.
    std::map<std::string, std::pair<std::string, bool>> marks;  // cell → (messages, error)
    // A report JSON may come from a user (the web app posts one): every field is read by shape, never assumed.
    for (const json& f : ArrayAt(report, "findings")) {
      if (!f.is_object()) continue;
      const std::string sev = StringAt(f, "severity");
      if (sev == "info") continue;
      std::string cells;
      for (const json& c : ArrayAt(f, "cells")) {
        if (!c.is_string()) continue;
        auto& m = marks[c.get<std::string>()];
        if (!m.first.empty()) m.first += "\n";
        m.first += StringAt(f, "rule") + "：" + StringAt(f, "message");
        m.second = m.second || sev == "error";
        cells += (cells.empty() ? "" : "，") + c.get<std::string>();
      }
      worksheet_write_number(findings, frow, 0, meta.value("id", 0.0), nullptr);
      worksheet_write_string(findings, frow, 1, Text(meta.value("agency", json())).c_str(), nullptr);
      if (meta.contains("year") && meta["year"].is_number()) worksheet_write_number(findings, frow, 2, meta["year"].get<double>(), nullptr);
      worksheet_write_string(findings, frow, 3, StringAt(f, "rule").c_str(), nullptr);
      worksheet_write_string(findings, frow, 4, sev == "error" ? "错误" : "警告", sev == "error" ? bad : warn);
      worksheet_write_string(findings, frow, 5, cells.c_str(), nullptr);
      worksheet_write_string(findings, frow, 6, StringAt(f, "message").c_str(), nullptr);
      worksheet_write_string(findings, frow, 7, StringAt(f, "origin") == "corpus" ? "跨年度" : "本报告", nullptr);
      ++frow;
    }
    for (int t = 0; t < kTableCount; ++t) {
      lxw_worksheet* ws = sheets[t];
      worksheet_write_number(ws, row, 0, meta.value("id", 0.0), nullptr);
      worksheet_write_string(ws, row, 1, Text(meta.value("agency", json())).c_str(), nullptr);
      if (meta.contains("year") && meta["year"].is_number()) worksheet_write_number(ws, row, 2, meta["year"].get<double>(), nullptr);
      for (size_t k = 0; k < table_cols[t].size(); ++k) {
        const CellDef& c = *table_cols[t][k];
        lxw_col_t col = static_cast<lxw_col_t>(3 + k);
        auto mark = marks.find(c.id);
        lxw_format* fmt = mark == marks.end() ? nullptr : (mark->second.second ? bad : warn);
        const json* v = FindCell(report, c);
        if (v && v->is_number()) worksheet_write_number(ws, row, col, v->get<double>(), fmt);
        else if (fmt) worksheet_write_blank(ws, row, col, fmt);
        if (mark != marks.end()) worksheet_write_comment(ws, row, col, mark->second.first.c_str());
      }
    }
    ++row;
  }
  lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) return MakeError(ErrorCode::kIoError, std::string("写出 Excel 文件失败：") + lxw_strerror(err));
  return reports.size();
}

}  // namespace xxgk::store
