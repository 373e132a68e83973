// `xxgk user add|list|disable|enable|passwd`: the accounts of a shared server (store/accounts.h), managed
// from the command line (the administrator does the same in the web app).
#pragma once

#include <memory>
#include <optional>

#include <CLI/CLI.hpp>

namespace xxgk::cli {

struct AccountCommands;

std::shared_ptr<AccountCommands> RegisterAccountCommands(CLI::App& app);
// Runs the `user` subcommand that was parsed, if any, and returns its exit code.
std::optional<int> RunAccountCommands(AccountCommands& commands);

}  // namespace xxgk::cli
