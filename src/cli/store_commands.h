// The corpus commands: ingest, recheck, list, show, compare, stats, missing, export, agency. They open the
// store given by --db (default sqlite:xxgk.db, or $XXGK_DB) and print tables on a terminal or JSON.
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <optional>

namespace xxgk::cli {

struct StoreCommands;

// Adds the subcommands to `app`; the returned object keeps their options.
std::shared_ptr<StoreCommands> RegisterStoreCommands(CLI::App& app);

// Runs the store subcommand that was parsed, if any, and returns its exit code.
std::optional<int> RunStoreCommands(StoreCommands& commands);

}  // namespace xxgk::cli
