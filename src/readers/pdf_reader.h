// Reader for PDF with a text layer (WPS and Word exports, government PDFs), through poppler-cpp.
//
// Support checklist:
// [x] text in reading layout per page (poppler's physical layout, as pdftotext -layout), one paragraph
//     per line; provenance is page and line within the page
// [x] running footers and headers dropped: page numbers ("-3-", "— 3 —", "第3页"), lines repeated at the
//     top or bottom of most pages
// [x] damaged cross-reference tables (poppler reconstructs them)
// [x] a PDF without a text layer (a scan) is recognised and refused, never returned empty
// [x] encrypted PDFs are refused with a message
// [-] table grid from column alignment: columns are kept as runs of spaces; the extractor reads rows from
//     label text and numbers, which survives wrapped labels and vertical group labels
#pragma once

#include <string_view>

#include "core/deadline.h"
#include "core/result.h"
#include "model/document.h"
#include "readers/pdf_streams.h"

namespace xxgk {

struct PdfLimits {
  int max_pages = 500;
  size_t max_blocks = 100000;    // paragraphs and table rows (a report has a few thousand)
  PdfStreamLimits streams;     // what the content may inflate to (measured before poppler opens it)
  Deadline deadline;           // the work budget in time (--max-seconds)
};

// Reads PDF bytes into doc. Errors: kCorruption (not loadable), kNotSupported (encrypted, or no text
// layer: a scan), kTooLarge (more pages, or more inflated content, than the limits), kTimeLimit.
Result<void> ReadPdf(std::string_view bytes, Document* doc, const PdfLimits& limits = {});

}  // namespace xxgk
