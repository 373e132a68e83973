// Batch ingest and recheck: documents are read and parsed on every core, and one writer stores each with
// its findings in a transaction; then the cross-year checks run for the bodies touched. Known content
// (by sha256) is skipped before parsing, so an interrupted ingest can simply be run again.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "pipeline/pipeline.h"
#include "store/store.h"

namespace xxgk {

struct IngestProgress {
  size_t done = 0;
  size_t total = 0;
  double seconds = 0;
  double corpus_seconds = 0;  // of which the cross-year checks
};

struct IngestOptions {
  PipelineOptions pipeline;
  CorpusCheckOptions corpus;
  unsigned threads = 0;  // 0: all cores
  // Reads one input (the CLI passes its size-limited reader).
  std::function<Result<std::string>(const std::string& path)> read;
  // Called from the writer thread about every 100 ms and at the end.
  std::function<void(const IngestProgress&)> on_progress;
  // A file that could not be read or processed (it is still recorded when it could be read).
  std::function<void(const std::string& path, const Error&)> on_failure;
};

struct IngestStats {
  size_t inputs = 0;
  size_t added = 0;        // new documents stored (processed or failed)
  size_t known = 0;        // content already in the store
  size_t failed = 0;       // could not be read or processed
  size_t reports = 0;      // new reports stored
  size_t error_reports = 0;  // new reports with error findings
  double seconds = 0;
  double corpus_seconds = 0;  // of which the cross-year checks
};

// Reads (options.read), parses and stores each path; a file that cannot be read or processed is reported
// through options.on_failure and counted, and the batch goes on. Errors: only the store's (kDatabase), which
// stop the batch; what was committed stays.
Result<IngestStats> Ingest(store::Store* store, const std::vector<std::string>& paths, const IngestOptions& options);

// Re-runs the pipeline and checker over every stored document, replacing reports and findings, then the
// cross-year checks over the whole corpus. Errors: the store's (kDatabase); kCorruption is per document, reported
// through options.on_failure.
Result<IngestStats> Recheck(store::Store* store, const IngestOptions& options);

}  // namespace xxgk
