#include "core/normalize.h"
#include "core/utf8.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "lcg.h"

namespace xxgk {
namespace {

TEST(Normalize, DeletesWhitespaceAndLineBreaks) {
  EXPECT_EQ(Normalize("结果 维持"), "结果维持");
  EXPECT_EQ(Normalize("自\n然\n人"), "自然人");
  EXPECT_EQ(Normalize("商业\r\n企业\t"), "商业企业");
  EXPECT_EQ(Normalize("\u3000总计\u00a0"), "总计");
}

TEST(Normalize, FoldsFullWidthAndBrackets) {
  EXPECT_EQ(Normalize("（一）予以公开"), "(一)予以公开");
  EXPECT_EQ(Normalize("１２３ＡＢ"), "123AB");
  EXPECT_EQ(Normalize("吉办发﹝2016﹞43号"), "吉办发〔2016〕43号");
}

TEST(Normalize, DropsQuotesOfEveryStyle) {
  EXPECT_EQ(Normalize("3.危及“三安全一稳定”"), "3.危及三安全一稳定");
  EXPECT_EQ(Normalize("3.危及\"三安全一稳定\""), "3.危及三安全一稳定");
  EXPECT_EQ(Normalize("3.危及「三安全一稳定」"), "3.危及三安全一稳定");
}

TEST(Normalize, ListNumberSeparators) {
  EXPECT_EQ(Normalize("1、属于国家秘密"), "1.属于国家秘密");
  EXPECT_EQ(Normalize("1．属于国家秘密"), "1.属于国家秘密");
  EXPECT_EQ(Normalize("三、总体情况"), "三、总体情况");
}

TEST(Normalize, RemovesConversionDebris) {
  EXPECT_EQ(Normalize("[bookmark: _GoBack]2808"), "2808");
  EXPECT_EQ(Normalize("<!--[if !supportLists]-->7、<!--[endif]-->其他"), "7.其他");
}

TEST(Normalize, RawOffsetMapsBack) {
  std::string raw = "一、 总体 情况";
  std::string norm = Normalize(raw);
  EXPECT_EQ(norm, "一、总体情况");
  // After "一、" (6 bytes of match form) the raw offset is just after "、".
  EXPECT_EQ(RawOffsetForNormOffset(raw, 6), 6u);
  EXPECT_EQ(RawOffsetForNormOffset(raw, norm.size()), raw.size());
  EXPECT_EQ(RawOffsetForNormOffset(raw, 0), 0u);
}

// AppendNormalized is the hot copy of MatchIterator's walk: on any text the two give the same match form.
// The pieces are what sends the walk down its different paths: runs of ideographs (copied four bytes a
// load), characters just outside their lead range, full-width forms, quotes, spaces, debris, "、" after a
// digit, broken and cut sequences.
TEST(Normalize, AgreesWithTheMatchIterator) {
  const std::vector<std::string> pieces = {
      "申请", "公开件数", "一", "\xE9\xBE\xA5", "\xE3\x80\x81", "\xE4\xB8", "\xE5", "\x80", "\xFF", "１２",
      "（", "）", "\xE2\x80\x9C", "\xE3\x80\x80", " ", "\t", "\n", "\"", "'", "`", "1", "a", "[bookmark: _x]",
      "[bookmark:", "<!--x-->", "<!--", "\xEF\xBF\xBD", "\xF0\x9F\x98\x80", "\xC2\xA0", "\xE3\x80\x87",
      "，", "：", "！", "～", "＂", "＇", "\xEF\xBC\x80", "\xEF\xBD\x9F", "\xEF\xBC"};
  Lcg next(11);
  for (int round = 0; round < 20000; ++round) {
    std::string raw;
    const size_t count = next() % 24;
    for (size_t k = 0; k < count; ++k) raw += pieces[next() % (next() % 3 == 0 ? pieces.size() : 4)];
    std::string want;
    MatchIterator it(raw);
    char32_t cp;
    size_t b, e;
    while (it.Next(&cp, &b, &e)) {
      if (cp != ' ') AppendUtf8(cp, &want);
    }
    std::string got = "prefix";
    AppendNormalized(raw, &got);
    ASSERT_EQ(got, "prefix" + want) << raw;
  }
}

TEST(EditDistance, CountsCodePoints) {
  EXPECT_EQ(EditDistance("政府信息公开行政复议", "政府信息公开行政法复议", 3), 1u);
  EXPECT_EQ(EditDistance("abc", "abc", 0), 0u);
  EXPECT_GT(EditDistance("完全不同的文字", "另外一句", 2), 2u);
}

// The banded distance against the whole Levenshtein table, on random strings of a few characters: the
// same distance whenever it is within the limit, and above the limit whenever it is not.
TEST(EditDistance, BandAgreesWithTheWholeTable) {
  const std::vector<std::u32string> alphabet = {U"政", U"府", U"信", U"息", U"a", U"1"};
  Lcg next(3);
  auto whole = [](const std::u32string& a, const std::u32string& b) {
    std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
    for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
      for (size_t j = 1; j <= b.size(); ++j) {
        d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      }
    }
    return d[a.size()][b.size()];
  };
  auto utf8 = [](const std::u32string& s) {
    std::string out;
    for (char32_t c : s) AppendUtf8(c, &out);
    return out;
  };
  for (int round = 0; round < 20000; ++round) {
    std::u32string a, b;
    for (size_t k = next() % 12; k > 0; --k) a += alphabet[next() % alphabet.size()];
    b = a;
    for (size_t edits = next() % 5; edits > 0; --edits) {  // near misses, as typos make them
      const size_t at = b.empty() ? 0 : next() % (b.size() + 1);
      switch (next() % 3) {
        case 0: b.insert(at, alphabet[next() % alphabet.size()]); break;
        case 1: if (at < b.size()) b.erase(at, 1); break;
        default: if (at < b.size()) b[at] = alphabet[next() % alphabet.size()][0];
      }
    }
    if (next() % 5 == 0) b.clear(), b += alphabet[next() % alphabet.size()];
    const size_t limit = next() % 5;
    const size_t want = whole(a, b);
    const size_t got = EditDistance(utf8(a), utf8(b), limit);
    if (want <= limit) {
      ASSERT_EQ(got, want) << utf8(a) << " / " << utf8(b) << " limit " << limit;
    } else {
      ASSERT_GT(got, limit) << utf8(a) << " / " << utf8(b) << " limit " << limit;
    }
  }
}

// ValidUtf8Prefix (which skips Chinese five characters at a time) against a plain strict decoder, on random
// bytes built from long runs of ideographs, the edge sequences (E0 and ED leads, overlongs, surrogates,
// beyond U+10FFFF), four-byte characters, ASCII, stray and cut bytes.
TEST(Utf8, ValidPrefixAgreesWithAStrictDecoder) {
  auto strict = [](std::string_view s) -> size_t {
    size_t i = 0;
    while (i < s.size()) {
      const auto c = static_cast<unsigned char>(s[i]);
      size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
      if (len == 0 || i + len > s.size()) return i;
      char32_t cp = len == 1 ? c : c & (0x7F >> len);
      for (size_t k = 1; k < len; ++k) {
        const auto d = static_cast<unsigned char>(s[i + k]);
        if ((d & 0xC0) != 0x80) return i;
        cp = (cp << 6) | (d & 0x3F);
      }
      const char32_t min = len == 1 ? 0 : len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000;
      if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
      i += len;
    }
    return s.size();
  };
  const std::vector<std::string> pieces = {"政府信息公开", "申", "\xE1\x80\x80", "\xEC\xBF\xBF", "\xE0\xA0\x80", "\xE0\x80\x80",
                                           "\xED\x9F\xBF", "\xED\xA0\x80", "\xF0\x9F\x98\x80", "\xF4\x90\x80\x80",
                                           "\xC2\xA0", "\xC0\xAF", "a", "1 ", "\x80", "\xE4\xB8", "\xFF", "，",
                                           "\xEE\x80\x80", "\xEF\xBF\xBF", "\xED\x80\x80", "ascii text of 17 b"};
  Lcg next(17);
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    for (size_t k = next() % 30; k > 0; --k) s += pieces[next() % (next() % 4 == 0 ? pieces.size() : 2)];
    ASSERT_EQ(ValidUtf8Prefix(s), strict(s)) << round;
  }
}

TEST(TrimSpace, TrimsIdeographicSpace) { EXPECT_EQ(TrimSpace("\u3000 文字 \t"), "文字"); }

}  // namespace
}  // namespace xxgk

TEST(Utf8, ToValidUtf8ReplacesWhatIsNotUtf8) {
  EXPECT_EQ(xxgk::ToValidUtf8("报告.txt"), "报告.txt");
  EXPECT_EQ(xxgk::ToValidUtf8("a\xb1\xa8.txt"), "a\xEF\xBF\xBD\xEF\xBF\xBD.txt");  // GBK bytes: two U+FFFD
  EXPECT_EQ(xxgk::ToValidUtf8("a\xe6\x8a"), "a\xEF\xBF\xBD\xEF\xBF\xBD");         // a cut sequence
  EXPECT_EQ(xxgk::ValidUtf8Prefix(xxgk::ToValidUtf8("\xff\xfe")), 6u);
}
