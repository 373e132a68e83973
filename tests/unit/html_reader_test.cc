// The HTML reader on the markup real pages use: implied end tags, spans, nested tables, comments, scripts,
// character references, limits.
#include "readers/html_reader.h"

#include <gtest/gtest.h>

#include "readers/html_entities.h"

namespace xxgk {
namespace {

// Paragraphs as "text", table rows as "|a|b|^|" (^ a position covered by a span).
std::vector<std::string> Read(std::string_view html) {
  Document doc;
  auto ok = ReadHtml(html, &doc);
  EXPECT_TRUE(ok) << (ok ? "" : ok.error().message);
  std::vector<std::string> out;
  for (const Block& b : doc.blocks) {
    if (b.kind == BlockKind::kTable) {
      for (const auto& row : b.rows) {
        std::string s = "|";
        for (const Cell& c : row) s += (c.covered ? std::string("^") : std::string(c.text)) + "|";
        out.push_back(s);
      }
    } else {
      out.emplace_back(b.text);
    }
  }
  return out;
}

using V = std::vector<std::string>;

TEST(HtmlReader, BlocksBreakParagraphsAndInlineTextJoins) {
  EXPECT_EQ(Read("<p>一、<span>总体</span><font>情况</font></p><div>第二段<br>第三段</div>"),
            (V{"一、总体情况", "第二段", "第三段"}));
}

TEST(HtmlReader, CellsCloseImplicitlyAndSpansMakeAGrid) {
  EXPECT_EQ(Read("<table><tr><td rowspan=2>甲<td colspan='2'>乙<tr><td>1<td>2</table>"),
            (V{"|甲|乙|^|", "|^|1|2|"}));
  EXPECT_EQ(Read("<TABLE><TBODY><TR><TH>标题</TH></TR><TR><TD>0</TD></TR></TBODY></TABLE>"), (V{"|标题|", "|0|"}));
}

TEST(HtmlReader, CellWithoutARowStartsOne) {
  EXPECT_EQ(Read("<table><td>a</td><td>b</td></table>"), (V{"|a|b|"}));
}

TEST(HtmlReader, NestedTableTextStaysInTheOuterCell) {
  EXPECT_EQ(Read("<table><tr><td>外<table><tr><td>内1</td><td>内2</td></tr></table></td><td>右</td></tr></table>"),
            (V{"|外 内1 内2|右|"}));
}

TEST(HtmlReader, TextBetweenCellsGoesBeforeTheTable) {
  EXPECT_EQ(Read("<table>说明文字<tr><td>1</td></tr></table>"), (V{"说明文字", "|1|"}));
}

TEST(HtmlReader, CommentsScriptsStylesAndHeadAreNotText) {
  EXPECT_EQ(Read("<html><head><style>p{}</style><script>var a='<p>x</p>';</script></head><body>"
                 "<!-- 注释 <p>不是正文</p> --><![if !supportLists]><p>正文</p><?xml:namespace prefix=o ?><o:p></o:p></body>"),
            (V{"正文"}));
}

TEST(HtmlReader, TitleIsUsedOnlyWhenThePageDoesNotRepeatIt) {
  EXPECT_EQ(Read("<title>某局2024年报告</title><p>正文</p>"), (V{"某局2024年报告", "正文"}));
  EXPECT_EQ(Read("<title>某局2024年报告</title><h1>某局2024年报告</h1>"), (V{"某局2024年报告"}));
}

TEST(HtmlReader, AReportInsideAScriptStringIsRead) {
  auto v = Read("<p>页面</p><script>document.write('<table border=\"1\"><tr><td>\\u4e00、本年新收政府信息公开申请数量</td><td>7</td></tr></table>');</script>");
  EXPECT_EQ(v, (V{"页面", "|一、本年新收政府信息公开申请数量|7|"}));
}

TEST(HtmlReader, UnclosedTablesAndStrayMarkupDoNotLoseText) {
  EXPECT_EQ(Read("<table><tr><td>1<td>2"), (V{"|1|2|"}));
  EXPECT_EQ(Read("a < b <p>c</p>"), (V{"a < b ", "c"}));
}

TEST(HtmlReader, LimitsAreEnforced) {
  std::string deep;
  for (int i = 0; i < 3000; ++i) deep += "<div>";
  Document doc;
  EXPECT_FALSE(ReadHtml(deep, &doc));
  std::string big = "<table>";
  for (int i = 0; i < 300; ++i) big += "<tr><td colspan=1000>x</td></tr>";
  Document doc2;
  auto r = ReadHtml(big + "</table>", &doc2);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("表格过大"), std::string::npos);
}

TEST(HtmlEntities, DecodesNamedNumericAndLineEnds) {
  std::string out;
  AppendHtmlText("A&amp;B&nbsp;&#20013;&#x6587;&ldquo;x&rdquo;&unknown;&\r\nz&#0;", &out);
  EXPECT_EQ(out, "A&B\xC2\xA0中文“x”&unknown;&\nz\xEF\xBF\xBD");
}

}  // namespace
}  // namespace xxgk
