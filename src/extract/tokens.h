// Tokens of table regions: label text (in match form), numbers, and explicit blanks ("/", "—", "无").
// A number glued to text is split from it ("行政许可2824"); list numbers ("1.", "(1)") stay in the label;
// digits followed by a counter such as 位 or 年 stay text ("保留4位小数").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "extract/lines.h"

namespace xxgk {

enum class TokKind : uint8_t { kText, kNumber, kBlank };

struct Token {
  TokKind kind = TokKind::kText;
  bool integral = true;     // number without a fractional part
  bool has_sign = false;    // written with an explicit + or -
  bool yuan = false;        // followed by the unit 元 (not 万元)
  uint8_t digits = 0;       // number of digits in the number as written
  uint32_t line = 0;        // index into LineView::lines
  uint32_t cell = 0;        // index into LineView::cells
  double value = 0;
  uint32_t text_begin = 0, text_len = 0;  // kText: the match form within the token text buffer
  std::string_view raw;     // the source bytes (numbers and blanks)
};

// Appends the tokens of lines [line_begin, line_end) to *out; label text goes to *text_buf.
void TokenizeLines(const LineView& view, size_t line_begin, size_t line_end, std::vector<Token>* out,
                   std::string* text_buf);

// The general tokenizer on one cell, without TokenizeLines' shortcut for plain-text cells (tests compare
// the two).
void TokenizeCell(std::string_view raw, std::vector<Token>* out, std::string* text_buf);

// Parses a whole string as one number token, for tests and the digit splitter. Returns false when s is
// not exactly one number.
bool ParseNumberToken(std::string_view s, Token* tok);

}  // namespace xxgk
