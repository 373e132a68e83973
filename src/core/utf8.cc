#include "core/utf8.h"

namespace xxgk {

size_t ValidUtf8Prefix(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    // Sixteen ASCII bytes, or five three-byte characters, a step while they last.
    if (i + 16 <= n) {
#ifdef __SSE2__
      const int high = _mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i)));
      if (high == 0) {
        i += 16;
        continue;
      }
      if ((high & 1) == 0) {  // the ASCII bytes before the first that is not
        i += static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(high)));
        continue;
      }
#endif
      if (FiveValidThreeByteChars(p + i)) {
        i += 15;
        continue;
      }
    }
    // Eight ASCII bytes at a time.
    while (i + 8 <= n) {
      unsigned long long w;
      __builtin_memcpy(&w, p + i, 8);
      if (w & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    // One three-byte character that is valid whatever its continuation bytes (lead E1–EC, EE–EF).
    if (c >= 0xE1 && c <= 0xEF && c != 0xED && i + 2 < n && (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) {
      i += 3;
      continue;
    }
    size_t len;
    char32_t min;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      min = 0x800;
    } else if ((c & 0xF8) == 0xF0 && c <= 0xF4) {
      len = 4;
      min = 0x10000;
    } else {
      return i;
    }
    if (i + len > n) return i;
    char32_t cp = c & (0x7F >> len);
    for (size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return n;
}

size_t CodePointCount(std::string_view s) {
  size_t count = 0;
  for (size_t i = 0; i < s.size();) {
    NextCodePoint(s, &i);
    ++count;
  }
  return count;
}

std::string ToValidUtf8(std::string_view s) {
  size_t valid = ValidUtf8Prefix(s);
  if (valid == s.size()) return std::string(s);
  std::string out(s.substr(0, valid));
  size_t pos = valid;
  while (pos < s.size()) AppendUtf8(NextCodePoint(s, &pos), &out);
  return out;
}

}  // namespace xxgk
