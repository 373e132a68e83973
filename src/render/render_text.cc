// Plain text and Markdown: tables as one line per row, merged cells printed once (text) or as empty pipe
// cells (Markdown).
#include "render/render.h"

namespace xxgk {
namespace {

void TableRowsText(const Grid& g, std::string* out) {
  auto cover = g.Cover();
  for (int r = 0; r < g.rows; ++r) {
    std::string line;
    bool first = true;
    for (int c = 0; c < g.cols; ++c) {
      int i = cover[r][c];
      if (i < 0) continue;
      const GridCell& cell = g.cells[i];
      if (cell.row != r || cell.col != c) continue;  // covered by a span: printed once, where it starts
      if (!first) line += '\t';
      line += cell.text;
      first = false;
    }
    *out += line;
    *out += '\n';
  }
}

void TableMarkdown(const Grid& g, std::string* out) {
  auto cover = g.Cover();
  for (int r = 0; r < g.rows; ++r) {
    std::string line = "|";
    for (int c = 0; c < g.cols; ++c) {
      int i = cover[r][c];
      const bool origin = i >= 0 && g.cells[i].row == r && g.cells[i].col == c;
      line += ' ';
      if (origin) line += g.cells[i].text;
      line += " |";
    }
    *out += line;
    *out += '\n';
    if (r == 0) {
      *out += '|';
      for (int c = 0; c < g.cols; ++c) *out += " --- |";
      *out += '\n';
    }
  }
}

}  // namespace

std::string RenderText(const RenderPlan& plan) {
  std::string out = plan.title + "\n\n";
  for (const auto& s : plan.sections) {
    out += s.heading + "\n";
    for (const auto& p : s.paragraphs) out += p + "\n";
    for (const auto& t : s.tables) TableRowsText(t, &out);
    out += "\n";
  }
  for (const auto& line : plan.signature) out += line + "\n";
  return out;
}

std::string RenderMarkdown(const RenderPlan& plan) {
  std::string out = "# " + plan.title + "\n\n";
  for (const auto& s : plan.sections) {
    out += "## " + s.heading + "\n\n";
    for (const auto& p : s.paragraphs) out += p + "\n\n";
    for (const auto& t : s.tables) {
      TableMarkdown(t, &out);
      out += "\n";
    }
  }
  for (const auto& line : plan.signature) out += line + "\n\n";
  return out;
}

}  // namespace xxgk
