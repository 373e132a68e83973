// A standalone HTML page: the report with real merged cells (rowspan/colspan), printable as is.
#include <algorithm>

#include "render/render.h"

namespace xxgk {
namespace {

void Table(const Grid& g, std::string* out) {
  *out += "<table>\n<colgroup>";
  int weight = 0;
  for (int w : g.widths) weight += w;
  for (int w : g.widths) *out += "<col style=\"width:" + std::to_string(100 * w / std::max(1, weight)) + "%\">";
  *out += "</colgroup>\n";
  size_t i = 0;
  for (int r = 0; r < g.rows; ++r) {
    *out += "<tr>";
    for (; i < g.cells.size() && g.cells[i].row == r; ++i) {
      const GridCell& c = g.cells[i];
      *out += c.header ? "<th" : "<td";
      if (c.row_span > 1) *out += " rowspan=\"" + std::to_string(c.row_span) + "\"";
      if (c.col_span > 1) *out += " colspan=\"" + std::to_string(c.col_span) + "\"";
      *out += '>';
      AppendXmlEscaped(c.text, out);
      *out += c.header ? "</th>" : "</td>";
    }
    *out += "</tr>\n";
  }
  *out += "</table>\n";
}

}  // namespace

std::string RenderHtml(const RenderPlan& plan) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>";
  AppendXmlEscaped(plan.title, &out);
  out +=
      "</title>\n<style>\nbody{font-family:\"FangSong\",\"仿宋\",serif;max-width:60em;margin:2em auto;line-height:1.8}\n"
      "h1{text-align:center;font-size:1.6em}h2{font-size:1.2em}p{text-indent:2em;margin:.3em 0}\n"
      "table{border-collapse:collapse;margin:1em 0;width:100%}th,td{border:1px solid #000;padding:2px 4px;"
      "text-align:center;font-weight:normal}\n.sign{text-align:right;text-indent:0}\n</style>\n</head>\n<body>\n<h1>";
  AppendXmlEscaped(plan.title, &out);
  out += "</h1>\n";
  for (const auto& s : plan.sections) {
    out += "<h2>";
    AppendXmlEscaped(s.heading, &out);
    out += "</h2>\n";
    for (const auto& p : s.paragraphs) {
      out += "<p>";
      AppendXmlEscaped(p, &out);
      out += "</p>\n";
    }
    for (const auto& t : s.tables) Table(t, &out);
  }
  for (const auto& line : plan.signature) {
    out += "<p class=\"sign\">";
    AppendXmlEscaped(line, &out);
    out += "</p>\n";
  }
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace xxgk
