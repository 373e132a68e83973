// `xxgk register import|list|due|findings|tables|draft|check|regulations|counts|synth`: the office's register
// of 依申请公开 applications (src/ledger, store/applications.h).
#pragma once

#include <memory>
#include <optional>

#include <CLI/CLI.hpp>

#include "core/result.h"
#include "report/report.h"

namespace xxgk::cli {

struct RegisterCommands;

// The report draft of a body's year from its registers in the store at `db` ("" for the default): the
// computed tables and the first texts (ledger/draft.h); its problems (a table not computed, and why) are
// printed on standard error. Shared by `register draft` and `template --register`.
Result<Report> RegisterDraft(const std::string& db, const std::string& body, int year, const std::string& signed_date);

std::shared_ptr<RegisterCommands> RegisterRegisterCommands(CLI::App& app);
// Runs the subcommand that was parsed, if it is one of these, and returns its exit code.
std::optional<int> RunRegisterCommands(RegisterCommands& commands);

}  // namespace xxgk::cli
