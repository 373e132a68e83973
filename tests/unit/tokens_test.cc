#include "extract/tokens.h"

#include <gtest/gtest.h>

#include "model/document.h"

namespace xxgk {
namespace {

struct Tok {
  TokKind kind;
  std::string text;  // match form for text; raw for values
  double value;
};

std::vector<Tok> Tokenize(const std::string& line) {
  Document doc;
  doc.text = line;
  Block b;
  b.text = doc.text;
  b.at.line = 1;
  doc.blocks.push_back(b);
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

}  // namespace
}  // namespace xxgk
