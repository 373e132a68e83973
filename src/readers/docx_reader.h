// Reader for Word .docx (Office Open XML) through libzip and pugixml.
//
// Support checklist:
// [x] paragraphs (w:p) with runs joined; w:tab → tab, w:br/w:cr → line break
// [x] tables (w:tbl) → grid: w:gridSpan → column span, w:vMerge → covered cells below the first
// [x] nested tables: their text stays in the outer cell; sdt content controls and hyperlinks walked into
// [x] limits: uncompressed size of word/document.xml (zip bombs), XML depth, table size
// [-] numbering (automatic "一、" list labels) is not rendered: headings typed as text are read
// [ ] headers, footers, footnotes, text boxes
#pragma once

#include <string_view>

#include "core/deadline.h"
#include "core/result.h"
#include "model/document.h"

namespace xxgk {

struct DocxLimits {
  uint64_t max_xml_bytes = 64ull << 20;  // uncompressed word/document.xml
  size_t max_depth = 1000;
  size_t max_table_cells = 200000;
  Deadline deadline;           // the work budget in time (--max-seconds)
};

// Reads .docx bytes into doc. Errors: kCorruption (not a readable package), kTooLarge (beyond limits).
Result<void> ReadDocx(std::string_view bytes, Document* doc, const DocxLimits& limits = {});

}  // namespace xxgk
