#include "readers/text_reader.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "core/find.h"
#include "readers/limits.h"

namespace xxgk {
namespace {

// A Markdown table alignment row such as "|---|:---:|".
bool IsPipeAlignmentRow(std::string_view line) {
  bool has_dash = false;
  for (char c : line) {
    if (c == '-') has_dash = true;
    else if (c != '|' && c != ':' && c != ' ' && c != '\t') return false;
  }
  return has_dash;
}

}  // namespace

Result<void> ReadTextLines(Document* doc, const TextLimits& limits) {
  std::string_view text = doc->text;
  // A block per line; report lines run about 15 bytes (a value or a label per line in tables): reserve for
  // lines of 12, so the vector is not regrown and copied while it is filled.
  doc->blocks.reserve(doc->blocks.size() + std::min(text.size() / 12 + 16, limits.max_lines));
  size_t lines = 0, cells_built = 0;
  uint32_t line_no = 0, ticks = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    const size_t end = FindAnyOf<'\n', '\r'>(text, pos);
    ++line_no;
    if (limits.deadline.Tick(&ticks)) return TimeLimitError(limits.deadline, "读取第 " + std::to_string(line_no) + " 行时");
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && ++lines > limits.max_lines) {
      return TooManyBlocksError("文本行数", limits.max_lines, "行");
    }
    if (!line.empty()) {
      size_t first = 0;
      while (first < line.size() && line[first] == ' ') ++first;
      if (first < line.size() && line[first] == '|' && line.find('|', first + 1) != std::string_view::npos) {
        // Markdown pipe table row: a one-row table whose cells keep their positions (empty cells count).
        if (!IsPipeAlignmentRow(line)) {
          std::string_view inner = line.substr(first + 1);
          size_t last = inner.find_last_not_of(" \t");
          if (last != std::string_view::npos && inner[last] == '|') inner = inner.substr(0, last);
          Block b;
          b.at.line = line_no;
          b.kind = BlockKind::kTable;
          std::vector<Cell> cells;
          int32_t col = 0;
          size_t pos = 0;
          while (pos <= inner.size()) {
            size_t bar = inner.find('|', pos);
            if (bar == std::string_view::npos) bar = inner.size();
            Cell c;
            c.text = inner.substr(pos, bar - pos);
            c.at.line = line_no;
            c.at.col = col++;
            cells.push_back(c);
            if (++cells_built > limits.max_cells) {
              return MakeError(ErrorCode::kTooLarge, "表格单元格过多（超过 " + std::to_string(limits.max_cells) + " 个）",
                               "请确认这是报告全文");
            }
            pos = bar + 1;
          }
          b.rows.push_back(std::move(cells));
          doc->blocks.push_back(std::move(b));
        }
      } else {
        Block& para = doc->blocks.emplace_back();  // built in place: a copy would stall on the fresh stores
        para.text = line;
        para.at.line = line_no;
      }
    }
    if (end >= text.size()) break;
    pos = end + 1;
    if (text[end] == '\r' && pos < text.size() && text[pos] == '\n') ++pos;
  }
  return {};
}

}  // namespace xxgk
