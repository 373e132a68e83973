// Aligned text tables for the terminal, counting CJK characters as two columns.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace xxgk::cli {

// Terminal columns taken by s (East Asian wide characters count two).
size_t DisplayWidth(std::string_view s);

class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header) : header_(std::move(header)) {}
  void Add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  // Columns listed here are right-aligned (numbers).
  void AlignRight(std::vector<size_t> cols) { right_ = std::move(cols); }
  std::string Render() const;
  bool empty() const { return rows_.empty(); }

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<size_t> right_;
};

}  // namespace xxgk::cli
