// HasNegation finds 未, 没有 and 无 in one pass over a clause's E6 bytes; it must say what the three
// searches say, on random clauses built from those words, their pieces and neighbours of the same lead byte.
#include "extract/narrative_claims.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/find.h"
#include "lcg.h"

namespace xxgk {
namespace {

TEST(NarrativeClaims, NegationAgreesWithTheThreeSearches) {
  const std::vector<std::string> pieces = {"未", "没有", "无", "没", "有", "收到", "申请", "政", "文", "1", "件",
                                           "\xE6", "\xE6\x9C", "\xE6\xB2\xA1", "。"};
  Lcg next(41);
  size_t negated = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string clause;
    for (size_t k = next() % 10; k > 0; --k) clause += pieces[3 + next() % (pieces.size() - 3)];
    if (next() % 4 == 0) clause.insert(next() % (clause.size() + 1), pieces[next() % 3]);
    const bool want = Contains(clause, "未") || Contains(clause, "没有") || Contains(clause, "无");
    ASSERT_EQ(HasNegation(clause), want) << clause;
    negated += want;
  }
  EXPECT_GT(negated, 3000u);
}

}  // namespace
}  // namespace xxgk
