// Substring and byte search for UTF-8 text. std::string_view::find scans with memchr on the needle's first
// byte, which for Chinese text (lead bytes E4–E9 everywhere) degrades to a memcmp per character; the scans
// here test sixteen places a step on bytes that are rare in Chinese text.
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

namespace find_detail {

// The first start in [from, n - m] where the m >= 2 bytes of nd occur in h, or npos. Sixteen starts are
// tested at once on two bytes of the needle, its second (its first when m = 2) and its last, continuation
// bytes in Chinese text that rarely both match by chance; only starts where both match are compared in
// full (W. Muła's SIMD substring search). No set-up, no table, no chain of dependent loads.
inline size_t FindAt(const char* h, size_t n, size_t from, const char* nd, size_t m) {
  if (from > n || n - from < m) return std::string_view::npos;
  const size_t k = m >= 3 ? 1 : 0;
  size_t i = from;
#ifdef __SSE2__
  const __m128i first = _mm_set1_epi8(nd[k]), last = _mm_set1_epi8(nd[m - 1]);
  for (; i + m + 15 <= n; i += 16) {
    const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(h + i + k));
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(h + i + m - 1));
    unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, last))));
    while (mask != 0) {
      const size_t at = i + static_cast<size_t>(__builtin_ctz(mask));
      if (std::memcmp(h + at, nd, m) == 0) return at;
      mask &= mask - 1;
    }
  }
#endif
  for (; i + m <= n; ++i) {
    if (h[i + k] == nd[k] && h[i + m - 1] == nd[m - 1] && std::memcmp(h + i, nd, m) == 0) return i;
  }
  return std::string_view::npos;
}

}  // namespace find_detail

// Offset of the first occurrence of needle in hay at or after from, or npos.
inline size_t FindBytes(std::string_view hay, std::string_view needle, size_t from = 0) {
  if (needle.size() < 2) return hay.find(needle, from);
  // Past 64 KiB (whole documents, PDF streams) glibc's memmem (two-way): linear whatever the text, where
  // the scan above could be made to compare in full at many starts.
  if (from < hay.size() && hay.size() - from > (64u << 10)) {
    const void* p = memmem(hay.data() + from, hay.size() - from, needle.data(), needle.size());
    return p ? static_cast<size_t>(static_cast<const char*>(p) - hay.data()) : std::string_view::npos;
  }
  return find_detail::FindAt(hay.data(), hay.size(), from, needle.data(), needle.size());
}

// A fixed needle searched many times (markers, titles over a report's text).
class Searcher {
 public:
  explicit Searcher(std::string needle) : needle_(std::move(needle)) {}
  // Offset of the first occurrence in hay at or after from, or npos.
  size_t Find(std::string_view hay, size_t from = 0) const { return FindBytes(hay, needle_, from); }
  const std::string& needle() const { return needle_; }

 private:
  std::string needle_;
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
