// The per-document budgets every command that reads reports takes (parse, check, dump, ingest, serve), as
// one set of flags with one validation: sizes and seconds out of range are refused by the parser.
#pragma once

#include <cstdint>

#include <CLI/CLI.hpp>

#include "pipeline/pipeline.h"

namespace xxgk::cli {

// The defaults are the library's (PipelineOptions), so the CLI, the server and library callers agree.
struct InputBudget {
  uint64_t max_mb = PipelineOptions{}.max_bytes >> 20;  // --max-mb (1–4096)
  double max_seconds = PipelineOptions{}.max_seconds;   // --max-seconds (0.1–3600)
};

// --max-seconds, for the commands that read reports and for serve: one definition of the flag and its range.
inline void AddSecondsFlag(CLI::App* cmd, double* max_seconds) {
  cmd->add_option("--max-seconds", *max_seconds, "Stop a document after this many seconds of work (0.1–3600)")
      ->default_val(*max_seconds)
      ->check(CLI::Range(0.1, 3600.0));
}

inline void AddInputBudgetFlags(CLI::App* cmd, InputBudget* b, const char* size_flag = "--max-mb") {
  cmd->add_option(size_flag, b->max_mb, "Refuse inputs larger than this many MiB (1–4096)")
      ->default_val(b->max_mb)
      ->check(CLI::Range(uint64_t{1}, uint64_t{4096}));
  AddSecondsFlag(cmd, &b->max_seconds);
}

}  // namespace xxgk::cli
