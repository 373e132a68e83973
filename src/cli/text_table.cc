#include "cli/text_table.h"

#include <algorithm>

#include "core/utf8.h"

namespace xxgk::cli {

size_t DisplayWidth(std::string_view s) {
  size_t w = 0, pos = 0;
  while (pos < s.size()) {
    char32_t cp = NextCodePoint(s, &pos);
    bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
                (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    w += wide ? 2 : 1;
  }
  return w;
}

std::string TextTable::Render() const {
  std::vector<size_t> width(header_.size(), 0);
  auto measure = [&](const std::vector<std::string>& row) {
    for (size_t i = 0; i < row.size() && i < width.size(); ++i) width[i] = std::max(width[i], DisplayWidth(row[i]));
  };
  measure(header_);
  for (const auto& r : rows_) measure(r);
  std::string out;
  auto emit = [&](const std::vector<std::string>& row) {
    for (size_t i = 0; i < width.size(); ++i) {
      const std::string cell = i < row.size() ? row[i] : "";
      size_t pad = width[i] - DisplayWidth(cell);
      bool right = std::find(right_.begin(), right_.end(), i) != right_.end();
      if (right) out.append(pad, ' ');
      out += cell;
      if (i + 1 < width.size()) {
        if (!right) out.append(pad, ' ');
        out += "  ";
      }
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out += '\n';
  };
  emit(header_);
  std::vector<std::string> rule;
  for (size_t w : width) rule.push_back(std::string(w, '-'));
  emit(rule);
  for (const auto& r : rows_) emit(r);
  return out;
}

}  // namespace xxgk::cli
