// `xxgk registry import|list|show|move|alias|unmatched|match` (the registry of bodies that must report,
// store/registry.h) and `xxgk coverage` (who has published a year, store/coverage.h).
#pragma once

#include <memory>
#include <optional>

#include <CLI/CLI.hpp>

namespace xxgk::cli {

struct RegistryCommands;

std::shared_ptr<RegistryCommands> RegisterRegistryCommands(CLI::App& app);
// Runs the subcommand that was parsed, if it is one of these, and returns its exit code.
std::optional<int> RunRegistryCommands(RegistryCommands& commands);

}  // namespace xxgk::cli
