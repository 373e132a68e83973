#include "extract/sections.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "core/bounded_cache.h"
#include "core/normalize.h"
#include "core/utf8.h"

namespace xxgk {
namespace {

// Value 1..10 of a Chinese numeral starting at s[i] (3 UTF-8 bytes), or 0.
int ChineseNumeralAt(std::string_view s, size_t i) {
  if (i + 3 > s.size()) return 0;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data() + i);
  switch (static_cast<uint32_t>(p[0]) << 16 | static_cast<uint32_t>(p[1]) << 8 | p[2]) {
    case 0xE4B880: return 1;   // 一
    case 0xE4BA8C: return 2;   // 二
    case 0xE4B889: return 3;   // 三
    case 0xE59B9B: return 4;   // 四
    case 0xE4BA94: return 5;   // 五
    case 0xE585AD: return 6;   // 六
    case 0xE4B883: return 7;   // 七
    case 0xE585AB: return 8;   // 八
    case 0xE4B99D: return 9;   // 九
    case 0xE58D81: return 10;  // 十
    default: return 0;
  }
}

const char* ChineseNumeral(int n) {
  static const char* kNumerals[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
  return n >= 1 && n <= 10 ? kNumerals[n] : "";
}

bool IsMarkdownPrefixChar(char c) { return c == '#' || c == '*' || c == '>' || c == '-' || c == '_'; }

// Tries to match a section title at norm[q...]. Returns the section index and sets *end and *standard.
int MatchTitleExact(std::string_view norm, size_t q, const FormatSpec& spec, size_t* end, bool* standard) {
  int best = -1;
  size_t best_len = 0;
  // Whether norm holds t at q, longer than the best so far. Titles are Chinese: their second byte rules out
  // nearly every place before the full compare.
  auto at_q = [&](const std::string& t) {
    return t.size() > best_len && q + t.size() <= norm.size() && (t.size() < 2 || norm[q + 1] == t[1]) &&
           norm.compare(q, t.size(), t) == 0;
  };
  for (size_t s = 0; s < spec.sections.size(); ++s) {
    const Label& t = spec.sections[s].title;
    if (at_q(t.norm)) {
      best = static_cast<int>(s);
      best_len = t.norm.size();
      *standard = true;
    }
    for (const auto& a : t.alias_norms) {
      if (at_q(a)) {
        best = static_cast<int>(s);
        best_len = a.size();
        *standard = false;
      }
    }
  }
  *end = q + best_len;
  return best;
}

// The first and the last six bytes of every long section title (a typo leaves the first or the last two
// characters of a title), tested at every offset of a text in one walk.
class TitlePieces {
 public:
  explicit TitlePieces(const FormatSpec& spec) {
    for (const auto& sec : spec.sections) {
      const std::string& t = sec.title.norm;
      if (t.size() < 18) continue;
      for (std::string_view piece : {std::string_view(t).substr(0, 6), std::string_view(t).substr(t.size() - 6)}) {
        pieces_.push_back(piece);
        first_[static_cast<unsigned char>(piece[0])] = true;
        heads_.push_back(Head(piece.data()));
      }
    }
  }
  // Whether text contains any of the pieces (as Contains on each would say).
  bool AnyIn(std::string_view text) const {
    for (size_t i = 0; i + 6 <= text.size(); ++i) {
      if (!first_[static_cast<unsigned char>(text[i])]) continue;
      const uint16_t h = Head(text.data() + i);
      for (size_t k = 0; k < heads_.size(); ++k) {
        if (heads_[k] == h && std::memcmp(text.data() + i, pieces_[k].data(), 6) == 0) return true;
      }
    }
    return false;
  }

 private:
  static uint16_t Head(const char* p) {
    return static_cast<uint16_t>(static_cast<unsigned char>(p[0]) << 8 | static_cast<unsigned char>(p[1]));
  }
  std::vector<std::string_view> pieces_;
  std::vector<uint16_t> heads_;  // each piece's first two bytes
  bool first_[256] = {};
};

// Fuzzy title match for headings at the start of a line: the best title within edit distance 2.
int MatchTitleFuzzy(std::string_view norm, size_t q, const FormatSpec& spec, const TitlePieces& pieces, size_t* end,
                    const char* only_no) {
  std::string_view rest = norm.substr(q);
  // Cheap filter before anything else: a typo leaves the first or the last two characters of the title.
  if (!pieces.AnyIn(rest.substr(0, 3 * 40))) return -1;
  // Code point boundaries of the first 40 code points of rest.
  std::vector<size_t> bounds{0};
  for (size_t i = 0; i < rest.size() && bounds.size() < 41;) {
    NextCodePoint(rest, &i);
    bounds.push_back(i);
  }
  int best = -1;
  size_t best_dist = 3;
  for (size_t s = 0; s < spec.sections.size(); ++s) {
    if (only_no && spec.sections[s].no != only_no) continue;
    const Label& t = spec.sections[s].title;
    size_t len = t.norm_code_points;
    if (len < 6) continue;
    // Cheap filter before the edit distance: a typo leaves the first or the last two characters intact.
    std::string_view window = rest.substr(0, bounds[std::min(bounds.size() - 1, len + 2)]);
    std::string_view head = std::string_view(t.norm).substr(0, 6), tail = std::string_view(t.norm).substr(t.norm.size() - 6);
    if (window.find(head) == std::string_view::npos && window.find(tail) == std::string_view::npos) continue;
    for (int k = -2; k <= 2; ++k) {
      size_t cand = len + k;
      if (cand >= bounds.size()) continue;
      size_t d = EditDistance(rest.substr(0, bounds[cand]), t.norm, 2);
      if (d < best_dist) {
        best_dist = d;
        best = static_cast<int>(s);
        *end = q + bounds[cand];
      }
    }
  }
  return best;
}

// The same, kept per thread. The answer depends on the first 160 bytes after the separator only (the
// piece filter reads 120 bytes, the windows at most 40 code points), and the lines that reach it (list
// items naming 其他, 信息, 情况…) recur from report to report.
int MatchTitleFuzzyCached(std::string_view norm, size_t q, const FormatSpec& spec, const TitlePieces& pieces,
                          size_t* end, const char* only_no) {
  constexpr size_t kInputBytes = 160;
  struct Answer {
    int section;
    size_t end;  // from q
  };
  thread_local BoundedCache<Answer> cache(4096);
  thread_local std::string key;
  const std::string_view input = norm.substr(q, kInputBytes);
  key.clear();
  AppendAddress(&spec, &key);
  key.append(only_no ? only_no : "*");
  key.push_back('\0');
  key.append(input);
  const Answer* kept = cache.Find(key);
  if (kept == nullptr) {
    Answer a{-1, 0};
    a.section = MatchTitleFuzzy(input, 0, spec, pieces, &a.end, only_no);
    kept = &cache.Insert(key, a);
  }
  if (kept->section >= 0) *end = q + kept->end;
  return kept->section;
}

// The offset of the first '.' or "、" (E3 80 81) at or after i, or norm.size(): sixteen places a step,
// where a test for the E3 lead alone would stop at every "。", "《" and "」" of the text.
size_t NextSeparator(std::string_view norm, size_t i) {
  const auto* p = reinterpret_cast<const unsigned char*>(norm.data());
  const size_t n = norm.size();
#ifdef __SSE2__
  for (; i + 18 <= n; i += 16) {
    const __m128i b0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i b1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 1));
    const __m128i b2 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 2));
    const __m128i dunhao = _mm_and_si128(_mm_cmpeq_epi8(b0, _mm_set1_epi8(static_cast<char>(0xE3))),
                                         _mm_and_si128(_mm_cmpeq_epi8(b1, _mm_set1_epi8(static_cast<char>(0x80))),
                                                       _mm_cmpeq_epi8(b2, _mm_set1_epi8(static_cast<char>(0x81)))));
    const int mask = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(b0, _mm_set1_epi8('.')), dunhao));
    if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
#endif
  for (; i < n; ++i) {
    if (p[i] == '.' || (p[i] == 0xE3 && i + 2 < n && p[i + 1] == 0x80 && p[i + 2] == 0x81)) return i;
  }
  return n;
}

}  // namespace

std::vector<HeadingHit> FindHeadingCandidates(const LineView& view, const FormatSpec& spec) {
  std::vector<HeadingHit> hits;
  hits.reserve(16);
  std::string_view all = view.norm;
  // The pieces of the last format asked for, kept per thread (they view the format's titles, which live as
  // long as the program).
  thread_local const FormatSpec* pieces_of = nullptr;
  thread_local std::unique_ptr<const TitlePieces> kept_pieces;
  if (pieces_of != &spec) {
    kept_pieces = std::make_unique<const TitlePieces>(spec);
    pieces_of = &spec;
  }
  const TitlePieces& pieces = *kept_pieces;
  for (size_t li = 0; li < view.lines.size(); ++li) {
    const Line& line = view.lines[li];
    std::string_view norm = view.Norm(line);
    if (norm.size() < 6) continue;
    size_t content_start = 0;
    while (content_start < norm.size() && IsMarkdownPrefixChar(norm[content_start])) ++content_start;
    size_t line_first = hits.size();
    // Each '.' and each "、" (E3 80 81) after the first byte.
    for (size_t i = NextSeparator(norm, 1); i < norm.size(); i = NextSeparator(norm, i + 1)) {
      size_t sep_len = norm[i] == '.' ? 1 : 3;
      // Walk back over the numbering.
      size_t p = i;
      int number = 0;
      bool chinese = false;
      if (norm[p - 1] >= '1' && norm[p - 1] <= '9') {
        --p;
        number = norm[p] - '0';
        if (p > 0 && norm[p - 1] >= '0' && norm[p - 1] <= '9') continue;  // "12." is no section number
      } else if (p >= 3 && (number = ChineseNumeralAt(norm, p - 3)) > 0) {
        p -= 3;
        chinese = true;
        if (p >= 3 && ChineseNumeralAt(norm, p - 3) > 0) continue;  // "十一、"
      } else {
        continue;
      }
      if (number < 1 || number > 9) continue;
      size_t q = i + sep_len;
      size_t end = 0;
      bool standard_title = true;
      int s = MatchTitleExact(norm, q, spec, &end, &standard_title);
      bool at_start = p == content_start;
      if (s < 0 && (at_start || (chinese && sep_len == 3))) {
        // Inside a line, only a title numbered as the template numbers it ("四、…") may carry a typo.
        s = MatchTitleFuzzyCached(norm, q, spec, pieces, &end, at_start ? nullptr : ChineseNumeral(number));
        standard_title = false;
      }
      if (s < 0) continue;
      HeadingHit h;
      h.section = s;
      h.line = static_cast<uint32_t>(li);
      h.pos = static_cast<uint32_t>(line.norm_begin + p);
      h.title_end = static_cast<uint32_t>(line.norm_begin + end);
      h.standard_title = standard_title;
      h.standard_number = chinese && spec.sections[s].no == ChineseNumeral(number) && sep_len == 3;
      h.at_line_start = at_start;
      hits.push_back(h);
      i = end - 1;
    }
    // A line listing three or more titles close together is a table of contents, not headings.
    size_t in_line = hits.size() - line_first;
    if (in_line >= 3) {
      bool toc = false;
      for (size_t k = line_first + 1; k < hits.size(); ++k) {
        if (hits[k].pos - hits[k - 1].title_end <= 6) toc = true;
      }
      if (toc) hits.resize(line_first);
    }
  }
  (void)all;
  return hits;
}

std::vector<HeadingHit> ChooseHeadings(const std::vector<HeadingHit>& candidates, size_t section_count) {
  std::vector<HeadingHit> chosen;
  std::vector<bool> taken(section_count, false);
  for (const auto& h : candidates) {
    if (h.section < 0 || static_cast<size_t>(h.section) >= section_count || taken[h.section]) continue;
    // A heading is expected after the previous chosen one of a lower number; an earlier mention of a
    // later section's title (in a preamble) is still taken, and C15 reports the order.
    taken[h.section] = true;
    chosen.push_back(h);
  }
  return chosen;
}

}  // namespace xxgk
