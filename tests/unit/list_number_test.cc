// ListNumberStart finds list numbers ("1.", "(一)", "一、") by the rare byte each holds. Here
// it is held to the plain byte-by-byte definition on random label texts built from the pieces that make and
// break list numbers, at every offset (the extractor calls it on a text's tails).
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "extract/table_extractor.h"

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
  uint64_t state = 5;
  auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<size_t>(state >> 33);
  };
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
