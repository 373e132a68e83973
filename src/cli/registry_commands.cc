#include "cli/registry_commands.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <string>
#include <vector>

#include "cli/inputs.h"
#include "cli/text_table.h"
#include "core/clock.h"
#include "core/json_dump.h"
#include "core/numbers.h"
#include "ingest/table_file.h"
#include "store/coverage.h"
#include "store/packs.h"
#include "store/registry.h"
#include "store/supervision.h"
#include "notice/notice.h"

namespace xxgk::cli {

struct RegistryCommands {
  CLI::App *registry = nullptr, *import = nullptr, *list = nullptr, *show = nullptr, *move = nullptr, *alias = nullptr,
           *unmatched = nullptr, *match = nullptr, *set = nullptr, *remove = nullptr, *coverage = nullptr, *score = nullptr, *indicators = nullptr, *notice = nullptr, *rollup = nullptr;
  std::string db, file, body, to, alias_name, under;
  std::string pack = "statutory", indicators_pack, issuer, date, to_format = "html", out;
  std::optional<std::string> category, deadline, code, region, aggregates;
  bool replace = false, dry_run = false, json_out = false, top = false;
  int year = 0;
};

namespace {

using nlohmann::json;
constexpr const char* kActor = "命令行";


Result<std::unique_ptr<store::Store>> Open(const RegistryCommands& c, store::OpenMode mode = store::OpenMode::kExisting) {
  return store::Store::Open(c.db.empty() ? DefaultStoreUrl() : c.db, mode);
}

// A registered body by its number in `registry list` or by its name, alias or area.
Result<int64_t> Body(store::Store* s, const std::string& text) {
  int64_t id = 0;
  bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos && text.size() < 18;
  if (digits) return static_cast<int64_t>(std::stoll(text));
  auto found = store::FindRegistered(s, text);
  if (!found) return tl::unexpected(found.error());
  if (!*found) return MakeError(ErrorCode::kInvalidArgument, "名录中没有“" + Printable(text) + "”", "用 xxgk registry list 查看名录");
  id = **found;
  return id;
}

std::string Text(const json& v) { return v.is_string() ? v.get<std::string>() : v.is_number() ? FormatNumber(v.get<double>()) : "—"; }

std::string PlanText(const store::RegistryPlan& p, bool done) {
  std::string out;
  for (const auto& n : p.added) out += "  新增 " + n + "\n";
  for (const auto& c : p.changed) out += "  变更 " + c.name + "（" + c.what + "）\n";
  for (const auto& n : p.removed) out += "  移出 " + n + "\n";
  out += std::string(done ? "已导入" : "将导入") + "：新增 " + std::to_string(p.added.size()) + " 个，变更 " +
         std::to_string(p.changed.size()) + " 个，移出 " + std::to_string(p.removed.size()) + " 个，未变 " +
         std::to_string(p.unchanged) + " 个；" + (done ? "" : "将") + "认领此前未匹配的机关 " + std::to_string(p.matched) + " 个。\n";
  if (!done) out += "（预览，未做任何修改；去掉 --dry-run 即导入）\n";
  return out;
}

int RunImport(RegistryCommands& c) {
  auto bytes = ReadInput(c.file, 64u << 20);
  if (!bytes) return Fail(bytes.error());
  auto rows = ReadTableRows(*bytes, BaseName(c.file));
  if (!rows) return Fail(rows.error());
  auto entries = store::ParseRegistry(*rows);
  if (!entries) return Fail(Error{entries.error().code, BaseName(c.file) + "：" + entries.error().message, entries.error().hint});
  auto st = Open(c, c.dry_run ? store::OpenMode::kExisting : store::OpenMode::kCreate);
  if (!st) return Fail(st.error());
  const auto mode = c.replace ? store::ImportMode::kReplace : store::ImportMode::kMerge;
  auto plan = c.dry_run ? store::PlanRegistry(st->get(), *entries, mode) : store::ImportRegistry(st->get(), *entries, mode, kActor);
  if (!plan) return Fail(plan.error());
  if (c.json_out) {
    Print(DumpJson(store::PlanJson(*plan), 2) + "\n");
  } else {
    Print(PlanText(*plan, !c.dry_run));
  }
  return kExitClean;
}

int RunList(RegistryCommands& c) {
  auto st = Open(c);
  if (!st) return Fail(st.error());
  std::optional<int64_t> root;
  if (!c.under.empty()) {
    auto id = Body(st->get(), c.under);
    if (!id) return Fail(id.error());
    root = *id;
  }
  auto list = store::RegistryList(st->get(), root);
  if (!list) return Fail(list.error());
  if (c.json_out) {
    Print(DumpJson(*list, 2) + "\n");
    return kExitClean;
  }
  TextTable t({"编号", "机关", "类别", "地区", "区划代码", "发布期限", "报告数"});
  t.AlignRight({0, 6});
  for (const auto& b : *list) {
    t.Add({Text(b["id"]), std::string(2 * b["depth"].get<size_t>(), ' ') + b["name"].get<std::string>(), Text(b["category_zh"]),
           Text(b["region"]), Text(b["code"]), Text(b["deadline"]), Text(b["reports"])});
  }
  Print(t.Render() + "共 " + std::to_string(list->size()) + " 个机关。\n");
  return kExitClean;
}

int RunShow(RegistryCommands& c) {
  auto st = Open(c);
  if (!st) return Fail(st.error());
  auto id = Body(st->get(), c.body);
  if (!id) return Fail(id.error());
  auto list = store::RegistryList(st->get(), *id);
  if (!list) return Fail(list.error());
  if (c.json_out) {
    Print(DumpJson((*list)[0], 2) + "\n");
    return kExitClean;
  }
  const json& b = (*list)[0];
  std::string out = b["name"].get<std::string>() + "（编号 " + Text(b["id"]) + "）\n";
  out += "  类别：" + Text(b["category_zh"]) + "\n  上级机关：" + Text(b["parent"]) + "\n  地区：" + Text(b["region"]) +
         "\n  行政区划代码：" + Text(b["code"]) + "\n  发布期限：" + (b["deadline"].is_string() ? "次年 " + Text(b["deadline"]) : "按《条例》") + "\n";
  std::string aliases;
  for (const auto& a : b["aliases"]) aliases += (aliases.empty() ? "" : "、") + a.get<std::string>();
  out += "  别名：" + (aliases.empty() ? std::string("（无）") : aliases) + "\n";
  out += "  下级机关：" + std::to_string(list->size() - 1) + " 个\n";
  Print(out);
  return kExitClean;
}

int RunMove(RegistryCommands& c) {
  if (c.to.empty() == !c.top) return Fail(Error{ErrorCode::kInvalidArgument, "请用 --to 指定新的上级机关，或用 --top 移到顶层（二者选一）", ""});
  auto st = Open(c);
  if (!st) return Fail(st.error());
  auto id = Body(st->get(), c.body);
  if (!id) return Fail(id.error());
  std::optional<int64_t> parent;
  if (!c.top) {
    auto p = Body(st->get(), c.to);
    if (!p) return Fail(p.error());
    parent = *p;
  }
  if (auto ok = store::MoveBody(st->get(), *id, parent, kActor); !ok) return Fail(ok.error());
  std::fprintf(stderr, "已调整“%s”的上级机关。\n", Printable(c.body).c_str());
  return kExitClean;
}

int RunAlias(RegistryCommands& c) {
  auto st = Open(c);
  if (!st) return Fail(st.error());
  auto id = Body(st->get(), c.body);
  if (!id) return Fail(id.error());
  if (auto ok = store::AddRegistryAlias(st->get(), *id, c.alias_name, kActor); !ok) return Fail(ok.error());
  std::fprintf(stderr, "已为“%s”添加别名“%s”。\n", Printable(c.body).c_str(), Printable(c.alias_name).c_str());
  return kExitClean;
}

int RunSet(RegistryCommands& c) {
  auto st = Open(c);
  if (!st) return Fail(st.error());
  auto id = Body(st->get(), c.body);
  if (!id) return Fail(id.error());
  store::BodyEdit edit{c.category, c.deadline, c.code, c.region, std::nullopt};
  if (c.aggregates) {
    if (*c.aggregates != "是" && *c.aggregates != "否" && *c.aggregates != "yes" && *c.aggregates != "no") {
      return Fail(Error{ErrorCode::kInvalidArgument, "--aggregates 应为“是”或“否”", ""});
    }
    edit.aggregates = *c.aggregates == "是" || *c.aggregates == "yes";
  }
  if (auto ok = store::EditBody(st->get(), *id, edit, kActor); !ok) return Fail(ok.error());
  std::fprintf(stderr, "已修改“%s”。\n", Printable(c.body).c_str());
  return kExitClean;
}

int RunRemove(RegistryCommands& c) {
  auto st = Open(c);
  if (!st) return Fail(st.error());
  auto id = Body(st->get(), c.body);
  if (!id) return Fail(id.error());
  if (auto ok = store::RemoveBody(st->get(), *id, kActor); !ok) return Fail(ok.error());
  std::fprintf(stderr, "已将“%s”移出名录（报告保留，其下级改挂到它的上级）。\n", Printable(c.body).c_str());
  return kExitClean;
}

int RunUnmatched(RegistryCommands& c) {
  auto st = Open(c);
  if (!st) return Fail(st.error());
  auto list = store::UnmatchedBodies(st->get());
  if (!list) return Fail(list.error());
  if (c.json_out) {
    Print(DumpJson(*list, 2) + "\n");
    return kExitClean;
  }
  TextTable t({"编号", "报告中的机关名称", "地区", "报告数", "可能是"});
  t.AlignRight({0, 3});
  for (const auto& b : *list) {
    std::string hints;
    for (const auto& s : b["suggestions"]) hints += (hints.empty() ? "" : "、") + s["name"].get<std::string>() + "（" + Text(s["id"]) + "）";
    t.Add({Text(b["agency_id"]), Text(b["name"]), Text(b["region"]), Text(b["reports"]), hints.empty() ? "—" : hints});
  }
  Print(t.Render() + "共 " + std::to_string(list->size()) + " 个机关的报告未能对应名录；用 xxgk registry match 编号 名录机关 认领。\n");
  return kExitClean;
}

int RunMatch(RegistryCommands& c) {
  auto st = Open(c);
  if (!st) return Fail(st.error());
  int64_t from = 0;
  if (c.body.empty() || c.body.find_first_not_of("0123456789") != std::string::npos || c.body.size() > 17) {
    return Fail(Error{ErrorCode::kInvalidArgument, "请写 registry unmatched 列出的编号", ""});
  }
  from = std::stoll(c.body);
  auto to = Body(st->get(), c.to);
  if (!to) return Fail(to.error());
  if (auto ok = store::MatchBody(st->get(), from, *to, kActor); !ok) return Fail(ok.error());
  std::fprintf(stderr, "已认领：编号 %lld 的报告归入“%s”，今后同名报告自动归入。\n", static_cast<long long>(from), Printable(c.to).c_str());
  return kExitClean;
}

std::string Percent(const json& rate) {
  if (!rate.is_object()) return "—";
  if (!rate["value"].is_number()) return rate["reason"].is_string() ? "—（" + rate["reason"].get<std::string>() + "）" : "—";
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.1f%%（%lld/%lld）", rate["value"].get<double>() * 100,
                static_cast<long long>(rate["numerator"].get<int64_t>()), static_cast<long long>(rate["denominator"].get<int64_t>()));
  return buf;
}

Result<store::CoverageQuery> Query(store::Store* s, const RegistryCommands& c);

int RunCoverage(RegistryCommands& c) {
  auto st = Open(c);
  if (!st) return Fail(st.error());
  auto q = Query(st->get(), c);
  if (!q) return Fail(q.error());
  auto cov = store::Coverage(st->get(), *q);
  if (!cov) return Fail(cov.error());
  if (!c.out.empty()) {
    if (auto w = WriteCoverageXlsx(*cov, c.out); !w) return Fail(w.error());
    std::fprintf(stderr, "已写出 %s\n", Printable(c.out).c_str());
    return kExitClean;
  }
  if (c.json_out) {
    Print(DumpJson(*cov, 2) + "\n");
    return kExitClean;
  }
  const json& n = (*cov)["counts"];
  if (n["due"].get<int64_t>() == 0) {
    Print("名录为空或范围内没有机关：请先用 xxgk registry import 导入名录。\n");
    return kExitClean;
  }
  std::string out = std::to_string(c.year) + " 年度" + ((*cov)["under"].is_object() ? "（" + Text((*cov)["under"]["name"]) + "及下级）" : "") +
                    "：应发布 " + Text(n["due"]) + " 个，已发布 " + Text(n["published"]) + " 个（按时 " + Text(n["on_time"]) + "，逾期 " +
                    Text(n["late"]) + "，日期不详 " + Text(n["timing_unknown"]) + "），未发布 " + Text(n["missing"]) + " 个（已过期限 " +
                    Text(n["missing_overdue"]) + "），无法解析 " + Text(n["unreadable"]) + " 个，有错误 " + Text(n["with_errors"]) + " 个。\n";
  out += "发布率 " + Percent((*cov)["rates"]["published"]) + "，按时率 " + Percent((*cov)["rates"]["on_time"]) + "（发布日期可知的报告中）。\n";
  TextTable groups({"下级", "应发布", "已发布", "逾期", "未发布", "无法解析", "有错误"});
  groups.AlignRight({1, 2, 3, 4, 5, 6});
  for (const auto& g : (*cov)["groups"]) {
    const json& k = g["counts"];
    groups.Add({Text(g["name"]), Text(k["due"]), Text(k["published"]), Text(k["late"]), Text(k["missing"]), Text(k["unreadable"]),
                Text(k["with_errors"])});
  }
  out += groups.Render();
  TextTable list({"机关", "上级", "状态", "期限", "发布日期", "错误"});
  for (const auto& b : (*cov)["bodies"]) {
    if (b["status"] == "published_on_time") continue;  // the list is what needs attention
    list.Add({Text(b["name"]), Text(b["parent"]), Text(b["status_zh"]), Text(b["deadline"]), Text(b.value("published_date", json())),
              Text(b.value("errors", json()))});
  }
  if (!list.empty()) out += "\n需关注：\n" + list.Render();
  Print(out);
  return kExitClean;
}

// A pack by its built-in id or from a file.
Result<json> LoadPack(const std::string& name, const char* kind) {
  if (const json* p = store::FindPack(name); p && p->value("kind", "") == kind) return *p;
  auto text = ReadInput(name, 1u << 20);
  if (!text) {
    return MakeError(ErrorCode::kInvalidArgument, "没有名为“" + Printable(name) + "”的内置方案，也读不到这个文件",
                     std::string("内置方案：") + (std::string_view(kind) == "scoring" ? "statutory、example-city" : "indicators"));
  }
  auto pack = store::ParsePack(*text, kind);
  if (!pack) return MakeError(pack.error().code, BaseName(name) + "：" + pack.error().message);
  return pack;
}

// The query every supervision command shares: year, subtree, date.
Result<store::CoverageQuery> Query(store::Store* s, const RegistryCommands& c) {
  store::CoverageQuery q;
  q.year = c.year;
  q.today = c.date.empty() ? TodayIso() : c.date;
  if (q.today.size() != 10 || q.today[4] != '-' || q.today[7] != '-') {
    return MakeError(ErrorCode::kInvalidArgument, "--date 应为日期，如 2026-04-15");
  }
  if (!c.under.empty()) {
    auto id = Body(s, c.under);
    if (!id) return tl::unexpected(id.error());
    q.under = *id;
  }
  return q;
}

int RunIndicators(RegistryCommands& c) {
  auto st = Open(c);
  if (!st) return Fail(st.error());
  auto q = Query(st->get(), c);
  if (!q) return Fail(q.error());
  auto pack = LoadPack(c.indicators_pack.empty() ? "indicators" : c.indicators_pack, "indicators");
  if (!pack) return Fail(pack.error());
  auto ind = store::Indicators(st->get(), *q, *pack);
  if (!ind) return Fail(ind.error());
  if (c.json_out) {
    Print(DumpJson(*ind, 2) + "\n");
    return kExitClean;
  }
  TextTable t({"指标", std::to_string(c.year) + "年度", std::to_string(c.year - 1) + "年度", "档次"});
  for (const auto& i : (*ind)["indicators"]) {
    const char* tier = i["total"]["tier"] == "red" ? "红" : i["total"]["tier"] == "yellow" ? "黄" : "";
    t.Add({Text(i["name"]), Percent(i["total"]), Percent(i["previous"]), tier});
  }
  Print(t.Render());
  return kExitClean;
}

int RunScore(RegistryCommands& c) {
  auto st = Open(c);
  if (!st) return Fail(st.error());
  auto q = Query(st->get(), c);
  if (!q) return Fail(q.error());
  auto pack = LoadPack(c.pack, "scoring");
  if (!pack) return Fail(pack.error());
  auto ipack = LoadPack(c.indicators_pack.empty() ? "indicators" : c.indicators_pack, "indicators");
  if (!ipack) return Fail(ipack.error());
  auto ind = store::Indicators(st->get(), *q, *ipack);
  if (!ind) return Fail(ind.error());
  auto scores = store::Scores(st->get(), *q, *pack, *ind);
  if (!scores) return Fail(scores.error());
  if (c.json_out) {
    Print(DumpJson(*scores, 2) + "\n");
    return kExitClean;
  }
  std::string out = "评分方案：" + Text((*scores)["pack"]["name"]) + "\n";
  TextTable t({"名次", "机关", "得分", "扣分", "扣分事项"});
  t.AlignRight({0, 2, 3});
  for (const auto& b : (*scores)["bodies"]) {
    std::string why;
    for (const auto& item : b["items"]) why += (why.empty() ? "" : "；") + item["what"].get<std::string>() + " −" + Text(item["points"]);
    t.Add({Text(b["rank"]), Text(b["name"]), Text(b["score"]), Text(b["deducted"]), why.empty() ? "—" : why});
  }
  Print(out + t.Render());
  return kExitClean;
}

int RunRollup(RegistryCommands& c) {
  auto st = Open(c);
  if (!st) return Fail(st.error());
  std::optional<int64_t> parent;
  if (!c.to.empty()) {
    auto id = Body(st->get(), c.to);
    if (!id) return Fail(id.error());
    parent = *id;
  }
  auto list = store::RegistryRollup(st->get(), c.year, parent);
  if (!list) return Fail(list.error());
  if (!c.under.empty()) {  // the marked parents within a subtree
    auto id = Body(st->get(), c.under);
    if (!id) return Fail(id.error());
    auto below = store::Subtree(st->get(), *id);
    if (!below) return Fail(below.error());
    json mine = json::array();
    for (auto& p : *list) {
      if (std::find(below->begin(), below->end(), p["agency_id"].get<int64_t>()) != below->end()) mine.push_back(std::move(p));
    }
    *list = std::move(mine);
  }
  if (c.json_out) {
    Print(DumpJson(*list, 2) + "\n");
    return kExitClean;
  }
  if (list->empty()) {
    Print("名录中没有标为“汇总”的机关（导入名录时在“汇总”列填“是”，或用 --under 指定）。\n");
    return kExitClean;
  }
  std::string out;
  int exit = kExitClean;
  for (const auto& p : *list) {
    out += Text(p["name"]) + "：";
    if (p.contains("why")) {
      out += p["why"].get<std::string>() + "，未核对。\n";
      continue;
    }
    out += "核对 " + Text(p["cells_compared"]) + " 个单元格，" +
           (p["differences"].empty() ? std::string("本级数字与下级合计一致") : "不一致 " + std::to_string(p["differences"].size()) + " 处");
    if (!p["missing"].empty()) {
      std::string names;
      for (const auto& m : p["missing"]) names += (names.empty() ? "" : "、") + m.get<std::string>();
      out += "；下级中没有本年度报告的：" + names;
    }
    out += "。\n";
    if (p["differences"].empty()) continue;
    exit = kExitErrorFindings;
    TextTable t({"单元格", "本级", "下级合计", "相差"});
    t.AlignRight({1, 2, 3});
    for (const auto& d : p["differences"]) t.Add({Text(d["label"]), Text(d["parent"]), Text(d["children_sum"]), Text(d["difference"])});
    out += t.Render();
  }
  Print(out);
  return exit;
}

int RunNotice(RegistryCommands& c) {
  if (c.to_format != "html" && c.to_format != "docx" && c.to_format != "xlsx") {
    return Fail(Error{ErrorCode::kInvalidArgument, "--to 只能是 html、docx 或 xlsx", ""});
  }
  if (c.to_format != "html" && c.out.empty()) return Fail(Error{ErrorCode::kInvalidArgument, "Word 和 Excel 通报须用 --out 指定文件", ""});
  auto st = Open(c);
  if (!st) return Fail(st.error());
  auto q = Query(st->get(), c);
  if (!q) return Fail(q.error());
  NoticeOptions o;
  o.query = *q;
  o.issuer = c.issuer;
  auto pack = LoadPack(c.pack, "scoring");
  if (!pack) return Fail(pack.error());
  auto ipack = LoadPack(c.indicators_pack.empty() ? "indicators" : c.indicators_pack, "indicators");
  if (!ipack) return Fail(ipack.error());
  o.scoring_pack = std::move(*pack);
  o.indicators_pack = std::move(*ipack);
  auto data = NoticeData(st->get(), o);
  if (!data) return Fail(data.error());
  if (c.to_format == "xlsx") {
    if (auto w = WriteNoticeXlsx(*data, c.out); !w) return Fail(w.error());
    std::fprintf(stderr, "已写出 %s\n", Printable(c.out).c_str());
    return kExitClean;
  }
  std::string bytes;
  if (c.to_format == "docx") {
    auto d = NoticeDocx(*data);
    if (!d) return Fail(d.error());
    bytes = std::move(*d);
  } else {
    bytes = NoticeHtml(*data);
  }
  if (c.out.empty()) {
    Print(bytes);
    return kExitClean;
  }
  FILE* f = std::fopen(c.out.c_str(), "wb");
  if (!f) return Fail(Error{ErrorCode::kIoError, "无法写入 " + Printable(c.out) + "：" + WriteErrorText(errno), ""});
  const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  const int err = errno;
  if (std::fclose(f) != 0 || !ok) return Fail(Error{ErrorCode::kIoError, "无法写入 " + Printable(c.out) + "：" + WriteErrorText(err), ""});
  std::fprintf(stderr, "已写出 %s\n", Printable(c.out).c_str());
  return kExitClean;
}

}  // namespace

std::shared_ptr<RegistryCommands> RegisterRegistryCommands(CLI::App& app) {
  auto c = std::make_shared<RegistryCommands>();
  auto db = [&](CLI::App* cmd) {
    cmd->add_option("--db", c->db, "Store URL: sqlite:FILE (default sqlite:xxgk.db, or $XXGK_DB) or postgresql://…");
  };
  c->registry = app.add_subcommand("registry", "The registry of bodies that must report: import, list, show, set, move, alias, remove, unmatched, match.");
  c->registry->require_subcommand(1);
  c->import = c->registry->add_subcommand("import", "Import a registry (CSV or XLSX: 名称, 别名, 上级机关, 类别, 行政区划代码, 地区, 发布期限).");
  c->import->add_option("file", c->file, "The registry file")->required();
  c->import->add_flag("--replace", c->replace, "Registered bodies absent from the file leave the registry (default: merge)");
  c->import->add_flag("--dry-run", c->dry_run, "Show what would be added, changed and removed; change nothing");
  c->import->add_flag("--json", c->json_out, "The plan as JSON");
  db(c->import);
  c->list = c->registry->add_subcommand("list", "The registry as a tree.");
  c->list->add_option("--under", c->under, "Only this body and those below it (name or number)");
  c->list->add_flag("--json", c->json_out, "As JSON");
  db(c->list);
  c->show = c->registry->add_subcommand("show", "One registered body: category, parent, region, deadline, aliases.");
  c->show->add_option("body", c->body, "Name or number")->required();
  c->show->add_flag("--json", c->json_out, "As JSON");
  db(c->show);
  c->move = c->registry->add_subcommand("move", "Move a body under another parent.");
  c->move->add_option("body", c->body, "Name or number")->required();
  c->move->add_option("--to", c->to, "The new parent (name or number)");
  c->move->add_flag("--top", c->top, "Move to the top (no parent)");
  db(c->move);
  c->alias = c->registry->add_subcommand("alias", "Add another name of a registered body; reports filed under it move to the body.");
  c->alias->add_option("body", c->body, "Name or number")->required();
  c->alias->add_option("alias", c->alias_name, "The other name")->required();
  db(c->alias);
  c->set = c->registry->add_subcommand("set", "Change a registered body's category, deadline, 汇总, division code or region.");
  c->set->add_option("body", c->body, "Name or number")->required();
  c->set->add_option("--category", c->category, "本级政府, 部门, 乡镇街道 or 其他");
  c->set->add_option("--deadline", c->deadline, "Its own deadline (e.g. 3月31日, of the year after the report's); \"\" for the statute");
  c->set->add_option("--aggregates", c->aggregates, "是 or 否: its report sums the bodies directly below it (层级汇总)");
  c->set->add_option("--code", c->code, "行政区划代码");
  c->set->add_option("--region", c->region, "地区");
  db(c->set);
  c->remove = c->registry->add_subcommand("remove", "Take a body out of the registry (its reports stay; the bodies below move up).");
  c->remove->add_option("body", c->body, "Name or number")->required();
  db(c->remove);
  c->unmatched = c->registry->add_subcommand("unmatched", "Bodies with reports that match no registered body, with suggestions.");
  c->unmatched->add_flag("--json", c->json_out, "As JSON");
  db(c->unmatched);
  c->match = c->registry->add_subcommand("match", "Match an unmatched body (its number) to a registered one; remembered as an alias.");
  c->match->add_option("number", c->body, "The number `registry unmatched` shows")->required();
  c->match->add_option("body", c->to, "The registered body (name or number)")->required();
  db(c->match);
  c->coverage = app.add_subcommand("coverage", "Who has published a year: due, published (on time, late), missing, unreadable.");
  c->coverage->add_option("--year", c->year, "The report year")->required()->check(CLI::Range(2000, 2100));
  c->coverage->add_option("--under", c->under, "A registered body: it and those below it (name or number)");
  c->coverage->add_flag("--json", c->json_out, "As JSON");
  c->coverage->add_option("--date", c->date, "The date the deadlines are judged on (default today), e.g. 2026-04-15");
  c->coverage->add_option("--xlsx", c->out, "Write the coverage as an Excel workbook to this file");
  db(c->coverage);
  auto supervision = [&](CLI::App* cmd) {
    cmd->add_option("--year", c->year, "The report year")->required()->check(CLI::Range(2000, 2100));
    cmd->add_option("--under", c->under, "A registered body: it and those below it (name or number)");
    cmd->add_option("--date", c->date, "The date the deadlines are judged on (default today), e.g. 2026-04-15");
    cmd->add_option("--indicators", c->indicators_pack, "Indicator definitions: a built-in id or a JSON file (default: indicators)");
    db(cmd);
  };
  c->indicators = app.add_subcommand("indicators", "Indicators of a year (实质公开率 …) against the previous year, with numerators and denominators.");
  supervision(c->indicators);
  c->indicators->add_flag("--json", c->json_out, "As JSON (each body's value and cells)");
  c->score = app.add_subcommand("score", "Score and rank the registered bodies of a year with a scoring pack.");
  supervision(c->score);
  c->score->add_option("--pack", c->pack, "Scoring pack: statutory (default), example-city, or a JSON file");
  c->score->add_flag("--json", c->json_out, "As JSON (every deduction with its reason)");
  c->rollup = app.add_subcommand("rollup", "层级汇总: each aggregating parent's tables against the sum of its direct children's, cell by cell.");
  c->rollup->add_option("--year", c->year, "The report year")->required()->check(CLI::Range(2000, 2100));
  c->rollup->add_option("--under", c->under, "Only the parents marked 汇总 in this body's subtree (name or number)");
  c->rollup->add_option("--parent", c->to, "Only this parent (name or number), marked or not");
  c->rollup->add_flag("--json", c->json_out, "As JSON");
  db(c->rollup);
  c->notice = app.add_subcommand("notice", "Render the annual notice (通报): coverage, late and missing bodies, ranking, problems, indicators, open items.");
  supervision(c->notice);
  c->notice->add_option("--pack", c->pack, "Scoring pack: statutory (default), example-city, or a JSON file");
  c->notice->add_option("--to", c->to_format, "html (default), docx or xlsx");
  c->notice->add_option("--out", c->out, "The file to write (HTML goes to standard output without it)");
  c->notice->add_option("--issuer", c->issuer, "The issuing office, e.g. 某市人民政府办公室");
  return c;
}

std::optional<int> RunRegistryCommands(RegistryCommands& c) {
  if (*c.coverage) return RunCoverage(c);
  if (*c.indicators) return RunIndicators(c);
  if (*c.score) return RunScore(c);
  if (*c.notice) return RunNotice(c);
  if (*c.rollup) return RunRollup(c);
  if (!*c.registry) return std::nullopt;
  if (*c.import) return RunImport(c);
  if (*c.list) return RunList(c);
  if (*c.show) return RunShow(c);
  if (*c.move) return RunMove(c);
  if (*c.alias) return RunAlias(c);
  if (*c.unmatched) return RunUnmatched(c);
  if (*c.set) return RunSet(c);
  if (*c.remove) return RunRemove(c);
  if (*c.match) return RunMatch(c);
  return std::nullopt;
}

}  // namespace xxgk::cli
