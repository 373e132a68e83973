#include "store/export.h"

#include <xlsxwriter.h>

#include <filesystem>
#include <map>
#include <memory>
#include <utility>
#include <set>
#include <vector>

#include "core/json_dump.h"
#include "core/numbers.h"
#include "schema/format_spec.h"

namespace xxgk::store {
namespace {

using nlohmann::json;

// The columns of every table: the cells of every format with tables, each once, newest format first.
// A column: a cell of the schema (the first format that defines it).
using Column = const CellDef*;

const std::vector<Column>& Columns() {
  static const std::vector<Column> cols = [] {
    std::vector<Column> out;
    std::set<std::string> seen;
    for (const FormatSpec& f : AllFormats()) {
      for (const auto& c : f.cells) {
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

const char* kMetaKeys[] = {"id", "agency", "region", "kind", "year", "format", "errors", "warnings", "infos", "late", "file"};
const char* kMetaChinese[] = {"报告编号", "机关", "地区", "机关类别", "年度", "格式", "错误数", "警告数", "提示数", "逾期", "文件"};

}  // namespace

Result<size_t> ExportCsv(Store* store, const ReportFilter& filter, const ExportSink& sink) {
  std::string line;
  for (const char* k : kMetaKeys) line += std::string(k) + ",";
  for (const CellDef* c : Columns()) line += c->id + ",";
  line.back() = '\n';
  if (!sink(line)) return MakeError(ErrorCode::kIoError, "写出失败");
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
    ok = ok && sink(line);
  });
  if (n && !ok) return MakeError(ErrorCode::kIoError, "写出失败");
  return n;
}

Result<size_t> ExportJsonl(Store* store, const ReportFilter& filter, const ExportSink& sink) {
  bool ok = true;
  auto n = ForEachReport(store, filter, [&](const json&, const json& report) { ok = ok && sink(DumpJson(report) + "\n"); });
  if (n && !ok) return MakeError(ErrorCode::kIoError, "写出失败");
  return n;
}

namespace {

// A workbook written as reports arrive, in libxlsxwriter's constant-memory mode: each row goes to a
// temporary file (beside the output) when the next one starts, so 5,000 reports take the memory of one.
// Rows are written in order on every sheet, which that mode requires.
class XlsxBook {
 public:
  // Creates the workbook and its sheets with their headings. Errors: kIoError.
  static Result<std::unique_ptr<XlsxBook>> Open(const std::string& path) {
    auto book = std::unique_ptr<XlsxBook>(new XlsxBook);
    const std::filesystem::path out(path);
    book->tmpdir_ = out.has_parent_path() ? out.parent_path().string() : ".";
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    options.tmpdir = book->tmpdir_.data();
    book->wb_ = workbook_new_opt(path.c_str(), &options);
    if (!book->wb_) return MakeError(ErrorCode::kIoError, "无法创建 Excel 文件：" + path);
    book->Setup();
    return book;
  }
  ~XlsxBook() {
    if (wb_) workbook_close(wb_);
  }

  void Add(const json& meta, const json& report) {
    for (size_t i = 0; i < std::size(kMetaKeys); ++i) {
      if (!meta.contains(kMetaKeys[i])) continue;
      const json& v = meta[kMetaKeys[i]];
      if (v.is_number()) worksheet_write_number(list_, row_, static_cast<lxw_col_t>(i), v.get<double>(), nullptr);
      else if (v.is_boolean()) worksheet_write_string(list_, row_, static_cast<lxw_col_t>(i), v.get<bool>() ? "是" : "否", nullptr);
      else if (!v.is_null()) worksheet_write_string(list_, row_, static_cast<lxw_col_t>(i), Text(v).c_str(), nullptr);
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
      worksheet_write_number(findings_, frow_, 0, meta.value("id", 0.0), nullptr);
      worksheet_write_string(findings_, frow_, 1, Text(meta.value("agency", json())).c_str(), nullptr);
      if (meta.contains("year") && meta["year"].is_number()) worksheet_write_number(findings_, frow_, 2, meta["year"].get<double>(), nullptr);
      worksheet_write_string(findings_, frow_, 3, StringAt(f, "rule").c_str(), nullptr);
      worksheet_write_string(findings_, frow_, 4, SeverityChinese(SeverityFromName(sev)), sev == "error" ? bad_ : warn_);
      worksheet_write_string(findings_, frow_, 5, cells.c_str(), nullptr);
      worksheet_write_string(findings_, frow_, 6, StringAt(f, "message").c_str(), nullptr);
      worksheet_write_string(findings_, frow_, 7, StringAt(f, "origin") == "corpus" ? "跨年度" : "本报告", nullptr);
      ++frow_;
    }
    for (int t = 0; t < kTableCount; ++t) {
      lxw_worksheet* ws = sheets_[t];
      worksheet_write_number(ws, row_, 0, meta.value("id", 0.0), nullptr);
      worksheet_write_string(ws, row_, 1, Text(meta.value("agency", json())).c_str(), nullptr);
      if (meta.contains("year") && meta["year"].is_number()) worksheet_write_number(ws, row_, 2, meta["year"].get<double>(), nullptr);
      for (size_t k = 0; k < table_cols_[t].size(); ++k) {
        const CellDef& c = *table_cols_[t][k];
        lxw_col_t col = static_cast<lxw_col_t>(3 + k);
        auto mark = marks.find(c.id);
        lxw_format* fmt = mark == marks.end() ? nullptr : (mark->second.second ? bad_ : warn_);
        const json* v = FindCell(report, c);
        if (v && v->is_number()) worksheet_write_number(ws, row_, col, v->get<double>(), fmt);
        else if (fmt) worksheet_write_blank(ws, row_, col, fmt);
        if (mark != marks.end()) worksheet_write_comment(ws, row_, col, mark->second.first.c_str());
      }
    }
    ++row_;
    ++count_;
  }

  // Writes the file. Errors: kIoError with libxlsxwriter's reason.
  Result<size_t> Close() {
    lxw_error err = workbook_close(wb_);
    wb_ = nullptr;
    if (err != LXW_NO_ERROR) return MakeError(ErrorCode::kIoError, std::string("写出 Excel 文件失败：") + lxw_strerror(err));
    return count_;
  }

 private:
  XlsxBook() = default;

  void Setup() {
    lxw_workbook* wb = wb_;
    lxw_format* head = workbook_add_format(wb);
    format_set_bold(head);
    format_set_text_wrap(head);
    format_set_bg_color(head, 0xDDEBF7);
    format_set_border(head, LXW_BORDER_THIN);
    bad_ = workbook_add_format(wb);
    format_set_bg_color(bad_, 0xFF9999);
    format_set_font_color(bad_, 0x9C0006);
    warn_ = workbook_add_format(wb);
    format_set_bg_color(warn_, 0xFFE699);

    list_ = workbook_add_worksheet(wb, "报告");
    static const char* kTableSheets[] = {"表二", "表三", "表四"};
    for (const CellDef* c : Columns()) table_cols_[static_cast<int>(c->table)].push_back(c);
    for (int t = 0; t < kTableCount; ++t) sheets_[t] = workbook_add_worksheet(wb, kTableSheets[t]);
    findings_ = workbook_add_worksheet(wb, "问题");

    for (size_t i = 0; i < std::size(kMetaChinese); ++i) worksheet_write_string(list_, 0, static_cast<lxw_col_t>(i), kMetaChinese[i], head);
    worksheet_set_column(list_, 1, 1, 36, nullptr);
    worksheet_set_column(list_, 10, 10, 36, nullptr);
    worksheet_freeze_panes(list_, 1, 0);
    for (int t = 0; t < kTableCount; ++t) {
      lxw_worksheet* ws = sheets_[t];
      worksheet_write_string(ws, 0, 0, "报告编号", head);
      worksheet_write_string(ws, 0, 1, "机关", head);
      worksheet_write_string(ws, 0, 2, "年度", head);
      for (size_t k = 0; k < table_cols_[t].size(); ++k) {
        worksheet_write_string(ws, 0, static_cast<lxw_col_t>(3 + k), table_cols_[t][k]->label.c_str(), head);
      }
      worksheet_set_row(ws, 0, 60, nullptr);
      worksheet_set_column(ws, 1, 1, 30, nullptr);
      worksheet_set_column(ws, 3, static_cast<lxw_col_t>(2 + table_cols_[t].size()), 14, nullptr);
      worksheet_freeze_panes(ws, 1, 3);
    }
    static const char* kFindingHead[] = {"报告编号", "机关", "年度", "规则", "级别", "单元格", "说明", "来源"};
    for (size_t i = 0; i < std::size(kFindingHead); ++i) worksheet_write_string(findings_, 0, static_cast<lxw_col_t>(i), kFindingHead[i], head);
    worksheet_set_column(findings_, 1, 1, 30, nullptr);
    worksheet_set_column(findings_, 5, 5, 30, nullptr);
    worksheet_set_column(findings_, 6, 6, 90, nullptr);
    worksheet_freeze_panes(findings_, 1, 0);
  }

  lxw_workbook* wb_ = nullptr;
  std::string tmpdir_;
  lxw_worksheet* list_ = nullptr;
  lxw_worksheet* findings_ = nullptr;
  lxw_worksheet* sheets_[kTableCount] = {};
  std::vector<std::vector<const CellDef*>> table_cols_ = std::vector<std::vector<const CellDef*>>(kTableCount);
  lxw_format *bad_ = nullptr, *warn_ = nullptr;
  lxw_row_t row_ = 1, frow_ = 1;
  size_t count_ = 0;
};

}  // namespace

Result<size_t> ExportXlsx(Store* store, const ReportFilter& filter, const std::string& path) {
  auto book = XlsxBook::Open(path);
  if (!book) return tl::unexpected(book.error());
  auto n = ForEachReport(store, filter, [&](const json& meta, const json& report) { (*book)->Add(meta, report); });
  if (!n) return n;
  return (*book)->Close();
}

Result<size_t> WriteXlsx(const std::vector<std::pair<json, json>>& reports, const std::string& path) {
  auto book = XlsxBook::Open(path);
  if (!book) return tl::unexpected(book.error());
  for (const auto& [meta, report] : reports) (*book)->Add(meta, report);
  return (*book)->Close();
}

}  // namespace xxgk::store
