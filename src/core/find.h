// Substring search for UTF-8 text. std::string_view::find scans with memchr on the needle's first byte,
// which for Chinese text (lead bytes E4–E9 everywhere) degrades to a memcmp per character; glibc's memmem
// (two-way) does not.
#pragma once

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>
#include <string_view>

namespace xxgk {

// Word-at-a-time byte tests (SWAR) for scans that skip eight bytes of plain text at a time.
inline constexpr uint64_t kEachByte = 0x0101010101010101ULL, kEachHighBit = 0x8080808080808080ULL;
// Whether any of the eight bytes of w is zero.
inline bool HasZeroByte(uint64_t w) { return ((w - kEachByte) & ~w & kEachHighBit) != 0; }
// Whether any of the eight bytes of w is b.
inline bool HasByte(uint64_t w, unsigned char b) { return HasZeroByte(w ^ (kEachByte * b)); }
// Whether any of the eight bytes of w is below b (b at most 0x80).
inline bool HasByteBelow(uint64_t w, unsigned char b) { return ((w - kEachByte * b) & ~w & kEachHighBit) != 0; }

// Offset of the first byte at or after from that is one of Bytes; hay.size() when there is none. Inline and
// sixteen bytes a step: cheaper than a call to memchr for the short lines and cells of a report.
template <char... Bytes>
inline size_t FindAnyOf(std::string_view hay, size_t from = 0) {
  const char* p = hay.data();
  const size_t n = hay.size();
#ifdef __SSE2__
  for (; from + 16 <= n; from += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + from));
    const __m128i hit = (_mm_cmpeq_epi8(v, _mm_set1_epi8(Bytes)) | ...);
    const int mask = _mm_movemask_epi8(hit);
    if (mask != 0) return from + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
#endif
  while (from < n && ((p[from] != Bytes) && ...)) ++from;
  return from < n ? from : n;
}

// Offset of the first ASCII digit at or after from; hay.size() when there is none.
inline size_t FindDigit(std::string_view hay, size_t from = 0) {
  const char* p = hay.data();
  const size_t n = hay.size();
#ifdef __SSE2__
  for (; from + 16 <= n; from += 16) {
    const __m128i off = _mm_sub_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + from)), _mm_set1_epi8('0'));
    const int mask = _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(off, _mm_set1_epi8(9)), off));
    if (mask != 0) return from + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
#endif
  while (from < n && (p[from] < '0' || p[from] > '9')) ++from;
  return from < n ? from : n;
}

// Offset of the first occurrence of needle in hay at or after from, or npos.
inline size_t FindBytes(std::string_view hay, std::string_view needle, size_t from = 0) {
  if (from > hay.size()) return std::string_view::npos;
  if (needle.empty()) return from;
  if (needle.size() > hay.size() - from) return std::string_view::npos;
  // memmem pays a set-up cost per call; short haystacks (labels, clauses) are faster scanned directly.
  if (hay.size() - from < 96) {
    const size_t m = needle.size();
    if (m < 2 || static_cast<unsigned char>(needle[0]) < 0xC0) return hay.find(needle, from);
    // A needle starting with a lead byte: look for its last byte instead, a continuation byte spread over
    // 64 values, rather than a lead byte found at nearly every character of Chinese text. Matches all have
    // the needle's length, so the first by end is the first by start.
    const char* h = hay.data();
    for (size_t pos = from + m - 1; pos < hay.size();) {
      const void* p = std::memchr(h + pos, needle[m - 1], hay.size() - pos);
      if (!p) return std::string_view::npos;
      const size_t end = static_cast<size_t>(static_cast<const char*>(p) - h);
      if (std::memcmp(h + end + 1 - m, needle.data(), m - 1) == 0) return end + 1 - m;
      pos = end + 1;
    }
    return std::string_view::npos;
  }
  const void* p = memmem(hay.data() + from, hay.size() - from, needle.data(), needle.size());
  return p ? static_cast<size_t>(static_cast<const char*>(p) - hay.data()) : std::string_view::npos;
}

// A fixed needle searched many times (markers, titles): Boyer-Moore-Horspool with its skip table built
// once, so long Chinese needles advance by about their own length per step.
class Searcher {
 public:
  explicit Searcher(std::string needle) : needle_(std::move(needle)) {
    for (auto& s : skip_) s = needle_.size();
    for (size_t i = 0; i + 1 < needle_.size(); ++i) skip_[static_cast<unsigned char>(needle_[i])] = needle_.size() - 1 - i;
  }
  // Offset of the first occurrence in hay at or after from, or npos.
  size_t Find(std::string_view hay, size_t from = 0) const {
    const size_t m = needle_.size();
    if (m == 0) return from;
    if (m < 4) return FindBytesShort(hay, from);
    const char* h = hay.data();
    const char last = needle_[m - 1];
    for (size_t pos = from; pos + m <= hay.size();) {
      char c = h[pos + m - 1];
      if (c == last && std::memcmp(h + pos, needle_.data(), m - 1) == 0) return pos;
      pos += skip_[static_cast<unsigned char>(c)];
    }
    return std::string_view::npos;
  }
  const std::string& needle() const { return needle_; }

 private:
  size_t FindBytesShort(std::string_view hay, size_t from) const { return hay.find(needle_, from); }
  std::string needle_;
  size_t skip_[256];
};

inline bool Contains(std::string_view hay, std::string_view needle) {
  return FindBytes(hay, needle) != std::string_view::npos;
}

// True when hay contains any of the needles.
inline bool ContainsAny(std::string_view hay, std::initializer_list<std::string_view> needles) {
  for (auto n : needles) if (Contains(hay, n)) return true;
  return false;
}

}  // namespace xxgk
