#include "extract/tokens.h"

#include <array>
#include <string>

#include "core/bounded_cache.h"
#include "core/normalize.h"
#include "core/utf8.h"

namespace xxgk {
namespace {

struct Cp {
  char32_t cp;
  uint32_t b, e;  // raw byte range in the cell
};

bool IsAsciiDigit(char32_t c) { return c >= '0' && c <= '9'; }

// Counters after which digits are part of the text, not a table value.
bool IsTextCounter(char32_t c) {
  switch (c) {
    case U'位': case U'年': case U'月': case U'日': case U'号': case U'类': case U'种': case U'时':
    case U'岁': case U'届': case U'期': case U'版': case U'季': case U'周': case U'天': case U'级':
    case U'部': case U'批': case U'轮': case U'%': case U'章': case U'节': case U'款':
      return true;
    default:
      return false;
  }
}

// Units that may follow a table value and are absorbed into it.
size_t UnitLength(const std::vector<Cp>& v, size_t j, bool* yuan) {
  if (j >= v.size()) return 0;
  char32_t c = v[j].cp;
  if (c == U'万' && j + 1 < v.size() && v[j + 1].cp == U'元') return 2;
  if (c == U'元') {
    *yuan = true;
    return 1;
  }
  switch (c) {
    case U'件': case U'条': case U'个': case U'项': case U'人': case U'次': case U'宗': case U'份':
      return 1;
    default:
      return 0;
  }
}

bool IsBlankPiece(const std::vector<Cp>& v, size_t b, size_t e) {
  if (e <= b || e - b > 3) return false;
  for (size_t i = b; i < e; ++i) {
    char32_t c = v[i].cp;
    if (!(c == '-' || c == '/' || c == '\\' || c == 0x2014 || c == 0x2013 || c == 0x2015 || c == 0x2500 ||
          c == U'无' || c == 0x2012 || c == 0x2212)) {
      return false;
    }
  }
  return true;
}

class CellTokenizer {
 public:
  CellTokenizer(std::vector<Token>* out, std::string* text_buf) : out_(out), text_buf_(text_buf) {}

  void Run(std::string_view raw, uint32_t line, uint32_t cell) {
    if (!RunPlainNumber(raw, line, cell)) RunGeneral(raw, line, cell);
  }

  // A cell that is one plain number ("0", " 2824 ") — most cells of most tables: its token, and true.
  bool RunPlainNumber(std::string_view raw, uint32_t line, uint32_t cell) {
    size_t b = 0, e = raw.size();
    while (b < e && (raw[b] == ' ' || raw[b] == '\t')) ++b;
    while (e > b && (raw[e - 1] == ' ' || raw[e - 1] == '\t' || raw[e - 1] == '\r')) --e;
    if (e == b || e - b > 15) return false;
    double value = 0;
    size_t k = b;
    for (; k < e && raw[k] >= '0' && raw[k] <= '9'; ++k) value = value * 10 + (raw[k] - '0');
    if (k != e) return false;
    Token& t = out_->emplace_back();
    t.kind = TokKind::kNumber;
    t.digits = static_cast<uint8_t>(e - b);
    t.value = value;
    t.line = line;
    t.cell = cell;
    t.raw = raw.substr(b, e - b);
    return true;
  }

  // Any cell, code point by code point.
  void RunGeneral(std::string_view raw, uint32_t line, uint32_t cell) {
    line_ = line;
    cell_ = cell;
    raw_ = raw;
    v_.clear();
    MatchIterator it(raw);
    char32_t cp;
    size_t b, e;
    while (it.Next(&cp, &b, &e)) v_.push_back({cp, static_cast<uint32_t>(b), static_cast<uint32_t>(e)});
    size_t i = 0;
    const size_t n = v_.size();
    while (i < n) {
      // Whole-piece blanks.
      if (v_[i].cp != ' ' && (i == 0 || v_[i - 1].cp == ' ')) {
        size_t e2 = i;
        while (e2 < n && v_[e2].cp != ' ') ++e2;
        if (IsBlankPiece(v_, i, e2)) {
          FlushText();
          Token& t = out_->emplace_back();
          t.kind = TokKind::kBlank;
          t.line = line_;
          t.cell = cell_;
          t.raw = raw_.substr(v_[i].b, v_[e2 - 1].e - v_[i].b);
          i = e2;
          continue;
        }
      }
      char32_t c = v_[i].cp;
      if (c == ' ') {
        ++i;
        continue;
      }
      bool sign = (c == '+' || c == '-') && i + 1 < n && IsAsciiDigit(v_[i + 1].cp);
      if (IsAsciiDigit(c) || sign) {
        size_t consumed = TryNumber(i);
        if (consumed > 0) {
          i += consumed;
          continue;
        }
      }
      AppendText(i);
      ++i;
    }
    FlushText();
  }

 private:
  // True for a "," at j that groups thousands: digits before it, exactly three digits after it.
  bool IsThousandsComma(size_t j, size_t digits_begin) const {
    const size_t n = v_.size();
    if (v_[j].cp != ',' || j == digits_begin) return false;
    for (size_t k = 1; k <= 3; ++k) {
      if (j + k >= n || !IsAsciiDigit(v_[j + k].cp)) return false;
    }
    return j + 4 >= n || !IsAsciiDigit(v_[j + 4].cp);
  }

  // Parses a number at i; returns the code points consumed, or 0 when the digits belong to the text.
  size_t TryNumber(size_t i) {
    const size_t n = v_.size();
    size_t j = i;
    bool has_sign = false;
    bool negative = false;
    if (v_[j].cp == '+' || v_[j].cp == '-') {
      has_sign = true;
      negative = v_[j].cp == '-';
      ++j;
    }
    size_t digits_begin = j;
    double value = 0;
    uint8_t digits = 0;
    while (j < n && (IsAsciiDigit(v_[j].cp) || IsThousandsComma(j, digits_begin))) {
      if (v_[j].cp != ',') {
        value = value * 10 + (v_[j].cp - '0');
        if (digits < 255) ++digits;
      }
      ++j;
    }
    bool integral = true;
    if (j + 1 < n && v_[j].cp == '.' && IsAsciiDigit(v_[j + 1].cp)) {
      ++j;
      // Mantissa over a power of ten: one correctly rounded division gives the same double as the literal
      // ("79.46" == 7946 / 100.0), where summing scaled digits drifts in the last bit.
      double mantissa = value, power = 1;
      int places = 0;
      while (j < n && IsAsciiDigit(v_[j].cp)) {
        if (places < 15) {
          mantissa = mantissa * 10 + (v_[j].cp - '0');
          power *= 10;
          ++places;
        }
        ++j;
      }
      value = mantissa / power;
      integral = false;
    }
    // Context: list numbers and counters keep the digits in the text.
    char32_t prev = digits_begin > 0 && !has_sign ? v_[digits_begin - 1].cp : (i > 0 ? v_[i - 1].cp : 0);
    char32_t next = j < n ? v_[j].cp : 0;
    if (integral && !has_sign) {
      if (next == '.' || next == 0x3001) {
        // "1." is a list number. In text whose cell boundaries were lost, a row's last digits run into the
        // next row's list number ("00000002.其他…" = 0000000 | "2."): keep the last digit for the label.
        if (digits < 2 || j - digits_begin != digits) return 0;
        size_t cut = j - 1;
        double v = 0;
        for (size_t k = digits_begin; k < cut; ++k) v = v * 10 + (v_[k].cp - '0');
        FlushText();
        Token& t = out_->emplace_back();
        t.kind = TokKind::kNumber;
        t.digits = static_cast<uint8_t>(digits - 1);
        t.value = v;
        t.line = line_;
        t.cell = cell_;
        t.raw = raw_.substr(v_[i].b, v_[cut - 1].e - v_[i].b);
        return cut - i;
      }
      if ((prev == '(' || prev == 0x3014) && (next == ')' || next == 0x3015)) return 0;  // "(1)"
      if (IsTextCounter(next)) return 0;                              // "4位小数", "2024年"
      if (next == ' ' || next == 0x3000) {                            // "2024 年" (a space typed or from a PDF)
        size_t k = j;
        while (k < n && (v_[k].cp == ' ' || v_[k].cp == 0x3000)) ++k;
        if (k < n && (v_[k].cp == U'年' || v_[k].cp == U'月' || v_[k].cp == U'日')) return 0;
      }
      if (next == ')' && digits <= 2 && (j + 1 >= n || v_[j + 1].cp != ' ')) {
        // "1)" list number glued to its label
        if (j + 1 < n) return 0;
      }
    }
    FlushText();
    Token& t = out_->emplace_back();
    t.kind = TokKind::kNumber;
    t.integral = integral;
    t.has_sign = has_sign;
    t.digits = digits;
    t.value = negative ? -value : value;
    t.line = line_;
    t.cell = cell_;
    bool yuan = false;
    size_t unit = UnitLength(v_, j, &yuan);
    t.yuan = yuan;
    t.raw = raw_.substr(v_[i].b, v_[j - 1].e - v_[i].b);
    return j - i + unit;
  }

  void AppendText(size_t i) {
    if (!in_text_) {
      in_text_ = true;
      text_begin_ = static_cast<uint32_t>(text_buf_->size());
    }
    AppendUtf8(v_[i].cp, text_buf_);
  }

  void FlushText() {
    if (!in_text_) return;
    in_text_ = false;
    Token& t = out_->emplace_back();
    t.kind = TokKind::kText;
    t.line = line_;
    t.cell = cell_;
    t.text_begin = text_begin_;
    t.text_len = static_cast<uint32_t>(text_buf_->size()) - text_begin_;
  }

  std::vector<Token>* out_;
  std::string* text_buf_;
  uint32_t line_ = 0, cell_ = 0;
  std::string_view raw_;
  std::vector<Cp> v_;
  bool in_text_ = false;
  uint32_t text_begin_ = 0;
};

// Whether a cell's match form is plain text: no digit, sign or slash (no number can start), no byte of
// U+2000–U+2FFF (the dashes and box line of blank cells) and no "无". The tokenizer then reads the whole
// cell as one text token equal to its match form (spaces dropped, as both forms drop them).
bool PlainTextNorm(std::string_view norm) {
  static constexpr auto kStop = [] {
    std::array<bool, 256> t{};
    for (int c = '0'; c <= '9'; ++c) t[c] = true;
    for (int c : {int{'+'}, int{'-'}, int{'/'}, int{'\\'}, 0xE2}) t[c] = true;
    return t;
  }();
  for (size_t i = 0; i < norm.size(); ++i) {
    const auto c = static_cast<unsigned char>(norm[i]);
    if (kStop[c]) return false;
    if (c == 0xE6 && i + 2 < norm.size() && norm[i + 1] == '\x97' && norm[i + 2] == '\xA0') return false;  // 无
  }
  return true;
}

// The general tokenizer's answer for a short cell, kept per thread by the cell's bytes: the labels of a
// format's tables ("1.属于国家秘密", "(四)无法提供") recur in every report. Tokens keep their fields; a
// number's raw text is kept as its offset in the cell, a text token's as its offset in `text`.
struct CellTokens {
  std::vector<Token> toks;
  std::vector<uint32_t> offsets;
  std::string text;
};

void RunGeneralCached(CellTokenizer* tk, std::string_view raw, uint32_t line, uint32_t cell, std::vector<Token>* out,
                      std::string* text_buf) {
  constexpr size_t kMaxKey = 64;
  if (raw.size() > kMaxKey) {
    tk->RunGeneral(raw, line, cell);
    return;
  }
  thread_local BoundedCache<CellTokens> cache(4096);
  const CellTokens* kept = cache.Find(raw);
  if (kept == nullptr) {
    const size_t before = out->size(), text_before = text_buf->size();
    tk->RunGeneral(raw, line, cell);
    CellTokens entry;
    entry.text = text_buf->substr(text_before);
    for (size_t k = before; k < out->size(); ++k) {
      const Token& t = (*out)[k];
      entry.toks.push_back(t);
      entry.offsets.push_back(static_cast<uint32_t>(t.kind == TokKind::kText ? t.text_begin - text_before
                                                                              : t.raw.data() - raw.data()));
    }
    cache.Insert(std::string(raw), std::move(entry));
    return;
  }
  const CellTokens& entry = *kept;
  const size_t text_base = text_buf->size();
  text_buf->append(entry.text);
  for (size_t k = 0; k < entry.toks.size(); ++k) {
    Token& t = out->emplace_back(entry.toks[k]);
    t.line = line;
    t.cell = cell;
    if (t.kind == TokKind::kText) t.text_begin = static_cast<uint32_t>(text_base + entry.offsets[k]);
    else t.raw = raw.substr(entry.offsets[k], t.raw.size());
  }
}

}  // namespace

void TokenizeLines(const LineView& view, size_t line_begin, size_t line_end, std::vector<Token>* out,
                   std::string* text_buf) {
  CellTokenizer tk(out, text_buf);
  for (size_t li = line_begin; li < line_end && li < view.lines.size(); ++li) {
    const Line& l = view.lines[li];
    // A cell split across lines: a number ending one line and a counter opening the next ("（\n2019\n年起）")
    // are one piece of text, as "2019年起" would be on one line.
    const size_t line_first = out->size();
    // Only a number alone on its line between text ("（", "2019", "年起）"): a value after other values is a
    // row's last cell even when a vertical label's "年" follows it.
    if (line_first > 1 && (*out)[line_first - 1].kind == TokKind::kNumber && (*out)[line_first - 1].line + 1 == li &&
        (*out)[line_first - 1].integral && !(*out)[line_first - 1].has_sign &&
        (*out)[line_first - 2].kind == TokKind::kText && (*out)[line_first - 2].line + 1 == (*out)[line_first - 1].line) {
      size_t i = 0;
      std::string_view first = view.Norm(l);
      char32_t cp = NextCodePoint(first, &i);
      if (!first.empty() && IsTextCounter(cp)) {
        Token& num = (*out)[line_first - 1];
        num.kind = TokKind::kText;
        num.text_begin = static_cast<uint32_t>(text_buf->size());
        text_buf->append(num.raw);
        num.text_len = static_cast<uint32_t>(num.raw.size());
      }
    }
    bool seen_content = false;
    for (uint32_t ci = l.cell_begin; ci < l.cell_end; ++ci) {
      size_t before = out->size();
      const std::string_view norm = view.CellNorm(view.cells[ci]);
      if (norm.empty()) {
        // Nothing but white space, quotes or conversion debris: the tokenizer finds no token in it.
      } else if (PlainTextNorm(norm)) {
        // Most label cells: one text token, copied from the line view's match form.
        Token& t = out->emplace_back();
        t.kind = TokKind::kText;
        t.line = static_cast<uint32_t>(li);
        t.cell = ci;
        t.text_begin = static_cast<uint32_t>(text_buf->size());
        t.text_len = static_cast<uint32_t>(norm.size());
        text_buf->append(norm);
      } else if (!tk.RunPlainNumber(view.cells[ci].text, static_cast<uint32_t>(li), ci)) {
        RunGeneralCached(&tk, view.cells[ci].text, static_cast<uint32_t>(li), ci, out, text_buf);
      }
      if (out->size() > before) {
        seen_content = true;
      } else if (l.from_table && seen_content) {
        // An empty cell of a real table, after the row's label: a blank value (null, C5).
        Token& t = out->emplace_back();
        t.kind = TokKind::kBlank;
        t.line = static_cast<uint32_t>(li);
        t.cell = ci;
        t.raw = view.cells[ci].text;
      }
    }
  }
}

void TokenizeCell(std::string_view raw, std::vector<Token>* out, std::string* text_buf) {
  CellTokenizer tk(out, text_buf);
  tk.Run(raw, 0, 0);
}

bool ParseNumberToken(std::string_view s, Token* tok) {
  std::vector<Token> toks;
  std::string buf;
  CellTokenizer tk(&toks, &buf);
  tk.Run(s, 0, 0);
  if (toks.size() != 1 || toks[0].kind != TokKind::kNumber) return false;
  *tok = toks[0];
  return true;
}

}  // namespace xxgk
