// Encoding detection and transcoding to UTF-8. The encoding of a report is detected, never assumed:
// BOM first, then UTF-8 validity, then uchardet's guess confirmed by a clean ICU conversion.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.h"

namespace xxgk {

struct DecodedText {
  std::string utf8;       // the text, UTF-8, without BOM
  std::string encoding;   // what was detected: "UTF-8", "GB18030", "UTF-16LE", "UTF-16BE", "Big5", …
  bool had_bom = false;
  size_t replaced = 0;    // code points that could not be decoded and became U+FFFD
};

// Decodes bytes of unknown encoding into UTF-8.
// Errors: kEmpty for no bytes; kEncodingError for binary data or text no encoding decodes cleanly.
// A few undecodable bytes in otherwise valid text are replaced by U+FFFD and counted in `replaced`.
Result<DecodedText> DecodeToUtf8(std::string_view bytes);

// Decodes bytes declared to be in `charset` (an HTML <meta charset> label such as "gb2312", "GBK",
// "utf-8"). GB2312 and GBK are read as GB18030, their superset. Falls back to DecodeToUtf8 when the label
// is unknown or the declared charset does not decode cleanly. Errors: those of DecodeToUtf8.
Result<DecodedText> DecodeDeclared(std::string_view bytes, std::string_view charset);

}  // namespace xxgk
