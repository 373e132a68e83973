// Fuzz target: reading a damaged row under every damage model. The first byte chooses the number of cells
// and the model; the rest is split at spaces into written numbers. Every reading must have exactly that
// many cells, keep the printed values in order, and never invent a value the row did not print.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "extract/damage_models.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  const size_t cells = 1 + data[0] % 16;
  const auto model = static_cast<xxgk::DamageModel>((data[0] / 16) % xxgk::kDamageModelCount);
  std::vector<std::string> parts(1);
  for (size_t i = 1; i < size && i < 64; ++i) {
    char c = static_cast<char>(data[i]);
    if (c == ' ') {
      if (!parts.back().empty()) parts.emplace_back();
    } else if ((c >= '0' && c <= '9') || c == '.') {
      parts.back().push_back(c);
    }
  }
  if (parts.back().empty()) parts.pop_back();
  xxgk::RowLayout row;
  for (const auto& p : parts) row.numbers.push_back({p, false, false, false});
  row.each_on_own_line = row.in_table_cells = true;
  std::vector<xxgk::Reading> out;
  xxgk::EnumerateReadings(model, row, cells, 10000, &out);
  for (const auto& r : out) {
    if (r.values.size() != cells || r.known.size() != cells || r.model != model) std::abort();
    if (model == xxgk::DamageModel::kCellsLost) {
      size_t known = 0;
      for (bool k : r.known) known += k;
      if (known != row.numbers.size()) std::abort();  // every printed value placed once, nothing invented
    }
  }
  return 0;
}
