// The authoring commands: `template` (a blank fill-in for a year), `render` (a report in the official
// layout as md/html/docx/txt, optionally with computed totals) and `synth` (a synthetic corpus with
// injected defects and the expected findings beside each file).
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <optional>

namespace xxgk::cli {

struct AuthorCommands;

std::shared_ptr<AuthorCommands> RegisterAuthorCommands(CLI::App& app);
std::optional<int> RunAuthorCommands(AuthorCommands& commands);

}  // namespace xxgk::cli
