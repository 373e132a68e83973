// xxgk command-line interface: `parse` prints the report JSON, `check` prints findings in Chinese.
// Exit codes (as ripgrep): 0 all inputs processed and no error finding; 1 error findings; 2 an input could
// not be processed (the others still are) or a usage error.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "cli/budget_flags.h"
#include "cli/human_output.h"
#include "cli/ordered_pool.h"
#include "cli/account_commands.h"
#include "cli/register_commands.h"
#include "cli/registry_commands.h"
#include "cli/author_commands.h"
#include "cli/inputs.h"
#include "cli/serve_command.h"
#include "cli/store_commands.h"
#include "core/json_dump.h"
#include "pipeline/pipeline.h"
#include "readers/registry.h"
#include "report/report_json.h"
#include "schema/format_spec.h"

namespace {

using namespace xxgk;

struct CommonFlags {
  std::vector<std::string> inputs;
  cli::InputBudget budget;
  bool no_narrative = false;
  bool trace_tables = false;
  unsigned jobs = 0;  // -j: worker threads (0: every core)
};

void PrintInputError(const std::string& path, const Error& e) {
  std::fprintf(stderr, "xxgk: %s: %s\n", cli::Printable(path).c_str(), ErrorText(e).c_str());
}

PipelineOptions MakeOptions(const CommonFlags& c) {
  PipelineOptions o;
  o.max_bytes = c.budget.max_mb << 20;
  o.max_seconds = c.budget.max_seconds;
  o.check_options.narrative = !c.no_narrative;
  o.trace_tables = c.trace_tables;
  return o;
}

// A write to standard output that fails: a closed pipe ends the run quietly (as `head` expects); any other
// failure (a full disk, /dev/full) is reported and the run fails (exit 2).
// Worker threads may still be running: the process ends at once (_Exit), without running destructors under them.
[[noreturn]] void StdoutFailed() {
  const int err = errno;
  if (err == EPIPE) std::_Exit(0);
  std::fprintf(stderr, "xxgk: 写入标准输出失败：%s\n", cli::WriteErrorText(err).c_str());
  std::fflush(stderr);
  std::_Exit(2);
}

void WriteOut(const std::string& s) {
  if (std::fwrite(s.data(), 1, s.size(), stdout) != s.size()) StdoutFailed();
}

// One input's outcome, made on a worker thread and printed on the main thread in input order.
struct Done {
  std::optional<Error> error;  // the input could not be processed
  std::string out;             // what to print on standard output
  std::string trace;           // --trace-tables, for standard error
  int errors = 0, warnings = 0, infos = 0;
};

// Reads and processes one file for a worker: the report, its findings counted into *d; or nothing, with
// d->error set.
std::optional<Report> Process(const std::string& path, const PipelineOptions& opts, Done* d) {
  auto data = cli::ReadInput(path, opts.max_bytes);
  Result<Report> report = data ? ProcessDocument(*data, cli::BaseName(path), opts) : tl::unexpected(data.error());
  if (!report) {
    d->error = report.error();
    return std::nullopt;
  }
  for (const auto& f : report->findings) {
    d->errors += f.severity == Severity::kError;
    d->warnings += f.severity == Severity::kWarning;
    d->infos += f.severity == Severity::kInfo;
  }
  return std::move(*report);
}

int RunParse(const CommonFlags& c, bool pretty, bool provenance, bool no_text) {
  const std::vector<std::string> files = cli::ExpandInputs(c.inputs);
  const PipelineOptions opts = MakeOptions(c);
  JsonOptions jopts;
  jopts.provenance = provenance;
  jopts.section_text = !no_text;
  const bool lines = files.size() > 1;
  int exit_code = kExitClean;
  cli::RunOrdered<Done>(
      files.size(), cli::JobsOrCores(c.jobs),
      [&](size_t i) {
        Done d;
        std::optional<Report> report = Process(files[i], opts, &d);
        if (!report) {
          if (lines) {
            WriteErrorJson(cli::BaseName(files[i]), *d.error, &d.out);
            d.out += "\n";
          }
          return d;
        }
        d.trace = std::move(report->table_trace);
        WriteReportJson(*report, &d.out, jopts);
        if (pretty && !lines) d.out = DumpJson(nlohmann::json::parse(d.out), 2);
        d.out.push_back('\n');
        return d;
      },
      [&](size_t i, Done&& d) {
        if (d.error) {
          PrintInputError(files[i], *d.error);
          exit_code = kExitUnprocessed;
        } else if (d.errors > 0 && exit_code == kExitClean) {
          exit_code = kExitErrorFindings;
        }
        if (!d.trace.empty()) std::fputs(d.trace.c_str(), stderr);
        WriteOut(d.out);
      });
  return exit_code;
}

int RunCheck(const CommonFlags& c, bool json, bool show_info) {
  const std::vector<std::string> files = cli::ExpandInputs(c.inputs);
  const PipelineOptions opts = MakeOptions(c);
  int processed = 0, failed = 0, with_errors = 0, errors = 0, warnings = 0, infos = 0;
  cli::RunOrdered<Done>(
      files.size(), cli::JobsOrCores(c.jobs),
      [&](size_t i) {
        Done d;
        std::optional<Report> report = Process(files[i], opts, &d);
        if (!report) return d;
        if (json) {
          JsonOptions jopts;
          jopts.section_text = false;
          WriteReportJson(*report, &d.out, jopts);
          d.out.push_back('\n');
        } else {
          d.out = cli::FormatReportFindings(files[i], *report, show_info);
        }
        return d;
      },
      [&](size_t i, Done&& d) {
        if (d.error) {
          std::fflush(stdout);
          PrintInputError(files[i], *d.error);
          ++failed;
          return;
        }
        ++processed;
        errors += d.errors;
        warnings += d.warnings;
        infos += d.infos;
        with_errors += d.errors > 0;
        WriteOut(d.out);
      });
  if (!json) {
    std::string summary = "汇总：检查 " + std::to_string(processed + failed) + " 个文件，" + std::to_string(with_errors) +
                          " 个有错误；共 " + std::to_string(errors) + " 个错误、" + std::to_string(warnings) + " 个警告、" +
                          std::to_string(infos) + " 个提示；" + std::to_string(failed) + " 个文件无法处理。\n";
    WriteOut(summary);
  }
  return failed > 0 ? kExitUnprocessed : errors > 0 ? kExitErrorFindings : kExitClean;
}

// Prints the document model as a reader produced it: one line per paragraph or table row, with provenance.
int RunDump(const CommonFlags& c) {
  const std::vector<std::string> files = cli::ExpandInputs(c.inputs);
  int exit_code = kExitClean;
  cli::RunOrdered<Done>(
      files.size(), cli::JobsOrCores(c.jobs),
      [&](size_t i) {
        Done d;
        const std::string& path = files[i];
        auto data = cli::ReadInput(path, c.budget.max_mb << 20);
        Document doc;
        ReadLimits limits;
        limits.deadline = Deadline::After(c.budget.max_seconds);
        Result<void> ok = data ? ReadDocument(*data, &doc, limits) : tl::unexpected(data.error());
        if (!ok) {
          d.error = ok.error();
          return d;
        }
        d.out = "== " + path + "  [" + doc.source.media_type + ", " + doc.source.encoding + "]\n";
        for (const Block& b : doc.blocks) {
          if (b.kind == BlockKind::kTable) {
            for (const auto& row : b.rows) {
              d.out += cli::LocationText(row.empty() ? b.at : row.front().at) + "\t|";
              for (const Cell& cell : row) d.out += (cell.covered ? std::string("^") : std::string(cell.text)) + "|";
              d.out += "\n";
            }
          } else {
            d.out += cli::LocationText(b.at) + "\t" + std::string(b.text) + "\n";
          }
        }
        return d;
      },
      [&](size_t i, Done&& d) {
        if (d.error) {
          PrintInputError(files[i], *d.error);
          exit_code = kExitUnprocessed;
          return;
        }
        WriteOut(d.out);
      });
  return exit_code;
}

int RunFormats(bool json) {
  if (json) {
    std::string out;
    WriteFormatsJson(&out);
    WriteOut(out + "\n");
    return 0;
  }
  for (const auto& f : AllFormats()) {
    std::string years = std::to_string(f.year_from) + "–" + (f.year_to == 9999 ? std::string() : std::to_string(f.year_to));
    std::printf("%-14s %s〔%s〕 %s：%zu 个单元格，%zu 条勾稽规则\n", f.id.c_str(), f.source.c_str(), years.c_str(), f.title.c_str(),
                f.cells.size(), f.constraints.size());
  }
  return 0;
}

// The rule registry: for officers (a table in Chinese), as JSON, or as the Markdown tables of docs/rules.md
// (which are this output; tests/cli/commands.sh keeps them equal).
int RunRules(bool json, bool markdown) {
  std::string out;
  if (json) {
    WriteRulesJson(&out);
    out += "\n";
  } else if (markdown) {
    for (RuleScope scope : {RuleScope::kReport, RuleScope::kCorpus, RuleScope::kLedger}) {
      out += scope == RuleScope::kReport   ? "<!-- rules of one report: generated by `xxgk rules --markdown` from src/schema/rules.cc -->\n"
             : scope == RuleScope::kCorpus ? "<!-- rules over the corpus: generated by `xxgk rules --markdown` from src/schema/rules.cc -->\n"
                                           : "<!-- rules over the register: generated by `xxgk rules --markdown` from src/schema/rules.cc -->\n";
      out += "| rule | severity | title | what it checks | the fix | where |\n|---|---|---|---|---|---|\n";
      for (const RuleInfo& r : AllRules()) {
        if (r.scope != scope) continue;
        out += "| " + std::string(r.id) + " | " + SeverityName(r.severity) + " | " + std::string(r.title) + " | " +
               std::string(r.checks) + " | " + std::string(r.fix) + " | " + std::string(r.where) + " |\n";
      }
      out += "<!-- end of generated rules -->\n";
      if (scope != RuleScope::kLedger) out += "\n";
    }
  } else {
    for (const RuleInfo& r : AllRules()) {
      out += std::string(r.id) + "\t" + SeverityChinese(r.severity) + "\t" + std::string(r.title) +
             (r.scope == RuleScope::kCorpus ? "（跨年度）" : r.scope == RuleScope::kLedger ? "（台账）" : "") + "\n\t" + std::string(r.fix) + "\n";
    }
  }
  WriteOut(out);
  return 0;
}

// --formats-dir: every *.json of the folder (by name) joins the built-in formats, before any is used.
bool AddFormatsFrom(const std::string& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".json") names.push_back(e.path().string());
  }
  if (ec) {
    std::fprintf(stderr, "xxgk: --formats-dir %s: 无法读取目录（%s）\n", cli::Printable(dir).c_str(), ec.message().c_str());
    return false;
  }
  std::sort(names.begin(), names.end());
  std::vector<std::string> texts;
  for (const std::string& name : names) {
    auto text = cli::ReadInput(name, 16u << 20);
    if (!text) {
      std::fprintf(stderr, "xxgk: %s: %s\n", cli::Printable(name).c_str(), ErrorText(text.error()).c_str());
      return false;
    }
    texts.push_back(std::move(*text));
  }
  if (auto added = AddFormats(std::move(texts)); !added) {
    std::fprintf(stderr, "xxgk: --formats-dir %s: %s\n", cli::Printable(dir).c_str(), ErrorText(added.error()).c_str());
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"xxgk: reads, checks and explains 政府信息公开工作年度报告 (government information-disclosure annual reports)."};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("xxgk 0.1.0"));

  std::string formats_dir;
  app.add_option("--formats-dir", formats_dir,
                 "Also load the report formats (*.json, as in formats/) of this folder: try a new format version "
                 "without rebuilding")
      ->check(CLI::ExistingDirectory);

  CommonFlags common;
  bool pretty = false, provenance = false, no_text = false, json_flag = false;
  auto* parse = app.add_subcommand("parse", "Print the report JSON (xxgk/report@1) of each input; JSON Lines for several.");
  parse->add_option("inputs", common.inputs, "Files or directories; - reads standard input")->required();
  parse->add_flag("--json", json_flag, "JSON output (the default; accepted for clarity)");
  parse->add_flag("--pretty", pretty, "Indent the JSON of a single report");
  parse->add_flag("--provenance", provenance, "Add cells_at: where each table cell was read");
  parse->add_flag("--no-section-text", no_text, "Leave out the section texts");
  cli::AddInputBudgetFlags(parse, &common.budget);
  parse->add_flag("--no-narrative", common.no_narrative, "Do not compare narrative numbers with the tables (C13)");
  parse->add_option("-j,--jobs", common.jobs, "Worker threads (default: every core); output stays in input order");
  parse->add_flag("--trace-tables", common.trace_tables, "Print to stderr how each table row was aligned (for developers)");

  bool check_json = false, show_info = false;
  auto* check = app.add_subcommand("check", "Check reports and print their findings in Chinese, grouped by file.");
  check->add_option("inputs", common.inputs, "Files or directories; - reads standard input")->required();
  check->add_flag("--json", check_json, "Print one report JSON per line instead of text");
  check->add_flag("--info", show_info, "Also show info findings (repairs, label variants)");
  cli::AddInputBudgetFlags(check, &common.budget);
  check->add_option("-j,--jobs", common.jobs, "Worker threads (default: every core); output stays in input order");
  check->add_flag("--no-narrative", common.no_narrative, "Do not compare narrative numbers with the tables (C13)");

  auto* formats = app.add_subcommand("formats", "List the report formats (built in, and those of --formats-dir).");
  bool formats_json = false;
  formats->add_flag("--json", formats_json, "As JSON (as GET /api/formats serves it)");
  bool rules_json = false, rules_markdown = false;
  auto* rules = app.add_subcommand("rules", "List the rules a finding can name: id, severity, title and the fix.");
  rules->add_flag("--json", rules_json, "As JSON (the registry, as GET /api/rules serves it)");
  rules->add_flag("--markdown", rules_markdown, "As the Markdown tables of docs/rules.md");
  auto* dump = app.add_subcommand("dump", "Print the document model a reader builds (paragraphs and table rows), for debugging.");
  dump->add_option("inputs", common.inputs, "Files or directories; - reads standard input")->required();
  dump->add_option("-j,--jobs", common.jobs, "Worker threads (default: every core); output stays in input order");
  cli::AddInputBudgetFlags(dump, &common.budget);

  auto store_commands = cli::RegisterStoreCommands(app);
  auto author_commands = cli::RegisterAuthorCommands(app);
  auto serve_command = cli::RegisterServeCommand(app);
  auto account_commands = cli::RegisterAccountCommands(app);
  auto registry_commands = cli::RegisterRegistryCommands(app);
  auto register_commands = cli::RegisterRegisterCommands(app);

  // A first word that is no subcommand is named (CLI11 would only say that a subcommand is required).
  if (argc > 1 && argv[1][0] != '-') {
    bool known = false;
    std::string names;
    for (const CLI::App* sub : app.get_subcommands({})) {
      known |= sub->get_name() == argv[1];
      names += (names.empty() ? "" : ", ") + sub->get_name();
    }
    if (!known) {
      std::fprintf(stderr, "xxgk: 没有这个子命令：%s\n可用的子命令：%s（xxgk --help 查看说明）\n", cli::Printable(argv[1]).c_str(),
                   names.c_str());
      return 2;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  if (!formats_dir.empty() && !AddFormatsFrom(formats_dir)) return 2;
  // Write errors are reported, not lost: a broken pipe is an EPIPE error, not a signal.
  std::signal(SIGPIPE, SIG_IGN);
  int rc = 2;
  try {
    if (*parse) rc = RunParse(common, pretty, provenance, no_text);
    else if (*check) rc = RunCheck(common, check_json, show_info);
    else if (*formats) rc = RunFormats(formats_json);
    else if (*rules) rc = RunRules(rules_json, rules_markdown);
    else if (*dump) rc = RunDump(common);
    else if (auto r = cli::RunStoreCommands(*store_commands)) rc = *r;
    else if (auto r2 = cli::RunAuthorCommands(*author_commands)) rc = *r2;
    else if (auto r3 = cli::RunServeCommand(*serve_command)) rc = *r3;
    else if (auto r4 = cli::RunAccountCommands(*account_commands)) rc = *r4;
    else if (auto r5 = cli::RunRegistryCommands(*registry_commands)) rc = *r5;
    else if (auto r6 = cli::RunRegisterCommands(*register_commands)) rc = *r6;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "xxgk: internal error: %s\n", e.what());
    return 2;
  }
  if (std::fflush(stdout) != 0 || std::ferror(stdout)) StdoutFailed();
  return rc;
}
