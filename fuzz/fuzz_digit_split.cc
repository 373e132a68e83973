// Fuzz target: cutting run-together digits. The first byte chooses the number of cells; the rest is split
// at spaces into written numbers. Every cut must use all digits and yield exactly that many values.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "extract/digit_split.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  size_t cells = 1 + data[0] % 16;
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
  std::vector<xxgk::WrittenNumber> numbers;
  for (const auto& p : parts) numbers.push_back({p, false, false, false});
  std::vector<xxgk::Split> out;
  xxgk::EnumerateSplits(numbers, cells, 10000, &out);
  for (const auto& s : out) {
    if (s.values.size() != cells) std::abort();
  }
  return 0;
}
