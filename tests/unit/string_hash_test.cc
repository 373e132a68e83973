#include "core/string_hash.h"

#include <gtest/gtest.h>

#include <string>
#include <unordered_map>
#include <unordered_set>

#include "core/bounded_cache.h"
#include "lcg.h"

namespace xxgk {
namespace {

std::string RandomBytes(Lcg& next, size_t n) {
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(next());
  return s;
}

// Every byte reaches the hash: for each length up to 80 (the loop, and each tail: 1–3, 4–7, 8–16 bytes),
// changing any one byte, in any bit, changes the result.
TEST(StringHash, EveryByteCounts) {
  Lcg next(7);
  for (size_t n = 1; n <= 80; ++n) {
    const std::string s = RandomBytes(next, n);
    const uint64_t h = HashBytes(s);
    for (size_t i = 0; i < n; ++i) {
      for (int bit = 0; bit < 8; ++bit) {
        std::string t = s;
        t[i] = static_cast<char>(t[i] ^ (1 << bit));
        EXPECT_NE(HashBytes(t), h) << "length " << n << ", byte " << i << ", bit " << bit;
      }
    }
  }
}

// The length counts: runs of the same byte, and a string and its prefix padded with zero bytes.
TEST(StringHash, LengthCounts) {
  std::unordered_set<uint64_t> seen;
  for (size_t n = 0; n <= 100; ++n) {
    EXPECT_TRUE(seen.insert(HashBytes(std::string(n, '\0'))).second) << n;
    EXPECT_TRUE(seen.insert(HashBytes(std::string(n + 1, 'a'))).second) << n;
  }
}

// The hash reads only the bytes it is given: the same text at every alignment, inside other bytes, hashes
// the same (ASan in the sanitizer build catches a read past the end).
TEST(StringHash, OnlyItsBytes) {
  Lcg next(11);
  for (size_t n = 0; n <= 40; ++n) {
    const std::string s = RandomBytes(next, n);
    const uint64_t h = HashBytes(s);
    for (size_t off = 0; off < 16; ++off) {
      std::string padded(off, 'x');
      padded += s;
      padded += "yyyyyyyyyyyyyyyy";
      EXPECT_EQ(HashBytes(std::string_view(padded).substr(off, n)), h);
    }
  }
}

// No collisions over many distinct short Chinese labels with numbers (the caches' keys).
TEST(StringHash, DistinctLabels) {
  std::unordered_set<uint64_t> seen;
  const char* parts[] = {"（一）", "予以公开", "不予公开", "自然人", "商业企业", "其他", "总计", "\t", "1", "2", "。"};
  Lcg next(3);
  std::unordered_set<std::string> texts;
  for (int i = 0; i < 200000; ++i) {
    std::string t;
    for (size_t k = 0, m = 1 + next() % 8; k < m; ++k) t += parts[next() % std::size(parts)];
    if (texts.insert(t).second) {
      EXPECT_TRUE(seen.insert(HashBytes(t)).second) << t;
    }
  }
  EXPECT_GT(texts.size(), 100000u);
}

// A map keyed by std::string is searched with a string_view, and a cache of it finds what it keeps.
TEST(StringHash, Transparent) {
  std::unordered_map<std::string, int, StringHash, std::equal_to<>> m{{"t3.granted.total", 7}};
  std::string_view key = "xt3.granted.totalx";
  auto it = m.find(key.substr(1, key.size() - 2));
  ASSERT_NE(it, m.end());
  EXPECT_EQ(it->second, 7);
  EXPECT_EQ(m.find(std::string_view("t3.granted")), m.end());

  BoundedCache<int> cache(2);
  cache.Insert("a", 1);
  cache.Insert("b", 2);
  ASSERT_NE(cache.Find("a"), nullptr);
  EXPECT_EQ(*cache.Find("b"), 2);
  cache.Insert("c", 3);  // full: emptied first
  EXPECT_EQ(cache.Find("a"), nullptr);
  EXPECT_EQ(*cache.Find("c"), 3);
}

}  // namespace
}  // namespace xxgk
