#include "core/normalize.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "core/utf8.h"

namespace xxgk {

bool IsSpaceCodePoint(char32_t cp) {
  switch (cp) {
    case ' ': case '\t': case '\n': case '\r': case '\v': case '\f':
    case 0x00A0: case 0x1680: case 0x3000: case 0xFEFF: case 0x2028: case 0x2029:
    case 0x202F: case 0x205F: case 0x180E:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200B;
  }
}

char32_t FoldCodePoint(char32_t cp) {
  if (cp < 0x80) {
    if (cp == '"' || cp == '\'' || cp == '`') return 0;
    if (cp <= ' ') return 0;
    return cp;
  }
  if (IsSpaceCodePoint(cp)) return 0;
  if (cp >= 0xFF01 && cp <= 0xFF5E) {
    char32_t folded = cp - 0xFEE0;
    if (folded == '"' || folded == '\'') return 0;
    return folded;
  }
  switch (cp) {
    case 0x201C: case 0x201D: case 0x201E: case 0x201F:  // “ ” „ ‟
    case 0x2018: case 0x2019: case 0x201A: case 0x201B:  // ‘ ’ ‚ ‛
    case 0x300C: case 0x300D: case 0x300E: case 0x300F:  // 「 」 『 』
    case 0x00AB: case 0x00BB:                            // « »
      return 0;
    case 0xFE5D: return 0x3014;  // ﹝ → 〔
    case 0xFE5E: return 0x3015;  // ﹞ → 〕
    case 0xFE59: return '(';     // small parentheses
    case 0xFE5A: return ')';
    case 0x3007: return 0x25CB;  // 〇 → ○ (both are used as zero in dates)
    case 0x2027: case 0x00B7: case 0x30FB: return 0x00B7;  // middle dots
    default: return cp;
  }
}

bool MatchIterator::Next(char32_t* cp, size_t* raw_begin, size_t* raw_end) {
  while (pos_ < raw_.size()) {
    char c = raw_[pos_];
    if (c == '[' && raw_.compare(pos_, 10, "[bookmark:") == 0) {
      size_t close = raw_.find(']', pos_);
      if (close != std::string_view::npos && close - pos_ < 200) {
        pos_ = close + 1;
        continue;
      }
    }
    if (c == '<' && raw_.compare(pos_, 4, "<!--") == 0) {
      size_t close = raw_.find("-->", pos_ + 4);
      if (close != std::string_view::npos && close - pos_ < 400) {
        pos_ = close + 3;
        continue;
      }
    }
    size_t begin = pos_;
    unsigned char lead = static_cast<unsigned char>(c);
    if (lead >= 0xE4 && lead <= 0xE9 && pos_ + 2 < raw_.size() &&
        (static_cast<unsigned char>(raw_[pos_ + 1]) & 0xC0) == 0x80 && (static_cast<unsigned char>(raw_[pos_ + 2]) & 0xC0) == 0x80) {
      // CJK ideograph: never white space, never folded.
      *cp = ((lead & 0x0F) << 12) | ((raw_[pos_ + 1] & 0x3F) << 6) | (raw_[pos_ + 2] & 0x3F);
      pos_ += 3;
      prev_ = *cp;
      *raw_begin = begin;
      *raw_end = pos_;
      return true;
    }
    char32_t raw_cp = NextCodePoint(raw_, &pos_);
    char32_t f;
    if (IsSpaceCodePoint(raw_cp)) {
      f = ' ';
    } else {
      f = FoldCodePoint(raw_cp);
      if (f == 0) continue;
      if (f == 0x3001 && prev_ >= '0' && prev_ <= '9') f = '.';  // "1、" → "1."
    }
    prev_ = f;
    *cp = f;
    *raw_begin = begin;
    *raw_end = pos_;
    return true;
  }
  return false;
}

namespace {

// Walks raw in match form (white space dropped). For each kept code point calls emit(cp, raw_end).
template <class Emit>
void WalkNormalized(std::string_view raw, Emit&& emit) {
  MatchIterator it(raw);
  char32_t cp;
  size_t b, e;
  while (it.Next(&cp, &b, &e)) {
    if (cp != ' ') emit(cp, e);
  }
}

}  // namespace

size_t WriteNormalized(std::string_view raw, char* buf) {
  // Hot path (every cell of every document): the same walk as MatchIterator, writing straight into the
  // output buffer and copying unchanged code points as raw bytes. A code point of n >= 1 bytes is written
  // as at most 3 bytes (U+FFFD for a stray byte), so after reading i bytes at most 3i are written: the
  // block copies below, which read 4 or 16 bytes at i and write as many, stay within 3n + 16.
  const size_t cap = NormalizedBound(raw.size());
  size_t w = 0;
  char32_t prev = 0;
  size_t i = 0;
  const size_t n = raw.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(raw[i]);
    if (c < 0x80) {
      if (c == '[' && raw.compare(i, 10, "[bookmark:") == 0) {
        size_t close = raw.find(']', i);
        if (close != std::string_view::npos && close - i < 200) {
          i = close + 1;
          continue;
        }
      } else if (c == '<' && raw.compare(i, 4, "<!--") == 0) {
        size_t close = raw.find("-->", i + 4);
        if (close != std::string_view::npos && close - i < 400) {
          i = close + 3;
          continue;
        }
      }
      ++i;
      if (c == ' ' || (c >= '\t' && c <= '\r')) {
        prev = ' ';
        continue;
      }
      if (c < ' ' || c == '"' || c == '\'' || c == '`') continue;
      buf[w++] = static_cast<char>(c);
      prev = c;
      continue;
    }
    // CJK ideographs (lead bytes E4–E9: U+4000–U+9FFF) are never white space and never folded: a run of
    // them is copied four bytes a store, three kept a step, while the room allows.
    if (c >= 0xE4 && c <= 0xE9 && i + 4 <= n) {
      const size_t before = i;
      const auto* u = reinterpret_cast<const unsigned char*>(raw.data());
      while (i + 16 <= n && w + 16 <= cap && FiveThreeByteChars(u + i, 0xE4, 0xE9)) {
        std::memcpy(buf + w, u + i, 16);  // fifteen kept; the sixteenth is overwritten or cut off
        w += 15;
        i += 15;
      }
      while (i + 4 <= n && w + 4 <= cap) {
        const auto* q = reinterpret_cast<const unsigned char*>(raw.data() + i);
        if (static_cast<unsigned char>(q[0] - 0xE4) > 5 || ((q[1] & 0xC0) | (q[2] >> 6)) != 0x82) break;
        std::memcpy(buf + w, q, 4);  // the fourth byte is overwritten by what follows, or cut off at the end
        w += 3;
        i += 3;
      }
      if (i != before) {
        prev = 0x4000;
        continue;
      }
    }
    if (c >= 0xE4 && c <= 0xE9 && i + 2 < n && (static_cast<unsigned char>(raw[i + 1]) & 0xC0) == 0x80 &&
        (static_cast<unsigned char>(raw[i + 2]) & 0xC0) == 0x80) {
      buf[w] = raw[i];
      buf[w + 1] = raw[i + 1];
      buf[w + 2] = raw[i + 2];
      w += 3;
      i += 3;
      prev = 0x4000;
      continue;
    }
    // Full-width ASCII forms (U+FF01–U+FF5E: EF BC 81–BF, EF BD 80–9E), Chinese text's commas, colons and
    // brackets: folded to ASCII, quotes dropped, as FoldCodePoint does.
    if (c == 0xEF && i + 2 < n) {
      const auto b1 = static_cast<unsigned char>(raw[i + 1]), b2 = static_cast<unsigned char>(raw[i + 2]);
      if ((b1 == 0xBC && b2 >= 0x81 && b2 <= 0xBF) || (b1 == 0xBD && b2 >= 0x80 && b2 <= 0x9E)) {
        const char32_t cp = 0xF000 | (static_cast<char32_t>(b1 & 0x3F) << 6) | (b2 & 0x3F);
        const char32_t folded = cp - 0xFEE0;
        i += 3;
        if (folded == '"' || folded == '\'') continue;
        buf[w++] = static_cast<char>(folded);
        prev = folded;
        continue;
      }
    }
    size_t start = i;
    char32_t cp = NextCodePoint(raw, &i);
    if (IsSpaceCodePoint(cp)) {
      prev = ' ';
      continue;
    }
    char32_t f = FoldCodePoint(cp);
    if (f == 0) continue;
    if (f == 0x3001 && prev >= '0' && prev <= '9') f = '.';
    prev = f;
    if (f == cp && cp != kReplacementChar) {
      for (size_t k = start; k < i; ++k) buf[w++] = raw[k];
    } else if (f < 0x80) {
      buf[w++] = static_cast<char>(f);
    } else {
      std::string tmp;
      AppendUtf8(f, &tmp);
      for (char ch : tmp) buf[w++] = ch;
    }
  }
  return w;
}

void AppendNormalized(std::string_view raw, std::string* out) {
  const size_t base = out->size();
  out->resize(base + NormalizedBound(raw.size()));
  out->resize(base + WriteNormalized(raw, out->data() + base));
}

std::string Normalize(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  AppendNormalized(raw, &out);
  return out;
}

size_t RawOffsetForNormOffset(std::string_view raw, size_t norm_offset) {
  if (norm_offset == 0) return 0;
  size_t produced = 0;
  size_t result = raw.size();
  bool done = false;
  std::string tmp;
  WalkNormalized(raw, [&](char32_t cp, size_t raw_end) {
    if (done) return;
    tmp.clear();
    AppendUtf8(cp, &tmp);
    produced += tmp.size();
    if (produced >= norm_offset) {
      result = raw_end;
      done = true;
    }
  });
  return result;
}

size_t EditDistance(std::string_view a, std::string_view b, size_t limit) {
  // Labels are short: decode into fixed buffers, falling back to the heap for long strings.
  char32_t xs[128], ys[128];
  std::vector<char32_t> xh, yh;
  size_t xn = 0, yn = 0;
  auto decode = [](std::string_view s, char32_t* buf, size_t* n, std::vector<char32_t>* heap) -> const char32_t* {
    for (size_t i = 0; i < s.size();) {
      char32_t cp = NextCodePoint(s, &i);
      if (*n < 128 && heap->empty()) {
        buf[(*n)++] = cp;
      } else {
        if (heap->empty()) heap->assign(buf, buf + *n);
        heap->push_back(cp);
        ++*n;
      }
    }
    return heap->empty() ? buf : heap->data();
  };
  const char32_t* xp = decode(a, xs, &xn, &xh);
  const char32_t* yp = decode(b, ys, &yn, &yh);
  struct View {
    const char32_t* p;
    size_t n;
    size_t size() const { return n; }
    char32_t operator[](size_t i) const { return p[i]; }
  } x{xp, xn}, y{yp, yn};
  size_t diff = x.size() > y.size() ? x.size() - y.size() : y.size() - x.size();
  if (diff > limit) return limit + 1;
  // Ukkonen's band: a path of cost at most limit never leaves the diagonals |i - j| <= limit, so only those
  // cells are computed; every other cell, and every cost above limit, counts as limit + 1.
  const size_t inf = limit + 1;
  const size_t m = y.size();
  size_t prev_buf[130], cur_buf[130];
  std::vector<size_t> prev_heap, cur_heap;
  size_t* prev = prev_buf;
  size_t* cur = cur_buf;
  if (m + 2 > 130) {
    prev_heap.resize(m + 2);
    cur_heap.resize(m + 2);
    prev = prev_heap.data();
    cur = cur_heap.data();
  }
  for (size_t j = 0; j <= m + 1; ++j) prev[j] = std::min(j, inf);
  for (size_t i = 1; i <= x.size(); ++i) {
    const size_t lo = i > limit ? i - limit : 1;
    const size_t hi = std::min(m, i + limit);
    cur[lo - 1] = lo == 1 ? std::min(i, inf) : inf;
    size_t row_min = cur[lo - 1];
    for (size_t j = lo; j <= hi; ++j) {
      const size_t sub = prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1);
      const size_t v = std::min({prev[j] + 1, cur[j - 1] + 1, sub, inf});
      cur[j] = v;
      row_min = std::min(row_min, v);
    }
    if (hi + 1 <= m + 1) cur[hi + 1] = inf;  // the next row's band reaches one column further
    if (row_min > limit) return inf;
    std::swap(prev, cur);
  }
  return std::min(prev[m], inf);
}

std::string_view TrimSpace(std::string_view s) {
  size_t b = 0;
  while (b < s.size()) {
    size_t j = b;
    if (!IsSpaceCodePoint(NextCodePoint(s, &j))) break;
    b = j;
  }
  size_t e = s.size();
  while (e > b) {
    // Step back over one code point.
    size_t k = e - 1;
    while (k > b && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
    size_t j = k;
    if (!IsSpaceCodePoint(NextCodePoint(s, &j))) break;
    e = k;
  }
  return s.substr(b, e - b);
}

}  // namespace xxgk
