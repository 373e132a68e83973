#include "store/agency_names.h"

#include <gtest/gtest.h>

namespace xxgk::store {
namespace {

TEST(AgencyKey, AbbreviationsAndFullNamesMeet) {
  EXPECT_EQ(AgencyKey("东昌区卫健局"), AgencyKey("东昌区卫生健康局"));
  EXPECT_EQ(AgencyKey("大兴区卫健委"), AgencyKey("大兴区卫生健康委员会"));
  EXPECT_EQ(AgencyKey("海淀区发改委"), AgencyKey("海淀区发展和改革委员会"));
  EXPECT_EQ(AgencyKey("朝阳区市场监管局"), AgencyKey("朝阳区市场监督管理局"));
  EXPECT_EQ(AgencyKey("大兴区政府"), AgencyKey("大兴区人民政府"));
  EXPECT_EQ(AgencyKey("大兴区政府办"), AgencyKey("大兴区人民政府办公室"));
  EXPECT_EQ(AgencyKey("大兴区政府办公室"), AgencyKey("大兴区人民政府办公室"));
}

TEST(AgencyKey, SpacesBracketsAndWidthDoNotMatter) {
  EXPECT_EQ(AgencyKey(" 北京市大兴区 卫生健康委员会 "), AgencyKey("北京市大兴区卫生健康委员会"));
  EXPECT_EQ(AgencyKey("北京市大兴区卫生健康委员会（北京市大兴区中医管理局）"), AgencyKey("北京市大兴区卫生健康委员会"));
}

TEST(AgencyKey, DifferentBodiesStayApart) {
  EXPECT_NE(AgencyKey("大兴区卫生健康委员会"), AgencyKey("北京市大兴区卫生健康委员会"));  // an alias can join them
  EXPECT_NE(AgencyKey("大兴区人民政府"), AgencyKey("大兴区人民政府办公室"));
  EXPECT_NE(AgencyKey("大兴区卫生健康委员会"), AgencyKey("大兴区教育委员会"));
  EXPECT_EQ(AgencyKey(""), "");
}

TEST(RegionOf, TakesTheLeadingPlaceNames) {
  EXPECT_EQ(RegionOf("北京市大兴区卫生健康委员会"), "北京市大兴区");
  EXPECT_EQ(RegionOf("海原县卫生健康局"), "海原县");
  // A body named after its area is in it.
  EXPECT_EQ(RegionOf("平潭综合实验区"), "平潭综合实验区");
  EXPECT_EQ(RegionOf("海原县"), "海原县");
  EXPECT_EQ(RegionOf("大兴区"), "大兴区");
  EXPECT_EQ(RegionOf("福建省平潭综合实验区"), "福建省平潭综合实验区");
  EXPECT_EQ(RegionOf("濮阳市华龙区卫生健康委员会"), "濮阳市华龙区");
  EXPECT_EQ(RegionOf("宁夏回族自治区固原市原州区人民政府"), "宁夏回族自治区固原市原州区");
  EXPECT_EQ(RegionOf("大兴区市场监督管理局"), "大兴区");
  EXPECT_EQ(RegionOf("上海市人民政府办公厅"), "上海市");
  EXPECT_EQ(RegionOf("东和区卫生健康委员会"), "东和区");
  EXPECT_EQ(RegionOf("政和县人民政府"), "政和县");
  EXPECT_EQ(RegionOf("上海市民政局"), "上海市");
  EXPECT_EQ(RegionOf("朝阳区城市管理委员会"), "朝阳区");
  EXPECT_EQ(RegionOf("北京市市场监督管理局"), "北京市");
}

TEST(RegionOf, EmptyWhenTheNameHasNoPlace) {
  EXPECT_EQ(RegionOf("国家统计局"), "");
  EXPECT_EQ(RegionOf("卫生健康委员会"), "");
}

}  // namespace
}  // namespace xxgk::store
