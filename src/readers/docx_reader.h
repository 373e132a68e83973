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
  uint64_t max_xml_bytes = 64ull << 20;  // uncompressed word/document.xml, at most
  // …and at most this allowance plus this many times the .docx's own size: the memory budget (16 × the
  // input + 64 MB) holds however well the XML was compressed. Real reports compress 5–15 times.
  uint64_t xml_allowance = 6ull << 20;
  uint64_t xml_per_input_byte = 4;
  size_t max_depth = 1000;
  size_t max_table_cells = 200000;
  size_t max_blocks = 100000;    // paragraphs and table rows (a report has a few thousand)
  Deadline deadline;           // the work budget in time (--max-seconds)
};

// Reads .docx bytes into doc. Errors: kCorruption (not a readable package), kTooLarge (beyond limits).
Result<void> ReadDocx(std::string_view bytes, Document* doc, const DocxLimits& limits = {});

}  // namespace xxgk
