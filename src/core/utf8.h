// Minimal UTF-8 decoding and encoding used by every text-processing stage.
#pragma once

#include <cstddef>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <string>
#include <string_view>

namespace xxgk {

inline constexpr char32_t kReplacementChar = 0xFFFD;

// Decodes one code point starting at s[*pos] and advances *pos past it.
// Invalid or truncated sequences yield U+FFFD and advance by one byte.
// REQUIRES: *pos < s.size().
inline char32_t NextCodePoint(std::string_view s, size_t* pos) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t i = *pos;
  const size_t n = s.size();
  unsigned char c = p[i];
  if (c < 0x80) {
    *pos = i + 1;
    return c;
  }
  int len;
  char32_t cp;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    cp = c & 0x07;
  } else {
    *pos = i + 1;
    return kReplacementChar;
  }
  if (i + len > n) {
    *pos = i + 1;
    return kReplacementChar;
  }
  for (int k = 1; k < len; ++k) {
    unsigned char cc = p[i + k];
    if ((cc & 0xC0) != 0x80) {
      *pos = i + 1;
      return kReplacementChar;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  *pos = i + len;
  return cp;
}

#ifdef __SSE2__
// Whether the sixteen bytes v begin with five three-byte sequences: leads (as the mask `lead` marks them)
// at 0, 3, 6, 9 and 12, continuation bytes between.
inline bool FiveThreeByteShape(__m128i v, __m128i lead) {
  const __m128i cont = _mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8(static_cast<char>(0xC0))),
                                      _mm_set1_epi8(static_cast<char>(0x80)));
  return (_mm_movemask_epi8(lead) & 0x7FFF) == 0x1249 && (_mm_movemask_epi8(cont) & 0x7FFF) == 0x6DB6;
}
// The bytes of v in [lo, hi].
inline __m128i BytesIn(__m128i v, unsigned char lo, unsigned char hi) {
  const __m128i off = _mm_sub_epi8(v, _mm_set1_epi8(static_cast<char>(lo)));
  return _mm_cmpeq_epi8(_mm_min_epu8(off, _mm_set1_epi8(static_cast<char>(hi - lo))), off);
}
#endif

// Whether p[0..15) holds five three-byte sequences whose lead bytes lie in [lo, hi] (0xE4–0xE9: CJK
// ideographs). Reads sixteen bytes. A scan over Chinese text steps five characters at a time while this
// holds.
inline bool FiveThreeByteChars(const unsigned char* p, unsigned char lo, unsigned char hi) {
#ifdef __SSE2__
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  return FiveThreeByteShape(v, BytesIn(v, lo, hi));
#else
  for (int k = 0; k < 15; k += 3) {
    if (p[k] < lo || p[k] > hi || (p[k + 1] & 0xC0) != 0x80 || (p[k + 2] & 0xC0) != 0x80) return false;
  }
  return true;
#endif
}

// Whether p[0..15) holds five three-byte sequences that are valid whatever their continuation bytes: leads
// E1–EC and EE–EF (E0 and ED have narrower second bytes). Reads sixteen bytes. Chinese text with its
// full-width punctuation (EF BC ..) passes five characters at a time.
inline bool FiveValidThreeByteChars(const unsigned char* p) {
#ifdef __SSE2__
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i not_ed = _mm_andnot_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(0xED))), BytesIn(v, 0xE1, 0xEF));
  return FiveThreeByteShape(v, not_ed);
#else
  for (int k = 0; k < 15; k += 3) {
    if (p[k] == 0xED) return false;
  }
  return FiveThreeByteChars(p, 0xE1, 0xEF);
#endif
}

// Appends the UTF-8 encoding of cp to *out.
inline void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Returns the number of bytes of s that form a valid UTF-8 prefix (s.size() when all valid).
size_t ValidUtf8Prefix(std::string_view s);

// s with every invalid or truncated sequence replaced by U+FFFD (s itself when it is valid).
std::string ToValidUtf8(std::string_view s);

// Number of code points in s (invalid bytes count one each).
size_t CodePointCount(std::string_view s);

}  // namespace xxgk
