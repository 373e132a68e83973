// Substring search for UTF-8 text. std::string_view::find scans with memchr on the needle's first byte,
// which for Chinese text (lead bytes E4–E9 everywhere) degrades to a memcmp per character; glibc's memmem
// (two-way) does not.
#pragma once

#include <string.h>

#include <cstddef>
#include <string_view>

namespace xxgk {

// Offset of the first occurrence of needle in hay at or after from, or npos.
inline size_t FindBytes(std::string_view hay, std::string_view needle, size_t from = 0) {
  if (from > hay.size()) return std::string_view::npos;
  if (needle.empty()) return from;
  const void* p = memmem(hay.data() + from, hay.size() - from, needle.data(), needle.size());
  return p ? static_cast<size_t>(static_cast<const char*>(p) - hay.data()) : std::string_view::npos;
}

inline bool Contains(std::string_view hay, std::string_view needle) {
  return FindBytes(hay, needle) != std::string_view::npos;
}

}  // namespace xxgk
