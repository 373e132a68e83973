#include "encoding/decode.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace xxgk
