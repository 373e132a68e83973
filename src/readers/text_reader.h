// Reader for plain text and Markdown-ish text: one paragraph block per line, tabs kept (they are cell
// boundaries in exported tables). Provenance is the 1-based line number.
//
// Support checklist:
// [x] LF, CRLF and CR line ends
// [x] tab-separated table rows, one-cell-per-line exports (kept as lines; the extractor reads both)
// [-] Markdown pipe tables (pipes become tabs; alignment rows dropped)
// [ ] Markdown emphasis and links (kept verbatim)
#pragma once

#include <cstddef>

#include "core/deadline.h"
#include "core/result.h"
#include "model/document.h"

namespace xxgk {

// What a text document may build: a report has a few thousand lines; a file of millions of short lines would
// otherwise cost hundreds of bytes of blocks per line.
struct TextLimits {
  size_t max_lines = 100000;   // non-empty lines (one block each)
  size_t max_cells = 200000;   // cells of Markdown pipe rows
  Deadline deadline;           // the work budget in time (--max-seconds)
};

// Fills doc->blocks from doc->text, which must already hold the decoded UTF-8 text. Errors: kTooLarge when
// the text has more lines or cells than `limits` (nothing beyond the limit is built).
Result<void> ReadTextLines(Document* doc, const TextLimits& limits = {});

}  // namespace xxgk
