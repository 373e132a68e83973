// The substring searches of core/find.h against std::string_view::find, on random text built from pieces
// that make the short paths' shortcuts matter: Chinese characters sharing lead bytes, partial
// sequences, ASCII.
#include "core/find.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "lcg.h"

namespace xxgk {
namespace {

TEST(Find, AgreesWithStringViewFind) {
  const std::vector<std::string> pieces = {"申", "请", "公", "开", "件", "、", "。", "a", "1", "\xE4", "\xB7", "\x80", " ",
                                           "行政复议", "申请", "不予公开"};
  Lcg next(99);
  auto random_text = [&](size_t pieces_count) {
    std::string s;
    for (size_t k = 0; k < pieces_count; ++k) s += pieces[next() % pieces.size()];
    return s;
  };
  for (int round = 0; round < 20000; ++round) {
    const std::string hay = random_text(next() % 60);
    std::string needle = random_text(1 + next() % 3);
    if (next() % 4 == 0 && !hay.empty()) {  // a needle cut from the hay, found for sure
      const size_t b = next() % hay.size();
      needle = hay.substr(b, 1 + next() % 8);
    }
    const size_t from = hay.empty() ? 0 : next() % (hay.size() + 1);
    const std::string_view h(hay), n(needle);
    ASSERT_EQ(FindBytes(h, n, from), h.find(n, from)) << hay << " / " << needle << " @" << from;
    ASSERT_EQ(Searcher(needle).Find(h, from), h.find(n, from)) << hay << " / " << needle << " @" << from;
  }
}

TEST(Find, LongTextsToo) {
  std::string hay;
  while (hay.size() < (200u << 10)) hay += "申请公开件数行政复议";
  for (const std::string needle : {"不予公开", "复议申", "请公开件数行政复议申请", "x"}) {
    for (const size_t from : {size_t{0}, size_t{7}, hay.size() - 100, size_t{70000}}) {
      ASSERT_EQ(FindBytes(hay, needle, from), std::string_view(hay).find(needle, from)) << needle << " @" << from;
      ASSERT_EQ(Searcher(needle).Find(hay, from), std::string_view(hay).find(needle, from)) << needle << " @" << from;
    }
  }
}

TEST(Find, ByteScansAgreeWithStringViewFind) {
  // Lines of every length around the sixteen-byte step, with the bytes looked for at every position.
  Lcg next(7);
  const std::string alphabet = std::string("ab\n\r\t\xE4\xB8\x80/0:9") + '\0';
  for (int round = 0; round < 20000; ++round) {
    std::string hay;
    const size_t len = next() % 70;
    for (size_t k = 0; k < len; ++k) hay.push_back(next() % 4 == 0 ? alphabet[next() % alphabet.size()] : '.');
    const std::string_view h(hay);
    const size_t from = next() % (hay.size() + 1);
    const size_t want_break = std::min(h.find_first_of("\n\r", from), h.size());
    ASSERT_EQ((FindAnyOf<'\n', '\r'>(h, from)), want_break) << round;
    const size_t want_tab = std::min(h.find('\t', from), h.size());
    ASSERT_EQ(FindAnyOf<'\t'>(h, from), want_tab) << round;
    ASSERT_EQ(FindAnyOf<'\0'>(h, from), std::min(h.find('\0', from), h.size())) << round;
    ASSERT_EQ(FindDigit(h, from), std::min(h.find_first_of("0123456789", from), h.size())) << round;
  }
}

}  // namespace
}  // namespace xxgk
