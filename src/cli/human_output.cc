#include "cli/human_output.h"

namespace xxgk::cli {

std::string LocationText(const Provenance& at) {
  std::string s;
  if (at.page) s += "第" + std::to_string(at.page) + "页";
  if (at.table >= 0) {
    s += "表格" + std::to_string(at.table + 1);
    if (at.row >= 0) s += "第" + std::to_string(at.row + 1) + "行";
    if (at.col >= 0) s += "第" + std::to_string(at.col + 1) + "列";
  } else if (at.line) {
    s += "第" + std::to_string(at.line) + "行";
  }
  return s;
}

std::string FormatReportFindings(const std::string& path, const Report& report, bool show_info) {
  std::string out = "== " + path + "  [" + report.format_id;
  if (report.agency) out += " · " + *report.agency;
  if (report.year) out += " · " + std::to_string(*report.year) + "年度";
  out += "]\n";
  int shown = 0;
  for (const auto& f : report.findings) {
    if (f.severity == Severity::kInfo && !show_info) continue;
    ++shown;
    out += "  ";
    out += SeverityChinese(f.severity);
    out += " ";
    out += f.rule;
    std::string loc = LocationText(f.at);
    if (!loc.empty()) out += " [" + loc + "]";
    out += " ";
    out += f.message;
    out += "\n";
  }
  if (shown == 0) out += "  未发现问题\n";
  return out;
}

}  // namespace xxgk::cli
