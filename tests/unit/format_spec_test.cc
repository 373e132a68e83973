#include "schema/format_spec.h"

#include <gtest/gtest.h>

namespace xxgk {
namespace {

TEST(FormatSpec, Gov2021Shape) {
  const FormatSpec* f = FindFormat("gov2021");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->sections.size(), 6u);
  EXPECT_EQ(f->table_end[0] - f->table_begin[0], 10);   // table 2
  EXPECT_EQ(f->t3_rows.size(), 25u);
  EXPECT_EQ(f->table_end[1] - f->table_begin[1], 175);  // table 3
  EXPECT_EQ(f->table_end[2] - f->table_begin[2], 15);   // table 4
  EXPECT_GE(f->CellIndex("t3.granted.natural_person"), 0);
  EXPECT_GE(f->CellIndex("t4.lit_after_review.total"), 0);
  EXPECT_EQ(f->CellIndex("t3.other_handling.total"), -1);
}

TEST(FormatSpec, TrialInheritsAndOverrides) {
  const FormatSpec* f = FindFormat("gov2019trial");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->table_end[0] - f->table_begin[0], 22);
  EXPECT_EQ(f->t3_rows.size(), 23u);
  EXPECT_GE(f->CellIndex("t3.other_handling.total"), 0);
  EXPECT_EQ(f->CellIndex("t3.other_fee_unpaid.total"), -1);
  EXPECT_GE(f->CellIndex("t2.art20_9.central_procurement.procurement_amount"), 0);
  EXPECT_EQ(f->sections.size(), 6u);
}

TEST(FormatSpec, ConstraintsExpandPerColumnAndRow) {
  const FormatSpec* f = FindFormat("gov2021");
  int c1 = 0, c2 = 0, c3 = 0, c4 = 0;
  for (const auto& k : f->constraints) {
    c1 += k.rule == "C1";
    c2 += k.rule == "C2";
    c3 += k.rule == "C3";
    c4 += k.rule == "C4";
    if (k.rule == "C3") {
      EXPECT_EQ(k.rhs.size(), 21u);  // OUT21
    }
  }
  EXPECT_EQ(c1, 7);
  EXPECT_EQ(c2, 25);
  EXPECT_EQ(c3, 7);
  EXPECT_EQ(c4, 3);
  for (const auto& k : FindFormat("gov2019trial")->constraints) {
    if (k.rule == "C3") {
      EXPECT_EQ(k.rhs.size(), 19u);  // OUT19
    }
  }
}

TEST(FormatSpec, StripListNumber) {
  EXPECT_EQ(StripListNumber("1.属于国家秘密"), "属于国家秘密");
  EXPECT_EQ(StripListNumber("(一)予以公开"), "予以公开");
  EXPECT_EQ(StripListNumber("三、本年度办理结果"), "本年度办理结果");
  EXPECT_EQ(StripListNumber("规章"), "规章");
}

}  // namespace
}  // namespace xxgk
