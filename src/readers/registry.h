// Reader registry: detects what a document is from its bytes (never its extension) and reads it into the
// document model. Text readers get decoded UTF-8; container formats get bytes.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "model/document.h"

namespace xxgk {

// Kinds of input recognised by content.
enum class MediaKind { kText, kMarkdown, kHtml, kDocx, kPdf, kLegacyDoc, kImage, kArchive, kUnknownBinary };

// Detects the media kind from the leading bytes (magic numbers, markup).
MediaKind SniffMedia(std::string_view bytes);
const char* MediaTypeName(MediaKind kind);  // "text/plain", …

// Reads bytes into doc (doc->source.name/sha256/bytes are set by the caller). Errors: kEmpty,
// kEncodingError, kNotSupported (containers this build cannot read yet), kCorruption.
Result<void> ReadDocument(std::string_view bytes, Document* doc);

}  // namespace xxgk
