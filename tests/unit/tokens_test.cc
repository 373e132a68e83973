#include "extract/tokens.h"

#include <gtest/gtest.h>

#include "model/document.h"
#include "lcg.h"

namespace xxgk {
namespace {

struct Tok {
  TokKind kind;
  std::string text;  // match form for text; raw for values
  double value;
};

// A document of one text line (the line view points into it, so it is filled in place).
void OneLine(const std::string& line, Document* doc) {
  doc->text = line;
  Block b;
  b.text = doc->text;
  b.at.line = 1;
  doc->blocks.push_back(b);
}

std::vector<Tok> Tokenize(const std::string& line) {
  Document doc;
  OneLine(line, &doc);
  LineView view = Linearize(doc);
  std::vector<Token> toks;
  std::string buf;
  TokenizeLines(view, 0, view.lines.size(), &toks, &buf);
  std::vector<Tok> out;
  for (const auto& t : toks) {
    if (t.kind == TokKind::kText) out.push_back({t.kind, buf.substr(t.text_begin, t.text_len), 0});
    else out.push_back({t.kind, std::string(t.raw), t.value});
  }
  return out;
}

TEST(Tokens, TabRow) {
  auto t = Tokenize("规章\t0\t0\t3");
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(t[0].text, "规章");
  EXPECT_EQ(t[3].kind, TokKind::kNumber);
  EXPECT_EQ(t[3].value, 3);
}

TEST(Tokens, ListNumbersStayInLabels) {
  auto t = Tokenize("\t\t1. 属于国家秘密\t0");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].text, "1.属于国家秘密");
  t = Tokenize("（1）本机关不掌握 5");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].text, "(1)本机关不掌握");
  EXPECT_EQ(t[1].value, 5);
}

TEST(Tokens, NumbersGluedToLabelsAreSplit) {
  auto t = Tokenize("行政许可2824");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].text, "行政许可");
  EXPECT_EQ(t[1].value, 2824);
}

TEST(Tokens, CountersKeepDigitsInText) {
  auto t = Tokenize("采购总金额（单位：万元，保留4位小数）\t0");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].kind, TokKind::kText);
  EXPECT_EQ(t[1].value, 0);
}

TEST(Tokens, BlanksAndSignsAndDecimals) {
  auto t = Tokenize("/\t—\t无\t+17\t-5\t18651.06\t1,234");
  ASSERT_EQ(t.size(), 7u);
  EXPECT_EQ(t[0].kind, TokKind::kBlank);
  EXPECT_EQ(t[1].kind, TokKind::kBlank);
  EXPECT_EQ(t[2].kind, TokKind::kBlank);
  EXPECT_EQ(t[3].value, 17);
  EXPECT_EQ(t[4].value, -5);
  EXPECT_DOUBLE_EQ(t[5].value, 18651.06);
  EXPECT_EQ(t[6].value, 1234);
}

TEST(Tokens, FullWidthDigitsAndUnits) {
  auto t = Tokenize("１２件\t0");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].value, 12);
  Token tok;
  ASSERT_TRUE(ParseNumberToken("251000元", &tok));
  EXPECT_TRUE(tok.yuan);
  EXPECT_EQ(tok.value, 251000);
  EXPECT_FALSE(ParseNumberToken("2024年", &tok));
}

TEST(Tokens, DebrisNeverEndsUpInAValue) {
  auto t = Tokenize("\t[bookmark: _GoBack]2808");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].value, 2808);
}

// TokenizeLines reads a plain-text cell straight from the line view's match form; the general tokenizer
// must agree on every cell, plain or not, built from the pieces that tell them apart.
TEST(Tokens, PlainTextShortcutAgreesWithTheTokenizer) {
  const std::vector<std::string> pieces = {
      "申请", "公开", "年", "件", "元", "万", "无", "一", "、", " ", "\u3000", "\u00A0", "\t", "\r", "\x01", "\"", "'", "`",
      "\u201C", "\u201D", "\u300C", "\u3007", "\u00B7", "\u2014", "\u2013", "\u2500", "\u2212", "-", "/", "\\", "+",
      "0", "7", ".", ",", "(", ")", "\uFF08", "\uFF11", "\uFF0D", "\uFF0F", "\uFE59", "%", "a", "\xE4\xB8", "\xFF", "\U0001F600",
      "[bookmark: _GoBack]", "<!-- x -->", "\u3001", "\u200B", "\uFEFF"};
  Lcg next(12345);
  size_t plain = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string cell;
    const size_t n = 1 + next() % 8;
    for (size_t k = 0; k < n; ++k) cell += pieces[next() % pieces.size()];
    Document doc;
    OneLine(cell, &doc);
    LineView view = Linearize(doc);
    if (view.cells.size() != 1) continue;  // a tab made two cells
    std::vector<Token> fast, slow;
    std::string fast_buf = "x", slow_buf;
    // Twice: the second time a short cell's tokens come from the per-thread cache (and the text buffer
    // already holds the first time's text).
    for (int pass = 0; pass < 2; ++pass) {
      fast.clear();
      TokenizeLines(view, 0, 1, &fast, &fast_buf);
      slow.clear();
      slow_buf.clear();
      TokenizeCell(view.cells[0].text, &slow, &slow_buf);
      ASSERT_EQ(fast.size(), slow.size()) << cell;
      for (size_t k = 0; k < fast.size(); ++k) {
        ASSERT_EQ(fast[k].kind, slow[k].kind) << cell;
        ASSERT_EQ(fast[k].line, 0u);
        ASSERT_EQ(fast[k].cell, 0u);
        ASSERT_EQ(fast[k].digits, slow[k].digits) << cell;
        ASSERT_EQ(fast[k].integral, slow[k].integral) << cell;
        ASSERT_EQ(fast[k].has_sign, slow[k].has_sign) << cell;
        ASSERT_EQ(fast[k].yuan, slow[k].yuan) << cell;
        if (fast[k].kind == TokKind::kText) {
          ASSERT_EQ(fast_buf.substr(fast[k].text_begin, fast[k].text_len), slow_buf.substr(slow[k].text_begin, slow[k].text_len)) << cell;
        } else {
          ASSERT_EQ(fast[k].raw.data(), slow[k].raw.data()) << cell;  // the same bytes of the same cell
          ASSERT_EQ(fast[k].raw, slow[k].raw) << cell;
          ASSERT_EQ(fast[k].value, slow[k].value) << cell;
        }
      }
    }
    plain += fast.size() == 1 && fast[0].kind == TokKind::kText;
  }
  EXPECT_GT(plain, 1000u);
}

}  // namespace
}  // namespace xxgk
