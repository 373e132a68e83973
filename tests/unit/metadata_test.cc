#include "extract/metadata.h"

#include <gtest/gtest.h>

#include <memory>

#include "readers/text_reader.h"

namespace xxgk {
namespace {

Metadata Read(const std::string& text, size_t preamble_end = 100) {
  static std::unique_ptr<Document> doc_holder;  // the view borrows from it
  doc_holder = std::make_unique<Document>();
  Document& doc = *doc_holder;
  doc.text = text;
  (void)ReadTextLines(&doc);
  LineView view = Linearize(doc);
  return ExtractMetadata(view, std::min(preamble_end, view.lines.size()), view.lines.size());
}

TEST(Metadata, AgencyBeforeYear) {
  auto md = Read("华龙区卫生健康委员会 2024 年政府信息公开工作年度报告\n一、总体情况\n");
  EXPECT_EQ(md.agency, "华龙区卫生健康委员会");
  EXPECT_EQ(md.year, 2024);
}

TEST(Metadata, AgencyOnTheLineAbove) {
  auto md = Read("海原县卫生健康局\n\n2024 年政府信息公开工作年度报告\n");
  EXPECT_EQ(md.agency, "海原县卫生健康局");
  EXPECT_EQ(md.year, 2024);
}

TEST(Metadata, YearFirstTitleBrokenBeforeReport) {
  auto md = Read("2024年东昌区卫健局政府信息公开工作\n年度报告\n");
  EXPECT_EQ(md.agency, "东昌区卫健局");
  EXPECT_EQ(md.year, 2024);
}

TEST(Metadata, CrawlerHeader) {
  auto md = Read("标题: 平潭综合实验区2024年度政府信息公开工作年度报告\n发布时间: 2025-03-10 15:35\n");
  EXPECT_EQ(md.agency, "平潭综合实验区");
  EXPECT_EQ(md.year, 2024);
  EXPECT_EQ(md.published_date, "2025-03-10");
}

TEST(Metadata, SignatureDateAndAgency) {
  auto md = Read("2024年东昌区卫健局政府信息公开工作年度报告\n正文。\n\n东昌区卫生健康局\n2025年1月6日\n");
  EXPECT_EQ(md.signed_date, "2025-01-06");
  EXPECT_EQ(md.signature_agency, "东昌区卫生健康局");
}

TEST(Metadata, ChineseNumeralDates) {
  int y, m, d;
  size_t len;
  ASSERT_TRUE(ParseDatePrefix("二○一二年三月二十六日", &y, &m, &d, &len));
  EXPECT_EQ(y, 2012);
  EXPECT_EQ(m, 3);
  EXPECT_EQ(d, 26);
  ASSERT_TRUE(ParseDatePrefix("2025.01.06", &y, &m, &d, &len));
  EXPECT_EQ(d, 6);
  EXPECT_FALSE(ParseDatePrefix("2025年13月1日", &y, &m, &d, &len));
}

TEST(Metadata, StatisticsPeriod) {
  auto md = Read("X局2024年政府信息公开工作年度报告\n本报告统计数据从 2024 年 1 月 1 日至 12 月 31 日。\n");
  EXPECT_EQ(md.stats_year, 2024);
}

}  // namespace
}  // namespace xxgk
