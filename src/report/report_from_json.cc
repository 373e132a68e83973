#include "report/report_from_json.h"

#include <nlohmann/json.hpp>

namespace xxgk {
namespace {

using nlohmann::json;

std::optional<std::string> OptString(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string() || it->get<std::string>().empty()) return std::nullopt;
  return it->get<std::string>();
}

}  // namespace

Result<Report> ReportFromJson(std::string_view text) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return MakeError(ErrorCode::kInvalidArgument, "不是有效的 JSON 对象");
  Report r;
  if (auto it = j.find("year"); it != j.end() && it->is_number_integer()) r.year = it->get<int>();
  std::string fid = OptString(j, "format").value_or("");
  if (!fid.empty() && fid != "unknown") {
    r.format = FindFormat(fid);
    if (!r.format) return MakeError(ErrorCode::kInvalidArgument, "未知的报告格式“" + fid + "”", "可用 xxgk formats 查看");
  } else if (r.year) {
    r.format = FormatForYear(*r.year);
  }
  if (!r.format) return MakeError(ErrorCode::kInvalidArgument, "无法确定报告格式：请给出 format 或 year");
  r.format_id = r.format->id;
  r.agency = OptString(j, "agency");
  r.signed_date = OptString(j, "signed_date");
  r.published_date = OptString(j, "published_date");
  r.title = OptString(j, "title").value_or("");
  if (auto it = j.find("source"); it != j.end() && it->is_object()) r.source.name = it->value("name", "");
  // Sections: an array of {key, title, text} (the report JSON) or an object key → text (a template).
  if (auto it = j.find("sections"); it != j.end()) {
    auto add = [&](const std::string& key, const std::string& title, const std::string& body) {
      SectionFound s;
      s.key = key;
      s.title = title;
      s.text = body;
      r.sections.push_back(std::move(s));
    };
    if (it->is_array()) {
      for (const auto& s : *it) {
        if (!s.is_object()) continue;
        add(s.value("key", ""), s.value("title", ""), s.value("text", ""));
      }
    } else if (it->is_object()) {
      for (const auto& def : r.format->sections) {
        auto sec = it->find(def.key);
        if (sec != it->end() && sec->is_string()) add(def.key, "", sec->get<std::string>());
      }
    }
  }
  r.cells.assign(r.format->cells.size(), CellValue{});
  const json* tables = j.contains("tables") && j["tables"].is_object() ? &j["tables"] : nullptr;
  for (size_t i = 0; i < r.format->cells.size() && tables; ++i) {
    const CellDef& c = r.format->cells[i];
    const json* node = nullptr;
    if (auto t = tables->find(TableKey(c.table)); t != tables->end()) node = &*t;
    for (const std::string* part : {&c.block, &c.row, &c.col}) {
      if (!node || part->empty()) continue;
      auto next = node->is_object() ? node->find(*part) : node->end();
      node = next == node->end() ? nullptr : &*next;
    }
    if (!node) continue;
    r.tables[static_cast<int>(c.table)].present = true;
    if (node->is_number()) {
      r.cells[i].state = CellState::kValue;
      r.cells[i].value = node->get<double>();
      r.cells[i].integral = node->is_number_integer();
    } else if (!node->is_null()) {
      return MakeError(ErrorCode::kInvalidArgument, c.label + "（" + c.id + "）应为数字或 null");
    }
  }
  return r;
}

}  // namespace xxgk
