// The whole pipeline for one input: bytes → reader → document model → extractor → report → checker.
// Pure: it takes bytes and returns a value; only the CLI and the server touch files.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "check/checker.h"
#include "core/result.h"
#include "report/report.h"

namespace xxgk {

struct PipelineOptions {
  uint64_t max_bytes = 64ull << 20;  // inputs larger than this are refused (kTooLarge)
  double max_seconds = 10;           // work budget per document (kTimeLimit); <= 0: none
  bool check = true;                 // run the checker
  CheckOptions check_options;
  bool trace_tables = false;         // fill Report::table_trace (how table rows were aligned; for developers)
};

// Processes one document. Errors (the file could not be processed): kEmpty, kTooLarge, kEncodingError,
// kNotSupported, kCorruption, kNotAReport, kTimeLimit. The readers check the deadline inside their loops;
// extraction and checking, whose work the readers' limits bound, are checked between phases. A report with
// error findings is still a success.
// known_sha256: the digest of bytes when the caller already has it (ingest hashes before parsing, to skip
// known content), so that it is not computed twice.
Result<Report> ProcessDocument(std::string_view bytes, std::string_view name, const PipelineOptions& options = {},
                               std::string_view known_sha256 = {});

}  // namespace xxgk
