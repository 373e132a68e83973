// Reader for plain text and Markdown-ish text: one paragraph block per line, tabs kept (they are cell
// boundaries in exported tables). Provenance is the 1-based line number.
//
// Support checklist:
// [x] LF, CRLF and CR line ends
// [x] tab-separated table rows, one-cell-per-line exports (kept as lines; the extractor reads both)
// [-] Markdown pipe tables (pipes become tabs; alignment rows dropped)
// [ ] Markdown emphasis and links (kept verbatim)
#pragma once

#include "model/document.h"

namespace xxgk {

// Fills doc->blocks from doc->text, which must already hold the decoded UTF-8 text.
void ReadTextLines(Document* doc);

}  // namespace xxgk
