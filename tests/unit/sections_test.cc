#include "extract/sections.h"

#include <gtest/gtest.h>

#include <memory>

#include "readers/text_reader.h"

namespace xxgk {
namespace {

std::vector<HeadingHit> Find(const std::string& text, LineView* view_out = nullptr) {
  static std::unique_ptr<Document> doc_holder;  // the view borrows from it
  doc_holder = std::make_unique<Document>();
  Document& doc = *doc_holder;
  doc.text = text;
  (void)ReadTextLines(&doc);
  LineView view = Linearize(doc);
  auto hits = ChooseHeadings(FindHeadingCandidates(view, *FindFormat("gov2021")), 6);
  if (view_out) *view_out = view;
  return hits;
}

TEST(Sections, StandardHeadings) {
  auto h = Find("一、总体情况\n正文\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n"
                "四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n无\n");
  ASSERT_EQ(h.size(), 6u);
  for (const auto& x : h) {
    EXPECT_TRUE(x.standard_number);
    EXPECT_TRUE(x.standard_title);
  }
}

TEST(Sections, ArabicNumberingIsFoundAndFlagged) {
  auto h = Find("3、 收到和处理政府信息公开申请情况\n");
  ASSERT_EQ(h.size(), 1u);
  EXPECT_EQ(h[0].section, 2);
  EXPECT_FALSE(h[0].standard_number);
}

TEST(Sections, TitleVariantsAndTypos) {
  auto h = Find("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况\n五、政府信息公开工作存在的主要问题及改进情况\n");
  ASSERT_EQ(h.size(), 2u);
  EXPECT_FALSE(h[0].standard_title);
  h = Find("四、政府信息公开行政法复议、行政诉讼情况\n");  // a typo in a real report
  ASSERT_EQ(h.size(), 1u);
  EXPECT_EQ(h[0].section, 3);
  EXPECT_FALSE(h[0].standard_title);
}

TEST(Sections, MarkdownAndFlattenedLines) {
  auto h = Find("## 五、存在的主要问题及改进情况\n");
  ASSERT_EQ(h.size(), 1u);
  h = Find("正文结束。五、存在的主要问题及改进情况问题很多。六、其他需要报告的事项无。");
  ASSERT_EQ(h.size(), 2u);
  EXPECT_FALSE(h[0].at_line_start);
}

TEST(Sections, TableRowsAreNotHeadings) {
  auto h = Find("三、本年度办理结果\n四、结转下年度继续办理\t0\n");
  EXPECT_TRUE(h.empty());
}

TEST(Sections, TableOfContentsIsIgnored) {
  auto h = Find("本报告包括：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；四、政府信息公开行政复议、行政诉讼情况。\n");
  EXPECT_TRUE(h.empty());
}

}  // namespace
}  // namespace xxgk
