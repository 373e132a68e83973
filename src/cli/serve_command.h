// `xxgk serve`: starts the web app and API (server/server.h).
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <optional>

namespace xxgk::cli {

struct ServeCommand;

std::shared_ptr<ServeCommand> RegisterServeCommand(CLI::App& app);
std::optional<int> RunServeCommand(ServeCommand& command);

}  // namespace xxgk::cli
