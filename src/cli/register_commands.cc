#include "cli/register_commands.h"

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <unistd.h>

#include "cli/inputs.h"
#include "cli/text_table.h"
#include "core/clock.h"
#include "core/json_dump.h"
#include "core/numbers.h"
#include "ingest/table_file.h"
#include "ledger/draft.h"
#include "ledger/ledger_json.h"
#include "ledger/synth.h"
#include "pipeline/pipeline.h"
#include "render/render.h"
#include "report/report_json.h"
#include "store/applications.h"
#include "store/queries.h"

namespace xxgk::cli {

struct RegisterCommands {
  CLI::App *root = nullptr, *import = nullptr, *list = nullptr, *due = nullptr, *tables = nullptr, *draft = nullptr,
           *check = nullptr, *findings = nullptr, *regulations = nullptr, *counts = nullptr, *synth = nullptr;
  std::string db, file, body, mapping, date, to = "docx", out, signed_date, report;
  std::optional<double> licenses, penalties, coercions, fees_wan;
  bool replace = false, dry_run = false, json_out = false, all = false, members = false;
  int year = 0, count = 2000;
  uint64_t seed = 1;
};

namespace {

using nlohmann::json;
constexpr const char* kActor = "命令行";


Result<std::unique_ptr<store::Store>> Open(const RegisterCommands& c, store::OpenMode mode = store::OpenMode::kExisting) {
  return store::Store::Open(c.db.empty() ? DefaultStoreUrl() : c.db, mode);
}

// The body whose register it is: a number, or a name (created when importing into an empty store).
Result<int64_t> Body(store::Store* s, const std::string& text, bool create) {
  if (!text.empty() && text.find_first_not_of("0123456789") == std::string::npos && text.size() < 18) return std::stoll(text);
  if (create) return s->ResolveAgency(text);
  auto id = s->LookupAgency(text);
  if (!id) return tl::unexpected(id.error());
  if (!*id) return MakeError(ErrorCode::kInvalidArgument, "库中没有机关“" + Printable(text) + "”", "先用 xxgk register import 导入它的台账");
  return **id;
}

std::string Today(const RegisterCommands& c) { return c.date.empty() ? TodayIso() : c.date; }

Result<std::vector<std::vector<std::string>>> Rows(const std::string& path) {
  auto bytes = ReadInput(path, 64u << 20);
  if (!bytes) return tl::unexpected(bytes.error());
  return ReadTableRows(*bytes, BaseName(path));
}

int RunImport(RegisterCommands& c) {
  auto rows = Rows(c.file);
  if (!rows) return Fail(rows.error());
  // A dry run writes nothing: a store or a body not there yet is an empty register.
  auto st = Open(c, c.dry_run ? store::OpenMode::kExisting : store::OpenMode::kCreate);
  if (!st && !c.dry_run) return Fail(st.error());
  Result<int64_t> body = int64_t{0};
  if (st) {
    body = Body(st->get(), c.body, !c.dry_run);
    if (!body && !c.dry_run) return Fail(body.error());
    if (!body) body = int64_t{0};
  }
  ledger::ColumnMapping mapping;
  if (!c.mapping.empty()) {
    auto text = ReadInput(c.mapping, 1u << 20);
    if (!text) return Fail(text.error());
    const json j = json::parse(*text, nullptr, false);
    auto m = j.is_discarded() ? Result<ledger::ColumnMapping>(MakeError(ErrorCode::kInvalidArgument, c.mapping + " 不是 JSON"))
                              : ledger::MappingFromJson(j);
    if (!m) return Fail(m.error());
    mapping = *m;
  } else if (*body != 0) {
    auto saved = store::LoadMapping(st->get(), *body);
    if (!saved) return Fail(saved.error());
    mapping = *saved;
  }
  const ledger::LedgerImport r = ledger::ReadLedger(*rows, mapping);
  const std::string name = BaseName(c.file);
  if (!r.errors.empty()) {
    std::fprintf(stderr, "xxgk: %s：%zu 处无法读取，未导入任何记录：\n", Printable(name).c_str(), r.errors.size());
    for (const auto& e : r.errors) std::fprintf(stderr, "  %s\n", ledger::ImportErrorText(e).c_str());
    return kExitUnprocessed;
  }
  const auto mode = c.replace ? store::LedgerMode::kReplace : store::LedgerMode::kMerge;
  auto s = !c.dry_run ? store::ImportApplications(st->get(), *body, r.apps, mode, r.mapping, kActor, name)
           : *body != 0 ? store::PlanApplications(st->get(), *body, r.apps, mode)
                        : Result<store::LedgerImportSummary>(store::LedgerImportSummary{r.apps.size(), 0, 0, 0});
  if (!s) return Fail(s.error());
  if (c.json_out) {
    Print(DumpJson({{"added", s->added}, {"updated", s->updated}, {"unchanged", s->unchanged}, {"removed", s->removed},
                    {"header_row", r.header_row}, {"blank_rows", r.blank_rows}, {"mapping", ledger::MappingJson(r.mapping)},
                    {"unused_columns", r.unused_columns}, {"dry_run", c.dry_run}},
                   2) +
          "\n");
    return kExitClean;
  }
  std::string out = "表头在第 " + std::to_string(r.header_row) + " 行；列对应：";
  bool first = true;
  for (const auto& [f, header] : r.mapping) out += std::string(first ? "" : "、") + ledger::FieldChinese(f) + "←" + header, first = false;
  out += "\n";
  if (!r.unused_columns.empty()) {
    out += "未使用的列：";
    for (size_t i = 0; i < r.unused_columns.size(); ++i) out += (i ? "、" : "") + r.unused_columns[i];
    out += "（可用 --mapping 指定）\n";
  }
  out += std::string(c.dry_run ? "将导入" : "已导入") + " " + std::to_string(r.apps.size()) + " 件申请：新增 " + std::to_string(s->added) +
         "，更新 " + std::to_string(s->updated) + "，未变 " + std::to_string(s->unchanged) +
         (c.replace ? "，删除 " + std::to_string(s->removed) : "") + "；跳过空行 " + std::to_string(r.blank_rows) + " 行。\n";
  if (c.dry_run) out += "（预览，未做任何修改；去掉 --dry-run 即导入）\n";
  Print(out);
  return kExitClean;
}

Result<std::vector<ledger::Application>> Apps(store::Store* s, int64_t body) { return store::LoadApplications(s, body); }

int RunList(RegisterCommands& c) {
  auto st = Open(c);
  if (!st) return Fail(st.error());
  auto body = Body(st->get(), c.body, false);
  if (!body) return Fail(body.error());
  auto apps = Apps(st->get(), *body);
  if (!apps) return Fail(apps.error());
  std::vector<const ledger::Application*> shown;
  for (const auto& a : *apps) {
    const std::string y = c.year ? std::to_string(c.year) : "";
    if (y.empty() || a.ReceiptDate().starts_with(y) || a.replied.starts_with(y)) shown.push_back(&a);
  }
  if (c.json_out) {
    json out = json::array();
    for (const auto* a : shown) out.push_back(ledger::ApplicationJson(*a));
    Print(DumpJson(out, 2) + "\n");
    return kExitClean;
  }
  TextTable t({"编号", "收到日期", "渠道", "申请人类型", "申请人", "答复日期", "办理结果"});
  for (const auto* a : shown) {
    t.Add({a->serial, a->ReceiptDate(), ledger::ChannelChinese(a->channel), std::string(ledger::ApplicantChinese(a->kind)), a->applicant,
           a->replied.empty() ? "—" : a->replied, a->outcome.empty() ? "办理中" : ledger::OutcomeChinese(a->outcome)});
  }
  Print(t.Render() + "共 " + std::to_string(shown.size()) + " 件。\n");
  return kExitClean;
}

int RunDue(RegisterCommands& c) {
  auto st = Open(c);
  if (!st) return Fail(st.error());
  auto body = Body(st->get(), c.body, false);
  if (!body) return Fail(body.error());
  auto apps = Apps(st->get(), *body);
  if (!apps) return Fail(apps.error());
  const std::string today = Today(c);
  const ledger::DueList d = ledger::ComputeDueList(*apps, today);
  bool errors = !d.errors.empty();
  for (const auto& f : d.findings) errors = errors || f.severity == Severity::kError;
  if (c.json_out) {
    Print(DumpJson(ledger::DueListJson(d, today, !c.all), 2) + "\n");
    return errors ? kExitErrorFindings : kExitClean;
  }
  TextTable t({"编号", "收到日期", "答复期限", "状态", "剩余/逾期（工作日）", "申请人"});
  t.AlignRight({4});
  int overdue = 0, soon = 0, open = 0;
  for (const auto& i : d.items) {
    const bool is_open = ledger::IsOpen(i.state);
    overdue += i.state == ledger::DueState::kOverdue;
    soon += i.state == ledger::DueState::kDueSoon;
    open += is_open;
    if (!is_open && !(c.all && i.state == ledger::DueState::kRepliedLate)) continue;
    if (!c.all && i.state == ledger::DueState::kOpen) continue;
    const std::string left = i.state == ledger::DueState::kOverdue || i.state == ledger::DueState::kRepliedLate
                                 ? "逾期 " + std::to_string(i.days_late)
                                 : i.state == ledger::DueState::kAwaitingCorrection ? "—" : std::to_string(i.working_days_left);
    t.Add({i.app->serial, i.app->ReceiptDate(), i.deadline.due.empty() ? "—" : i.deadline.due, ledger::DueStateChinese(i.state), left,
           i.app->applicant});
  }
  std::string out = "截至 " + today + "：办理中 " + std::to_string(open) + " 件，其中已逾期 " + std::to_string(overdue) + " 件、" +
                    std::to_string(ledger::kDueSoonWorkingDays) + " 个工作日内到期 " + std::to_string(soon) + " 件。\n";
  if (!t.empty()) out += t.Render();
  for (const auto& f : d.findings) out += std::string("[") + SeverityChinese(f.severity) + " " + std::string(InfoOf(f.rule).id) + "] " + f.message + "\n";
  for (const auto& e : d.errors) out += "[无法计算] " + e + "\n";
  Print(out);
  return errors ? kExitErrorFindings : kExitClean;
}

int RunFindings(RegisterCommands& c) {
  auto st = Open(c);
  if (!st) return Fail(st.error());
  auto body = Body(st->get(), c.body, false);
  if (!body) return Fail(body.error());
  auto apps = Apps(st->get(), *body);
  if (!apps) return Fail(apps.error());
  const std::string today = Today(c);
  ledger::DueList d = ledger::ComputeDueList(*apps, today);
  const ledger::FeeReview fees = ledger::ReviewFees(*apps);
  d.findings.insert(d.findings.end(), fees.findings.begin(), fees.findings.end());
  bool errors = !d.errors.empty();
  json out = json::array();
  std::string text;
  for (const auto& f : d.findings) {
    errors = errors || f.severity == Severity::kError;
    out.push_back(ledger::FindingJson(f));
    text += std::string("[") + SeverityChinese(f.severity) + " " + std::string(InfoOf(f.rule).id) + " " + std::string(InfoOf(f.rule).title) + "] " + f.message + "\n";
  }
  for (const auto& e : d.errors) text += "[无法计算] " + e + "\n";
  if (c.json_out) Print(DumpJson({{"today", today}, {"findings", out}, {"errors", d.errors}}, 2) + "\n");
  else Print(text.empty() ? "台账未发现问题。\n" : text);
  return errors ? kExitErrorFindings : kExitClean;
}

void PrintTable3(const ledger::LedgerTables& t) {
  const FormatSpec& f = *t.report.format;
  std::vector<std::string> head = {"表三"};
  for (const auto& col : f.t3_cols) head.push_back(col.label.text);
  TextTable tt(head);
  std::vector<size_t> right;
  for (size_t i = 1; i <= f.t3_cols.size(); ++i) right.push_back(i);
  tt.AlignRight(right);
  for (size_t r = 0; r < f.t3_rows.size(); ++r) {
    std::vector<std::string> row = {f.t3_rows[r].short_name.empty() ? f.t3_rows[r].label.text : f.t3_rows[r].short_name};
    for (size_t col = 0; col < f.t3_cols.size(); ++col) {
      const CellValue& v = t.report.cells[f.T3Cell(static_cast<int>(r), static_cast<int>(col))];
      row.push_back(v.state == CellState::kValue ? FormatNumber(v.value) : "—");
    }
    tt.Add(row);
  }
  Print(tt.Render());
}

int RunTables(RegisterCommands& c) {
  auto st = Open(c);
  if (!st) return Fail(st.error());
  auto body = Body(st->get(), c.body, false);
  if (!body) return Fail(body.error());
  auto t = store::LedgerTablesOf(st->get(), *body, c.year);
  if (!t) return Fail(t.error());
  if (c.json_out) {
    Print(DumpJson(ledger::TablesJson(*t, c.members), 2) + "\n");
  } else {
    PrintTable3(*t);
    const FormatSpec& f = *t->report.format;
    std::string t4 = "表四：";
    for (int i = f.table_begin[2]; i < f.table_end[2]; ++i) {
      if (f.cells[i].col == "total") {
        t4 += f.cells[i].label + " " + (t->report.HasValue(i) ? FormatNumber(t->report.cells[i].value) : "—") + "；";
      }
    }
    Print(t4 + "\n");
    for (const auto& p : t->problems) Print("[注意] " + p + "\n");
  }
  bool t3_missing = false;
  for (int i = t->report.format->table_begin[1]; i < t->report.format->table_end[1]; ++i) t3_missing = t3_missing || !t->report.HasValue(i);
  return t3_missing ? kExitErrorFindings : kExitClean;
}

int RunDraft(RegisterCommands& c) {
  auto draft = RegisterDraft(c.db, c.body, c.year, c.signed_date);
  if (!draft) return Fail(draft.error());
  if (c.to == "json") {
    std::string out;
    WriteReportJson(*draft, &out);
    return WriteAll(c.out, out + "\n") ? kExitClean : kExitUnprocessed;
  }
  RenderFormat format;
  if (!ParseRenderFormat(c.to, &format)) return Fail(Error{ErrorCode::kInvalidArgument, "--to 只能是 md、html、docx、txt 或 json", ""});
  if (format == RenderFormat::kDocx && (c.out.empty() || c.out == "-") && isatty(1)) {
    return Fail(Error{ErrorCode::kInvalidArgument, "Word 文件是二进制，请用 --out 指定文件名", ""});
  }
  auto out = RenderReport(*draft, format);
  if (!out) return Fail(out.error());
  return WriteAll(c.out, *out) ? kExitClean : kExitUnprocessed;
}

int RunCheck(RegisterCommands& c) {
  auto st = Open(c);
  if (!st) return Fail(st.error());
  auto body = Body(st->get(), c.body, false);
  if (!body) return Fail(body.error());
  auto t = store::LedgerTablesOf(st->get(), *body, c.year);
  if (!t) return Fail(t.error());
  std::optional<Report> published;
  if (!c.report.empty()) {
    auto bytes = ReadInput(c.report, 64u << 20);
    if (!bytes) return Fail(bytes.error());
    auto r = ProcessDocument(*bytes, BaseName(c.report));
    if (!r) return Fail(Error{r.error().code, BaseName(c.report) + "：" + r.error().message, r.error().hint});
    published = std::move(*r);
  } else {
    auto r = store::CurrentReport(st->get(), *body, c.year);
    if (!r) return Fail(r.error());
    if (!*r) return Fail(Error{ErrorCode::kInvalidArgument, "库中没有该机关 " + std::to_string(c.year) + " 年度的报告", "用 --report 指定报告文件"});
    published = std::move(**r);
  }
  auto d = ledger::CrossCheck(*t, *published);
  if (!d) return Fail(d.error());
  if (c.json_out) {
    Print(DumpJson({{"year", c.year}, {"disagreements", ledger::DisagreementsJson(*d)}, {"problems", t->problems}}, 2) + "\n");
  } else if (d->empty()) {
    Print("报告表三、表四与台账一致" + std::string(t->problems.empty() ? "。" : "（台账有未能计算的部分，见下）。") + "\n");
  } else {
    for (const auto& f : ledger::DisagreementFindings(*d)) Print("[错误 A4] " + f.message + "\n");
  }
  for (const auto& p : t->problems) Print("[注意] " + p + "\n");
  return d->empty() ? kExitClean : kExitErrorFindings;
}

int RunRegulations(RegisterCommands& c) {
  auto rows = Rows(c.file);
  if (!rows) return Fail(rows.error());
  const ledger::RegulationImport r = ledger::ReadRegulations(*rows);
  if (!r.errors.empty()) {
    std::fprintf(stderr, "xxgk: %s：%zu 处无法读取，未导入：\n", Printable(BaseName(c.file)).c_str(), r.errors.size());
    for (const auto& e : r.errors) std::fprintf(stderr, "  %s\n", ledger::ImportErrorText(e).c_str());
    return kExitUnprocessed;
  }
  auto st = Open(c, store::OpenMode::kCreate);
  if (!st) return Fail(st.error());
  auto body = Body(st->get(), c.body, true);
  if (!body) return Fail(body.error());
  if (auto ok = store::ReplaceRegulations(st->get(), *body, r.regulations, kActor); !ok) return Fail(ok.error());
  Print("已导入规章和规范性文件 " + std::to_string(r.regulations.size()) + " 件。\n");
  return kExitClean;
}

int RunCounts(RegisterCommands& c) {
  auto st = Open(c, store::OpenMode::kCreate);
  if (!st) return Fail(st.error());
  auto body = Body(st->get(), c.body, true);
  if (!body) return Fail(body.error());
  auto have = store::LoadAnnualCounts(st->get(), *body, c.year);
  if (!have) return Fail(have.error());
  ledger::AnnualCounts n = *have;
  for (auto [given, into] : {std::pair{&c.licenses, &n.licenses}, {&c.penalties, &n.penalties}, {&c.coercions, &n.coercions}, {&c.fees_wan, &n.fees_wan}}) {
    if (*given) {
      if (**given < 0) return Fail(Error{ErrorCode::kInvalidArgument, "数量和金额不能为负数", ""});
      *into = **given;
    }
  }
  if (auto ok = store::SaveAnnualCounts(st->get(), *body, c.year, n, kActor); !ok) return Fail(ok.error());
  auto show = [](const std::optional<double>& v) { return v ? FormatNumber(*v) : std::string("未填"); };
  Print(std::to_string(c.year) + " 年：行政许可 " + show(n.licenses) + "，行政处罚 " + show(n.penalties) + "，行政强制 " + show(n.coercions) +
        "，行政事业性收费 " + show(n.fees_wan) + " 万元。\n");
  return kExitClean;
}

// A generated office's year: ledger.xlsx, regulations.csv, counts.json and expected.json.
int RunSynth(RegisterCommands& c) {
  auto s = ledger::MakeLedgerYear({.seed = c.seed, .year = c.year, .count = c.count});
  if (!s) return Fail(s.error());
  std::error_code ec;
  std::filesystem::create_directories(c.out, ec);
  if (ec) return Fail(Error{ErrorCode::kIoError, "无法创建目录 " + Printable(c.out) + "：" + ec.message(), ""});
  if (auto ok = ledger::WriteLedgerXlsx(s->apps, c.out + "/ledger.xlsx", c.seed); !ok) return Fail(ok.error());
  const json counts = {{"licenses", *s->counts.licenses}, {"penalties", *s->counts.penalties}, {"coercions", *s->counts.coercions},
                       {"fees_wan", *s->counts.fees_wan}};
  if (!WriteAll(c.out + "/regulations.csv", ledger::RegulationsCsv(s->regulations)) ||
      !WriteAll(c.out + "/counts.json", DumpJson(counts, 2) + "\n") || !WriteAll(c.out + "/expected.json", DumpJson(s->expected, 2) + "\n")) {
    return kExitUnprocessed;
  }
  std::fprintf(stderr, "已在 %s 生成 %d 年度的申请台账（ledger.xlsx，%zu 件）、规章和规范性文件（regulations.csv）、表二数据（counts.json）；expected.json 列出应得的结果。\n",
               c.out.c_str(), c.year, s->apps.size());
  return kExitClean;
}

}  // namespace

Result<Report> RegisterDraft(const std::string& db, const std::string& body_text, int year, const std::string& signed_date) {
  auto st = store::Store::Open(db.empty() ? DefaultStoreUrl() : db, store::OpenMode::kExisting);
  if (!st) return tl::unexpected(st.error());
  auto body = Body(st->get(), body_text, false);
  if (!body) return tl::unexpected(body.error());
  auto t = store::LedgerTablesOf(st->get(), *body, year);
  if (!t) return tl::unexpected(t.error());
  auto info = store::AgencyInfo(st->get(), *body);
  if (!info) return tl::unexpected(info.error());
  if (!*info) return MakeError(ErrorCode::kInvalidArgument, "库中没有编号为 " + std::to_string(*body) + " 的机关");
  for (const auto& p : t->problems) std::fprintf(stderr, "[注意] %s\n", p.c_str());
  return ledger::DraftReport(*t, (**info)["name"].get<std::string>(), signed_date);
}

std::shared_ptr<RegisterCommands> RegisterRegisterCommands(CLI::App& app) {
  auto c = std::make_shared<RegisterCommands>();
  c->root = app.add_subcommand("register", "The office's register of 依申请公开 applications: deadlines, fees, the report's tables.");
  c->root->require_subcommand(1);
  auto db = [&](CLI::App* s) { s->add_option("--db", c->db, "Store URL (default $XXGK_DB or sqlite:xxgk.db)"); };
  auto body = [&](CLI::App* s) { s->add_option("--body", c->body, "The body whose register it is (name or number)")->required(); };
  auto year = [&](CLI::App* s) { s->add_option("--year", c->year, "The year reported on")->required(); };

  c->import = c->root->add_subcommand("import", "Import an Excel or CSV ledger (all rows or none).");
  c->import->add_option("file", c->file, "The ledger (.xlsx or .csv)")->required();
  body(c->import);
  db(c->import);
  c->import->add_option("--mapping", c->mapping, "JSON {field: header} naming the columns (default: the body's saved mapping)");
  c->import->add_flag("--replace", c->replace, "The register becomes the file (applications it lacks are deleted)");
  c->import->add_flag("--dry-run", c->dry_run, "Show what would be imported; change nothing");
  c->import->add_flag("--json", c->json_out, "As JSON");

  c->list = c->root->add_subcommand("list", "List the applications.");
  body(c->list);
  db(c->list);
  c->list->add_option("--year", c->year, "Only those received or replied in this year");
  c->list->add_flag("--json", c->json_out, "As JSON");

  c->due = c->root->add_subcommand("due", "Deadlines: the overdue applications and those due within five working days.");
  body(c->due);
  db(c->due);
  c->due->add_option("--date", c->date, "The day to look from (default today)");
  c->due->add_flag("--all", c->all, "Every open application, and the replies that were late");
  c->due->add_flag("--json", c->json_out, "As JSON");

  c->findings = c->root->add_subcommand("findings", "Every finding on the register: late replies (A1), 延期 (A2), fees (A3), dates (A5).");
  body(c->findings);
  db(c->findings);
  c->findings->add_option("--date", c->date, "The day to look from (default today)");
  c->findings->add_flag("--json", c->json_out, "As JSON");

  c->tables = c->root->add_subcommand("tables", "Tables 2, 3 and 4 of a year, computed from the registers.");
  body(c->tables);
  year(c->tables);
  db(c->tables);
  c->tables->add_flag("--json", c->json_out, "As JSON (the shape of the template's tables)");
  c->tables->add_flag("--members", c->members, "With --json: the applications counted in each cell");

  c->draft = c->root->add_subcommand("draft", "A report draft with the computed tables, rendered.");
  body(c->draft);
  year(c->draft);
  db(c->draft);
  c->draft->add_option("--to", c->to, "docx | html | md | txt | json (a report JSON for xxgk render)")->default_val("docx");
  c->draft->add_option("--out", c->out, "Output file (default standard output)");
  c->draft->add_option("--signed", c->signed_date, "The signature date (ISO)");

  c->check = c->root->add_subcommand("check", "Compare a published report's tables 3 and 4 with the register's, cell by cell.");
  body(c->check);
  year(c->check);
  db(c->check);
  c->check->add_option("--report", c->report, "The report file (default: the body's current stored report of the year)");
  c->check->add_flag("--json", c->json_out, "As JSON");

  c->regulations = c->root->add_subcommand("regulations", "Import the register of 规章 and 规范性文件 (replaces the body's).");
  c->regulations->add_option("file", c->file, "CSV or XLSX: 类型, 名称, 文号, 发布日期, 废止日期")->required();
  body(c->regulations);
  db(c->regulations);

  c->counts = c->root->add_subcommand("counts", "The year's counts for table 2 (许可, 处罚, 强制 decisions; 收费 in 万元).");
  body(c->counts);
  year(c->counts);
  db(c->counts);
  c->counts->add_option("--licenses", c->licenses, "行政许可 decisions");
  c->counts->add_option("--penalties", c->penalties, "行政处罚 decisions");
  c->counts->add_option("--coercions", c->coercions, "行政强制 decisions");
  c->counts->add_option("--fees-wan", c->fees_wan, "行政事业性收费 amount (万元)");

  c->synth = c->root->add_subcommand("synth", "Write a generated office's year: an Excel ledger and what it must give.");
  c->synth->add_option("--out", c->out, "Output directory")->required();
  c->synth->add_option("--year", c->year, "The year")->default_val(2025);
  c->synth->add_option("--count", c->count, "Applications received in the year")->default_val(2000);
  c->synth->add_option("--seed", c->seed, "Random seed")->default_val(1);
  return c;
}

std::optional<int> RunRegisterCommands(RegisterCommands& c) {
  if (!*c.root) return std::nullopt;
  if (*c.import) return RunImport(c);
  if (*c.list) return RunList(c);
  if (*c.due) return RunDue(c);
  if (*c.findings) return RunFindings(c);
  if (*c.tables) return RunTables(c);
  if (*c.draft) return RunDraft(c);
  if (*c.check) return RunCheck(c);
  if (*c.regulations) return RunRegulations(c);
  if (*c.counts) return RunCounts(c);
  if (*c.synth) return RunSynth(c);
  return std::nullopt;
}

}  // namespace xxgk::cli
