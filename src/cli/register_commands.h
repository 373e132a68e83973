// `xxgk register import|list|due|findings|tables|draft|check|regulations|counts|synth`: the office's register
// of 依申请公开 applications (src/ledger, store/applications.h).
#pragma once

#include <memory>
#include <optional>

#include <CLI/CLI.hpp>

namespace xxgk::cli {

struct RegisterCommands;

std::shared_ptr<RegisterCommands> RegisterRegisterCommands(CLI::App& app);
// Runs the subcommand that was parsed, if it is one of these, and returns its exit code.
std::optional<int> RunRegisterCommands(RegisterCommands& commands);

}  // namespace xxgk::cli
