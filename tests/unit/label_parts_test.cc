// Label helpers of the table extractor against their plain definitions, on random label texts.
// ListNumberStart finds list numbers ("1.", "(一)", "一、") by the rare byte each holds; it is compared at
// every offset (the extractor calls it on a text's tails). HeaderUnit takes the unit mark at the last "元)".
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "extract/table_extractor.h"
#include "lcg.h"

namespace xxgk::table_detail {
namespace {

size_t ByDefinition(std::string_view t) {
  for (size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    if (c >= '1' && c <= '9' && i + 1 < t.size() && t[i + 1] == '.') return i;
    if (c == '(' && i + 4 < t.size()) {
      for (std::string_view num : {"一", "二", "三", "四", "五", "六", "七"}) {
        if (t.substr(i + 1, 3) == num && t.substr(i + 4, 1) == ")") return i;
      }
    }
    if (i + 6 <= t.size() && t.substr(i + 3, 3) == "、") {
      for (std::string_view num : {"一", "二", "三", "四"}) {
        if (t.substr(i, 3) == num) return i;
      }
    }
  }
  return t.size();
}

TEST(ListNumberStart, AgreesWithTheDefinition) {
  const std::vector<std::string> pieces = {"一", "二", "四", "五", "七", "八", "、", "。", "(", ")", ".", "1", "9", "0",
                                           "其他", "申请", "\xE3", "\xE3\x80", "\x80\x81", "a", " ", "１"};
  Lcg next(5);
  for (int round = 0; round < 20000; ++round) {
    std::string t;
    const size_t count = next() % 40;
    for (size_t k = 0; k < count; ++k) t += pieces[next() % pieces.size()];
    for (size_t from = 0; from <= t.size(); from += 1 + next() % 5) {
      const std::string_view tail = std::string_view(t).substr(from);
      ASSERT_EQ(ListNumberStart(tail), ByDefinition(tail)) << tail;
    }
  }
}

}  // namespace
}  // namespace xxgk::table_detail

namespace xxgk::table_detail {
namespace {

// HeaderUnit takes the mark at the last "元)"; by definition it is the mark whose last occurrence starts
// last. Random headers built from the marks and their pieces.
PrintedUnit HeaderUnitByDefinition(std::string_view label) {
  size_t caption = label.rfind("第二十条");
  if (caption != std::string_view::npos) label.remove_prefix(caption);
  const std::pair<std::string_view, PrintedUnit> marks[] = {
      {"(元)", PrintedUnit::kYuan},           {"(单位:元)", PrintedUnit::kYuan},
      {"(千元)", PrintedUnit::kThousandYuan}, {"(单位:千元)", PrintedUnit::kThousandYuan},
      {"(万元)", PrintedUnit::kTenThousandYuan}, {"(单位:万元)", PrintedUnit::kTenThousandYuan}};
  PrintedUnit best = PrintedUnit::kNone;
  size_t best_at = 0;
  for (const auto& [text, unit] : marks) {
    const size_t at = label.rfind(text);
    if (at != std::string_view::npos && (best == PrintedUnit::kNone || at > best_at)) best = unit, best_at = at;
  }
  return best;
}

TEST(HeaderUnit, AgreesWithTheDefinition) {
  const std::vector<std::string> pieces = {"(", ")", "元", "元)", "(元)", "单位:", "千", "万", "(单位:万元)", "(千元)",
                                           "采购总金额", "第二十条", "第二十条第(九)项", ":", "收费"};
  Lcg next(9);
  size_t with_unit = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string label;
    for (size_t k = next() % 12; k > 0; --k) label += pieces[next() % pieces.size()];
    const PrintedUnit want = HeaderUnitByDefinition(label);
    ASSERT_EQ(HeaderUnit(label), want) << label;
    with_unit += want != PrintedUnit::kNone;
  }
  EXPECT_GT(with_unit, 1000u);
}

}  // namespace
}  // namespace xxgk::table_detail
