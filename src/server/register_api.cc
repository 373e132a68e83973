// The office's register of 依申请公开 applications (src/ledger, store/applications.h), for one body at a
// time (?body=ID): an officer reads and writes its own body's, the administrator any body's, a reviewer reads
// those in its scope (to check a published table 3 against the register) and writes none.
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/utf8.h"
#include "ingest/table_file.h"
#include "ledger/draft.h"
#include "ledger/ledger_json.h"
#include "server/api.h"
#include "store/applications.h"
#include "store/queries.h"

namespace xxgk::server {
namespace {

using nlohmann::json;

std::optional<double> Count(const json& j, const char* key, bool* bad) {
  if (!j.contains(key) || j[key].is_null() || (j[key].is_string() && j[key].get<std::string>().empty())) return std::nullopt;
  double v = -1;
  if (j[key].is_number()) v = j[key].get<double>();
  else if (j[key].is_string()) v = std::strtod(j[key].get<std::string>().c_str(), nullptr);
  if (!(v >= 0 && v < 1e12)) *bad = true;
  return v;
}

// POST /api/register/import: read the ledger, and with ?dry_run=1 answer the preview (the columns read, the
// first rows, every error by row and column, what would change); otherwise import it whole, or 422 with the
// errors and nothing written. `body` 0: a body not yet in the store (a preview only).
ApiResponse ImportLedger(const ApiRequest& r, store::Store* s, int64_t body, const std::string& agency, const std::string& actor) {
  const std::string name = ToValidUtf8(r.files.empty() ? (r.Param("name").empty() ? "台账" : r.Param("name")) : r.files[0].filename);
  const std::string& bytes = r.files.empty() ? r.body : r.files[0].content;
  if (bytes.empty()) return ErrorResponse(400, "invalid_argument", "没有收到台账文件（Excel 或 CSV）");
  const std::string mode_text = r.Param("mode").empty() ? "merge" : r.Param("mode");
  if (mode_text != "merge" && mode_text != "replace") return ErrorResponse(400, "invalid_argument", "导入方式只能是合并或替换");
  ledger::ColumnMapping mapping;
  if (!r.Param("mapping").empty()) {
    const json m = json::parse(r.Param("mapping"), nullptr, false);
    auto parsed = m.is_discarded() ? Result<ledger::ColumnMapping>(MakeError(ErrorCode::kInvalidArgument, "mapping 不是 JSON"))
                                   : ledger::MappingFromJson(m);
    if (!parsed) return ErrorResponse(400, "invalid_argument", parsed.error().message);
    mapping = *parsed;
  } else {
    auto saved = store::LoadMapping(s, body);
    if (!saved) return FromError(saved.error());
    mapping = *saved;
  }
  auto rows = ReadTableRows(bytes, name);
  if (!rows) return FromError(rows.error());
  const ledger::LedgerImport read = ledger::ReadLedger(*rows, mapping);
  json errors = json::array();
  for (const auto& e : read.errors) errors.push_back({{"row", e.row}, {"column", e.column}, {"message", e.message}, {"text", ledger::ImportErrorText(e)}});
  json preview = json::array();
  for (size_t i = 0; i < read.apps.size() && i < 20; ++i) preview.push_back(ledger::ApplicationJson(read.apps[i]));
  json out = {{"file", name},
              {"agency", agency},
              {"header_row", read.header_row},
              {"mapping", ledger::MappingJson(read.mapping)},
              {"unused_columns", read.unused_columns},
              {"blank_rows", read.blank_rows},
              {"applications", read.apps.size()},
              {"preview", preview},
              {"errors", errors},
              {"imported", false}};
  json fields = json::array();
  for (int f = 0; f < static_cast<int>(ledger::Field::kCount); ++f) {
    fields.push_back({{"key", ledger::FieldKey(static_cast<ledger::Field>(f))}, {"label", ledger::FieldChinese(static_cast<ledger::Field>(f))}});
  }
  out["fields"] = fields;
  if (!read.errors.empty()) return JsonResponse(out, r.Param("dry_run") == "1" ? 200 : 422);
  const auto mode = mode_text == "replace" ? store::LedgerMode::kReplace : store::LedgerMode::kMerge;
  const bool dry = r.Param("dry_run") == "1";
  auto summary = dry ? store::PlanApplications(s, body, read.apps, mode)
                     : store::ImportApplications(s, body, read.apps, mode, read.mapping, actor, name);
  if (!summary) return FromError(summary.error());
  out["summary"] = {{"added", summary->added}, {"updated", summary->updated}, {"unchanged", summary->unchanged}, {"removed", summary->removed}};
  out["imported"] = !dry;
  out["body"] = body;
  out["agency"] = agency;
  return JsonResponse(out);
}

}  // namespace

ApiResponse Api::Register(const ApiRequest& r, const Caller& c) {
  const std::string actor = c.session ? c.session->account.name : "单用户";
  const bool reviewer = c.accounts && c.session && c.session->account.role == store::Role::kReviewer;
  auto lease = pool_.Acquire();
  if (!lease) return FromError(lease.error());
  store::Store* s = lease->get();
  const std::string& p = r.path;
  const bool get = r.method == "GET", post = r.method == "POST";

  // The bodies whose register the caller may open: an officer's own; others, every body with a register
  // (in scope).
  if (p == "/api/register/bodies" && get) {
    auto bodies = store::RegisterBodies(s);
    if (!bodies) return FromError(bodies.error());
    json out = json::array();
    const auto scope = c.Scope();
    for (auto& b : *bodies) {
      if (InScope(scope, {{"agency_id", b["id"]}, {"region", b["region"].is_string() ? b["region"] : json("")}})) out.push_back(std::move(b));
    }
    json mine = nullptr;
    if (c.session && c.session->account.agency_id) {
      mine = {{"id", *c.session->account.agency_id}, {"name", c.session->account.agency_name}};
    }
    return JsonResponse({{"bodies", out}, {"own", mine}, {"can_write", !reviewer}});
  }

  // Every other endpoint is about one body.
  int64_t body = 0;
  if (!r.Param("body_name").empty() && post && p == "/api/register/import" && c.Admin()) {
    // The administrator (or the single user) starts the register of a body by its name.
    // A preview creates nothing: a body not yet known is one with an empty register.
    const std::string name = ToValidUtf8(r.Param("body_name"));
    if (name.size() < 6 || name.size() > 200) return ErrorResponse(400, "invalid_argument", "请填写机关全称");
    if (r.Param("dry_run") == "1") {
      auto id = s->LookupAgency(name);
      if (!id) return FromError(id.error());
      body = id->value_or(0);
    } else {
      auto id = s->ResolveAgency(name);
      if (!id) return FromError(id.error());
      body = *id;
    }
    if (body == 0) return ImportLedger(r, s, 0, name, actor);
  } else if (!ParseInt(r.Param("body"), &body) || body <= 0) {
    if (c.session && c.session->account.agency_id && r.Param("body").empty()) body = *c.session->account.agency_id;
    else return ErrorResponse(400, "invalid_argument", "请用 body 参数指定机关编号");
  }
  auto info = store::AgencyInfo(s, body);
  if (!info) return FromError(info.error());
  if (!*info) return ErrorResponse(404, "not_found", "没有编号为 " + std::to_string(body) + " 的机关");
  const json& region = (**info)["region"];
  if (!InScope(c.Scope(), {{"agency_id", body}, {"region", region.is_string() ? region.get<std::string>() : ""}})) return OutOfScope();
  if (post && reviewer) return ErrorResponse(403, "forbidden", "审核人只能查看台账，不能修改");
  const std::string agency = (**info)["name"].is_string() ? (**info)["name"].get<std::string>() : "";
  const std::string today = r.Param("date").empty() ? TodayIso() : r.Param("date");
  if (!r.Param("date").empty() && !ledger::ParseLooseDate(today)) return ErrorResponse(400, "invalid_argument", "date 应为日期，如 2025-12-31");
  int year = 0;
  const bool has_year = !r.Param("year").empty();
  if (has_year && !ParseYear(r.Param("year"), &year)) return ErrorResponse(400, "invalid_argument", "year 应为 2000–2100 的年份");
  auto need_year = [&]() -> std::optional<ApiResponse> {
    if (!has_year) return ErrorResponse(400, "invalid_argument", "请用 year 参数指定年度");
    return std::nullopt;
  };

  if (p == "/api/register/applications" && get) {
    auto apps = store::LoadApplications(s, body);
    if (!apps) return FromError(apps.error());
    json list = json::array();
    for (const auto& a : *apps) list.push_back(ledger::ApplicationJson(a));
    return JsonResponse({{"agency", agency}, {"applications", list}});
  }
  if (p == "/api/register/applications" && post) {
    const json j = json::parse(r.body, nullptr, false);
    auto app = ledger::ApplicationFromJson(j);
    if (!app) return ErrorResponse(400, "invalid_argument", app.error().message);
    app->source_row = 0;
    auto id = store::SaveApplication(s, body, *app, actor);
    if (!id) return FromError(id.error());
    return JsonResponse({{"id", *id}}, app->id ? 200 : 201);
  }
  if (p.rfind("/api/register/applications/", 0) == 0 && p.size() > 34 && p.ends_with("/delete")) {
    int64_t id = 0;
    if (!ParseInt(p.substr(27, p.size() - 27 - 7), &id)) return ErrorResponse(404, "not_found", "没有这个接口");
    if (!post) return ErrorResponse(405, "method_not_allowed", "请用 POST 删除");
    auto gone = store::DeleteApplication(s, body, id, actor);
    if (!gone) return FromError(gone.error());
    if (!*gone) return ErrorResponse(404, "not_found", "本机关台账中没有这件申请");
    return JsonResponse({{"ok", true}});
  }
  if (p == "/api/register/import") {
    if (!post) return ErrorResponse(405, "method_not_allowed", "请用 POST 上传台账");
    return ImportLedger(r, s, body, agency, actor);
  }
  if (p == "/api/register/due" && get) {
    auto apps = store::LoadApplications(s, body);
    if (!apps) return FromError(apps.error());
    ledger::DueList d = ledger::ComputeDueList(*apps, today);
    const ledger::FeeReview fees = ledger::ReviewFees(*apps);
    json out = ledger::DueListJson(d, today, r.Param("all") != "1");
    for (const auto& f : fees.findings) out["findings"].push_back(ledger::FindingJson(f));
    out["agency"] = agency;
    out["fees_charged_yuan"] = fees.total_charged;
    return JsonResponse(out);
  }
  if (p == "/api/register/tables" && get) {
    if (auto bad = need_year()) return *bad;
    auto t = store::LedgerTablesOf(s, body, year);
    if (!t) return FromError(t.error());
    json out = ledger::TablesJson(*t, r.Param("members") == "1");
    out["agency"] = agency;
    return JsonResponse(out);
  }
  if (p == "/api/register/draft" && get) {
    if (auto bad = need_year()) return *bad;
    RenderFormat format;
    if (!ParseRenderFormat(r.Param("to").empty() ? "docx" : r.Param("to"), &format)) {
      return ErrorResponse(400, "invalid_argument", "to 只能是 md、html、docx 或 txt");
    }
    const std::string signed_date = r.Param("signed");
    if (!signed_date.empty() && !ledger::ParseLooseDate(signed_date)) return ErrorResponse(400, "invalid_argument", "signed 应为日期");
    auto t = store::LedgerTablesOf(s, body, year);
    if (!t) return FromError(t.error());
    return RenderedResponse(ledger::DraftReport(*t, agency, signed_date.empty() ? "" : *ledger::ParseLooseDate(signed_date)), format);
  }
  if (p == "/api/register/check" && get) {
    if (auto bad = need_year()) return *bad;
    auto t = store::LedgerTablesOf(s, body, year);
    if (!t) return FromError(t.error());
    auto published = store::CurrentReport(s, body, year);
    if (!published) return FromError(published.error());
    if (!*published) return ErrorResponse(404, "not_found", "库中没有“" + agency + "”" + std::to_string(year) + " 年度的报告");
    auto d = ledger::CrossCheck(*t, **published);
    if (!d) return ErrorResponse(400, "invalid_argument", d.error().message);
    json findings = json::array();
    for (const auto& f : ledger::DisagreementFindings(*d)) findings.push_back(ledger::FindingJson(f));
    return JsonResponse({{"agency", agency}, {"year", year}, {"disagreements", ledger::DisagreementsJson(*d)}, {"findings", findings},
                         {"problems", t->problems}});
  }
  if (p == "/api/register/regulations") {
    if (get) {
      auto regs = store::LoadRegulations(s, body);
      if (!regs) return FromError(regs.error());
      json list = json::array();
      for (const auto& g : *regs) {
        list.push_back({{"rule", g.rule}, {"title", g.title}, {"number", g.number}, {"issued", g.issued}, {"repealed", g.repealed}});
      }
      return JsonResponse({{"regulations", list}});
    }
    const std::string& bytes = r.files.empty() ? r.body : r.files[0].content;
    if (bytes.empty()) return ErrorResponse(400, "invalid_argument", "没有收到文件");
    auto rows = ReadTableRows(bytes, r.files.empty() ? "规章和规范性文件" : ToValidUtf8(r.files[0].filename));
    if (!rows) return FromError(rows.error());
    const ledger::RegulationImport read = ledger::ReadRegulations(*rows);
    if (!read.errors.empty()) {
      json errors = json::array();
      for (const auto& e : read.errors) errors.push_back(ledger::ImportErrorText(e));
      return JsonResponse({{"error", {{"status", 422}, {"code", "invalid_argument"}, {"message", "文件有无法读取的行，未导入"}}}, {"errors", errors}}, 422);
    }
    if (auto ok = store::ReplaceRegulations(s, body, read.regulations, actor); !ok) return FromError(ok.error());
    return JsonResponse({{"imported", read.regulations.size()}});
  }
  if (p == "/api/register/counts") {
    if (auto bad = need_year()) return *bad;
    if (get) {
      auto n = store::LoadAnnualCounts(s, body, year);
      if (!n) return FromError(n.error());
      auto v = [](const std::optional<double>& x) { return x ? json(*x) : json(); };
      return JsonResponse({{"year", year}, {"licenses", v(n->licenses)}, {"penalties", v(n->penalties)}, {"coercions", v(n->coercions)},
                           {"fees_wan", v(n->fees_wan)}});
    }
    const json j = json::parse(r.body, nullptr, false);
    if (!j.is_object()) return ErrorResponse(400, "invalid_argument", "请提交 JSON 对象");
    bool bad = false;
    ledger::AnnualCounts n{Count(j, "licenses", &bad), Count(j, "penalties", &bad), Count(j, "coercions", &bad), Count(j, "fees_wan", &bad)};
    if (bad) return ErrorResponse(400, "invalid_argument", "数量和金额应为非负数");
    if (auto ok = store::SaveAnnualCounts(s, body, year, n, actor); !ok) return FromError(ok.error());
    return JsonResponse({{"ok", true}});
  }
  if (p == "/api/register/mapping" && get) {
    auto m = store::LoadMapping(s, body);
    if (!m) return FromError(m.error());
    return JsonResponse({{"mapping", ledger::MappingJson(*m)}});
  }
  if (!get && !post) return ErrorResponse(405, "method_not_allowed", "只支持 GET 和 POST");
  return ErrorResponse(404, "not_found", "没有这个接口");
}

}  // namespace xxgk::server
