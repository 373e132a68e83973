#include "packages/xlsx_rows.h"

#include <pugixml.hpp>

#include <cstring>

#include "packages/zip_member.h"

namespace xxgk {
namespace {

constexpr const char* kHint = "请用 Excel 或 WPS 重新另存为 .xlsx，或另存为 CSV（UTF-8）";

// The text of a string item: <t> directly, or the <t> of each rich-text run <r>.
std::string ItemText(const pugi::xml_node& si) {
  std::string out;
  for (pugi::xml_node n = si.first_child(); n; n = n.next_sibling()) {
    if (std::strcmp(n.name(), "t") == 0) {
      out += n.text().get();
    } else if (std::strcmp(n.name(), "r") == 0) {
      out += n.child("t").text().get();
    }
  }
  return out;
}

// The zero-based column of a reference such as "AB12"; -1 for none.
int ColumnOf(const char* ref) {
  int col = 0, letters = 0;
  for (; *ref >= 'A' && *ref <= 'Z'; ++ref, ++letters) {
    col = col * 26 + (*ref - 'A' + 1);
    if (col > 16384) return -1;
  }
  return letters ? col - 1 : -1;
}

// The worksheet the workbook lists first, through its relationship; the usual name when that fails.
std::string FirstSheetPath(zip_t* zip, std::string& raw) {
  std::string workbook, rels;
  if (!ReadZipMember(zip, "XLSX", "xl/workbook.xml", 8u << 20, raw, &workbook) ||
      !ReadZipMember(zip, "XLSX", "xl/_rels/workbook.xml.rels", 8u << 20, raw, &rels)) {
    return "xl/worksheets/sheet1.xml";
  }
  pugi::xml_document wb, rl;
  if (!wb.load_buffer(workbook.data(), workbook.size()) || !rl.load_buffer(rels.data(), rels.size())) return "xl/worksheets/sheet1.xml";
  const char* id = wb.child("workbook").child("sheets").child("sheet").attribute("r:id").value();
  for (pugi::xml_node r : rl.child("Relationships").children("Relationship")) {
    if (std::strcmp(r.attribute("Id").value(), id) != 0) continue;
    std::string target = r.attribute("Target").value();
    if (target.rfind("/xl/", 0) == 0) return target.substr(1);
    if (target.rfind("/", 0) == 0) return target.substr(1);
    return "xl/" + target;
  }
  return "xl/worksheets/sheet1.xml";
}

}  // namespace

bool LooksLikeZip(std::string_view bytes) { return bytes.size() >= 4 && bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4); }

Result<std::vector<std::vector<std::string>>> ReadXlsxRows(std::string_view bytes, const XlsxLimits& limits) {
  auto zip = OpenZip(bytes, "XLSX", kHint);
  if (!zip) return tl::unexpected(zip.error());
  std::string raw, xml;
  // Shared strings are optional (a sheet of numbers has none).
  std::vector<std::string> shared;
  {
    std::string strings;
    if (ReadZipMember(zip->get(), "XLSX", "xl/sharedStrings.xml", limits.max_xml_bytes, raw, &strings)) {
      pugi::xml_document d;
      if (!d.load_buffer(strings.data(), strings.size())) return MakeError(ErrorCode::kCorruption, "XLSX 的共享字符串表已损坏", kHint);
      for (pugi::xml_node si : d.child("sst").children("si")) shared.push_back(ItemText(si));
    }
  }
  const std::string sheet = FirstSheetPath(zip->get(), raw);
  if (auto read = ReadZipMember(zip->get(), "XLSX", sheet.c_str(), limits.max_xml_bytes, raw, &xml); !read) {
    return tl::unexpected(read.error());
  }
  pugi::xml_document d;
  if (!d.load_buffer(xml.data(), xml.size())) return MakeError(ErrorCode::kCorruption, "XLSX 工作表已损坏", kHint);
  pugi::xml_node data = d.child("worksheet").child("sheetData");
  if (!data) return MakeError(ErrorCode::kCorruption, "XLSX 没有工作表数据", kHint);
  std::vector<std::vector<std::string>> rows;
  for (pugi::xml_node row : data.children("row")) {
    // A row's number places it (blank rows between are kept as empty rows).
    const size_t number = row.attribute("r").as_ullong(rows.size() + 1);
    if (number > limits.max_rows || number < rows.size() + 1) {
      return MakeError(ErrorCode::kTooLarge, "XLSX 行数过多或行号错乱（超过 " + std::to_string(limits.max_rows) + " 行）");
    }
    rows.resize(number - 1);
    std::vector<std::string> cells;
    for (pugi::xml_node c : row.children("c")) {
      int col = ColumnOf(c.attribute("r").value());
      if (col < 0) col = static_cast<int>(cells.size());
      if (static_cast<size_t>(col) >= limits.max_columns) {
        return MakeError(ErrorCode::kTooLarge, "XLSX 列数过多（超过 " + std::to_string(limits.max_columns) + " 列）");
      }
      const std::string_view type = c.attribute("t").value();
      std::string value;
      if (type == "s") {
        const size_t i = c.child("v").text().as_ullong(shared.size());
        if (i >= shared.size()) return MakeError(ErrorCode::kCorruption, "XLSX 单元格引用了不存在的共享字符串", kHint);
        value = shared[i];
      } else if (type == "inlineStr") {
        value = ItemText(c.child("is"));
      } else {
        value = c.child("v").text().get();
      }
      if (cells.size() <= static_cast<size_t>(col)) cells.resize(col + 1);
      cells[col] = std::move(value);
    }
    while (!cells.empty() && cells.back().empty()) cells.pop_back();
    rows.push_back(std::move(cells));
  }
  return rows;
}

}  // namespace xxgk
