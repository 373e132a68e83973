#include "readers/html_entities.h"

#include <cstring>

#include "core/utf8.h"

namespace xxgk {
namespace {

struct Named {
  std::string_view name;
  char32_t cp;
};

// The named references that occur in practice (HTML5 has two thousand; these cover the corpus, Word's
// HTML and common CMS output). Sorted for binary search.
constexpr Named kNamed[] = {
    {"AElig", 0xC6}, {"Alpha", 0x391}, {"Beta", 0x392}, {"Delta", 0x394}, {"Gamma", 0x393}, {"Omega", 0x3A9},
    {"acute", 0xB4}, {"alpha", 0x3B1}, {"amp", '&'}, {"apos", '\''}, {"beta", 0x3B2}, {"brvbar", 0xA6},
    {"bull", 0x2022}, {"cent", 0xA2}, {"circ", 0x2C6}, {"copy", 0xA9}, {"curren", 0xA4}, {"dagger", 0x2020},
    {"darr", 0x2193}, {"deg", 0xB0}, {"delta", 0x3B4}, {"divide", 0xF7}, {"emsp", 0x2003}, {"ensp", 0x2002},
    {"euro", 0x20AC}, {"frac12", 0xBD}, {"frac14", 0xBC}, {"frac34", 0xBE}, {"gamma", 0x3B3}, {"ge", 0x2265},
    {"gt", '>'}, {"harr", 0x2194}, {"hellip", 0x2026}, {"iexcl", 0xA1}, {"infin", 0x221E}, {"iquest", 0xBF},
    {"laquo", 0xAB}, {"larr", 0x2190}, {"ldquo", 0x201C}, {"le", 0x2264}, {"lsaquo", 0x2039}, {"lsquo", 0x2018},
    {"lt", '<'}, {"macr", 0xAF}, {"mdash", 0x2014}, {"micro", 0xB5}, {"middot", 0xB7}, {"minus", 0x2212},
    {"nbsp", 0xA0}, {"ndash", 0x2013}, {"ne", 0x2260}, {"not", 0xAC}, {"omega", 0x3C9}, {"ordf", 0xAA},
    {"ordm", 0xBA}, {"para", 0xB6}, {"permil", 0x2030}, {"pi", 0x3C0}, {"plusmn", 0xB1}, {"pound", 0xA3},
    {"quot", '"'}, {"raquo", 0xBB}, {"rarr", 0x2192}, {"rdquo", 0x201D}, {"reg", 0xAE}, {"rsaquo", 0x203A},
    {"rsquo", 0x2019}, {"sbquo", 0x201A}, {"sect", 0xA7}, {"shy", 0xAD}, {"sigma", 0x3C3}, {"sup1", 0xB9},
    {"sup2", 0xB2}, {"sup3", 0xB3}, {"szlig", 0xDF}, {"thinsp", 0x2009}, {"tilde", 0x2DC}, {"times", 0xD7},
    {"trade", 0x2122}, {"uarr", 0x2191}, {"uml", 0xA8}, {"yen", 0xA5}, {"zwj", 0x200D}, {"zwnj", 0x200C},
};

bool Alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// Decodes the reference at raw[0] == '&'; returns the bytes consumed (0: not a reference).
size_t Reference(std::string_view raw, std::string* out) {
  if (raw.size() < 3) return 0;
  if (raw[1] == '#') {
    size_t i = 2;
    bool hex = i < raw.size() && (raw[i] == 'x' || raw[i] == 'X');
    if (hex) ++i;
    uint32_t cp = 0;
    size_t digits = 0;
    for (; i < raw.size() && digits < 8; ++i, ++digits) {
      char c = raw[i];
      int v = (c >= '0' && c <= '9') ? c - '0' : hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
      if (v < 0) break;
      cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(v);
    }
    if (!digits) return 0;
    if (i < raw.size() && raw[i] == ';') ++i;
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    AppendUtf8(cp, out);
    return i;
  }
  size_t i = 1;
  while (i < raw.size() && i < 12 && Alnum(raw[i])) ++i;
  std::string_view name = raw.substr(1, i - 1);
  if (name.empty()) return 0;
  size_t lo = 0, hi = std::size(kNamed);
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (kNamed[mid].name < name) lo = mid + 1;
    else hi = mid;
  }
  if (lo == std::size(kNamed) || kNamed[lo].name != name) return 0;
  AppendUtf8(kNamed[lo].cp, out);
  return i < raw.size() && raw[i] == ';' ? i + 1 : i;
}

}  // namespace

void AppendHtmlText(std::string_view raw, std::string* out) {
  size_t i = 0;
  while (i < raw.size()) {
    // Copy the run up to the next byte that needs attention.
    size_t j = i;
    while (j < raw.size() && raw[j] != '&' && raw[j] != '\r' && raw[j] != '\0') ++j;
    out->append(raw.data() + i, j - i);
    if (j == raw.size()) break;
    char c = raw[j];
    if (c == '&') {
      size_t n = Reference(raw.substr(j), out);
      if (n == 0) {
        out->push_back('&');
        n = 1;
      }
      i = j + n;
    } else if (c == '\r') {
      out->push_back('\n');
      i = j + 1 < raw.size() && raw[j + 1] == '\n' ? j + 2 : j + 1;
    } else {
      AppendUtf8(0xFFFD, out);
      i = j + 1;
    }
  }
}

}  // namespace xxgk
