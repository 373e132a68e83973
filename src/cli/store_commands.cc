#include "cli/store_commands.h"

#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <nlohmann/json.hpp>

#include "cli/budget_flags.h"
#include "cli/inputs.h"
#include "cli/text_table.h"
#include "schema/body_kinds.h"
#include "core/clock.h"
#include "core/json_dump.h"
#include "core/numbers.h"
#include "schema/format_spec.h"
#include "store/accounts.h"
#include "store/export.h"
#include "ingest/ingest.h"
#include "store/queries.h"

namespace xxgk::cli {

using nlohmann::json;
using store::ReportFilter;
using store::Store;

struct StoreCommands {
  std::string db;
  bool json_out = false;
  // ingest / recheck
  std::vector<std::string> inputs;
  unsigned threads = 0;
  InputBudget budget;
  double r1_threshold = 0.5;
  bool quiet = false;
  // filters
  std::optional<int> year;
  std::optional<std::string> region, agency_filter, rule, format;
  bool has_errors = false, late = false, failed = false, all_versions = false;
  size_t limit = 0;
  // show / compare / agency
  std::string agency;
  std::string years;
  std::string by = "year";
  std::string roster;
  std::string to, out;
  std::string alias, canonical;
  // delete
  std::vector<int64_t> ids;
  bool by_document = false;

  CLI::App *ingest = nullptr, *recheck = nullptr, *list = nullptr, *show = nullptr, *compare = nullptr, *stats = nullptr,
           *missing = nullptr, *exporter = nullptr, *agency_cmd = nullptr, *alias_cmd = nullptr, *agency_list = nullptr,
           *roster_cmd = nullptr, *delete_cmd = nullptr;
};

namespace {

void AddDb(CLI::App* cmd, StoreCommands* s) {
  cmd->add_option("--db", s->db, "Store URL: sqlite:FILE (default sqlite:xxgk.db, or $XXGK_DB) or postgresql://…");
}

void AddFilters(CLI::App* cmd, StoreCommands* s) {
  cmd->add_option("--year", s->year, "Reports on this year");
  cmd->add_option("--region", s->region, "Bodies whose region contains this text (e.g. 大兴区)");
  cmd->add_option("--agency", s->agency_filter, "Bodies matching this name, alias or part of one");
  cmd->add_option("--rule", s->rule, "Reports with a finding of this rule (e.g. C1)");
  cmd->add_option("--format", s->format, "Reports in this format (gov2021, gov2019trial, legacy2008)");
  cmd->add_flag("--has-errors", s->has_errors, "Only reports with error findings");
  cmd->add_flag("--late", s->late, "Only reports published after the deadline (D1)");
  cmd->add_flag("--all-versions", s->all_versions,
                "Also the versions a newer report of the same body and year superseded (default: current versions only)");
}

ReportFilter Filter(const StoreCommands& s) {
  ReportFilter f;
  f.year = s.year;
  f.region = s.region;
  f.agency = s.agency_filter;
  f.rule = s.rule;
  f.format = s.format;
  f.has_errors = s.has_errors;
  f.late = s.late;
  f.all_versions = s.all_versions;
  f.limit = s.limit;
  return f;
}

void PrintJson(const json& j) { Print(DumpJson(j, 2) + "\n"); }

std::string Num(const json& v) { return v.is_number() ? FormatNumber(v.get<double>()) : (v.is_null() ? "—" : DumpJson(v)); }
std::string Str(const json& v) { return v.is_string() ? v.get<std::string>() : (v.is_null() ? "—" : DumpJson(v)); }
std::string Pct(const json& v) {
  if (!v.is_number()) return "—";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%", v.get<double>() * 100);
  return buf;
}

std::string KindZh(const json& v) {
  auto k = ParseBodyKind(v.is_string() ? v.get<std::string>() : "");
  return k ? BodyKindChinese(*k) : "—";
}

const char* SeverityZh(const std::string& s) { return SeverityChinese(SeverityFromName(s)); }

// Only ingest creates a store; the other commands read (or change) one that exists.
Result<std::unique_ptr<Store>> OpenStore(const StoreCommands& s, store::OpenMode mode = store::OpenMode::kExisting) {
  return Store::Open(s.db.empty() ? DefaultStoreUrl() : s.db, mode);
}

// Progress on stderr: a rewritten line on a terminal, a plain line every few seconds otherwise.
std::function<void(const IngestProgress&)> ProgressPrinter(bool quiet) {
  if (quiet) return nullptr;
  const bool tty = isatty(2);
  auto last_plain = std::make_shared<double>(-10);
  return [tty, last_plain](const IngestProgress& p) {
    double rate = p.seconds > 0 ? p.done / p.seconds : 0;
    double eta = rate > 0 ? (p.total - p.done) / rate : 0;
    char buf[160];
    std::snprintf(buf, sizeof buf, "%zu/%zu 个文件  %.0f 个/秒  预计剩余 %.0f 秒", p.done, p.total, rate, eta);
    if (tty) {
      int width = 30;
      int fill = p.total ? static_cast<int>(width * p.done / p.total) : width;
      std::string bar = "[" + std::string(fill, '#') + std::string(width - fill, '.') + "] ";
      std::fprintf(stderr, "\r%s%s\033[K%s", bar.c_str(), buf, p.done == p.total ? "\n" : "");
    } else if (p.seconds - *last_plain >= 2 || p.done == p.total) {
      *last_plain = p.seconds;
      std::fprintf(stderr, "%s\n", buf);
    }
  };
}

IngestOptions IngestOptionsFrom(const StoreCommands& s) {
  IngestOptions o;
  o.pipeline.max_bytes = s.budget.max_mb << 20;
  o.pipeline.max_seconds = s.budget.max_seconds;
  o.threads = s.threads;
  o.corpus.r1_threshold = s.r1_threshold;
  const uint64_t max_bytes = o.pipeline.max_bytes;
  o.read = [max_bytes](const std::string& path) { return ReadInput(path, max_bytes); };
  o.on_progress = ProgressPrinter(s.quiet);
  const bool tty = isatty(2);
  o.on_failure = [tty](const std::string& path, const Error& e) {
    std::string msg = "xxgk: " + path + ": " + ErrorText(e);
    // On a terminal the message replaces the progress bar's line; the bar is redrawn below it.
    std::fprintf(stderr, tty ? "\r%s\033[K\n" : "%s\n", msg.c_str());
  };
  return o;
}

int RunIngest(StoreCommands& s, bool recheck) {
  auto st = OpenStore(s, recheck ? store::OpenMode::kExisting : store::OpenMode::kCreate);
  if (!st) return Fail(st.error());
  auto opts = IngestOptionsFrom(s);
  Result<IngestStats> stats = recheck ? Recheck(st->get(), opts)
                                             : Ingest(st->get(), ExpandInputs(s.inputs), opts);
  if (!stats) return Fail(stats.error());
  const auto& x = *stats;
  // The audit trail records batch work from the command line too.
  const std::string detail = recheck ? "重新处理 " + std::to_string(x.added) + " 份文档"
                                     : "新增 " + std::to_string(x.added) + " 份，已在库中 " + std::to_string(x.known) +
                                           " 份，无法处理 " + std::to_string(x.failed) + " 份";
  if (auto a = store::AppendAudit(st->get(), "命令行", recheck ? "corpus.recheck" : "corpus.ingest", "", detail); !a) {
    return Fail(a.error());
  }
  if (s.json_out) {
    PrintJson({{"inputs", x.inputs}, {"added", x.added}, {"known", x.known}, {"failed", x.failed}, {"reports", x.reports},
               {"reports_with_errors", x.error_reports}, {"seconds", x.seconds},
               {"corpus_seconds", x.corpus_seconds}});
  } else if (recheck) {
    Print("重新检查 " + std::to_string(x.inputs) + " 个文件：" + std::to_string(x.reports) + " 份报告（" +
          std::to_string(x.error_reports) + " 份有错误），" + std::to_string(x.failed) + " 个无法处理；用时 " +
          FormatNumber(std::round(x.seconds * 100) / 100) + " 秒。\n");
  } else {
    Print("入库 " + std::to_string(x.inputs) + " 个文件：新增 " + std::to_string(x.added) + " 个（报告 " +
          std::to_string(x.reports) + " 份，其中 " + std::to_string(x.error_reports) + " 份有错误），已在库中 " +
          std::to_string(x.known) + " 个，无法处理 " + std::to_string(x.failed) + " 个；用时 " +
          FormatNumber(std::round(x.seconds * 100) / 100) + " 秒。\n");
  }
  return x.failed > 0 ? kExitUnprocessed : kExitClean;
}

int RunList(StoreCommands& s) {
  auto st = OpenStore(s);
  if (!st) return Fail(st.error());
  if (s.failed) {
    auto rows = store::ListFailed(st->get());
    if (!rows) return Fail(rows.error());
    if (s.json_out) { PrintJson(*rows); return 0; }
    TextTable t({"文件编号", "文件", "原因"});
    for (const auto& r : *rows) t.Add({Num(r["document_id"]), Str(r["path"]), Str(r["error"])});
    Print(t.Render() + "共 " + std::to_string(rows->size()) + " 个无法处理的文件。\n");
    return 0;
  }
  auto rows = store::ListReports(st->get(), Filter(s));
  if (!rows) return Fail(rows.error());
  if (s.json_out) { PrintJson(*rows); return 0; }
  TextTable t({"编号", "年度", "地区", "机关", "格式", "错误", "警告", "逾期", "文件"});
  t.AlignRight({0, 5, 6});
  for (const auto& r : *rows) {
    t.Add({Num(r["id"]), Num(r["year"]), Str(r["region"]), Str(r["agency"]), Str(r["format"]), Num(r["errors"]),
           Num(r["warnings"]), r["late"].get<bool>() ? "是" : "", Str(r["file"])});
  }
  Print(t.Render() + "共 " + std::to_string(rows->size()) + " 份报告。\n");
  return 0;
}

// The tables of a stored report JSON as text, laid out like the template.
std::string RenderTables(const json& report) {
  const FormatSpec* f = FindFormat(report.value("format", ""));
  if (!f || !f->has_tables) return "（无统计表）\n";
  const json& tables = report["tables"];
  std::string out;
  auto at = [&](const json& node, std::initializer_list<std::string> path) -> json {
    const json* n = &node;
    for (const auto& p : path) {
      if (!n->is_object() || !n->contains(p)) return json("缺");
      n = &(*n)[p];
    }
    return *n;
  };
  if (tables.contains("t2")) {
    out += "表二 主动公开政府信息情况\n";
    for (const auto& b : f->t2) {
      std::vector<std::string> head = {b.caption.text};
      for (const auto& c : b.cols) head.push_back(c.label.text);
      TextTable t(head);
      for (const auto& r : b.rows) {
        std::vector<std::string> row = {r.label.text};
        for (const auto& c : b.cols) row.push_back(Num(at(tables["t2"], {b.key, r.key, c.key})));
        t.Add(row);
      }
      out += t.Render();
    }
    out += "\n";
  }
  if (tables.contains("t3")) {
    out += "表三 收到和处理政府信息公开申请情况\n";
    std::vector<std::string> head = {""};
    for (const auto& c : f->t3_cols) head.push_back(c.label.text);
    TextTable t(head);
    for (const auto& r : f->t3_rows) {
      std::vector<std::string> row = {r.short_name};
      for (const auto& c : f->t3_cols) row.push_back(Num(at(tables["t3"], {r.key, c.key})));
      t.Add(row);
    }
    out += t.Render() + "\n";
  }
  if (tables.contains("t4")) {
    out += "表四 政府信息公开行政复议、行政诉讼情况\n";
    std::vector<std::string> head = {""};
    for (const auto& c : f->t4_cols) head.push_back(c.label.text);
    TextTable t(head);
    for (const auto& [key, label] : f->t4_blocks) {
      std::vector<std::string> row = {label.text};
      for (const auto& c : f->t4_cols) row.push_back(Num(at(tables["t4"], {key, c.key})));
      t.Add(row);
    }
    out += t.Render() + "\n";
  }
  return out;
}

std::string RenderFindings(const json& findings) {
  if (findings.empty()) return "未发现问题。\n";
  std::string out;
  for (const auto& f : findings) {
    out += std::string("  [") + SeverityZh(f.value("severity", "")) + " " + f.value("rule", "") + "] " + f.value("message", "");
    if (f.value("origin", "") == "corpus") out += "（跨年度）";
    out += "\n";
  }
  return out;
}

// The single body `text` names, or an error listing the candidates.
Result<int64_t> OneAgency(Store* st, const std::string& text) {
  auto found = store::MatchAgencies(st, text);
  if (!found) return tl::unexpected(found.error());
  if (found->empty()) return MakeError(ErrorCode::kInvalidArgument, "库中没有与“" + text + "”匹配的机关");
  if (found->size() > 1) {
    std::string names;
    for (const auto& a : *found) names += "\n  " + a["name"].get<std::string>() + "（" + Num(a["reports"]) + " 份报告）";
    return MakeError(ErrorCode::kInvalidArgument, "“" + text + "”匹配多个机关，请写全名：" + names);
  }
  return (*found)[0]["id"].get<int64_t>();
}

int RunShow(StoreCommands& s) {
  auto st = OpenStore(s);
  if (!st) return Fail(st.error());
  auto agency = OneAgency(st->get(), s.agency);
  if (!agency) return Fail(agency.error());
  auto ids = store::ReportIdsOf(st->get(), *agency, s.year);
  if (!ids) return Fail(ids.error());
  if (ids->empty()) return Fail(Error{ErrorCode::kInvalidArgument, "该机关没有符合条件的报告", ""});
  json all = json::array();
  for (int64_t id : *ids) {
    auto rep = store::LoadReport(st->get(), id);
    if (!rep) return Fail(rep.error());
    all.push_back(std::move(*rep));
  }
  if (s.json_out) { PrintJson(all.size() == 1 ? all[0] : all); return 0; }
  for (const auto& rep : all) {
    Print("== " + Str(rep["agency"]) + " " + Num(rep["year"]) + "年度（报告编号 " + Num(rep["store"]["report_id"]) + "，" +
          Str(rep["format"]) + "，文件 " + Str(rep["source"]["name"]) + "）\n");
    if (rep.contains("signed_date") && !rep["signed_date"].is_null()) Print("落款日期：" + Str(rep["signed_date"]) + "\n");
    Print("\n" + RenderTables(rep) + "问题：\n" + RenderFindings(rep["findings"]) + "\n");
  }
  return 0;
}

int RunCompare(StoreCommands& s) {
  auto st = OpenStore(s);
  if (!st) return Fail(st.error());
  auto agency = OneAgency(st->get(), s.agency);
  if (!agency) return Fail(agency.error());
  int ya = 0, yb = 0;
  if (std::sscanf(s.years.c_str(), "%d,%d", &ya, &yb) != 2) {
    return Fail(Error{ErrorCode::kInvalidArgument, "--years 应写成两个年度，如 2023,2024", ""});
  }
  auto by_year = store::ReportsByYear(st->get(), *agency);
  if (!by_year) return Fail(by_year.error());
  for (int y : {ya, yb}) {
    if (!by_year->count(y)) return Fail(Error{ErrorCode::kInvalidArgument, "该机关没有 " + std::to_string(y) + " 年度的报告", ""});
  }
  auto cmp = store::CompareReports(st->get(), by_year->at(ya), by_year->at(yb));
  if (!cmp) return Fail(cmp.error());
  if (s.json_out) { PrintJson(*cmp); return 0; }
  const std::string a = std::to_string(ya), b = std::to_string(yb);
  Print("== " + Str((*cmp)["agency"]) + "：" + a + " 与 " + b + " 年度对比\n");
  if (!(*cmp)["comparable"].get<bool>()) {
    Print(Str((*cmp)["why"]) + "\n");
    return 0;
  }
  TextTable t({"单元格", a, b, "变化"});
  t.AlignRight({1, 2, 3});
  int changed = 0;
  for (const auto& c : (*cmp)["cells"]) {
    std::string change;
    if (c["change"].is_number()) {
      double d = c["change"].get<double>();
      change = d > 0 ? "+" + FormatNumber(d) : d < 0 ? FormatNumber(d) : "";
      changed += d != 0;
    } else if (c["a"] != c["b"]) {
      change = "≠";
      ++changed;
    }
    t.Add({Str(c["label"]), Num(c["a"]), Num(c["b"]), change});
  }
  Print(t.Render() + "共 " + std::to_string((*cmp)["cells"].size()) + " 个单元格，" + std::to_string(changed) + " 个有变化。\n\n");
  Print(b + "年度新出现的问题：\n" + RenderFindings((*cmp)["new_findings"]));
  Print(b + "年度已改正的问题：\n" + ((*cmp)["fixed_findings"].empty() ? std::string("无。\n") : RenderFindings((*cmp)["fixed_findings"])));
  return 0;
}

std::string GroupName(const json& g) {
  if (g.is_number()) return Num(g);
  if (g.is_string() && !g.get<std::string>().empty()) return g.get<std::string>();
  return "（未知）";
}

int RunStats(StoreCommands& s) {
  auto st = OpenStore(s);
  if (!st) return Fail(st.error());
  auto r = store::Stats(st->get(), s.by, Filter(s));
  if (!r) return Fail(r.error());
  if (s.json_out) { PrintJson(*r); return 0; }
  const char* group = s.by == "year" ? "年度" : s.by == "region" ? "地区" : "机关类别";
  TextTable t({group, "报告数", "收到申请", "办结", "公开(含部分)", "不予公开", "无法提供", "不予处理", "其他处理", "逾期", "有错误"});
  t.AlignRight({1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
  std::map<std::string, bool> rules;
  for (const auto& g : (*r)["groups"]) {
    for (auto it = g["rule_failure"].begin(); it != g["rule_failure"].end(); ++it) rules[it.key()] = true;
    t.Add({GroupName(g["group"]), Num(g["reports"]), Num(g["received"]), Num(g["results_total"]), Pct(g["granted_share"]), Pct(g["denied_share"]),
           Pct(g["unable_share"]), Pct(g["not_processed_share"]), Pct(g["other_share"]), Pct(g["late_share"]), Pct(g["error_share"])});
  }
  Print(t.Render());
  if (!rules.empty()) {
    std::vector<std::string> head = {group};
    for (const auto& [rule, _] : rules) head.push_back(rule);
    TextTable rt(head);
    for (const auto& g : (*r)["groups"]) {
      std::vector<std::string> row = {GroupName(g["group"])};
      for (const auto& [rule, _] : rules) row.push_back(g["rule_failure"].contains(rule) ? Pct(g["rule_failure"][rule]) : "");
      rt.Add(row);
    }
    Print("\n各规则不通过的报告占比（错误和警告）：\n" + rt.Render());
  }
  int64_t failed = (*r)["failed_documents"].get<int64_t>();
  if (failed) Print("\n另有 " + std::to_string(failed) + " 个文件无法处理，未计入统计（xxgk list --failed 查看）。\n");
  return 0;
}

// A roster file (--roster): read here, parsed and stored by the store.
Result<std::vector<store::RosterEntry>> LoadRosterFile(store::Store* st, const std::string& path) {
  auto csv = ReadInput(path, 64u << 20);
  if (!csv) return MakeError(csv.error().code, "名录文件 " + Printable(path) + "：" + csv.error().message, csv.error().hint);
  return st->LoadRosterText(*csv);
}

// Deletes stored reports (or documents) one by one, each with its audit row; an unknown id is an error and
// the others still go.
int RunDelete(StoreCommands& s) {
  auto st = OpenStore(s);
  if (!st) return Fail(st.error());
  int exit = kExitClean;
  for (int64_t id : s.ids) {
    std::optional<int64_t> document = id;
    if (!s.by_document) {
      auto d = store::DocumentOfReport(st->get(), id);
      if (!d) return Fail(d.error());
      document = *d;
    }
    auto gone = document ? (*st)->DeleteDocument(*document, "命令行") : Result<std::optional<store::DeletedDocument>>(std::nullopt);
    if (!gone) return Fail(gone.error());
    if (!*gone) {
      std::fprintf(stderr, "xxgk: 没有编号为 %lld 的%s\n", static_cast<long long>(id), s.by_document ? "文件" : "报告");
      exit = kExitUnprocessed;
      continue;
    }
    const store::DeletedDocument& d = **gone;
    std::string line = "已删除 " + Printable(d.name);
    if (!d.agency.empty()) {
      line += "（";
      line += d.agency;
      if (d.year) line += " " + std::to_string(*d.year) + "年度";
      line += "）";
    }
    Print(line + "\n");
  }
  if (auto cc = (*st)->RunPendingCorpusChecks(); !cc) return Fail(cc.error());
  return exit;
}

int RunMissing(StoreCommands& s) {
  auto st = OpenStore(s);
  if (!st) return Fail(st.error());
  if (!s.roster.empty()) {
    auto loaded = LoadRosterFile(st->get(), s.roster);
    if (!loaded) return Fail(loaded.error());
  }
  auto r = store::Missing(st->get(), *s.year, TodayIso());
  if (!r) return Fail(r.error());
  if ((*r)["rostered"].get<size_t>() == 0) {
    return Fail(Error{ErrorCode::kInvalidArgument, "库中没有名录", "用 --roster 名录.csv 提供（列：名称,地区,类别）"});
  }
  if (s.json_out) { PrintJson(*r); return 0; }
  TextTable t({"地区", "机关", "类别", "截止日期", "状态"});
  for (const auto& m : (*r)["missing"]) {
    std::string state = m["overdue"].is_null() ? "无法定期限" : m["overdue"].get<bool>() ? "已逾期未发布" : "尚未到期";
    t.Add({Str(m["region"]), Str(m["name"]), KindZh(m["kind"]), Str(m["deadline"]), state});
  }
  Print(std::to_string(*s.year) + " 年度：名录 " + Num((*r)["rostered"]) + " 个机关，已发布 " + Num((*r)["published"]) + " 个，未发布 " +
        std::to_string((*r)["missing"].size()) + " 个。\n");
  if (!t.empty()) Print(t.Render());
  return 0;
}

int RunExport(StoreCommands& s) {
  auto st = OpenStore(s);
  if (!st) return Fail(st.error());
  ReportFilter f = Filter(s);
  Result<size_t> n;
  if (s.to == "xlsx") {
    if (s.out.empty()) return Fail(Error{ErrorCode::kInvalidArgument, "导出 Excel 需要 --out 文件名", ""});
    // The file must be writable before the workbook is built (it is built whole, then written).
    {
      std::FILE* probe = std::fopen(s.out.c_str(), "ab");
      if (!probe) {
        const int err = errno;
        return Fail(Error{ErrorCode::kIoError, "无法写入 " + Printable(s.out) + "：" + WriteErrorText(err), ""});
      }
      std::fclose(probe);
    }
    n = store::ExportXlsx(st->get(), f, s.out);
  } else {
    std::FILE* out = stdout;
    if (!s.out.empty() && s.out != "-") {
      out = std::fopen(s.out.c_str(), "wb");
      if (!out) return Fail(Error{ErrorCode::kIoError, "无法写入 " + Printable(s.out) + "：" + WriteErrorText(errno), ""});
    }
    store::ExportSink sink = [out](std::string_view piece) {
      return std::fwrite(piece.data(), 1, piece.size(), out) == piece.size();
    };
    n = s.to == "csv" ? store::ExportCsv(st->get(), f, sink) : store::ExportJsonl(st->get(), f, sink);
    if (std::fflush(out) != 0 && n) n = tl::unexpected(Error{ErrorCode::kIoError, "写出失败：" + WriteErrorText(errno), ""});
    if (out != stdout && std::fclose(out) != 0 && n) n = tl::unexpected(Error{ErrorCode::kIoError, "写出失败", ""});
  }
  if (!n) return Fail(n.error());
  if (!s.out.empty() && s.out != "-") std::fprintf(stderr, "已导出 %zu 份报告到 %s\n", *n, s.out.c_str());
  return 0;
}

int RunAgency(StoreCommands& s) {
  auto st = OpenStore(s);
  if (!st) return Fail(st.error());
  if (*s.alias_cmd) {
    auto id = st->get()->AddAlias(s.alias, s.canonical);
    if (!id) return Fail(id.error());
    Print("已将“" + s.alias + "”作为“" + s.canonical + "”的别名（机关编号 " + std::to_string(*id) + "），并重新做了跨年度检查。\n");
    return 0;
  }
  if (*s.roster_cmd) {
    auto loaded = LoadRosterFile(st->get(), s.roster);
    if (!loaded) return Fail(loaded.error());
    Print("已载入名录：" + std::to_string(loaded->size()) + " 个机关。\n");
    return 0;
  }
  auto rows = store::MatchAgencies(st->get(), s.agency);
  if (!rows) return Fail(rows.error());
  if (s.json_out) { PrintJson(*rows); return 0; }
  TextTable t({"编号", "机关", "地区", "类别", "名录", "报告数"});
  for (const auto& a : *rows) {
    t.Add({Num(a["id"]), Str(a["name"]), Str(a["region"]), KindZh(a["kind"]), a["rostered"].get<bool>() ? "是" : "", Num(a["reports"])});
  }
  Print(t.Render());
  return 0;
}

}  // namespace

std::shared_ptr<StoreCommands> RegisterStoreCommands(CLI::App& app) {
  auto s = std::make_shared<StoreCommands>();
  StoreCommands* p = s.get();

  p->ingest = app.add_subcommand("ingest", "Parse and check reports into the store (idempotent by content).");
  p->ingest->add_option("inputs", p->inputs, "Files or directories")->required();
  AddDb(p->ingest, p);
  p->ingest->add_option("--threads", p->threads, "Parsing threads (default: all cores)");
  AddInputBudgetFlags(p->ingest, &p->budget);
  p->ingest->add_option("--r1-threshold", p->r1_threshold, "R1: share of repeated text that counts as copying")->default_val(0.5);
  p->ingest->add_flag("--quiet", p->quiet, "No progress output");
  p->ingest->add_flag("--json", p->json_out, "Print the summary as JSON");

  p->recheck = app.add_subcommand("recheck", "Re-run the parser and checker over every stored document.");
  AddDb(p->recheck, p);
  p->recheck->add_option("--threads", p->threads, "Parsing threads (default: all cores)");
  p->recheck->add_option("--r1-threshold", p->r1_threshold, "R1: share of repeated text that counts as copying")->default_val(0.5);
  p->recheck->add_flag("--quiet", p->quiet, "No progress output");
  p->recheck->add_flag("--json", p->json_out, "Print the summary as JSON");

  p->list = app.add_subcommand("list", "List stored reports.");
  AddDb(p->list, p);
  AddFilters(p->list, p);
  p->list->add_option("--limit", p->limit, "At most this many rows");
  p->list->add_flag("--failed", p->failed, "List the documents that could not be processed instead");
  p->list->add_flag("--json", p->json_out, "JSON output");

  p->show = app.add_subcommand("show", "Show a body's reports: tables and findings.");
  p->show->add_option("agency", p->agency, "The body (name, alias or a unique part of one)")->required();
  AddDb(p->show, p);
  p->show->add_option("--year", p->year, "Only this year");
  p->show->add_flag("--json", p->json_out, "JSON output");

  p->compare = app.add_subcommand("compare", "Compare a body's reports of two years, cell by cell.");
  p->compare->add_option("agency", p->agency, "The body")->required();
  p->compare->add_option("--years", p->years, "Two years, e.g. 2023,2024")->required();
  AddDb(p->compare, p);
  p->compare->add_flag("--json", p->json_out, "JSON output");

  p->stats = app.add_subcommand("stats", "Aggregates by year, region or kind of body.");
  AddDb(p->stats, p);
  p->stats->add_option("--by", p->by, "year | region | kind")->default_val("year");
  AddFilters(p->stats, p);
  p->stats->add_flag("--json", p->json_out, "JSON output");

  p->missing = app.add_subcommand("missing", "Rostered bodies with no report for a year.");
  AddDb(p->missing, p);
  p->missing->add_option("--year", p->year, "The report year")->required();
  p->missing->add_option("--roster", p->roster, "Roster CSV (name, region, kind); loaded into the store");
  p->missing->add_flag("--json", p->json_out, "JSON output");

  p->delete_cmd = app.add_subcommand("delete", "Delete stored reports with their files and findings (audited; the history of other versions stays).");
  p->delete_cmd->add_option("ids", p->ids, "Report numbers as `list` shows them")->required();
  p->delete_cmd->add_flag("--document", p->by_document, "The numbers are file numbers (as `list --failed` shows them)");
  AddDb(p->delete_cmd, p);
  p->exporter = app.add_subcommand("export", "Export stored reports as CSV, XLSX or JSON Lines.");
  AddDb(p->exporter, p);
  p->exporter->add_option("--to", p->to, "csv | xlsx | jsonl")->required()->check(CLI::IsMember({"csv", "xlsx", "jsonl"}));
  p->exporter->add_option("--out", p->out, "Output file (required for xlsx; default standard output)");
  AddFilters(p->exporter, p);

  p->agency_cmd = app.add_subcommand("agency", "Bodies: list, aliases, roster.");
  p->agency_cmd->require_subcommand(1);
  p->agency_list = p->agency_cmd->add_subcommand("list", "Bodies matching a name (all when empty).");
  p->agency_list->add_option("text", p->agency, "Name, alias or part of one");
  p->agency_list->add_flag("--json", p->json_out, "JSON output");
  AddDb(p->agency_list, p);
  p->alias_cmd = p->agency_cmd->add_subcommand("alias", "Make ALIAS denote the same body as CANONICAL.");
  p->alias_cmd->add_option("alias", p->alias, "Another name of the body")->required();
  p->alias_cmd->add_option("canonical", p->canonical, "The body's name")->required();
  AddDb(p->alias_cmd, p);
  p->roster_cmd = p->agency_cmd->add_subcommand("roster", "Load a roster CSV (name, region, kind).");
  p->roster_cmd->add_option("file", p->roster, "The roster CSV")->required();
  AddDb(p->roster_cmd, p);
  return s;
}

std::optional<int> RunStoreCommands(StoreCommands& s) {
  if (*s.ingest) return RunIngest(s, false);
  if (*s.recheck) return RunIngest(s, true);
  if (*s.list) return RunList(s);
  if (*s.show) return RunShow(s);
  if (*s.compare) return RunCompare(s);
  if (*s.stats) return RunStats(s);
  if (*s.missing) return RunMissing(s);
  if (*s.delete_cmd) return RunDelete(s);
  if (*s.exporter) return RunExport(s);
  if (*s.agency_cmd) return RunAgency(s);
  return std::nullopt;
}

}  // namespace xxgk::cli
