// Normalisation of text for matching labels and titles (never for output values): whitespace and line
// breaks deleted, full-width ASCII folded to ASCII, quote marks dropped, conversion debris removed.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace xxgk {

// True for every kind of white space a report can carry: ASCII, NBSP, ideographic space, zero-width chars.
bool IsSpaceCodePoint(char32_t cp);

// True for ASCII and full-width decimal digits.
inline bool IsDigitCodePoint(char32_t cp) {
  return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}
inline int DigitValue(char32_t cp) { return cp <= '9' ? static_cast<int>(cp - '0') : static_cast<int>(cp - 0xFF10); }

// Folds one code point for matching: returns 0 when the code point is dropped (white space, quotes),
// otherwise the code point to compare (full-width ASCII → ASCII, variant brackets → one form).
char32_t FoldCodePoint(char32_t cp);

// Iterates raw text in match form, one code point at a time. White space of any kind is reported as a
// single ' ' (so callers can split on it); quotes and conversion debris are skipped; other code points
// are folded as by FoldCodePoint, and a "、" right after an ASCII digit becomes ".".
class MatchIterator {
 public:
  explicit MatchIterator(std::string_view raw) : raw_(raw) {}
  // Returns false at the end. raw_begin/raw_end delimit the source bytes of the code point.
  bool Next(char32_t* cp, size_t* raw_begin, size_t* raw_end);

 private:
  std::string_view raw_;
  size_t pos_ = 0;
  char32_t prev_ = 0;
};

// Appends the match form of raw to *out. Also removes Word conversion debris: "[bookmark: …]" and
// HTML conditional comments "<!--…-->". A "、" right after an ASCII digit becomes "." (so "1、" = "1.").
void AppendNormalized(std::string_view raw, std::string* out);

// The same into a buffer with room for NormalizedBound(raw.size()) bytes; returns the bytes written.
inline size_t NormalizedBound(size_t raw_bytes) { return 3 * raw_bytes + 16; }
size_t WriteNormalized(std::string_view raw, char* out);

// Returns the match form of raw.
std::string Normalize(std::string_view raw);

// Maps a byte offset in Normalize(raw) back to a byte offset in raw: the raw position just after the
// code point that produced normalised byte norm_offset-1 (0 maps to 0; past the end maps to raw.size()).
size_t RawOffsetForNormOffset(std::string_view raw, size_t norm_offset);

// Levenshtein distance between two strings counted in code points; stops early and returns limit+1
// once the distance is known to exceed limit.
size_t EditDistance(std::string_view a, std::string_view b, size_t limit);

// Trims ASCII and ideographic white space from both ends of s.
std::string_view TrimSpace(std::string_view s);

}  // namespace xxgk
