// The per-document budgets every command that reads reports takes (parse, check, dump, ingest, serve), as
// one set of flags with one validation: sizes and seconds out of range are refused by the parser.
#pragma once

#include <cstdint>

#include <CLI/CLI.hpp>

namespace xxgk::cli {

struct InputBudget {
  uint64_t max_mb = 64;      // --max-mb (1–4096)
  double max_seconds = 10;   // --max-seconds (0.1–3600)
};

inline void AddInputBudgetFlags(CLI::App* cmd, InputBudget* b, const char* size_flag = "--max-mb") {
  cmd->add_option(size_flag, b->max_mb, "Refuse inputs larger than this many MiB (1–4096)")
      ->default_val(b->max_mb)
      ->check(CLI::Range(uint64_t{1}, uint64_t{4096}));
  cmd->add_option("--max-seconds", b->max_seconds, "Stop a document after this many seconds of work (0.1–3600)")
      ->default_val(b->max_seconds)
      ->check(CLI::Range(0.1, 3600.0));
}

}  // namespace xxgk::cli
