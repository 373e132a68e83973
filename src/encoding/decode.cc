#include "encoding/decode.h"

#include <uchardet/uchardet.h>
#include <unicode/ucnv.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <vector>

#include "core/utf8.h"

namespace xxgk {
namespace {

// Share of undecodable code points above which a decoding is rejected.
constexpr double kMaxReplacedShare = 0.02;

struct UcnvCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};

// Converts bytes from `charset` to UTF-8 with ICU, substituting U+FFFD for bad sequences.
// Returns false when ICU does not know the charset.
bool IcuToUtf8(std::string_view bytes, const char* charset, std::string* out, size_t* replaced) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, UcnvCloser> conv(ucnv_open(charset, &status));
  if (U_FAILURE(status)) return false;
  std::vector<UChar> buf(bytes.size() + 16);
  const char* src = bytes.data();
  const char* src_end = bytes.data() + bytes.size();
  out->clear();
  out->reserve(bytes.size() * 3 / 2);
  *replaced = 0;
  while (true) {
    UChar* target = buf.data();
    status = U_ZERO_ERROR;
    ucnv_toUnicode(conv.get(), &target, buf.data() + buf.size(), &src, src_end, nullptr, true, &status);
    for (const UChar* q = buf.data(); q < target; ++q) {
      char32_t cp = *q;
      if (cp >= 0xD800 && cp <= 0xDBFF && q + 1 < target && q[1] >= 0xDC00 && q[1] <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (q[1] - 0xDC00);
        ++q;
      }
      if (cp == 0xFFFD || cp == 0x1A) ++*replaced;
      if (cp == 0x1A) cp = 0xFFFD;
      AppendUtf8(cp, out);
    }
    if (status == U_BUFFER_OVERFLOW_ERROR) continue;
    break;
  }
  return true;
}

// UTF-8 with invalid bytes replaced.
std::string RepairUtf8(std::string_view bytes, size_t* replaced) {
  std::string out;
  out.reserve(bytes.size());
  *replaced = 0;
  size_t i = 0;
  while (i < bytes.size()) {
    size_t ok = ValidUtf8Prefix(bytes.substr(i));
    out.append(bytes.substr(i, ok));
    i += ok;
    if (i < bytes.size()) {
      AppendUtf8(kReplacementChar, &out);
      ++*replaced;
      ++i;
      while (i < bytes.size() && (static_cast<unsigned char>(bytes[i]) & 0xC0) == 0x80) ++i;
    }
  }
  return out;
}

std::string GuessCharset(std::string_view bytes) {
  uchardet_t ud = uchardet_new();
  uchardet_handle_data(ud, bytes.data(), std::min<size_t>(bytes.size(), 256 * 1024));
  uchardet_data_end(ud);
  std::string cs = uchardet_get_charset(ud);
  uchardet_delete(ud);
  return cs;
}

// Rough test for binary data: NUL bytes or many C0 controls in the first 16 KiB.
bool LooksBinary(std::string_view bytes) {
  size_t n = std::min<size_t>(bytes.size(), 16 * 1024);
  size_t controls = 0;
  for (size_t i = 0; i < n; ++i) {
    unsigned char c = static_cast<unsigned char>(bytes[i]);
    if (c == 0) return true;
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B) ++controls;
  }
  return controls * 100 > n;
}

// Detects BOM-less UTF-16 from the pattern of zero bytes in ASCII-heavy text.
const char* SniffUtf16(std::string_view bytes) {
  size_t n = std::min<size_t>(bytes.size(), 4096) & ~size_t{1};
  if (n < 4) return nullptr;
  size_t even_zero = 0, odd_zero = 0;
  for (size_t i = 0; i < n; i += 2) {
    if (bytes[i] == 0) ++even_zero;
    if (bytes[i + 1] == 0) ++odd_zero;
  }
  size_t pairs = n / 2;
  if (odd_zero * 10 > pairs * 3 && even_zero * 20 < pairs) return "UTF-16LE";
  if (even_zero * 10 > pairs * 3 && odd_zero * 20 < pairs) return "UTF-16BE";
  return nullptr;
}

// Counts bytes in valid multi-byte UTF-8 sequences and bytes that are not valid UTF-8.
void Utf8Stats(std::string_view bytes, size_t* valid_multibyte, size_t* invalid) {
  *valid_multibyte = *invalid = 0;
  size_t i = 0;
  while (i < bytes.size()) {
    size_t ok = ValidUtf8Prefix(bytes.substr(i));
    for (size_t k = i; k < i + ok; ++k) *valid_multibyte += static_cast<unsigned char>(bytes[k]) >= 0x80;
    i += ok;
    if (i < bytes.size()) {
      ++*invalid;
      ++i;
    }
  }
}

Result<DecodedText> Finish(DecodedText d) {
  if (d.utf8.find_first_not_of(" \t\r\n\f\v") == std::string::npos) return MakeError(ErrorCode::kEmpty, "文件没有文字内容");
  if (d.replaced > 0 && static_cast<double>(d.replaced) > kMaxReplacedShare * static_cast<double>(CodePointCount(d.utf8))) {
    return MakeError(ErrorCode::kEncodingError,
                     "无法识别文字编码：按 " + d.encoding + " 解码有 " + std::to_string(d.replaced) + " 处乱码",
                     "请将文件另存为 UTF-8 或 GB18030 编码的文本后重试");
  }
  return d;
}

}  // namespace

Result<DecodedText> DecodeToUtf8(std::string_view bytes) {
  if (bytes.empty()) return MakeError(ErrorCode::kEmpty, "文件为空（0 字节）");
  DecodedText d;
  auto starts = [&](const char* bom, size_t n) { return bytes.size() >= n && std::memcmp(bytes.data(), bom, n) == 0; };
  if (starts("\xEF\xBB\xBF", 3)) {
    d.had_bom = true;
    d.encoding = "UTF-8";
    d.utf8 = RepairUtf8(bytes.substr(3), &d.replaced);
    return Finish(std::move(d));
  }
  if (starts("\xFF\xFE", 2) || starts("\xFE\xFF", 2)) {
    d.had_bom = true;
    d.encoding = bytes[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
    IcuToUtf8(bytes.substr(2), d.encoding.c_str(), &d.utf8, &d.replaced);
    return Finish(std::move(d));
  }
  // The common case first: valid UTF-8 without NUL bytes is text in UTF-8.
  if (std::memchr(bytes.data(), 0, bytes.size()) == nullptr && ValidUtf8Prefix(bytes) == bytes.size()) {
    d.encoding = "UTF-8";
    d.utf8.assign(bytes);
    return Finish(std::move(d));
  }
  if (const char* u16 = SniffUtf16(bytes)) {
    d.encoding = u16;
    IcuToUtf8(bytes, u16, &d.utf8, &d.replaced);
    return Finish(std::move(d));
  }
  if (LooksBinary(bytes)) {
    return MakeError(ErrorCode::kEncodingError, "不是文本文件：内容含有二进制数据",
                     "xxgk 读取 txt、md 格式的年度报告；其他格式请先转换为文本");
  }
  size_t valid = ValidUtf8Prefix(bytes);
  if (valid == bytes.size()) {
    d.encoding = "UTF-8";
    d.utf8.assign(bytes);
    return Finish(std::move(d));
  }
  // Not clean UTF-8. Text that is largely valid UTF-8 and largely not is a paste of two encodings:
  // neither reading is trustworthy.
  size_t valid_mb = 0, invalid = 0;
  Utf8Stats(bytes, &valid_mb, &invalid);
  if (valid_mb >= invalid && invalid * 50 > valid_mb + invalid) {
    return MakeError(ErrorCode::kEncodingError,
                     "无法识别文字编码：文件中混有不同的编码（约" + std::to_string(valid_mb) + "字节为UTF-8，" +
                         std::to_string(invalid) + "字节不是），可能是从不同来源拼接而成",
                     "请用文本编辑器统一另存为 UTF-8 编码后重试");
  }
  // Compare a repaired UTF-8 reading with the detected legacy encoding and keep the one
  // with fewer undecodable code points.
  size_t utf8_bad = 0;
  std::string utf8_repaired = RepairUtf8(bytes, &utf8_bad);
  std::string guess = GuessCharset(bytes);
  const char* candidates[3] = {"GB18030", nullptr, nullptr};
  if (guess == "BIG5" || guess == "Big5") candidates[0] = "Big5";
  else if (guess == "UTF-16") candidates[0] = "UTF-16LE";
  else if (!guess.empty() && guess != "ASCII" && guess != "UTF-8" && guess.rfind("GB", 0) != 0 && guess != "HZ-GB-2312")
    candidates[1] = guess.c_str();
  std::string best_text;
  std::string best_name;
  size_t best_bad = SIZE_MAX;
  for (const char* cs : candidates) {
    if (!cs) continue;
    std::string text;
    size_t bad = 0;
    if (!IcuToUtf8(bytes, cs, &text, &bad)) continue;
    if (bad < best_bad) {
      best_bad = bad;
      best_text = std::move(text);
      best_name = cs;
    }
  }
  if (best_bad < utf8_bad) {
    d.encoding = best_name;
    d.utf8 = std::move(best_text);
    d.replaced = best_bad;
  } else {
    d.encoding = "UTF-8";
    d.utf8 = std::move(utf8_repaired);
    d.replaced = utf8_bad;
  }
  return Finish(std::move(d));
}

Result<DecodedText> DecodeDeclared(std::string_view bytes, std::string_view charset) {
  std::string label;
  for (char c : charset) label.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
  const bool has_bom = bytes.size() >= 2 && (bytes.substr(0, 3) == "\xEF\xBB\xBF" || bytes.substr(0, 2) == "\xFF\xFE" ||
                                             bytes.substr(0, 2) == "\xFE\xFF");
  if (has_bom || label.empty() || label == "utf-8" || label == "utf8") return DecodeToUtf8(bytes);
  const char* icu = nullptr;
  std::string name;
  if (label == "gb2312" || label == "gbk" || label == "gb18030" || label == "x-gbk" || label == "cp936") {
    icu = "GB18030";
    name = "GB18030";
  } else if (label == "big5" || label == "big5-hkscs") {
    icu = "Big5";
    name = "Big5";
  } else {
    return DecodeToUtf8(bytes);
  }
  DecodedText d;
  if (!IcuToUtf8(bytes, icu, &d.utf8, &d.replaced)) return DecodeToUtf8(bytes);
  d.encoding = name;
  auto r = Finish(std::move(d));
  if (!r) return DecodeToUtf8(bytes);  // the declaration was wrong: detect instead
  return r;
}

}  // namespace xxgk
