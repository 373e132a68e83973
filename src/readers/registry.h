// Reader registry: detects what a document is from its bytes (never its extension) and reads it into the
// document model. Text readers get decoded UTF-8; container formats get bytes.
#pragma once

#include <string>
#include <string_view>

#include "core/deadline.h"
#include "core/result.h"
#include "model/document.h"
#include "readers/docx_reader.h"
#include "readers/html_reader.h"
#include "readers/pdf_reader.h"
#include "readers/text_reader.h"

namespace xxgk {

// Kinds of input recognised by content.
enum class MediaKind { kText, kMarkdown, kHtml, kDocx, kPdf, kLegacyDoc, kImage, kArchive, kUnknownBinary };

// Detects the media kind from the leading bytes (magic numbers, markup).
MediaKind SniffMedia(std::string_view bytes);
const char* MediaTypeName(MediaKind kind);  // "text/plain", …

// What one document may cost to read: each reader's limits, and one deadline for all of them.
struct ReadLimits {
  Deadline deadline;  // copied into the reader's own limits
  TextLimits text;
  HtmlLimits html;
  DocxLimits docx;
  PdfLimits pdf;
};

// Reads bytes into doc (doc->source.name/sha256/bytes are set by the caller). Errors: kEmpty,
// kEncodingError, kNotSupported (containers this build cannot read yet), kCorruption, kTooLarge and
// kTimeLimit (over a budget of `limits`).
Result<void> ReadDocument(std::string_view bytes, Document* doc, const ReadLimits& limits = {});

}  // namespace xxgk
