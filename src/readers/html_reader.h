// Reader for HTML: whole government article pages, Word-pasted HTML, fragments.
//
// Support checklist:
// [x] charset from BOM, <meta charset>/<meta http-equiv>, else detection (GB2312/GBK read as GB18030)
// [x] block elements → paragraphs; <br> → line breaks; text split across inline tags (<span>, <font>,
//     <o:p>) joined; &nbsp; as white space
// [x] <table> → grid with rowspan/colspan resolved; covered positions marked; empty cells kept
// [x] script, style, template and head skipped (the <title> is kept as the first paragraph)
// [x] limits: nesting depth and table size, checked before and while building the grid
// [-] nested tables: their text stays inside the outer cell
// [x] a report inside a <script> string (document.write, string literals, \u escapes)
// [x] one pass, no tree: implied end tags of cells and rows, text between cells shown before the table,
//     comments, CDATA, processing instructions and raw-text elements (script, style, title) skipped
#pragma once

#include <string_view>

#include "core/deadline.h"
#include "core/result.h"
#include "model/document.h"

namespace xxgk {

struct HtmlLimits {
  size_t max_depth = 2000;        // element nesting
  size_t max_table_cells = 200000;
  size_t max_blocks = 100000;    // paragraphs and table rows (a report has a few thousand)
  size_t max_span = 1000;         // rowspan / colspan values are clamped to this
  Deadline deadline;           // the work budget in time (--max-seconds)
};

// Reads HTML bytes into doc (blocks; doc->source.encoding set). Errors: kEncodingError, kCorruption
// (nesting or tables beyond the limits).
Result<void> ReadHtml(std::string_view bytes, Document* doc, const HtmlLimits& limits = {});

// The charset an HTML document declares in its first 4 KiB (lowercase), or "".
std::string DeclaredHtmlCharset(std::string_view bytes);

}  // namespace xxgk
