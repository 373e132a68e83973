// Traditional Chinese copies of reports (mirror sites convert pages): detected by characters that only
// Traditional script uses, and converted to Simplified with OpenCC before extraction.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "model/document.h"

namespace xxgk {

// The usual case, decided on the text's first 4 KB: a Simplified report says 公开 in its title and first
// lines. It reads the first kClearlySimplifiedReads bytes only. LooksTraditional is false for any text this
// is true for.
inline constexpr size_t kClearlySimplifiedReads = 4096 + 8;
bool ClearlySimplified(std::string_view utf8);

// True when text uses Traditional-only forms of the report's common words (報告, 資訊, 申請, 處理 …)
// more than their Simplified forms.
bool LooksTraditional(std::string_view utf8);

// Converts every paragraph and cell of doc to Simplified Chinese in place (OpenCC t2s). Returns false
// when OpenCC is not available; doc is then unchanged.
bool ConvertDocumentToSimplified(Document* doc);

}  // namespace xxgk
