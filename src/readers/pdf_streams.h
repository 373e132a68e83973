// A budget for the work poppler does on a PDF, measured before poppler sees it. Text extraction inflates
// every page's content streams (and the fonts they use); a few hundred KB of PDF can ask for gigabytes: one
// stream that inflates to 256 MB, shared by 500 pages, is inflated 500 times. This pre-scan reads the raw
// bytes once, inflates each Flate stream that is not an image (counting bytes into a small scratch buffer,
// never keeping them) and adds up
//   - what the streams inflate to, each counted once (`inflated`), and
//   - what the pages' content streams inflate to, counted once per page that names them (`page_content`).
// Pages kept in compressed object streams are found too (object streams are inflated and searched).
// Exact enough to refuse the hostile, generous enough for any real report (fonts included); the page loop's
// deadline bounds what slips through (form XObjects drawn on every page).
#pragma once

#include <cstdint>
#include <string_view>

#include "core/deadline.h"
#include "core/result.h"

namespace xxgk {

struct PdfStreamLimits {
  uint64_t max_stream_bytes = 64ull << 20;         // one stream, inflated
  uint64_t max_inflated_bytes = 256ull << 20;      // all streams, inflated once each
  uint64_t max_page_content_bytes = 512ull << 20;  // page content, inflated once per page that uses it
};

struct PdfStreamCost {
  uint64_t streams = 0;       // Flate streams inflated (images not counted)
  uint64_t inflated = 0;      // bytes they inflate to
  uint64_t page_content = 0;  // content bytes summed over the pages that use them
};

// Scans bytes; an error (kTooLarge, kTimeLimit) when a limit is passed, the cost otherwise. Damaged or
// truncated streams count what inflated before the damage.
Result<PdfStreamCost> MeasurePdfStreams(std::string_view bytes, const PdfStreamLimits& limits, const Deadline& deadline);

}  // namespace xxgk
