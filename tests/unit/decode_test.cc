#include "encoding/decode.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "readers/registry.h"
#include "lcg.h"

namespace xxgk {
namespace {

TEST(Decode, Utf8WithAndWithoutBom) {
  auto d = DecodeToUtf8("一、总体情况");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->encoding, "UTF-8");
  EXPECT_FALSE(d->had_bom);
  d = DecodeToUtf8("\xEF\xBB\xBF一、总体情况");
  ASSERT_TRUE(d);
  EXPECT_TRUE(d->had_bom);
  EXPECT_EQ(d->utf8, "一、总体情况");
}

TEST(Decode, Gb18030) {
  // "一、总体情况" in GB18030/GBK.
  std::string gbk = "\xD2\xBB\xA1\xA2\xD7\xDC\xCC\xE5\xC7\xE9\xBF\xF6";
  auto d = DecodeToUtf8(gbk + "\n" + gbk + "\n" + gbk);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->encoding, "GB18030");
  EXPECT_EQ(d->utf8.substr(0, 18), "一、总体情况");
}

TEST(Decode, Utf16WithBom) {
  std::string le("\xFF\xFE\x00\x4E\x01\x30", 6);  // 一、
  auto d = DecodeToUtf8(le);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->encoding, "UTF-16LE");
  EXPECT_EQ(d->utf8, "一、");
  std::string be("\xFE\xFF\x4E\x00\x30\x01", 6);
  d = DecodeToUtf8(be);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->encoding, "UTF-16BE");
  EXPECT_EQ(d->utf8, "一、");
}

TEST(Decode, Utf16WithoutBomIsSniffed) {
  std::string s;
  for (char c : std::string("report 2024 table\n")) {
    s.push_back(c);
    s.push_back('\0');
  }
  auto d = DecodeToUtf8(s);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->encoding, "UTF-16LE");
}

TEST(Decode, EmptyAndBinaryAreErrors) {
  auto d = DecodeToUtf8("");
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().code, ErrorCode::kEmpty);
  std::string bin("\x7F" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0", 20);
  d = DecodeToUtf8(bin);
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().code, ErrorCode::kEncodingError);
}

TEST(Decode, MostlyUtf8WithAFewBadBytesIsRepaired) {
  std::string text;
  for (int i = 0; i < 200; ++i) text += "政府信息公开工作年度报告";
  text += "\xFF";
  auto d = DecodeToUtf8(text);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->encoding, "UTF-8");
  EXPECT_EQ(d->replaced, 1u);
}

// Plain text is Markdown when three of its first 400 lines start with '#' or '|'; the sniffer looks for the
// two bytes rather than walking the lines. Random texts around the 400th line, marks in and out of place.
TEST(Sniff, MarkdownByItsFirst400Lines) {
  auto by_lines = [](std::string_view s) {
    size_t marks = 0, lines = 0, pos = 0;
    while (pos < s.size() && lines < 400) {
      size_t end = s.find('\n', pos);
      if (end == std::string_view::npos) end = s.size();
      if (end > pos && (s[pos] == '#' || s[pos] == '|') && ++marks >= 3) return true;
      ++lines;
      pos = end + 1;
    }
    return false;
  };
  const std::vector<std::string> lines = {"", "申请", "# 标题", "| 表 |", "a#b", "a|b", "\r", "#", "|", " #"};
  Lcg next(31);
  size_t markdown = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const size_t count = next() % 3 == 0 ? 390 + next() % 20 : next() % 30;
    for (size_t k = 0; k < count; ++k) {
      const size_t pick = next() % (k >= 395 ? lines.size() : 12);  // fewer marks before the 395th line
      text += (pick < lines.size() ? lines[pick] : lines[1]) + "\n";
    }
    const bool want = by_lines(text);
    ASSERT_EQ(SniffMedia(text) == MediaKind::kMarkdown, want) << round;
    markdown += want;
  }
  EXPECT_GT(markdown, 100u);
  // The third mark on each line around the 400th.
  for (size_t third = 395; third < 406; ++third) {
    std::string text = "# 一\n| 二 |\n";
    for (size_t k = 2; k < third; ++k) text += "申请\n";
    text += "# 三\n申请\n";
    ASSERT_EQ(SniffMedia(text) == MediaKind::kMarkdown, by_lines(text)) << third;
    ASSERT_EQ(by_lines(text), third < 400) << third;
  }
}

}  // namespace
}  // namespace xxgk
