#include "cli/author_commands.h"

#include "cli/register_commands.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "cli/human_output.h"
#include "cli/inputs.h"
#include "render/render_policy.h"
#include "render/render.h"
#include "render/synth.h"
#include "render/synth_province.h"
#include "core/json_dump.h"
#include "render/template.h"
#include "report/report_from_json.h"

namespace xxgk::cli {

struct AuthorCommands {
  // template
  int year = 0;
  std::string to = "json";
  std::string out;
  // render
  std::string input;
  std::string render_to;
  bool fill_totals = false;
  // synth
  size_t count = 100;
  std::string formats = "txt,html,docx";
  uint64_t seed = 1;
  double defect_share = 0.5;
  bool province = false;

  CLI::App *tmpl = nullptr, *render = nullptr, *synth = nullptr;
  std::string register_body, db;  // template --register: filled from the body's register
};

namespace {

int Fail(const std::string& what, const Error& e) {
  std::fprintf(stderr, "xxgk: %s%s\n", what.c_str(), ErrorText(e).c_str());
  return 2;
}


int RunTemplate(AuthorCommands& a) {
  std::optional<Report> filled;
  if (!a.register_body.empty()) {
    auto draft = RegisterDraft(a.db, a.register_body, a.year, "");
    if (!draft) return Fail("", draft.error());
    filled = std::move(*draft);
  }
  const Report* from = filled ? &*filled : nullptr;
  if (a.to == "xlsx") {
    if (a.out.empty()) return Fail("", Error{ErrorCode::kInvalidArgument, "生成 Excel 填报模板需要 --out 文件名", ""});
    auto ok = WriteTemplateXlsx(a.year, a.out, from);
    if (!ok) return Fail("", ok.error());
    std::fprintf(stderr, "已生成 %d 年度填报模板：%s\n", a.year, a.out.c_str());
    return 0;
  }
  auto json = TemplateJson(a.year, from);
  if (!json) return Fail("", json.error());
  return WriteAll(a.out, *json + "\n") ? 0 : 2;
}

int RunRender(AuthorCommands& a) {
  RenderFormat format;
  if (!ParseRenderFormat(a.render_to, &format)) {
    return Fail("", Error{ErrorCode::kInvalidArgument, "--to 只能是 md、html、docx 或 txt", ""});
  }
  auto bytes = ReadInput(a.input, 64ull << 20);
  if (!bytes) return Fail(a.input + ": ", bytes.error());
  Result<Report> report = IsXlsx(*bytes) ? ReportFromTemplateXlsx(*bytes) : ReportFromJson(*bytes);
  if (!report) return Fail(a.input + ": ", report.error());
  // The policy is the library's (render/render_policy.h), shared with POST /api/render.
  RenderVerdict verdict = PrepareForRender(&*report, a.fill_totals);
  if (!verdict.ok() || !verdict.findings.empty()) {
    std::string hint = verdict.refusal == RenderRefusal::kUnfilled && !a.fill_totals ? "合计项可加 --fill-totals 自动计算。" : "";
    std::string text = verdict.ok() ? "数据有问题：" : verdict.message + hint;
    std::fprintf(stderr, "xxgk: %s: %s\n", Printable(a.input).c_str(), text.c_str());
    for (const auto& f : verdict.findings) {
      std::fprintf(stderr, "  [%s %s] %s\n", SeverityChinese(f.severity), f.rule.c_str(), f.message.c_str());
    }
    if (!verdict.ok()) return 1;
  }
  auto out = RenderReport(*report, format);
  if (!out) return Fail(a.input + ": ", out.error());
  if (format == RenderFormat::kDocx && (a.out.empty() || a.out == "-") && isatty(1)) {
    return Fail("", Error{ErrorCode::kInvalidArgument, "Word 文件是二进制，请用 --out 指定文件名", ""});
  }
  return WriteAll(a.out, *out) ? 0 : 2;
}

// A generated province: registry.csv, each year's reports under YEAR/, and expected.json (what coverage,
// 层级汇总, indicators and scores must find).
int RunSynthProvince(AuthorCommands& a) {
  ProvinceOptions po;
  po.seed = a.seed;
  const Province p = MakeProvince(po);
  std::error_code ec;
  for (int year = po.first_year; year <= po.last_year; ++year) std::filesystem::create_directories(a.out + "/" + std::to_string(year), ec);
  if (ec) return Fail("", Error{ErrorCode::kIoError, "无法创建目录 " + Printable(a.out) + "：" + ec.message(), ""});
  if (!WriteAll(a.out + "/registry.csv", p.registry_csv) || !WriteAll(a.out + "/expected.json", DumpJson(p.expected, 2) + "\n")) return 2;
  for (const auto& f : p.files) {
    if (!WriteAll(a.out + "/" + f.name, f.text)) return 2;
  }
  std::fprintf(stderr, "已在 %s 生成一个省的名录（registry.csv，%zu 个机关）和 %zu 份报告；expected.json 列出应得的结果。\n",
               a.out.c_str(), p.expected["bodies"].get<size_t>(), p.files.size());
  return 0;
}

int RunSynth(AuthorCommands& a) {
  if (a.province) return RunSynthProvince(a);
  SynthOptions o;
  o.count = a.count;
  o.seed = a.seed;
  o.defect_share = a.defect_share;
  o.formats.clear();
  std::string_view list = a.formats;
  while (!list.empty()) {
    size_t comma = list.find(',');
    std::string_view name = list.substr(0, comma);
    RenderFormat f;
    if (!ParseRenderFormat(name, &f)) return Fail("", Error{ErrorCode::kInvalidArgument, "未知的格式“" + std::string(name) + "”", "可用 txt、md、html、docx"});
    o.formats.push_back(f);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  std::error_code ec;
  std::filesystem::create_directories(a.out, ec);
  if (ec) return Fail("", Error{ErrorCode::kIoError, "无法创建目录 " + Printable(a.out) + "：" + ec.message(), ""});
  for (size_t i = 0; i < o.count; ++i) {
    auto file = MakeSynthFile(o, i);
    if (!file) return Fail("", file.error());
    if (!WriteAll(a.out + "/" + file->name, file->bytes) || !WriteAll(a.out + "/" + file->expected_name, file->expected_json)) {
      return 2;
    }
  }
  std::fprintf(stderr, "已在 %s 生成 %zu 个文件（每个文件旁有 .expected.json 列出应发现的问题）\n", a.out.c_str(), o.count);
  return 0;
}

}  // namespace

std::shared_ptr<AuthorCommands> RegisterAuthorCommands(CLI::App& app) {
  auto a = std::make_shared<AuthorCommands>();
  AuthorCommands* p = a.get();
  p->tmpl = app.add_subcommand("template", "A blank fill-in for the report format of a year.");
  p->tmpl->add_option("--year", p->year, "The year reported on")->required();
  p->tmpl->add_option("--to", p->to, "json | xlsx")->default_val("json")->check(CLI::IsMember({"json", "xlsx"}));
  p->tmpl->add_option("--out", p->out, "Output file (default standard output; required for xlsx)");
  p->tmpl->add_option("--register", p->register_body, "Fill the tables (and first texts) from this body's register");
  p->tmpl->add_option("--db", p->db, "Store URL for --register (default $XXGK_DB or sqlite:xxgk.db)");

  p->render = app.add_subcommand("render", "Render a filled template or a report JSON in the official layout.");
  p->render->add_option("file", p->input, "Filled template (JSON or XLSX) or report JSON; - reads standard input")->required();
  p->render->add_option("--to", p->render_to, "md | html | docx | txt")->required();
  p->render->add_option("--out", p->out, "Output file (default standard output)");
  p->render->add_flag("--fill-totals", p->fill_totals, "Compute the 总计 column, （七）总计 and the table-4 totals");

  p->synth = app.add_subcommand("synth", "Write a synthetic corpus with injected defects and their expected findings.");
  p->synth->add_option("--count", p->count, "Number of reports")->default_val(100);
  p->synth->add_option("--out", p->out, "Output directory")->required();
  p->synth->add_option("--formats", p->formats, "Comma-separated: txt, md, html, docx")->default_val("txt,html,docx");
  p->synth->add_option("--seed", p->seed, "Random seed (the same seed gives the same corpus)")->default_val(1);
  p->synth->add_option("--defects", p->defect_share, "Share of reports with an injected defect")->default_val(0.5);
  p->synth->add_flag("--province", p->province,
                     "Instead: a generated province (3,007 bodies in four levels, five years of reports, registry.csv, expected.json)");
  return a;
}

std::optional<int> RunAuthorCommands(AuthorCommands& a) {
  if (*a.tmpl) return RunTemplate(a);
  if (*a.render) return RunRender(a);
  if (*a.synth) return RunSynth(a);
  return std::nullopt;
}

}  // namespace xxgk::cli
